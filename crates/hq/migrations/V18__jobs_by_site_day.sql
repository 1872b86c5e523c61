-- The engineer who last visited a site (a plan's visit goes to them): the site's latest job,
-- found without reading all of the site's jobs.
CREATE INDEX jobs_by_site_day ON jobs (site_id, scheduled_on);
