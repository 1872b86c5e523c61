-- A conflict the dispatcher settled: when, who, and which value was kept (`hq` or `engineer`).
ALTER TABLE conflicts ADD COLUMN settled_at BIGINT;
ALTER TABLE conflicts ADD COLUMN settled_by TEXT;
ALTER TABLE conflicts ADD COLUMN settled_keep TEXT;
ALTER TABLE report_conflicts ADD COLUMN settled_at BIGINT;
ALTER TABLE report_conflicts ADD COLUMN settled_by TEXT;
ALTER TABLE report_conflicts ADD COLUMN settled_keep TEXT;
