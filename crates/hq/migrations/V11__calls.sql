-- The register of calls and letters (来电来函登记): every call HQ took, whether it became a job
-- or was answered there and then. `received_at` in nanoseconds since the epoch.
CREATE TABLE calls (
    id          TEXT PRIMARY KEY,
    received_at BIGINT NOT NULL,
    customer_id TEXT REFERENCES customers(id),
    job_id      TEXT REFERENCES jobs(id),
    body        TEXT NOT NULL
);
CREATE INDEX calls_by_time ON calls (received_at);
CREATE INDEX calls_by_customer ON calls (customer_id);

-- What a caller is found by as the dispatcher types: each contact's phone as its digits, and the
-- equipment's serial lower-cased. HQ fills the rows from before at its next start.
ALTER TABLE customers ADD COLUMN phones TEXT;
ALTER TABLE equipment ADD COLUMN serial TEXT;
