-- The instant of the earliest transition stored, where a report with its defaults starts. Since V6 no index leads
-- with the instant, so MIN(occurred_at) read every transition: a tenth of a report on a million customers. Each
-- stored chunk of evaluations moves it back when it holds an earlier transition; an erasure leaves it as it was.
CREATE TABLE ls_history (
    id            INTEGER       NOT NULL PRIMARY KEY,
    first_move_at BIGINT
);
INSERT INTO ls_history (id, first_move_at) SELECT 1, MIN(occurred_at) FROM ls_transition;
