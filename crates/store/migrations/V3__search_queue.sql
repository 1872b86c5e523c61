-- The search backlog holds jobs as well as reports now: a sync download of thousands of jobs
-- is applied at once and indexed in the background.
CREATE TABLE search_queue (
    kind   TEXT NOT NULL CHECK (kind IN ('job', 'report')),
    ref_id TEXT NOT NULL,
    PRIMARY KEY (kind, ref_id)
) STRICT;
INSERT INTO search_queue (kind, ref_id) SELECT 'report', job_id FROM search_backlog;
DROP TABLE search_backlog;
