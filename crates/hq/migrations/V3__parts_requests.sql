-- Parts requests (补件申请) sent from jobs, as JSON (PartsRequest); state and requested_at are
-- copied out for the dispatcher's list.
CREATE TABLE parts_requests (
    id           TEXT PRIMARY KEY,
    job_id       TEXT NOT NULL REFERENCES jobs(id),
    state        TEXT NOT NULL,
    requested_at BIGINT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX parts_requests_by_job ON parts_requests (job_id);
CREATE INDEX parts_requests_by_state ON parts_requests (state, requested_at);
