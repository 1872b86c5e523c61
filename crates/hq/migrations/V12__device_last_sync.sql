-- What the console shows of each laptop: when it last synced (to the minute) and the Outpost
-- version it said it runs then. Null for laptops that have not synced since.
ALTER TABLE devices ADD COLUMN last_sync_at BIGINT;
ALTER TABLE devices ADD COLUMN app_version TEXT;
