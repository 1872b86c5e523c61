-- The customer's complaints about this laptop's jobs (投诉), as HQ registered and handled them,
-- as JSON (Complaint). Read only here: HQ sends each one with its job.
CREATE TABLE complaints (
    id          TEXT PRIMARY KEY,
    job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    received_at INTEGER NOT NULL,
    body        TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_by_job ON complaints(job_id, received_at);
