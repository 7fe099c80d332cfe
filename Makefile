# One entry point for every routine task. `make run` and `make test` set everything up
# on a fresh machine first (scripts/setup.sh is idempotent).
PY := .venv/bin/python

.PHONY: setup run test check lint db clean screenshots bench font dist deb dist-test

setup:
	bash scripts/setup.sh

run: setup
	$(PY) main.py

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: setup
	$(PY) -m ruff check handbook ui tests bench scripts packaging main.py
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

# The one-folder build (dist/handbook: executables handbook and handbook-cli), the .deb made
# from it, and the smoke test of both (.ci/run runs it after the tests). See README "Packages".
dist: setup
	$(PY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/handbook.spec

deb: dist
	$(PY) packaging/make_deb.py

dist-test: deb
	$(PY) packaging/smoke_test.py

font: setup
	$(PY) scripts/make_font.py

clean:
	rm -rf .venv .pytest_cache .ruff_cache build dist
