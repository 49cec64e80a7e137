# The two commands of the README.
.PHONY: demo test serve lint lock bench

PORT ?= 5000

demo:  ## set up and run the demo (Antalya sample) on http://127.0.0.1:$(PORT)
	tools/bootstrap.sh
	.venv/bin/diplomap demo --port $(PORT)

test:  ## set up and run the whole test suite (local Neo4j and Chromium included)
	tools/test.sh $(ARGS)

serve:  ## serve the current store
	tools/bootstrap.sh
	.venv/bin/diplomap serve --port $(PORT)

lint:  ## ruff (lint and format) and the architecture contracts (import-linter); CI runs it first
	tools/bootstrap.sh
	.venv/bin/ruff check graph importers web cli tests bench tools
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

lock:  ## refresh constraints.txt (the pinned versions every install uses) from a fresh virtualenv
	tools/lock.sh
