#!/usr/bin/env bash
# Deep audit benchmark (not a test): `audit --deep` of DAYS stored days of 1,000,000 realistic events each, against
# the decode bench's full JSON verify of the same file, both as whole processes in -Xmx64m with SerialGC; speed per
# core used is events per CPU second (user + sys of the process). The day is DecodeBenchmark's realistic file (kept
# in WORK), copied into DAYS partitions, each with its manifest as the store writes it.
# Usage: bench/audit-deep.sh [days=30] [rounds=3] [work=a temporary folder]   (needs about DAYS x 103 MB of disk)
set -euo pipefail
cd "$(dirname "$0")/.."
days=${1:-30}; rounds=${2:-3}; work=${3:-$(mktemp -d)}
mvn -B -q -Dstyle.color=never -Pbench -DskipTests install -pl bench -am
cpfile=$(mktemp); trap 'rm -f "$cpfile"' EXIT
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile"
cp="bench/target/classes:$(cat "$cpfile")"
file="$work/events.ndjson.gz"
jvm=(java -Xmx64m -XX:+UseSerialGC)
echo "decode, full JSON verify, 10 rounds in one process (the first generates $file when it is missing):"
"${jvm[@]}" -Dbench.file="$file" -cp "$cp" io.github.cometlyexport.bench.DecodeBenchmark 1000000 1 realistic full >/dev/null
/usr/bin/time -f "wall %e s, cpu %U+%S s, peak rss %M kB" "${jvm[@]}" -Dbench.file="$file" -cp "$cp" \
  io.github.cometlyexport.bench.DecodeBenchmark 1000000 10 realistic full 2>&1 | grep -E "full JSON|wall"
table="$work/table/events"; rm -rf "$work/table"; mkdir -p "$table"
sha=$(sha256sum "$file" | cut -d' ' -f1); bytes=$(stat -c %s "$file")
echo '{"format":1,"dataset":"events","filters":{"query_mode":"profile"},"data_format":"gzip","data_extension":".ndjson.gz"}' \
  > "$table/_table.json"
for i in $(seq 0 $((days - 1))); do
  day=$(date -u -d "2024-01-01 + $i days" +%F); p="$table/date=$day"; mkdir -p "$p"
  cp "$file" "$p/events-$day.ndjson.gz"
  printf '{"format":2,"dataset":"events","date":"%s","export_id":%d,"filters":{"query_mode":"profile"},"bytes":%s,"sha256":"%s","events":1000000,"created_at":"2024-06-01T00:00:00Z","completed_at":"2024-06-01T00:00:00Z","stored_at":"2024-06-01T00:00:00Z","source_etag":null,"attempts":1,"provisional":false}\n' \
    "$day" $((1000 + i)) "$bytes" "$sha" > "$p/_manifest.json"
done
last=$(date -u -d "2024-01-01 + $((days - 1)) days" +%F)
echo "audit --deep of $days days, $rounds rounds:"
for r in $(seq "$rounds"); do
  /usr/bin/time -f "wall %e s, cpu %U+%S s, peak rss %M kB" "${jvm[@]}" -jar cli/target/cometly-export.jar audit \
    --from 2024-01-01 --to "$last" --space-zone UTC --deep --quiet --out "$work/table"
done
