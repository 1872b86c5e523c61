-- Today's list also holds the unresolved visits whose promised date has come.
CREATE INDEX jobs_by_promise ON jobs(promised_on) WHERE promised_on IS NOT NULL;
