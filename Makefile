PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config/monitor.toml

.PHONY: run test lint bench soak demo clean

$(BIN)/rumour-monitor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/rumour-monitor
	$(BIN)/rumour-monitor --config $(CONFIG) run

test: $(BIN)/rumour-monitor
	$(BIN)/ruff check monitor tests bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(BIN)/rumour-monitor
	$(BIN)/ruff check monitor tests bench scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache

# --keep: the demo's database stays, to be opened with `serve` (the last lines say how).
demo: $(BIN)/rumour-monitor
	$(BIN)/python scripts/demo.py --keep

# The benchmarks; `reader` (lemon24/reader) goes into its own venv, only for the comparison.
bench/.venv/bin/python: bench/requirements.txt
	$(PYTHON) -m venv bench/.venv
	bench/.venv/bin/pip install --quiet -r bench/requirements.txt
	touch $@

bench: $(BIN)/rumour-monitor bench/.venv/bin/python
	$(BIN)/python bench/ingest.py --reader-python bench/.venv/bin/python
	$(BIN)/python bench/match.py
	$(BIN)/python bench/web.py

soak: $(BIN)/rumour-monitor
	$(BIN)/python bench/soak.py
