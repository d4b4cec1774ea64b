#!/usr/bin/env bash
# Decoding throughput benchmark (not a test): builds the modules it needs, then runs the harness.
# Usage: bench/decode.sh [events=1000000] [rounds=5] [compact|realistic] [pipeline name part]
# (-Dbench.file=PATH in JAVA_TOOL_OPTIONS keeps the generated file for the next run)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -Pbench -DskipTests install -pl bench -am
cpfile=$(mktemp)
trap 'rm -f "$cpfile"' EXIT
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
java -Xmx64m -XX:+UseSerialGC -cp "bench/target/classes:$cp" io.github.cometlyexport.bench.DecodeBenchmark "$@"
