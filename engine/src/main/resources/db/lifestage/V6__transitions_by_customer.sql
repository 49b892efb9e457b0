-- Transitions keyed by customer and time instead of by their id. Ids are digests: every insert under an id key, and
-- under the index on the instant alone, went to a random page, and once the table outgrew the cache each chunk of a
-- first run rewrote a page of both for almost every transition. A run saves customers in id order, so a key that
-- starts with the customer grows at its end. Nothing reads transitions by id alone or by instant alone any more: a
-- run looks up the stored ids of the customers it saves, reports read by stage or by customer. Runs unchanged on H2
-- and PostgreSQL.
CREATE TABLE ls_transition_by_customer (
    transition_id      VARCHAR(64)   NOT NULL,
    customer_id        VARCHAR(255)  NOT NULL,
    from_stage         VARCHAR(64),           -- null: the customer's first stage
    to_stage           VARCHAR(64)   NOT NULL,
    occurred_at        BIGINT        NOT NULL,
    rule_name          VARCHAR(255)  NOT NULL,
    reason             TEXT          NOT NULL,
    rule_base_version  VARCHAR(64)   NOT NULL,
    actions            VARCHAR(1000) NOT NULL, -- comma-separated action names, '' for none
    policy             VARCHAR(24)   NOT NULL, -- ALLOWED, KEPT_AGAINST_POLICY, REFUSED
    run_id             BIGINT        NOT NULL,
    PRIMARY KEY (customer_id, occurred_at, transition_id)
);
INSERT INTO ls_transition_by_customer (transition_id, customer_id, from_stage, to_stage, occurred_at, rule_name,
                                       reason, rule_base_version, actions, policy, run_id)
    SELECT transition_id, customer_id, from_stage, to_stage, occurred_at, rule_name, reason, rule_base_version,
           actions, policy, run_id
    FROM ls_transition;
DROP TABLE ls_transition;
ALTER TABLE ls_transition_by_customer RENAME TO ls_transition;
CREATE INDEX ls_transition_customer_moves ON ls_transition (customer_id, occurred_at, transition_id, policy,
    from_stage, to_stage);
CREATE INDEX ls_transition_stage ON ls_transition (to_stage, customer_id, occurred_at, transition_id, policy);
