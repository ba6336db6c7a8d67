#!/usr/bin/env bash
# The LeNet parameter study (papers.md part B) from the command line: nine cases, time per 100
# iterations, memory, accuracy, and the paper's findings beside ours, printed as tables.
# Quick mode by default (minutes); RELNET_FULL=1 for the paper's settings (6.3 min on an idle 2-core VM).
# Times on a shared machine are noisy: read the ratios between cases, not the absolute numbers.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mvn -B -q -o -pl kernel-lib compile >/dev/null  # no install: ~/.m2 is shared
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -o -pl kernel-lib dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -Xmx3g -Djava.awt.headless=true -cp "kernel-lib/target/classes:$(cat "$cp_file")" org.relnet.lenet.ParameterStudy
