-- Customers per current stage, changed in the same transaction as every change of ls_customer.stage, so that
-- counting them reads a row per stage: a count over ls_customer scans every customer once the table has been
-- written to (0.4 to 1.1 s for a million customers on H2).
CREATE TABLE ls_stage_count (
    stage      VARCHAR(64)  NOT NULL PRIMARY KEY,
    customers  BIGINT       NOT NULL
);
INSERT INTO ls_stage_count (stage, customers)
    SELECT stage, COUNT(*) FROM ls_customer WHERE stage IS NOT NULL GROUP BY stage;
