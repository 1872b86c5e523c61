-- Parts requests (补件申请) made on this laptop or answered by HQ, as JSON (PartsRequest).
CREATE TABLE parts_requests (
    id           TEXT PRIMARY KEY,
    job_id       TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    requested_at INTEGER NOT NULL,
    body         TEXT NOT NULL
) STRICT;
CREATE INDEX parts_requests_by_job ON parts_requests(job_id, requested_at);
