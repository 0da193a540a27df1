# Shared by scripts/run and scripts/test: make .venv and install the package into it
# when it is missing or pyproject.toml changed since the last install.

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

ensure_venv() {
  local extras="$1" spec="." stamp
  [ -n "$extras" ] && spec=".[$extras]"
  if [ ! -x .venv/bin/python ]; then
    echo "==> Creating .venv"
    "$(find_python)" -m venv .venv
  fi
  local hash
  hash="$(sha256sum pyproject.toml | cut -c1-16)"
  stamp=".venv/.firsthand-${extras:-base}-$hash"
  # An install with extras covers the plain one.
  if [ -z "$extras" ] && compgen -G ".venv/.firsthand-*-$hash" >/dev/null; then return 0; fi
  if [ ! -f "$stamp" ]; then
    echo "==> Installing Firsthand${extras:+ with $extras extras} into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e "$spec"
    touch "$stamp"
  fi
}
