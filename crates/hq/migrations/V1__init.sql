-- outpost-hq schema 1, one source for SQLite and PostgreSQL: where the engines differ, a
-- placeholder names the difference and `db/schema.rs` fills it in per backend (bytes, row_id).
-- Times are UTC nanoseconds (BIGINT); domain records are JSON text in `body`.

CREATE TABLE hq_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE engineers (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE enrollment_codes (
    code_hash   TEXT PRIMARY KEY,
    engineer_id TEXT NOT NULL REFERENCES engineers(id),
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE TABLE devices (
    client_id        TEXT PRIMARY KEY,
    engineer_id      TEXT NOT NULL REFERENCES engineers(id),
    name             TEXT NOT NULL,
    token_hash       TEXT NOT NULL UNIQUE,
    last_mutation_id BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL,
    revoked_at       BIGINT
);

CREATE TABLE dispatcher_tokens (
    token_hash TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);

CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE sites (id TEXT PRIMARY KEY, customer_id TEXT NOT NULL REFERENCES customers(id), body TEXT NOT NULL);
CREATE TABLE equipment (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    site_id     TEXT NOT NULL REFERENCES sites(id),
    body        TEXT NOT NULL
);
CREATE TABLE parts (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, body TEXT NOT NULL);

CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    engineer_id  TEXT REFERENCES engineers(id),
    customer_id  TEXT NOT NULL REFERENCES customers(id),
    site_id      TEXT NOT NULL REFERENCES sites(id),
    equipment_id TEXT REFERENCES equipment(id),
    status       TEXT NOT NULL,
    scheduled_on TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX jobs_by_engineer ON jobs (engineer_id, scheduled_on);
CREATE INDEX jobs_by_customer ON jobs (customer_id);
CREATE INDEX jobs_by_site ON jobs (site_id);
CREATE INDEX jobs_by_equipment ON jobs (equipment_id);

CREATE TABLE job_events (
    job_id   TEXT NOT NULL REFERENCES jobs(id),
    position BIGINT NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (job_id, position)
);

-- `waiting_for` names a signature image HQ has not received yet.
CREATE TABLE reports (
    job_id      TEXT PRIMARY KEY REFERENCES jobs(id),
    revision    BIGINT NOT NULL,
    signed      BIGINT NOT NULL DEFAULT 0,
    waiting_for TEXT,
    -- The SHA-256 a signature was given over, for verifying a printed receipt.
    content_sha256 TEXT,
    body        TEXT NOT NULL
);
CREATE INDEX reports_by_hash ON reports (content_sha256);

CREATE TABLE part_lines (id TEXT PRIMARY KEY, job_id TEXT NOT NULL REFERENCES jobs(id), body TEXT NOT NULL);
CREATE INDEX part_lines_by_job ON part_lines (job_id);

-- `owner` is the engineer whose laptop uploaded it; only they (and dispatchers) may read it.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    size       BIGINT NOT NULL,
    bytes      {{bytes}} NOT NULL,
    created_at BIGINT NOT NULL
);

-- The pull log: per scope (an engineer's id, or 'catalogue' for what every laptop gets), a
-- sequence that rises by one under a row lock, so readers never skip an uncommitted entry.
CREATE TABLE scopes (scope TEXT PRIMARY KEY, last_seq BIGINT NOT NULL);
CREATE TABLE change_log (
    scope TEXT NOT NULL,
    seq   BIGINT NOT NULL,
    delta TEXT NOT NULL,
    PRIMARY KEY (scope, seq)
);

-- The digest of the latest version of each record in each scope: a record identical to the
-- one a laptop already has is not appended again (a customer with many jobs goes down once).
CREATE TABLE scope_records (
    scope      TEXT NOT NULL,
    record_key TEXT NOT NULL,
    digest     TEXT NOT NULL,
    PRIMARY KEY (scope, record_key)
);

CREATE TABLE job_numbers (prefix TEXT PRIMARY KEY, last BIGINT NOT NULL);

-- Every accepted or refused change, append-only.
CREATE TABLE audit_log (
    id          {{row_id}},
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL,
    client_id   TEXT,
    mutation_id BIGINT,
    job_id      TEXT,
    kind        TEXT NOT NULL,
    field       TEXT,
    old_value   TEXT,
    new_value   TEXT,
    outcome     TEXT NOT NULL,
    reason      TEXT
);
CREATE INDEX audit_by_job ON audit_log (job_id);

-- Edits of shared fields (customer contacts) made on a stale version: HQ kept its value; the
-- engineer's is here for the dispatcher to settle.
CREATE TABLE conflicts (
    id          {{row_id}},
    at          BIGINT NOT NULL,
    engineer_id TEXT NOT NULL,
    client_id   TEXT NOT NULL,
    mutation_id BIGINT NOT NULL,
    job_id      TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    theirs      TEXT NOT NULL,
    kept        TEXT NOT NULL
);
