#!/usr/bin/env bash
# The distributed mode's throughput and state: events/s through one and through two `lifestage stream` nodes, the
# state bytes per customer, and how fast a node with an empty state directory restores it from the changelogs.
#   bench/stream.sh [customers=20000]
# Needs kcat (Debian's package) and the ports 9092 and 9093 free: it starts stream/broker.sh on them. Data: the same
# cached file as bench/run-pipeline.sh (bench/data/pipeline-N.jsonl). Node JVM options: NODE_JAVA_OPTS (default
# -Xmx1g). See bench/README.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
customers="${1:-20000}"
node_java_opts="${NODE_JAVA_OPTS:--Xmx1g}"
data="$root/bench/data/pipeline-$customers.jsonl"
input=bench-input
work="$(mktemp -d -t lifestage-stream-XXXXXX)"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap 'stop; rm -rf "$work"' EXIT
cd "$root"
command -v kcat >/dev/null || { echo "kcat is missing: apt-get install kcat" >&2; exit 2; }
if ss -ltn | grep -qE ':(9092|9093)\b'; then echo "port 9092 or 9093 is in use" >&2; exit 2; fi

./mvnw -q -B -DskipTests -pl bench -am package
classpath="bench/target/classes:bench/target/lib/*"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1)," \
  "node JVM options: $node_java_opts"
if [[ ! -f "$data" ]]; then
  mkdir -p "$(dirname "$data")"
  java -Xmx1g -cp "$classpath" io.lifestage.cli.Main generate --customers "$customers" --page-views 16 --seed 42 \
    --as-of 2026-11-01T00:00:00Z --output "$data"
fi
events=$(wc -l < "$data")
echo "input: $customers customers, $events events, $(du -b "$data" | cut -f1) bytes"

# The broker's class path is kept in bench/data/stream-broker between runs; its data are new each time.
broker="$root/bench/data/stream-broker"
rm -rf "$broker/data"
stream/broker.sh "$broker" > "$work/broker.log" 2>&1 &
pids+=($!)
until kcat -L -b localhost:9092 -m 2 >/dev/null 2>&1; do sleep 1; done
start=$(date +%s.%N)
kcat -P -b localhost:9092 -t "$input" -l "$data"
echo "kcat produced them in $(echo "$(date +%s.%N) - $start" | bc) s into $input," \
  "$(kcat -L -b localhost:9092 -t "$input" | grep -c 'partition ') partitions"

load() { cut -d' ' -f1-3 /proc/loadavg; }

# Starts a node of application $1 with state directory $2 and log $3, in the background.
node() {
  cat > "$work/$1-$(basename "$2").properties" <<PROPERTIES
lifestage.rules.dir=$root/rules/pack
lifestage.stream.application-id=$1
lifestage.stream.bootstrap-servers=localhost:9092
lifestage.stream.input-topics=$input
lifestage.stream.output-topic=$1-transitions
lifestage.stream.rejects-topic=$1-rejects
lifestage.stream.replication-factor=1
lifestage.stream.state-dir=$2
PROPERTIES
  # shellcheck disable=SC2086
  java $node_java_opts -Dlogback.configurationFile="$root/bench/stream-node-logback.xml" -cp "$classpath" \
    io.lifestage.cli.Main stream --config "$work/$1-$(basename "$2").properties" > "$3" 2>&1 &
  pids+=($!)
}

# Seconds from the first line of a node log ($1) matching $2 to the last matching $3, by their HH:mm:ss.SSS stamps.
between() {
  local from to
  from=$(grep -m1 -- "$2" "$1" | cut -d' ' -f1)
  to=$(grep -- "$3" "$1" | tail -1 | cut -d' ' -f1)
  echo "$(date -d "$to" +%s.%N) - $(date -d "$from" +%s.%N)" | bc
}

# Bytes of the application's changelog topics: as written (the broker's log segments, before any compaction) and
# live (the last record of every key, as a compaction would leave them), read with kcat.
changelogs() {
  local written=0 live=0 topic bytes latest
  for topic in $(kcat -L -b localhost:9092 | sed -n "s/^  topic \"\($1-.*-changelog\)\".*/\1/p" | sort); do
    bytes=$(find "$broker/data" -path "*/$topic-*" -name '*.log' -printf '%s\n' \
      | awk '{s += $1} END {printf "%.0f\n", s}')
    latest=$(kcat -C -b localhost:9092 -t "$topic" -X isolation.level=read_committed -e -q -f '%K %S %k\n' \
      | awk '{ if ($2 < 0) delete last[$3]; else last[$3] = $1 + $2 }
             END { for (k in last) s += last[k]; printf "%.0f\n", s }')
    printf '    %-45s written %12d bytes  live %12d bytes\n' "$topic" "$bytes" "$latest"
    written=$((written + bytes)); live=$((live + latest))
  done
  echo "  changelogs: written $written bytes ($((written / customers)) per customer)," \
    "live $live bytes ($((live / customers)) per customer)"
}

for nodes in 1 2; do
  app="bench-$nodes-nodes-$(date +%s)"
  echo "$nodes node(s), application $app, load average before: $(load)"
  java -cp "$classpath" io.lifestage.bench.StreamProgress localhost:9092 "$app" "$input" "$app-transitions" 40 \
    > "$work/progress" &
  progress=$!
  sleep 2
  for i in $(seq "$nodes"); do node "$app" "$work/state-$app-$i" "$work/$app-$i.log"; done
  wait "$progress"
  cat "$work/progress"
  echo "  load average after: $(load)"
  for i in $(seq "$nodes"); do
    echo "  node $i: joined and running $(between "$work/$app-$i.log" 'from CREATED to REBALANCING' \
      'from REBALANCING to RUNNING') s after it started"
  done
  stop_nodes=("${pids[@]:1}")
  for pid in "${stop_nodes[@]}"; do kill "$pid"; done
  for pid in "${stop_nodes[@]}"; do wait "$pid" || true; done
  pids=("${pids[0]}")
  state=$(du -sb "$work"/state-"$app"-* | awk '{s += $1} END {printf "%.0f\n", s}')
  echo "  state directories: $state bytes, $((state / customers)) per customer"
  changelogs "$app"
  if [[ "$nodes" == 1 ]]; then one_node="$app"; fi
done

echo "restore: a node of $one_node with an empty state directory, load average before: $(load)"
node "$one_node" "$work/state-restore" "$work/restore.log"
until grep -qs 'from REBALANCING to RUNNING' "$work/restore.log"; do sleep 1; done
log="$work/restore.log"
echo "  $(grep -c 'Finished restoring changelog' "$log") changelog partitions," \
  "$(grep -o 'total number of [0-9]* records' "$log" | awk '{s += $4} END {printf "%.0f\n", s}') records restored;" \
  "the last $(between "$log" 'from CREATED to REBALANCING' 'Finished restoring changelog') s after the node" \
  "began to join (joining alone took the seconds above), running after" \
  "$(between "$log" 'from CREATED to REBALANCING' 'from REBALANCING to RUNNING') s; load average after: $(load)"
