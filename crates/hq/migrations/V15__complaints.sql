-- The register of complaints (投诉登记). `stage` (received, handling, closed) and `reply_due`
-- (received + 24 h, in nanoseconds since the epoch) are what the overdue list filters on; the
-- complaint itself, with its handling record, compensation and closure, is `body`.
CREATE TABLE complaints (
    id          TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL,
    reply_due   BIGINT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    job_id      TEXT REFERENCES jobs(id),
    engineer_id TEXT,
    stage       TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX complaints_by_time ON complaints (received_at);
CREATE INDEX complaints_by_job ON complaints (job_id);
CREATE INDEX complaints_by_stage ON complaints (stage, reply_due);
