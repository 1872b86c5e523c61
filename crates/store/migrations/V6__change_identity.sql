-- Change identity that survives a restored or copied data folder. Each change keeps a digest
-- made once when it was saved; HQ keeps it with the change's number, so it can tell a retry
-- from another change under a number it has seen. Changes saved before this have none (their
-- digest is made from their content when sent).
ALTER TABLE outbox ADD COLUMN digest TEXT;

-- Files that could not be sent: missing from the blobs folder, or no longer matching their
-- hash. Set aside (out of the upload queue) so they never block the rest; each names the job
-- whose report needs it and what to do. A report whose signature image is here needs the
-- customer to sign again.
CREATE TABLE set_aside_files (
    sha256   TEXT PRIMARY KEY,
    problem  TEXT NOT NULL CHECK (problem IN ('missing', 'damaged')),
    job_id   TEXT,
    usage    TEXT NOT NULL CHECK (usage IN ('signature', 'trainee_signature', 'file')),
    found_at INTEGER NOT NULL
) STRICT;
