#!/usr/bin/env bash
# Sort-of-CLEVR generator throughput: kernel-lib's SortOfClevr (Java) vs the Python/OpenCV
# reference generator of the same specification (ref_generator.py), same machine, same run.
# Generation only (no disk writes) for the timings; then a small run of each WITH files checks
# that both produce byte-identical datasets (the Python one with --exact circles).
#
#   benchmarks/clevr-gen/run.sh                 # 10,000 images at 128 px (the paper's dataset)
#   IMAGES=2000 SIZE=75 benchmarks/clevr-gen/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SIZE=${SIZE:-128}
IMAGES=${IMAGES:-10000}
SEED=${SEED:-1}
CORES=$(nproc)
VENV=${VENV:-$HERE/.venv}

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import numpy, cv2' 2>/dev/null; then
  echo "setting up $VENV (numpy, opencv-python-headless)" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q -r "$HERE/requirements.txt"
fi
PY="$VENV/bin/python"
if ! (cd "$ROOT" && mvn -B -q -o -pl kernel-lib -am compile >"$HERE/.build.log" 2>&1); then
  cat "$HERE/.build.log" >&2; exit 1
fi
# the generator needs nothing but kernel-lib's own classes
JAVA=(java -Xmx1g -cp "$ROOT/kernel-lib/target/classes" org.relnet.data.clevr.SortOfClevr)

result() { grep '^RESULT' | tail -1; }
rows=()
rows+=("java threads=$CORES|$("${JAVA[@]}" --size "$SIZE" --images "$IMAGES" --seed "$SEED" --threads "$CORES" --quiet | result)")
rows+=("java threads=1|$("${JAVA[@]}" --size "$SIZE" --images "$IMAGES" --seed "$SEED" --threads 1 --quiet | result)")
rows+=("python+opencv workers=1|$("$PY" "$HERE/ref_generator.py" --size "$SIZE" --images "$IMAGES" --seed "$SEED" --workers 1 | result)")
rows+=("python+opencv workers=$CORES|$("$PY" "$HERE/ref_generator.py" --size "$SIZE" --images "$IMAGES" --seed "$SEED" --workers "$CORES" | result)")

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }
base=""
echo
echo "Sort-of-CLEVR generation, $IMAGES images of ${SIZE}x${SIZE}, 20 questions each, $CORES cores, $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-28s %10s %12s %14s %22s\n' generator seconds images/s questions/s "vs python (1 worker)"
for row in "${rows[@]}"; do
  name=${row%%|*}; line=${row#*|}
  s=$(field seconds "$line"); n=$(field images "$line"); q=$(field questions "$line")
  ips=$(awk -v n="$n" -v s="$s" 'BEGIN{printf "%.0f", n/s}')
  qps=$(awk -v n="$q" -v s="$s" 'BEGIN{printf "%.0f", n/s}')
  [ "$name" = "python+opencv workers=1" ] && base=$ips
  rows_out+=("$name|$s|$ips|$qps")
done
for r in "${rows_out[@]}"; do
  IFS='|' read -r name s ips qps <<<"$r"
  printf '%-28s %10s %12s %14s %21sx\n' "$name" "$s" "$ips" "$qps" "$(awk -v a="$ips" -v b="$base" 'BEGIN{printf "%.2f", a/b}')"
done

# Same specification, same bytes: both generators write 500 images; compare the manifests' checksums.
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"${JAVA[@]}" --size "$SIZE" --images 500 --seed "$SEED" --out "$TMP/java" --quiet >/dev/null
"$PY" "$HERE/ref_generator.py" --size "$SIZE" --images 500 --seed "$SEED" --exact --out "$TMP/py-exact" >/dev/null
"$PY" "$HERE/ref_generator.py" --size "$SIZE" --images 500 --seed "$SEED" --out "$TMP/py-cv2" >/dev/null
echo
if diff <(grep -v '^#' "$TMP/java/manifest.properties") <(grep -v '^#' "$TMP/py-exact/manifest.properties") >/dev/null; then
  echo "check: Java and Python (--exact) datasets are byte-identical (all 8 files, 500 images)"
else
  echo "check: FAILED - Java and Python (--exact) datasets differ:"; diff <(grep -v '^#' "$TMP/java/manifest.properties") <(grep -v '^#' "$TMP/py-exact/manifest.properties") || true
  exit 1
fi
"$PY" - "$TMP/java" "$TMP/py-cv2" <<'PYEOF'
import sys, numpy as np
a, b = (np.fromfile(f"{d}/train-images.u8", np.uint8) for d in sys.argv[1:3])
same = all(np.array_equal(np.fromfile(f"{sys.argv[1]}/train-{p}", np.uint8), np.fromfile(f"{sys.argv[2]}/train-{p}", np.uint8))
           for p in ("scenes.u16", "questions.u8", "answers.u8"))
print(f"check: cv2.circle version: scenes/questions/answers identical: {same}; "
      f"{(a != b).mean() * 100:.2f} % of image bytes differ (OpenCV's circle rasterisation)")
PYEOF
