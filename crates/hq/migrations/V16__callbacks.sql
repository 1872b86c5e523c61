-- The callback queue (回访). `key` makes each callback once: per job and reason
-- (`low_rating:<job>`, `sampled:<job>`), or per customer and quarter (`planned:<customer>:2026-Q4`).
-- `state` is `queued` until the outcome is recorded, then `done`.
CREATE TABLE callbacks (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    customer_id TEXT NOT NULL REFERENCES customers(id),
    job_id      TEXT REFERENCES jobs(id),
    engineer_id TEXT,
    queued_at   BIGINT NOT NULL,
    state       TEXT NOT NULL,
    follow_up   TEXT,
    body        TEXT NOT NULL
);
CREATE INDEX callbacks_by_state ON callbacks (state, queued_at);
CREATE INDEX callbacks_by_job ON callbacks (job_id);

-- The months whose completed jobs were sampled for callbacks (抽查), once each.
CREATE TABLE callback_samples (
    month TEXT PRIMARY KEY,
    drawn_at BIGINT NOT NULL
);

-- A customer's quarterly callback plan: the month of each quarter (1, 2 or 3) to call in.
CREATE TABLE callback_plans (
    customer_id      TEXT PRIMARY KEY REFERENCES customers(id),
    month_of_quarter BIGINT NOT NULL
);
