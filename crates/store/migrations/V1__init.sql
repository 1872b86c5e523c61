-- Outpost local store, schema 1. Times are UTC nanoseconds (INTEGER), dates 'YYYY-MM-DD' (TEXT),
-- ids hyphenated UUIDs (TEXT), money integer minor units with a currency code.

CREATE TABLE device (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE customers (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL,
    language TEXT NOT NULL,
    notes    TEXT,
    version  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE contacts (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL,
    role        TEXT,
    position    INTEGER NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX contacts_by_customer ON contacts(customer_id, position);

CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    address     TEXT NOT NULL,
    directions  TEXT
) STRICT;
CREATE INDEX sites_by_customer ON sites(customer_id);

CREATE TABLE equipment (
    id               TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    site_id          TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    brand            TEXT NOT NULL,
    model            TEXT NOT NULL,
    serial           TEXT NOT NULL,
    installed_on     TEXT,
    accepted_on      TEXT,
    warranty_end     TEXT,
    software_version TEXT,
    connection_notes TEXT
) STRICT;
CREATE INDEX equipment_by_site ON equipment(site_id);

CREATE TABLE parts (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    spec        TEXT,
    substitutes TEXT NOT NULL DEFAULT '[]',
    unit_cost   INTEGER NOT NULL CHECK (unit_cost >= 0),
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),
    currency    TEXT NOT NULL
) STRICT;

CREATE TABLE jobs (
    id                TEXT PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    job_type          TEXT NOT NULL CHECK (job_type IN ('repair','installation','inspection','maintenance','callback')),
    status            TEXT NOT NULL,
    severity          TEXT NOT NULL,
    customer_id       TEXT NOT NULL REFERENCES customers(id),
    site_id           TEXT NOT NULL REFERENCES sites(id),
    equipment_id      TEXT REFERENCES equipment(id),
    engineer_id       TEXT,
    reported_fault    TEXT NOT NULL,
    reported_at       INTEGER NOT NULL,
    scheduled_on      TEXT NOT NULL,
    window_from       INTEGER,
    window_until      INTEGER,
    previous_visit    TEXT,
    unresolved_reason TEXT,
    promised_on       TEXT,
    cancel_reason     TEXT,
    en_route_at       INTEGER,
    arrived_at        INTEGER,
    finished_at       INTEGER,
    signed_at         INTEGER,
    departed_at       INTEGER,
    closed_at         INTEGER
) STRICT;
CREATE INDEX jobs_by_day ON jobs(scheduled_on, status);
CREATE INDEX jobs_by_equipment ON jobs(equipment_id, reported_at);
CREATE INDEX jobs_by_customer ON jobs(customer_id);

CREATE TABLE job_events (
    id          INTEGER PRIMARY KEY,
    job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    note        TEXT
) STRICT;
CREATE INDEX job_events_by_job ON job_events(job_id, id);

-- The current revision of each job's report, as the domain's JSON (exact round trip for the hash).
CREATE TABLE reports (
    job_id     TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    body       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

-- Earlier, signed revisions, kept when a correction starts a new one.
CREATE TABLE report_revisions (
    job_id   TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    body     TEXT NOT NULL,
    PRIMARY KEY (job_id, revision)
) STRICT;

CREATE TABLE part_lines (
    id         TEXT PRIMARY KEY,
    job_id     TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    part_code  TEXT NOT NULL,
    part_name  TEXT NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    origin     TEXT NOT NULL,
    unit_cost  INTEGER NOT NULL CHECK (unit_cost >= 0),
    unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
    currency   TEXT NOT NULL,
    added_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX part_lines_by_job ON part_lines(job_id, added_at);

-- Every local change, written in the same transaction as the change itself. A row leaves only
-- when HQ acknowledged it; a row HQ refused for good stays, marked, with the reason.
CREATE TABLE outbox (
    mutation_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    payload       TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
    reject_reason TEXT
) STRICT;
CREATE INDEX outbox_by_entity ON outbox(entity_id);

-- Full-text search over customers, equipment, jobs and reports. `search_docs` gives each
-- indexed thing a stable rowid (newest last) so it can be replaced without scanning the index.
CREATE TABLE search_docs (
    doc_id INTEGER PRIMARY KEY,
    kind   TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    job_id TEXT,
    title  TEXT NOT NULL,
    UNIQUE (kind, ref_id)
) STRICT;
-- Contentless (the text lives in the tables above), with prefix indexes so a one- or two-letter
-- prefix such as "J" does not expand over every job number.
CREATE VIRTUAL TABLE search USING fts5(
    title, body,
    content = '', contentless_delete = 1, prefix = '1 2',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- No merging of index segments on the engineer's save; the store merges in the background.
INSERT INTO search (search, rank) VALUES ('automerge', 0);

-- Reports saved but not yet (re)indexed; the store indexes them once typing pauses.
CREATE TABLE search_backlog (
    job_id TEXT PRIMARY KEY
) STRICT;

-- Content-addressed files (signature PNGs, photos) under <data folder>/blobs/<sha256>.
-- queued: only here; uploaded: HQ has the bytes; synced: HQ has linked it to its record.
CREATE TABLE blobs (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    media_type TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'uploaded', 'synced')),
    created_at INTEGER NOT NULL
) STRICT;
