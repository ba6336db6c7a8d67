#!/usr/bin/env bash
# Training-step benchmark: DL4J (kernel-lib's VisualRelationNet / CnnMlpBaseline) vs the same
# architectures in PyTorch, interleaved in one run. Prints a table (ms/step, ratio, GFLOP/s, peak RSS).
#   benchmarks/rn-step/run.sh [models] [rounds]     e.g.  run.sh rn75,cnnmlp75 2
# Models: rn75, rn128, rn128coarse, cnnmlp75; append @dl4jconv (e.g. cnnmlp75@dl4jconv) for the same model
# with DL4J's own conv/BN/ReLU layers instead of kernel-lib's ConvEncoder (the "before" of that change), or
# @libnd4j for kernel-lib without its direct oneDNN calls (-Drelnet.onednn=false: libnd4j's conv2d ops, Java
# batch-norm loops and ND4J's OpenBLAS products, the "before" of 2026-11-24 and 2026-12-07).
# Environment: BENCH_THREADS (default 2), BENCH_JAVA_OPTS (default -Xmx2g),
#   BENCH_OMP_WAIT_POLICY (e.g. PASSIVE; given to both sides), BENCH_VENV (a Python venv with torch; default benchmarks/rn-step/.venv, created on first use).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
MODELS="${1:-rn75,rn128,cnnmlp75}"
ROUNDS="${2:-2}"

VENV="${BENCH_VENV:-$HERE/.venv}"
if ! "$VENV/bin/python" -c "import torch" 2>/dev/null; then
  echo "Installing PyTorch from PyPI into $VENV (~5.4 GB: see requirements.txt for why)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
fi

echo "Building kernel-lib"
CP_FILE="$HERE/.classpath"
# Compiles in the reactor (nothing is installed into ~/.m2); the parent module writes the file first,
# kernel-lib then overwrites it with its own runtime classpath.
(cd "$ROOT" && mvn -B -q -o -pl kernel-lib -am compile dependency:build-classpath -Dmdep.outputFile="$CP_FILE" \
  -Dmdep.includeScope=runtime)
export KERNEL_LIB_CP="$ROOT/kernel-lib/target/classes:$(cat "$CP_FILE")"

"$VENV/bin/python" -c "import torch; print('torch', torch.__version__, '| threads', torch.get_num_threads())"
exec "$VENV/bin/python" "$HERE/bench.py" "$MODELS" "$ROUNDS"
