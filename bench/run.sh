#!/usr/bin/env bash
# Runs every benchmark on loopback and rewrites BENCHMARKS.md. One command from a fresh clone:
#   ./bench/run.sh            (ROUNDS=5 EVENTS=1000000 LINES=realistic PARALLEL=64 by default; about 15 minutes
#                              on 2 cores and 4 GB of temporary disk)
# Needs JDK 17+, Maven 3.8+, curl, gzip and /usr/bin/time. Not a test: numbers vary with the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
EVENTS=${EVENTS:-1000000}
LINES=${LINES:-realistic}
PARALLEL=${PARALLEL:-64}
for tool in curl gzip /usr/bin/time java mvn; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh needs $tool" >&2; exit 2; }
done

echo "building (mvn -Pbench install, tests skipped)..." >&2
mvn -B -q -Dstyle.color=never -Pbench -DskipTests install
work=$(mktemp -d)
cpfile="$work/cp.txt"
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile"
cp="bench/target/classes:$(cat "$cpfile")"
jar=cli/target/cometly-export.jar
cli=./cometly-export   # the launcher, as users run it (small heap, SerialGC, class-data sharing)
$cli --version >/dev/null   # builds the class-data archive once, outside every timing

java -Xmx1g -cp "$cp" io.github.cometlyexport.bench.BenchServers "$EVENTS" "$work/servers.env" "$work/s3" "$LINES" \
  > "$work/servers.log" 2>&1 &
servers=$!
trap 'kill $servers 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do [ -s "$work/servers.env" ] && break; sleep 1; done
[ -s "$work/servers.env" ] || { echo "bench servers did not start:"; cat "$work/servers.log"; exit 1; } >&2
set -a; . "$work/servers.env"; set +a
export COMETLY_API_KEY="$API_KEY" COMETLY_BASE_URL="$BASE_URL" COMETLY_STATUS_RATE=1000

now() { date +%s.%N; }
elapsed() { awk -v a="$(now)" -v b="$1" 'BEGIN {printf "%.3f", a - b}'; }
link() {
  curl -s -H "Authorization: Bearer $API_KEY" "$BASE_URL/events/exports/$EXPORT_ID" \
    | sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p'
}
stats() { # median, min, max of the arguments
  printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {printf "%.2f %.2f %.2f", v[int((NR+1)/2)], v[1], v[NR]}'
}

echo "1. download throughput, $ROUNDS alternating rounds..." >&2
a=(); b=(); bs=(); c=()
for r in $(seq 1 "$ROUNDS"); do
  url=$(link)
  t=$(now); lines=$(curl -s "$url" | gzip -dc | wc -l); a+=("$(elapsed "$t")")
  [ "$lines" -eq "$EVENTS" ] || { echo "curl pipeline counted $lines lines" >&2; exit 1; }
  t=$(now); $cli download "$EXPORT_ID" --out "$work/b$r" --quiet; b+=("$(elapsed "$t")")
  t=$(now); $cli download "$EXPORT_ID" --out "$work/shape$r" --quiet --verify shape; bs+=("$(elapsed "$t")")
  t=$(now); $cli download "$EXPORT_ID" --out "s3://bench/c$r" --s3-endpoint "$S3_ENDPOINT" \
    --s3-path-style --quiet; c+=("$(elapsed "$t")")
  rm -rf "$work/b$r" "$work/shape$r"
done
read -r am amin amax <<<"$(stats "${a[@]}")"
read -r bm bmin bmax <<<"$(stats "${b[@]}")"
read -r cm cmin cmax <<<"$(stats "${c[@]}")"
read -r sm2 smin2 smax2 <<<"$(stats "${bs[@]}")"

# CPU of one more (b) and (c) run: the client's (user + system) and S3Proxy's (the servers' JVM) meanwhile.
server_cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$servers/stat"; }
cpu_of() { awk '{printf "%.2f", $2 + $3}' "$1"; }
s0=$(server_cpu)
/usr/bin/time -f "%e %U %S" -o "$work/cpu_b.txt" $cli download "$EXPORT_ID" --out "$work/cpub" --quiet
s1=$(server_cpu)
/usr/bin/time -f "%e %U %S" -o "$work/cpu_c.txt" $cli download "$EXPORT_ID" --out "s3://bench/cpuc" \
  --s3-endpoint "$S3_ENDPOINT" --s3-path-style --quiet
