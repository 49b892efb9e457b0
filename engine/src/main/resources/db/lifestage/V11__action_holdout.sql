-- Whether the customer was held out of the action: in its control group (the pack's actions.csv holdout), the
-- action was due but never handed to a sink, and the report compares how often each group reached the action's
-- outcome. Actions stored before were all handed out.
ALTER TABLE ls_action ADD COLUMN held_out BOOLEAN DEFAULT FALSE NOT NULL;
