#!/usr/bin/env bash
# Classification benchmark: 1 million generated customers, default rule pack, 2 GiB heap.
#   bench/run.sh [customers] [runs]
# Generated data is cached in bench/data/ (git-ignored).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./mvnw -q -B -DskipTests -pl bench -am package
exec java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "bench/target/classes:bench/target/lib/*" \
  io.lifestage.bench.ClassifyBenchmark "${1:-1000000}" "${2:-3}" bench/data rules/pack
