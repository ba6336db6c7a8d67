#!/usr/bin/env bash
# Sets up RelNet Notebooks on this machine: checks prerequisites, builds the kernel and kernel-lib,
# and installs the Jupyter kernelspec "relnet-java" (display name "Java (RelNet)").
#
#   environment/setup.sh [--yes] [--no-build]
#
#   --yes       install missing Python packages without asking (implied when CI=true or no terminal)
#   --no-build  skip the Maven build (the caller has just built, e.g. `mvn verify` in test.sh)
#
# Environment: RELNET_PYTHON  Python to use (default: the active virtualenv, else <repo>/.venv)
#              MAVEN_ARGS     extra arguments for mvn (e.g. -o for offline)
#              RELNET_KERNEL_JAVA_OPTS  JVM options written into kernel.json (default below)
#
# Idempotent: re-running rebuilds and replaces the installed kernelspec.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KERNEL_NAME=relnet-java
DISPLAY_NAME="Java (RelNet)"
ASSUME_YES=0
BUILD=1
for arg in "$@"; do
  case "$arg" in
    --yes|-y) ASSUME_YES=1 ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ "${CI:-}" == "true" || ! -t 0 ]]; then ASSUME_YES=1; fi

say()  { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
missing=()

check_java() {
  if ! command -v java >/dev/null 2>&1; then
    missing+=("Java: no 'java' on PATH. Install a JDK 17 or newer (e.g. 'apt-get install openjdk-17-jdk', or Temurin 17 from adoptium), then re-run.")
    return
  fi
  local spec
  spec="$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | tr -d '[:space:]')"
  local major="${spec#1.}"; major="${major%%.*}"
  if [[ -z "$major" || "$major" -lt 17 ]]; then
    missing+=("Java: 'java' is version ${spec:-unknown} ($(command -v java)); RelNet needs JDK 17 or newer. Put a JDK 17+ first on PATH or set JAVA_HOME.")
    return
  fi
  if ! java --list-modules 2>/dev/null | grep -q '^jdk.jshell@'; then
    missing+=("Java: $(command -v java) has no 'jdk.jshell' module (a JRE or a jlink'ed runtime?). The kernel runs your cells with JShell: install a full JDK 17+ (e.g. openjdk-17-jdk, not -jre).")
  fi
  if ! command -v javac >/dev/null 2>&1; then
    missing+=("Java: no 'javac' on PATH, so this is a JRE; install a full JDK 17+.")
  fi
}

check_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    missing+=("Maven: no 'mvn' on PATH. Install Apache Maven 3.8+ (e.g. 'apt-get install maven', 'brew install maven', or from maven.apache.org).")
  fi
}

check_python() {
  if [[ -n "${RELNET_PYTHON:-}" ]]; then
    PY="$RELNET_PYTHON"
    [[ -x "$PY" ]] || command -v "$PY" >/dev/null 2>&1 || { missing+=("Python: RELNET_PYTHON='$PY' is not an executable."); return; }
  elif [[ -n "${VIRTUAL_ENV:-}" && -x "$VIRTUAL_ENV/bin/python" ]]; then
    PY="$VIRTUAL_ENV/bin/python"
  elif [[ -x "$ROOT/.venv/bin/python" ]]; then
    PY="$ROOT/.venv/bin/python"
  else
    if ! command -v python3 >/dev/null 2>&1; then
      missing+=("Python: no 'python3' on PATH. Install Python 3.9+ (e.g. 'apt-get install python3 python3-venv').")
      return
    fi
    if ! python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)'; then
      missing+=("Python: $(python3 --version 2>&1) is too old; Jupyter needs Python 3.9 or newer.")
      return
    fi
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
      missing+=("Python: python3 cannot create virtual environments (module venv/ensurepip missing). On Debian/Ubuntu: 'apt-get install python3-venv'.")
      return
    fi
    PY="$ROOT/.venv/bin/python"
    NEED_VENV=1
  fi
}

