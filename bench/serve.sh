#!/usr/bin/env bash
# Load on lifestage serve: open-loop POST /v1/events at a fixed rate, rule pack reloaded half-way.
#   bench/serve.sh [requests-per-second=1000] [seconds=60] [customers=10000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench -am package
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  io.lifestage.bench.ServeLoadBenchmark "${1:-1000}" "${2:-60}" "${3:-10000}" rules/pack
