-- The pull log is compacted as it is written: each entry names its record, and a new entry for
-- a record replaces the scope's earlier one. Entries written before this have none and stay.
ALTER TABLE change_log ADD COLUMN record_key TEXT;
CREATE INDEX change_log_by_record ON change_log (scope, record_key);