s2=$(server_cpu)
rm -rf "$work/cpub"
cpu_b=$(cpu_of "$work/cpu_b.txt"); cpu_c=$(cpu_of "$work/cpu_c.txt")
srv_b=$(awk -v a="$s1" -v b="$s0" 'BEGIN {printf "%.2f", a - b}')
srv_c=$(awk -v a="$s2" -v b="$s1" 'BEGIN {printf "%.2f", a - b}')

echo "2. memory with -Xmx64m..." >&2
COMETLY_JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" /usr/bin/time -v $cli download "$EXPORT_ID" --out "$work/mem" --quiet \
  2> "$work/time.txt"
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
rm -rf "$work/mem"

echo "2b. backfill of $PARALLEL days all in flight, 4 downloads, into S3 with -Xmx64m (a few minutes)..." >&2
parallel=$(java -Xmx1g -cp "$cp" io.github.cometlyexport.bench.ParallelS3Benchmark "$PARALLEL" "$EVENTS" "$work/par" 4)
rm -rf "$work/par"

echo "3. decoding, both line profiles..." >&2
decode=$(java -Xmx64m -XX:+UseSerialGC -Dbench.file="$work/realistic.json.gz" -cp "$cp" \
  io.github.cometlyexport.bench.DecodeBenchmark "$EVENTS" 3 realistic)
decode_compact=$(java -Xmx64m -XX:+UseSerialGC -cp "$cp" io.github.cometlyexport.bench.DecodeBenchmark "$EVENTS" 3 \
  compact)

echo "10. parquet: conversion, size, DuckDB over 30 days..." >&2
parquet=$(java -Xmx64m -XX:+UseSerialGC -cp "$cp" io.github.cometlyexport.bench.ParquetBenchmark "$EVENTS" 3 30 200000)

echo "7. profiles (JFR)..." >&2
profile() { # name, then the command to record
  local name=$1; shift
  # COMETLY_JAVA_OPTS replaces the launcher's options: repeat its heap and collector.
  COMETLY_JAVA_OPTS="-Xmx128m -XX:+UseSerialGC -XX:StartFlightRecording=filename=$work/$name.jfr,settings=$PWD/bench/cpu.jfc" \
    "$@" >/dev/null 2>&1
  java -cp "$cp" io.github.cometlyexport.bench.JfrSummary "$work/$name.jfr" 6
}
prof_b=$(profile download $cli download "$EXPORT_ID" --out "$work/prof" --quiet)
rm -rf "$work/prof"
prof_c=$(profile s3 $cli download "$EXPORT_ID" --out "s3://bench/prof" --s3-endpoint "$S3_ENDPOINT" --s3-path-style \
  --quiet)
java -Xmx64m -XX:+UseSerialGC -XX:StartFlightRecording=filename="$work/typed.jfr",settings="$PWD/bench/cpu.jfc" \
  -Dbench.file="$work/realistic.json.gz" -cp "$cp" io.github.cometlyexport.bench.DecodeBenchmark "$EVENTS" 1 \
  realistic typed >/dev/null 2>&1
prof_t=$(java -cp "$cp" io.github.cometlyexport.bench.JfrSummary "$work/typed.jfr" 6)

echo "4-5. polling discipline and backfill (about 3 minutes)..." >&2
discipline=$(java -cp "$cp" io.github.cometlyexport.bench.DisciplineBenchmark)

echo "8. days pipelined at the limits (about 12 minutes)..." >&2
pipeline=$(java -cp "$cp" io.github.cometlyexport.bench.PipelineBenchmark)

echo "metrics file of a backfill, checked by Prometheus' promtool..." >&2
promcheck="not checked: \`promtool\` is not installed (Debian package \`prometheus\`)"
if command -v promtool >/dev/null; then
  day=$(date -u -d '3 days ago' +%Y-%m-%d)
  $cli backfill --from "$day" --to "$day" --out "$work/prom" --ledger none --quiet --metrics-file "$work/run.prom" \
    || true
  if out=$(promtool check metrics < "$work/run.prom" 2>&1); then
    promcheck="\`promtool check metrics\` on a backfill's metrics file: passed ($(grep -c '^# TYPE' "$work/run.prom") metrics)"
  else
    promcheck="\`promtool check metrics\` on a backfill's metrics file FAILED: $out"
  fi
fi

echo "6. start-up..." >&2
s=()
for _ in $(seq 1 10); do
  t=$(now); $cli status "$EXPORT_ID" --quiet; s+=("$(elapsed "$t")")