PY=""; NEED_VENV=0
check_java
check_maven
check_python
if ((${#missing[@]})); then
  printf '[setup] Missing prerequisites:\n' >&2
  for m in "${missing[@]}"; do printf '  - %s\n' "$m" >&2; done
  exit 1
fi
say "java:   $(java -version 2>&1 | head -1) with jdk.jshell"
say "maven:  $(mvn -v 2>/dev/null | head -1)"

# ---------------------------------------------------------------- Python side (Jupyter)
REQ="$ROOT/environment/requirements.txt"
requirements_match() {
  # True when every pinned requirement is installed at exactly the pinned version.
  "$PY" - "$REQ" <<'EOF'
import importlib.metadata as md, re, sys
ok = True
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    m = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
    if not m:
        continue
    try:
        have = md.version(m.group(1))
    except md.PackageNotFoundError:
        have = None
    if have != m.group(2):
        print(f"  {m.group(1)}: want {m.group(2)}, have {have or 'nothing'}")
        ok = False
sys.exit(0 if ok else 1)
EOF
}

if ((NEED_VENV)); then
  if ((ASSUME_YES == 0)); then
    read -r -p "[setup] Create a Python virtualenv in $ROOT/.venv and install Jupyter there (pip install -r environment/requirements.txt)? [Y/n] " ans
    [[ -z "$ans" || "$ans" =~ ^[Yy] ]] || fail "Jupyter is needed to run the notebooks. Create a virtualenv yourself, activate it and re-run."
  fi
  say "creating virtualenv $ROOT/.venv"
  python3 -m venv "$ROOT/.venv"
fi

if ! outdated="$(requirements_match)"; then
  say "Python packages differ from environment/requirements.txt:"
  printf '%s\n' "$outdated"
  if ((ASSUME_YES == 0)); then
    read -r -p "[setup] pip install -r environment/requirements.txt into $("$PY" -c 'import sys; print(sys.prefix)')? [Y/n] " ans
    [[ -z "$ans" || "$ans" =~ ^[Yy] ]] || fail "Jupyter packages missing or outdated; install them with: $PY -m pip install -r $REQ"
  fi
  "$PY" -m pip install --disable-pip-version-check -q -r "$REQ" \
    || fail "pip install failed (see above). Is the package index reachable? Try: $PY -m pip install -r $REQ"
fi
say "python: $("$PY" --version 2>&1) at $("$PY" -c 'import sys; print(sys.prefix)') with jupyterlab $("$PY" -c 'import jupyterlab; print(jupyterlab.__version__)')"

# ---------------------------------------------------------------- build
if ((BUILD)); then
  say "building kernel-lib and kernel: mvn -B package -DskipTests (first run downloads DL4J, ~300 MB)"
  (cd "$ROOT" && mvn -B -q ${MAVEN_ARGS:-} package -DskipTests -pl kernel -am) \
    || fail "Maven build failed (output above). Fix it and re-run environment/setup.sh."
fi

# ---------------------------------------------------------------- kernelspec
# The kernel module packages itself as kernel/target/dist/relnet-kernel.jar with its dependencies
# in kernel/target/dist/lib/ (see kernel/README.md). kernel.json points at them with absolute
# paths, so re-run this script after `mvn clean` or after moving the checkout.
KERNEL_JAR="$("$PY" "$ROOT/environment/kernel_layout.py" jar "$ROOT")" \
  || fail "no kernel jar under $ROOT/kernel/target: build it with 'environment/setup.sh' (without --no-build) or 'mvn -B package -DskipTests'."
STAGE="$ROOT/kernel/target/kernelspec-install/$KERNEL_NAME"
rm -rf "$STAGE"; mkdir -p "$STAGE"
BUILT_SPEC="$ROOT/kernel/target/kernelspec/$KERNEL_NAME"
if [[ -d "$BUILT_SPEC" ]]; then cp -r "$BUILT_SPEC/." "$STAGE/"; fi   # logos etc. from the kernel build
"$PY" "$ROOT/environment/kernel_layout.py" kernel-json "$ROOT" "$KERNEL_JAR" "$DISPLAY_NAME" \
  "${RELNET_KERNEL_JAVA_OPTS:-}" > "$STAGE/kernel.json"

if "$PY" -c 'import sys; sys.exit(0 if sys.prefix != sys.base_prefix else 1)'; then
  SCOPE=--sys-prefix   # inside a virtualenv: keep the kernel with that Jupyter
else
  SCOPE=--user
fi
# The kernelspec app is called through this Python directly: `python -m jupyter kernelspec` would
# run whichever `jupyter-kernelspec` comes first on PATH, possibly another Python's.
kernelspec() { "$PY" -c 'import sys; from jupyter_client.kernelspecapp import KernelSpecApp; sys.exit(KernelSpecApp.launch_instance())' "$@"; }
kernelspec install "$STAGE" --name "$KERNEL_NAME" $SCOPE >/dev/null 2>&1 \
  || kernelspec install "$STAGE" --name "$KERNEL_NAME" $SCOPE
say "kernelspec '$KERNEL_NAME' ($DISPLAY_NAME) installed $SCOPE:"
kernelspec list 2>/dev/null | grep -E "^\s+$KERNEL_NAME\s" | sed 's/^/[setup]   /'
say "done. Open the notebooks with: $PY -m jupyterlab $ROOT/notebooks"
