-- What kind of part each catalogue part and each fitted line is: `repair` (维修件) or
-- `consumable` (易耗件), which warranty does not make free. Parts and lines kept before this
-- were all priced as repair parts, and stay so.
ALTER TABLE parts ADD COLUMN class TEXT NOT NULL DEFAULT 'repair';
ALTER TABLE part_lines ADD COLUMN class TEXT NOT NULL DEFAULT 'repair';
