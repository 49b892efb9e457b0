package io.lifestage.rules;

import io.lifestage.testing.OnPostgres;

/** The twelve monthly replays give the same, reconciling history on a real PostgreSQL server. */
class HistoryReplayPostgresIT extends HistoryReplayTest implements OnPostgres {
}
