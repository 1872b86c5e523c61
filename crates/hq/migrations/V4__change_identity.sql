-- Change identity that survives copied laptop folders. A device (one token) may number its
-- changes under several client ids: a restored or copied folder takes a new one. Each client
-- id has its own last mutation id; each processed mutation keeps the digest the laptop sent,
-- so a retry (same number, same digest) is told from another change under a seen number.
CREATE TABLE sync_clients (
    client_id        TEXT PRIMARY KEY,
    device_id        TEXT NOT NULL REFERENCES devices(client_id),
    last_mutation_id BIGINT NOT NULL DEFAULT 0,
    created_at       BIGINT NOT NULL
);
CREATE INDEX sync_clients_by_device ON sync_clients (device_id);
INSERT INTO sync_clients (client_id, device_id, last_mutation_id, created_at)
    SELECT client_id, client_id, last_mutation_id, created_at FROM devices;
ALTER TABLE devices DROP COLUMN last_mutation_id;

CREATE TABLE mutation_digests (
    client_id   TEXT NOT NULL REFERENCES sync_clients(client_id),
    mutation_id BIGINT NOT NULL,
    digest      TEXT NOT NULL,
    PRIMARY KEY (client_id, mutation_id)
);
CREATE INDEX mutation_digests_by_digest ON mutation_digests (digest);

-- A lost answer to an enrollment: the retry with the same code and nonce within minutes gets
-- the same device again (with a new token, since only the token's hash is kept).
ALTER TABLE enrollment_codes ADD COLUMN nonce TEXT;
ALTER TABLE enrollment_codes ADD COLUMN device_id TEXT;
