#!/usr/bin/env bash
# Audit benchmark (not a test): `audit` without --deep of DAYS stored days, local and S3Proxy, each round a fresh CLI
# process of the CLI's jar, started as the launcher starts it. Usage: bench/audit.sh [days=365] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -Pbench -DskipTests install -pl bench -am
cpfile=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$cpfile" "$work"' EXIT
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$cpfile"
cp=$(cat "$cpfile")
./cometly-export --version >/dev/null   # builds the jar's class-data archive once, outside every timing
java -Xmx512m -cp "bench/target/classes:$cp" io.github.cometlyexport.bench.AuditBenchmark "${1:-365}" "${2:-5}" "$work" \
  cli/target/cometly-export.jar cli/target/cometly-export.jsa
