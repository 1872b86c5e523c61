-- What an event says, as facts each language words itself (`EventNote` as JSON); events written
-- before this keep their English note only.
ALTER TABLE job_events ADD COLUMN said TEXT;
