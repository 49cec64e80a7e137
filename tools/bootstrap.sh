#!/usr/bin/env bash
# Set up everything Diplomap needs on a fresh machine; safe to run again (it skips what is done).
#   tools/bootstrap.sh          virtualenv + Python packages, Pango for PDFs (for `make demo`)
#   tools/bootstrap.sh --test   also Chromium, docker-compose, Java/Maven (for `make test`)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
say() { printf '[bootstrap] %s\n' "$*" >&2; }

if [ ! -x .venv/bin/python ]; then
  say "creating the virtualenv in .venv"
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)"
if [ ! -f "$stamp" ]; then
  say "installing Python packages (pyproject.toml; log in .venv/install.log)"
  log=.venv/install.log
  # pip's and setuptools' notices go to the log; it is shown when something fails.
  {
    .venv/bin/pip install -q --upgrade pip &&
    # constraints.txt pins every package (refresh it with `make lock`)
    .venv/bin/pip install -q -c constraints.txt -e '.[dev]'
  } >"$log" 2>&1 || { cat "$log" >&2; say "installing the Python packages failed (above)"; exit 1; }
  # Optional speed-up of the Neo4j driver; fine to do without where it does not install.
  .venv/bin/pip install -q -c constraints.txt 'neo4j-rust-ext>=6.0,<7' >>"$log" 2>&1 || say "neo4j-rust-ext not installed (optional)"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

apt_install() {
  local missing=("$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      say "cannot install ${missing[*]} (not root, no sudo): install them with apt-get"
      return 1
    fi
  fi
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# PDF dossiers and reports (WeasyPrint) need Pango and a font with Turkish letters.
pdf_need=()
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || pdf_need+=(libpango-1.0-0 libpangoft2-1.0-0)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || pdf_need+=(fonts-dejavu-core)
apt_install "${pdf_need[@]}" || { [ "${CI:-}" = "true" ] && exit 1; say "PDF downloads need: ${pdf_need[*]}"; }

[ "${1:-}" = "--test" ] || exit 0

need=()
command -v chromium >/dev/null || need+=(chromium)
command -v docker-compose >/dev/null || need+=(docker-compose)
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
apt_install "${need[@]}" || { [ "${CI:-}" = "true" ] && exit 1; true; }
