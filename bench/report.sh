#!/usr/bin/env bash
# lifestage report on a large store, section by section and as a whole.
#   bench/report.sh [customers=1000000] [store-url] [repetitions=3]
# The store defaults to an H2 file in bench/data/report-<customers>/ (git-ignored), filled once and reused;
# pass a PostgreSQL URL (an empty database) to measure there, e.g. after eval "$(.ci/postgres)".
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
customers="${1:-1000000}"
url="${2:-jdbc:h2:file:$root/bench/data/report-$customers/store}"
./mvnw -q -B -DskipTests -pl bench -am package
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  io.lifestage.bench.ReportBenchmark "$customers" "$url" rules/pack "${3:-3}"
