#!/usr/bin/env bash
# Refresh constraints.txt: resolve pyproject.toml's dependencies (with dev and speedups) in a
# fresh virtualenv and pin every installed version. Review the diff and commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q -e '.[dev,speedups]'
{
  echo "# Pinned versions for every install (tools/bootstrap.sh uses -c constraints.txt)."
  echo "# Refresh with: make lock   (tools/lock.sh), then run make test and commit."
  "$tmp/venv/bin/pip" freeze --exclude-editable | grep -v '^-e ' | sort -f
} > constraints.txt
echo "constraints.txt: $(grep -vc '^#' constraints.txt) packages pinned" >&2
