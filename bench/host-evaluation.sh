#!/usr/bin/env bash
# One host evaluator pass over a large store: RFM scales computed at every pass, then reused.
#   bench/host-evaluation.sh [customers=1000000] [due-per-pass=300] [passes=12]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench -am package
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  io.lifestage.bench.HostEvaluationBenchmark "${1:-1000000}" "${2:-300}" "${3:-12}" rules/pack
