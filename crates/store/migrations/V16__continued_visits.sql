-- The month's figures look up the visits that continue a job (a second visit, a unit back from
-- the factory).
CREATE INDEX jobs_by_previous_visit ON jobs(previous_visit) WHERE previous_visit IS NOT NULL;
