-- Never written: a signed report's correction is a new revision of the report itself
-- (`reports.revision`), not a copy kept here.
DROP TABLE report_revisions;
