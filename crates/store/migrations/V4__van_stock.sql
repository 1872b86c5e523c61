-- Van stock (随车配件): HQ's last count of each part in this engineer's van. Part lines added
-- after `counted_at` take from it.
CREATE TABLE van_stock (
    part_code  TEXT PRIMARY KEY,
    counted    INTEGER NOT NULL CHECK (counted >= 0),
    counted_at INTEGER NOT NULL
) STRICT;
CREATE INDEX part_lines_by_code ON part_lines(part_code, added_at);
