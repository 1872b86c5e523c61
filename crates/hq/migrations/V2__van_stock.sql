-- Van stock (随车配件): each engineer's last count of a part in their van, as JSON (VanStock).
CREATE TABLE van_stock (
    engineer_id TEXT NOT NULL REFERENCES engineers(id),
    part_code   TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (engineer_id, part_code)
);
