-- Report edits (a field, a checklist item, a rating, the survey comment) made over a value that
-- changed meanwhile (another laptop of the engineer got there first): HQ kept its value; the
-- engineer's is here, beside it, for the dispatcher and the engineer to see. `theirs` and
-- `kept` are JSON strings, the values as text.
CREATE TABLE report_conflicts (
    id          {{row_id}},
    at          BIGINT NOT NULL,
    engineer_id TEXT NOT NULL,
    client_id   TEXT NOT NULL,
    mutation_id BIGINT NOT NULL,
    job_id      TEXT NOT NULL,
    field       TEXT NOT NULL,
    theirs      TEXT NOT NULL,
    kept        TEXT NOT NULL
);
CREATE INDEX report_conflicts_by_job ON report_conflicts (job_id);
