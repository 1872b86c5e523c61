-- Who fitted a part line and when HQ received it: what the console's van stock counts as used
-- since the van's last count. Null for lines from before, which no count then reads as used.
ALTER TABLE part_lines ADD COLUMN engineer_id TEXT REFERENCES engineers(id);
ALTER TABLE part_lines ADD COLUMN added_at BIGINT;
CREATE INDEX part_lines_by_engineer ON part_lines (engineer_id, added_at);
