# One entry point for every routine task. `make run` and `make test` set everything up
# on a fresh machine first (scripts/setup.sh is idempotent).
PY := .venv/bin/python

.PHONY: setup run test check lint db clean

setup:
	bash scripts/setup.sh

run: setup
	$(PY) main.py

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: setup
	$(PY) -m ruff check handbook ui tests bench scripts main.py
	.venv/bin/lint-imports

check: lint test

db: setup
	$(PY) -m handbook build

clean:
	rm -rf .venv .pytest_cache .ruff_cache
