-- A refused change the engineer has read and set aside: no longer listed.
ALTER TABLE outbox ADD COLUMN dismissed_at INTEGER;
