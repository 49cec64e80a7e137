#!/usr/bin/env bash
# The test command: set up, start a local Neo4j unless NEO4J_URI is set, run pytest.
# Extra arguments go to pytest, e.g. `make test ARGS="-k importers"`.
#
# The local Neo4j keeps its state in this checkout (.neo4j-state/, gitignored) unless
# DIPLOMAP_NEO4J_HOME says otherwise, so two clones never share a server or a database.
# A server that was already running when the tests started is left running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/bootstrap.sh --test

export DIPLOMAP_NEO4J_HOME="${DIPLOMAP_NEO4J_HOME:-$PWD/.neo4j-state}"
started=""
if [ -z "${NEO4J_URI:-}" ]; then
  was_running=""
  tools/neo4j/neo4j-local status >/dev/null 2>&1 && was_running=1
  if out=$(tools/neo4j/neo4j-local start); then
    export "$(printf '%s\n' "$out" | tail -n 1)"
    [ -z "$was_running" ] && started=1
    echo "[test] using the local Neo4j at $NEO4J_URI (state: $DIPLOMAP_NEO4J_HOME)" >&2
  elif [ "${CI:-}" = "true" ]; then
    echo "[test] the local Neo4j could not start: under CI that is a failure" >&2
    exit 1
  else
    echo "[test] no Neo4j (install Java 17 and Maven, or set NEO4J_URI): Neo4j tests will be skipped" >&2
  fi
fi
cleanup() { [ -n "$started" ] && tools/neo4j/neo4j-local stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

.venv/bin/python -m pytest "$@"