done
read -r sm smin smax <<<"$(stats "${s[@]}")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Benchmarks"
  echo
  echo "Generated by \`./bench/run.sh\` on $(date -u +%Y-%m-%d) — $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB,"
  echo "$(java -version 2>&1 | head -1). Everything on loopback: the simulator serves one $EVENTS-event export"
  echo "with $LINES lines ($GZIP_BYTES bytes gzip, $NDJSON_BYTES bytes NDJSON, $((NDJSON_BYTES / EVENTS)) bytes a line; §3"
  echo "reports both line profiles); S3 is S3Proxy on disk. Medians over $ROUNDS alternating rounds, min–max beside."
  echo
  echo "### 1. Download throughput (one export, $EVENTS events)"
  echo
  echo "| run | median s | min–max s | ratio | target |"
  echo "|---|---|---|---|---|"
  echo "| (a) \`curl -s URL \| gzip -dc \| wc -l\` | $am | $amin–$amax | 1.00 | |"
  echo "| (b) \`./cometly-export download\` to a local folder (every line parsed as JSON, stored) | $bm | $bmin–$bmax | $(ratio "$bm" "$am") (b/a) | ≤ 1.0 |"
  echo "| (b') the same with \`--verify shape\` (gzip, length, SHA-256, one {…} per line) | $sm2 | $smin2–$smax2 | $(ratio "$sm2" "$am") (b'/a) | ≤ 0.8 |"
  echo "| (c) (b) to S3 (S3Proxy) | $cm | $cmin–$cmax | $(ratio "$cm" "$bm") (c/b) | ≤ 1.15 |"
  echo
  echo "CPU seconds (user + system) of one more run each, on $(nproc) cores: (b) the CLI $cpu_b s, the servers' JVM"
  echo "$srv_b s; (c) the CLI $cpu_c s, the servers' JVM (S3Proxy receiving and storing) $srv_c s. With every core"
  echo "busy, (c) cannot take less than (CLI + S3Proxy CPU) / cores = $(awk -v a="$cpu_c" -v b="$srv_c" -v n="$(nproc)" \
    'BEGIN {printf "%.2f", (a + b) / n}') s, which is $(awk -v a="$cpu_c" -v b="$srv_c" -v n="$(nproc)" -v m="$bm" \
    'BEGIN {printf "%.2f", (a + b) / n / m}')× (b): S3Proxy shares this machine's cores, and the S3 client's start"
  echo "(building the client, loading and compiling its classes) is CPU the local run does not spend. Against AWS over"
  echo "HTTPS neither runs on these cores."
  echo
  echo "### 2. Memory: (b) with \`-Xmx64m -XX:+UseSerialGC\`"
  echo
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| run | passed (exit 0) | must pass with a 64 MB heap |"
  echo "| peak RSS (\`/usr/bin/time -v\`) | $((rss_kb / 1024)) MB | ≤ 200 MB |"
  echo
  echo "$parallel"
  echo
  echo "### 3. Decoding a file read from disk (\`-Xmx64m -XX:+UseSerialGC\`; the full check runs Jackson on parser threads, the typed reader inflates ahead on a thread)"
  echo
  echo "$decode" | sed -n '1p'
  echo
  echo "$decode" | sed -n '/^|/p'
  echo
  echo "$decode_compact" | sed -n '1p'
  echo
  echo "$decode_compact" | sed -n '/^|/p'
  echo
  echo "$discipline"
  echo
  echo "### 6. Start-up: \`./cometly-export status <id>\` (launch to the answer of its one request), 10 runs"
  echo
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| median (min–max) | $sm s ($smin–$smax) | ≤ 0.6 s |"
  echo
  echo "### 7. Where the time goes (JFR, \`bench/cpu.jfc\`: Java and native frames sampled every 10 ms)"
  echo
  echo "Self: the method on top of the stack; total: the method anywhere on it. \`(native)\` frames are in native code:"
  echo "inflating is CPU, a socket read mostly waiting; threads idle in a poll are left out. JIT compilation, class"
  echo "loading and GC run in threads JFR does not sample (the CPU seconds of §1 count them)."
  echo
  echo "#### (b) \`download\` to a local folder, one run"
  echo
  echo "$prof_b"
  echo
  echo "#### (c) \`download\` to S3, one run"
  echo
  echo "$prof_c"
  echo
  echo "#### typed events (ExportEventReader), one round over the file of §3"
  echo
  echo "$prof_t"
  echo
  echo "$pipeline"
  echo
  echo "### 9. The metrics file against Prometheus' own linter"
  echo
  echo "$promcheck"
  echo
  echo "### 11. Parquet (\`--format parquet\`, \`-Xmx64m -XX:+UseSerialGC\`; \`bench/parquet.sh\` runs it alone)"
  echo
  echo "$parquet"
} > BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
cat BENCHMARKS.md
