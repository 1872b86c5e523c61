-- HQ marks a visit whose device times cannot be right (ahead of when HQ received them, or
-- before the job existed); the laptop keeps the mark so its own figures leave the visit out too.
ALTER TABLE jobs ADD COLUMN clock_suspect INTEGER NOT NULL DEFAULT 0;
