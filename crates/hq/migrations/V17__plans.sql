-- Maintenance plans (巡检 / 保养计划): one per equipment and work. `made_through` is the due
-- day of the last visit made, so a run looks only at the visits after it.
CREATE TABLE plans (
    id           TEXT PRIMARY KEY,
    equipment_id TEXT NOT NULL REFERENCES equipment(id),
    job_type     TEXT NOT NULL,
    engineer_id  TEXT,
    made_through TEXT,
    body         TEXT NOT NULL,
    UNIQUE (equipment_id, job_type)
);

-- Each planned visit once: per equipment, work and month (`YYYY-MM`), with the job made for it.
-- The key outlives the plan: a plan edited, or removed and made again, makes no second visit in
-- a month that has one.
CREATE TABLE planned_visits (
    equipment_id TEXT NOT NULL REFERENCES equipment(id),
    job_type     TEXT NOT NULL,
    month        TEXT NOT NULL,
    due_on       TEXT NOT NULL,
    plan_id      TEXT NOT NULL,
    job_id       TEXT NOT NULL REFERENCES jobs(id),
    made_at      BIGINT NOT NULL,
    PRIMARY KEY (equipment_id, job_type, month)
);
CREATE INDEX planned_visits_by_month ON planned_visits (month);
CREATE INDEX planned_visits_by_plan ON planned_visits (plan_id);
