-- A visit may continue an earlier one (the second visit after an unresolved one). Jobs written
-- before this continued none.
ALTER TABLE jobs ADD COLUMN previous_visit TEXT;
CREATE INDEX jobs_by_previous_visit ON jobs (previous_visit);
