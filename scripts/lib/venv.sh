# Shared by scripts/run, scripts/test and scripts/bench: make .venv and install the package
# into it, with the optional-dependency groups the script needs (pyproject.toml: runtime
# always; "test" for the tests, "bench" for the benchmarks), when they are missing or
# pyproject.toml changed since the last install.

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Firsthand needs Python 3.11 or newer (python3 --version says: $(python3 --version 2>&1))." >&2
  return 1
}

# ensure_venv [GROUP...]: e.g. `ensure_venv` (runtime only), `ensure_venv test`.
ensure_venv() {
  local groups hash missing=() group
  if [ ! -x .venv/bin/python ]; then
    echo "==> Creating .venv"
    "$(find_python)" -m venv .venv
  fi
  hash="$(sha256sum pyproject.toml | cut -c1-16)"
  # One stamp per group installed from this pyproject.toml; "runtime" comes with any group.
  for group in runtime "$@"; do
    [ -f ".venv/.firsthand-$group-$hash" ] || missing+=("$group")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  groups="$(IFS=,; echo "$*")"
  echo "==> Installing Firsthand${groups:+ with the $groups group(s)} into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".${groups:+[$groups]}"
  for group in runtime "$@"; do touch ".venv/.firsthand-$group-$hash"; done
}
