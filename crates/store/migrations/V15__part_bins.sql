-- Where HQ keeps each catalogue part (库位); parts downloaded before this have none until HQ
-- sends them again.
ALTER TABLE parts ADD COLUMN bin TEXT;
