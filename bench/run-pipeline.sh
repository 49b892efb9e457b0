#!/usr/bin/env bash
# The main job at scale: classify, then a first run, a daily run and a run a month later, on the same generated file.
#   bench/run-pipeline.sh [customers=100000] [store=h2|postgres]   (then `report`, and `report --every quarter`)
# For postgres, set LIFESTAGE_BENCH_POSTGRES_URL=jdbc:postgresql://HOST:PORT/postgres?user=postgres (for example
# from `eval "$(.ci/postgres)"` and its LIFESTAGE_TEST_POSTGRES_URL); a database lifestage_bench is dropped and made
# anew. Data: bench/data/pipeline-N.jsonl (git-ignored), `lifestage generate --seed 42 --page-views 16` as of
# 2026-11-01 (about 18 events per customer, some customers with hundreds). JVM options: LIFESTAGE_JAVA_OPTS
# (default -Xmx1g). The commands run through ./lifestage, on the JDK of JAVA_HOME (on Java 25 or later with the
# launcher's start-up cache, trained before anything is measured). See bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
customers="${1:-100000}"
store="${2:-h2}"
export LIFESTAGE_JAVA_OPTS="${LIFESTAGE_JAVA_OPTS:--Xmx1g}"
data="$root/bench/data/pipeline-$customers.jsonl"
work="$(mktemp -d -t lifestage-pipeline-XXXXXX)"
trap 'rm -rf "$work"' EXIT
cd "$root"

jdk="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $jdk," \
  "JVM options: $LIFESTAGE_JAVA_OPTS, store: $store"
./lifestage --version >/dev/null
# A copy of the build, so that a rebuild meanwhile does not change what is measured.
mkdir -p "$work/dist"
cp -r "$root/dist/target/classes" "$root/dist/target/lib" "$work/dist/"
export LIFESTAGE_DIST="$work/dist"
"$root/lifestage" --version >/dev/null  # on Java 25 or later, trains the copy's start-up cache before any timing
lifestage() {
  "$root/lifestage" "$@"
}
export LIFESTAGE_RULES_DIR="$root/rules/pack"
if [[ ! -f "$data" ]]; then
  mkdir -p "$(dirname "$data")"
  lifestage generate --customers "$customers" --page-views 16 --seed 42 --as-of 2026-11-01T00:00:00Z \
    --output "$data"
fi
events="$work/events.jsonl"
cp "$data" "$events"
facts=$(wc -l < "$events")
echo "input: $customers customers, $facts events, $(du -b "$events" | cut -f1) bytes"

case "$store" in
  h2) url="jdbc:h2:file:$work/store" ;;
  postgres)
    base="${LIFESTAGE_BENCH_POSTGRES_URL:?set LIFESTAGE_BENCH_POSTGRES_URL to a PostgreSQL JDBC URL}"
    hostport="$(sed -E 's#jdbc:postgresql://([^/]+)/.*#\1#' <<<"$base")"
    psql=(psql -q -h "${hostport%:*}" -p "${hostport#*:}" -U postgres -d postgres)
    "${psql[@]}" -c "DROP DATABASE IF EXISTS lifestage_bench" -c "CREATE DATABASE lifestage_bench"
    url="jdbc:postgresql://$hostport/lifestage_bench?user=postgres" ;;
  *) echo "store must be h2 or postgres, not $store" >&2; exit 2 ;;
esac
cat > "$work/run.properties" <<PROPERTIES
lifestage.sources=events
lifestage.source.events.type=file
lifestage.source.events.path=$events
lifestage.sinks=transitions
lifestage.sink.transitions.type=file
lifestage.sink.transitions.path=$work/transitions.jsonl
lifestage.sink.transitions.content=transitions
lifestage.sink.transitions.mode=append
lifestage.store.url=$url
PROPERTIES

store_bytes() {
  if [[ "$store" == h2 ]]; then du -b "$work/store.mv.db" | cut -f1
  else "${psql[@]}" -d lifestage_bench -tAc "SELECT pg_database_size(current_database())"; fi
}

# Runs one command under /usr/bin/time with a GC log; prints wall, CPU, peak RSS and heap, and its own summary.
measure() {
  local name="$1"; shift
  local gc="$work/gc-$name.log"
  LIFESTAGE_JAVA_OPTS="$LIFESTAGE_JAVA_OPTS -Xlog:gc:file=$gc" /usr/bin/time -f '%e %U %S %M' -o "$work/time" \
    "$root/lifestage" "$@" > "$work/out-$name" 2> "$work/err-$name" || { cat "$work/err-$name" >&2; exit 1; }
  read -r wall user system rss < "$work/time"
  local heap
  heap=$(grep -oE '[0-9]+M->' "$gc" | sed 's/M->//' | sort -n | tail -1)
  local evaluated
  evaluated=$(grep -oE 'evaluated [0-9,]+ customers' "$work/out-$name" | tr -dc '0-9' || true)
  printf '%-12s wall %7.1f s  cpu %7.1f s  peak heap %5s MB  peak rss %5d MB' "$name" "$wall" \
    "$(echo "$user + $system" | bc)" "${heap:-?}" $((rss / 1024))
  if [[ -n "$evaluated" ]]; then
    printf '  %s customers evaluated, %.0f/s' "$evaluated" "$(echo "$evaluated / $wall" | bc -l)"
  fi
  echo
  grep -E 'seconds per phase' "$work/out-$name" || true
}

measure classify classify --events "$events" --as-of 2026-11-01 --output "$work/decisions.jsonl"
measure first run --quiet --config "$work/run.properties" --as-of 2026-11-01
echo "store: $(store_bytes) bytes, $(echo "$(store_bytes) / $facts" | bc) bytes per fact (input $(echo "$(du -b "$events" | cut -f1) / $facts" | bc))"

# A day later, 1 % of the customers have one new event each.
awk -v n="$customers" 'BEGIN { for (i = 1; i <= n; i += 100) printf "{\"type\":\"track\",\"userId\":\"u%07d\",\"event\":\"Product Viewed\",\"timestamp\":\"2026-11-01T12:00:00Z\",\"properties\":{\"product_id\":\"p1\"}}\n", i }' >> "$events"
measure daily run --quiet --config "$work/run.properties" --as-of 2026-11-02
measure month run --quiet --config "$work/run.properties" --as-of 2026-12-02
echo "store: $(store_bytes) bytes"
# The report of that store with its defaults: every run's snapshot, the scorecard's read of every stored fact.
measure report report --config "$work/run.properties" --format json --output "$work/report.json"
# The same with a quarter-over-quarter table: every calendar quarter of the history's scorecard and value views.
measure quarters report --config "$work/run.properties" --every quarter --format json --output "$work/quarters.json"
