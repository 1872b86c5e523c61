-- Signed revisions of a report superseded by a correction, kept as they were signed: their
-- printed receipts still verify. The current revision stays in `reports`.
CREATE TABLE report_revisions (
    job_id         TEXT NOT NULL REFERENCES jobs(id),
    revision       INTEGER NOT NULL,
    content_sha256 TEXT,
    body           TEXT NOT NULL,
    PRIMARY KEY (job_id, revision)
);
CREATE INDEX report_revisions_by_hash ON report_revisions (content_sha256);
