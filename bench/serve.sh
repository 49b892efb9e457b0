#!/usr/bin/env bash
# Load on `lifestage serve` over loopback: a mix of ingest, classify and read requests at a fixed rate, the rule
# pack changed half-way.
#   bench/serve.sh [requests-per-second=1000] [seconds=60] [mix=ingest=4,classify=3,read=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench,dist -am package
exec java ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  io.lifestage.bench.ServeLoadBenchmark "${1:-1000}" "${2:-60}" dist/target rules/pack ${3:+"$3"}
