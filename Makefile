# One entry point for every routine task. `make run` and `make test` set everything up
# on a fresh machine first (scripts/setup.sh is idempotent).
PY := .venv/bin/python

.PHONY: setup run test check lint db clean screenshots bench font

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

screenshots: setup
	$(PY) scripts/screenshots.py

bench: setup
	$(PY) bench/build_bench.py
	$(PY) bench/search_bench.py --scale 20
	$(PY) bench/startup_bench.py

font: setup
	$(PY) scripts/make_font.py

clean:
	rm -rf .venv .pytest_cache .ruff_cache
