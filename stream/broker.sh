#!/usr/bin/env bash
# A single Kafka broker (KRaft, broker and controller in one process) run from the Maven Central jars, to try
# `lifestage stream` by hand; not for production. Listens on localhost:9092 (controller on 9093) and keeps its data
# in DIR (default lifestage-data/kafka). Ctrl-C stops it.
#   stream/broker.sh [DIR]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="$(mkdir -p "${1:-$root/lifestage-data/kafka}" && cd "${1:-$root/lifestage-data/kafka}" && pwd)"
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$root/pom.xml")"

if [ ! -s "$dir/classpath" ]; then
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>kafka-broker</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.17</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>2.0.17</version></dependency>
  </dependencies>
</project>
POM
  "$root/mvnw" -q -f "$dir/pom.xml" dependency:build-classpath -Dmdep.outputFile="$dir/classpath" >&2
fi

cat > "$dir/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:9093
listeners=PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093
advertised.listeners=PLAINTEXT://localhost:9092
controller.listener.names=CONTROLLER
log.dirs=$dir/data
# One broker: internal topics with one replica, or consumer groups and transactions never form.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
# Topics a client names are created on first use, with six partitions: enough for a few nodes to share.
num.partitions=6
PROPERTIES

classpath="$(cat "$dir/classpath")"
if [ ! -f "$dir/data/meta.properties" ]; then
  java -cp "$classpath" kafka.tools.StorageTool format --cluster-id "$(java -cp "$classpath" kafka.tools.StorageTool \
      random-uuid)" --config "$dir/server.properties" >&2
fi
exec java -cp "$classpath" kafka.Kafka "$dir/server.properties"
