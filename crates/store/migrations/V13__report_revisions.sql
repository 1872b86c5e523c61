-- Signed revisions of a report superseded by a correction, kept as they were signed (their
-- receipts stay verifiable). The current revision stays in `reports`.
CREATE TABLE report_revisions (
    job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    body        TEXT NOT NULL,
    reason      TEXT NOT NULL,
    reopened_at INTEGER NOT NULL,
    PRIMARY KEY (job_id, revision)
) STRICT;
