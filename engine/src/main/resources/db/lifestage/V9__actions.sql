-- The lifecycle actions handed to the sinks (those of the pack's journeys and of transitions), one row per action id,
-- so that a run does not hand out an action stored before, and so that reports can count actions per customer. The
-- payload is not stored: it is made from the customer's facts, which are, and holds personal data (an email
-- address) that an erasure would otherwise have to find in one more place. Keyed like ls_transition, by customer and
-- time, so a run's inserts grow the table at its end.
CREATE TABLE ls_action (
    action_id    VARCHAR(64)   NOT NULL,
    customer_id  VARCHAR(255)  NOT NULL,
    action       VARCHAR(255)  NOT NULL,
    channel      VARCHAR(255),           -- null: the pack's actions.csv does not declare the action
    occurred_at  BIGINT        NOT NULL, -- when it was due
    cause        VARCHAR(300)  NOT NULL, -- journey:<name> or transition:<transition id>
    run_id       BIGINT        NOT NULL,
    PRIMARY KEY (customer_id, occurred_at, action_id)
);
