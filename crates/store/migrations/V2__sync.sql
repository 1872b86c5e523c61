-- Sync downloads: pages are staged here as they arrive and applied to the domain tables all
-- at once when the download reaches HQ's checkpoint, with the new cursor, in one transaction.
CREATE TABLE sync_staging (
    position INTEGER PRIMARY KEY,
    delta    TEXT NOT NULL
) STRICT;

-- Jobs HQ took away (reassigned, cancelled) that still have local changes to upload; they are
-- removed once those changes are acknowledged.
CREATE TABLE pending_removals (
    job_id TEXT PRIMARY KEY
) STRICT;
