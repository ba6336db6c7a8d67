# Sourced by the environment scripts: picks the Python that holds the project's Jupyter, the same
# way setup.sh does (RELNET_PYTHON, else the active virtualenv, else <repo>/.venv).
relnet_python() {
  local root="$1"
  if [[ -n "${RELNET_PYTHON:-}" ]]; then echo "$RELNET_PYTHON"
  elif [[ -n "${VIRTUAL_ENV:-}" && -x "$VIRTUAL_ENV/bin/python" ]]; then echo "$VIRTUAL_ENV/bin/python"
  else echo "$root/.venv/bin/python"
  fi
}
