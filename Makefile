# Two commands for a newcomer: `make run` (set up, then analyze the example article) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := examples/seed-article

.PHONY: run test system-packages lint bench clean

$(STAMP): pyproject.toml requirements/model.txt requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/newsledger extract $(SEED)/article.txt --published 2024-11-18 --format text
	$(BIN)/newsledger extract $(SEED)/article.txt --published 2024-11-18 -o out/seed-article.json
	@echo "records written to out/seed-article.json"
	$(BIN)/newsledger ingest $(SEED)/article.txt --published 2024-11-18
	$(BIN)/newsledger ingest examples/corpus
	@echo "ledger written to newsledger.db (SQLite); try: $(BIN)/newsledger query entity \"Mykola Tkachenko\""
	@echo "open the ledger: $(BIN)/newsledger serve, then http://127.0.0.1:8000/"

test: $(STAMP) system-packages lint
	$(BIN)/pytest

# Chromium and the PostgreSQL server, which the tests drive for real: installed when missing (as root).
system-packages:
	@scripts/system-packages

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
