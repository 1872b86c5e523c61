-- The dispatch board reads, every few seconds, the jobs engineers still hold from earlier days:
-- by status, then day, without scanning every past job.
CREATE INDEX jobs_by_status_day ON jobs (status, scheduled_on);
