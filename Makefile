# The two commands of the README.
.PHONY: demo test serve lint bench

PORT ?= 5000

demo:  ## set up and run the demo (Antalya sample) on http://127.0.0.1:$(PORT)
	tools/bootstrap.sh
	.venv/bin/diplomap demo --port $(PORT)

test:  ## set up and run the whole test suite (local Neo4j and Chromium included)
	tools/test.sh $(ARGS)

serve:  ## serve the current store
	tools/bootstrap.sh
	.venv/bin/diplomap serve --port $(PORT)

lint:
	.venv/bin/ruff check graph importers web cli tests bench
