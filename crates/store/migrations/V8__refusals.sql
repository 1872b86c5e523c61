-- HQ's refusal of a change as code and parameters (JSON), beside its English reason, so the
-- laptop words it in the engineer's language.
ALTER TABLE outbox ADD COLUMN reject_refusal TEXT;
