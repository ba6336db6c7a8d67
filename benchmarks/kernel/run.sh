#!/usr/bin/env bash
# Kernel latency benchmark: start-up, trivial-cell round trip (p50/p99 over 200 cells), first DL4J use.
# Usage: benchmarks/kernel/run.sh            (builds the kernel if needed; needs python3 + jupyter_client)
#        BENCH_CELLS=50 BENCH_STARTS=1 benchmarks/kernel/run.sh   (shorter)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SPEC="$ROOT/kernel/target/kernelspec/relnet-java"
if [[ ! -f "$ROOT/kernel/target/dist/relnet-kernel.jar" || ! -f "$SPEC/kernel.json" ]]; then
  (cd "$ROOT" && mvn -B -q -o -pl kernel -am package -DskipTests)
fi
python3 -c "import jupyter_client" 2>/dev/null || { echo "needs jupyter_client: pip install jupyter_client" >&2; exit 1; }
# A private Jupyter path, so the benchmark uses this checkout's build whatever is installed.
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/kernels"
cp -r "$SPEC" "$TMP/kernels/relnet-java"
echo "kernel: $(grep -o '"[^"]*relnet-kernel.jar"' "$SPEC/kernel.json"); java: $(java -version 2>&1 | head -1); cores: $(nproc)"
JUPYTER_PATH="$TMP" python3 "$ROOT/benchmarks/kernel/bench.py"
