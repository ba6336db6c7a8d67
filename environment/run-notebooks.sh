#!/usr/bin/env bash
# The main job: set up (prerequisites, build, kernelspec) and run EVERY notebook in notebooks/
# headless through the installed "Java (RelNet)" kernel.
#
#   environment/run-notebooks.sh [NOTEBOOK ...]
#
# Writes under output/ (git-ignored):
#   output/notebooks/NAME.ipynb   executed notebooks, with their figures
#   output/html/NAME.html         the same as standalone HTML pages
#   output/timings.json           wall time per notebook
# Quick mode by default (minutes per notebook on a laptop CPU); RELNET_FULL=1 runs the full-length,
# paper-settings versions (hours). Prints a per-notebook timing table at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/environment/python.sh"

"$ROOT/environment/setup.sh" --yes ${RELNET_SKIP_BUILD:+--no-build}
PY="$(relnet_python "$ROOT")"
exec "$PY" "$ROOT/environment/run_notebooks.py" --out "$ROOT/output" "$@"
