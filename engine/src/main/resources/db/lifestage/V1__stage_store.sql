-- Lifestage stage store, version 1. Runs unchanged on H2 (file or memory) and PostgreSQL 15.
-- Instants are epoch milliseconds (BIGINT, UTC) so that both databases compare and index them the same way.

-- Every fact ever accepted, one row each, so that any customer can be re-evaluated as of any instant without
-- reading the sources again. event_key drops duplicates of an at-least-once delivery: the Segment messageId when
-- the fact has one, else a digest of its content.
CREATE TABLE ls_fact (
    fact_key      VARCHAR(100)  NOT NULL PRIMARY KEY,
    customer_id   VARCHAR(255)  NOT NULL,
    occurred_at   BIGINT        NOT NULL,
    kind          VARCHAR(16)   NOT NULL,   -- track, page, screen, identify, profile
    name          VARCHAR(255)  NOT NULL,   -- event name; 'Profile' for a CRM profile
    anonymous_id  VARCHAR(255),
    user_id       VARCHAR(255),
    body          TEXT          NOT NULL,   -- JSON object: {"properties":{...}} or {"traits":{...}}
    source_name   VARCHAR(100)  NOT NULL,
    ingested_at   BIGINT        NOT NULL
);
CREATE INDEX ls_fact_customer ON ls_fact (customer_id, occurred_at);

-- Anonymous ids linked to a user id by an identify call; the first link wins.
CREATE TABLE ls_identity (
    anonymous_id  VARCHAR(255)  NOT NULL PRIMARY KEY,
    user_id       VARCHAR(255)  NOT NULL,
    linked_at     BIGINT        NOT NULL
);

-- Each customer's current stage and the decision that put them there. stage is null for a customer whose facts
-- all lie after the last evaluation's as-of instant (known, not yet active).
CREATE TABLE ls_customer (
    customer_id        VARCHAR(255)  NOT NULL PRIMARY KEY,
    stage              VARCHAR(64),
    stage_since        BIGINT,                -- when the customer entered the current stage
    rule_name          VARCHAR(255),
    reason             TEXT,
    rule_base_version  VARCHAR(64),
    evaluated_as_of    BIGINT        NOT NULL, -- the as-of instant of the last evaluation
    next_check_at      BIGINT,                -- the next instant the stage could change without new facts; null: never
    -- The metrics behind reports and the population-wide RFM scales, as of the last evaluation.
    last_activity_at   BIGINT,
    purchases          INTEGER       NOT NULL,
    revenue            DOUBLE PRECISION NOT NULL,
    last_purchase_at   BIGINT,
    rfm_recency        INTEGER       NOT NULL, -- 1..5, 0 when never bought
    rfm_frequency      INTEGER       NOT NULL,
    rfm_monetary       INTEGER       NOT NULL,
    value_tier         VARCHAR(16)   NOT NULL  -- small, medium, large, none
);
CREATE INDEX ls_customer_next_check ON ls_customer (next_check_at);
CREATE INDEX ls_customer_stage ON ls_customer (stage, customer_id);

-- Every move between stages, including moves the transition policy refused (policy = 'REFUSED'). transition_id
-- is a digest of (customer, from, to, at), so re-running the same input inserts nothing twice.
CREATE TABLE ls_transition (
    transition_id      VARCHAR(64)   NOT NULL PRIMARY KEY,
    customer_id        VARCHAR(255)  NOT NULL,
    from_stage         VARCHAR(64),           -- null: the customer's first stage
    to_stage           VARCHAR(64)   NOT NULL,
    occurred_at        BIGINT        NOT NULL,
    rule_name          VARCHAR(255)  NOT NULL,
    reason             TEXT          NOT NULL,
    rule_base_version  VARCHAR(64)   NOT NULL,
    actions            VARCHAR(1000) NOT NULL, -- comma-separated action names, '' for none
    policy             VARCHAR(24)   NOT NULL, -- ALLOWED, KEPT_AGAINST_POLICY, REFUSED
    run_id             BIGINT        NOT NULL
);
CREATE INDEX ls_transition_customer ON ls_transition (customer_id, occurred_at);
CREATE INDEX ls_transition_time ON ls_transition (occurred_at);

-- The position of each source as of the last committed run.
CREATE TABLE ls_source_position (
    source_name   VARCHAR(100)  NOT NULL PRIMARY KEY,
    position      VARCHAR(4000) NOT NULL,
    committed_at  BIGINT        NOT NULL
);

-- One row per run, written when the run commits.
CREATE TABLE ls_run (
    run_id             BIGINT        NOT NULL PRIMARY KEY,
    started_at         BIGINT        NOT NULL,
    finished_at        BIGINT        NOT NULL,
    as_of              BIGINT        NOT NULL,
    facts_read         BIGINT        NOT NULL,
    facts_new          BIGINT        NOT NULL,
    rejects            BIGINT        NOT NULL,
    customers_evaluated BIGINT       NOT NULL,
    transitions        BIGINT        NOT NULL,
    rule_base_version  VARCHAR(64)   NOT NULL
);

-- Erasures (the GDPR right to erasure): when, and a salted digest of the id, never the id itself.
CREATE TABLE ls_erasure (
    erased_at     BIGINT        NOT NULL,
    subject_hash  VARCHAR(64)   NOT NULL,
    facts_deleted BIGINT        NOT NULL,
    transitions_deleted BIGINT  NOT NULL
);
