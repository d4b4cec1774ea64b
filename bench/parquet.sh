#!/usr/bin/env bash
# Parquet benchmark (not a test): builds the modules it needs, then runs the harness in the heap it claims.
# Usage: bench/parquet.sh [events=1000000] [rounds=3] [query days=30] [events a query day=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -Pbench -DskipTests install -pl bench -am
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
java -Xmx64m -XX:+UseSerialGC -cp "bench/target/classes:$cp" io.github.cometlyexport.bench.ParquetBenchmark "$@"
