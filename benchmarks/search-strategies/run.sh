#!/usr/bin/env bash
# Search strategies compared on the synthetic learning-rate objective (no training): prints a table.
# Usage: benchmarks/search-strategies/run.sh [-Dseeds=N]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o -pl kernel-lib compile dependency:build-classpath -Dmdep.outputFile=target/search-benchmark.cp
java "$@" -cp "kernel-lib/target/classes:$(cat kernel-lib/target/search-benchmark.cp)" benchmarks/search-strategies/StrategyComparison.java
