-- Whether the store holds facts of customers it has given no row yet: a large import of a run alone on H2 stores new
-- customers' facts without a row, and their evaluation inserts it. While this is true, every evaluation also finds
-- the customers with facts and no row due; the first that finds none left sets it back.
ALTER TABLE ls_history ADD COLUMN unlisted_customers BOOLEAN DEFAULT FALSE NOT NULL;
