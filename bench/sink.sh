#!/usr/bin/env bash
# Sink benchmark: 2.5 million transitions written through the file sink as JSON lines, 1 GiB heap.
#   bench/sink.sh [transitions] [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench -am package
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  io.lifestage.bench.SinkBenchmark "${1:-2500000}" "${2:-7}"
