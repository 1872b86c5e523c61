-- The people who work at HQ (dispatchers, the service manager, viewers) and their signed-in
-- sessions. Passwords are kept as argon2id hashes; a session as the SHA-256 of its cookie.
-- `password_set_at` stays empty until the one-time password is replaced at first sign-in.
CREATE TABLE hq_users (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    password_set_at BIGINT,
    created_at      BIGINT NOT NULL,
    disabled_at     BIGINT
);

CREATE TABLE hq_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES hq_users(id),
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX hq_sessions_by_user ON hq_sessions (user_id);
