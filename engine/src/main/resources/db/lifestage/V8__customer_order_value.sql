-- What each customer's orders are worth as of their last evaluation, so that the value views (GET /v1/customers/{id},
-- who-lists by value, revenue and lifetime value per stage and tier) read one row per customer instead of all their
-- facts. purchases and revenue above count subscriptions and renewals for the rules; these count orders only.
ALTER TABLE ls_customer ADD COLUMN order_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ls_customer ADD COLUMN order_amount DOUBLE PRECISION DEFAULT 0 NOT NULL;   -- the orders' totals
ALTER TABLE ls_customer ADD COLUMN order_revenue DOUBLE PRECISION DEFAULT 0 NOT NULL;  -- less refunded totals
ALTER TABLE ls_customer ADD COLUMN first_purchase_at BIGINT;                         -- null: never bought
-- Rows written before this version have none of it: a buyer is evaluated again by the next run (or the serving
-- evaluator), which finds no new move and fills the columns.
UPDATE ls_customer SET next_check_at = evaluated_as_of
    WHERE purchases > 0 AND (next_check_at IS NULL OR next_check_at > evaluated_as_of);
