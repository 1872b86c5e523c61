-- A visit the engineer left before the customer signed, with the declared reason (JSON).
ALTER TABLE jobs ADD COLUMN left_unsigned TEXT;
