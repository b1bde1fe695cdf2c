PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config/monitor.toml

.PHONY: run test lint bench demo clean

$(BIN)/rumour-monitor: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/rumour-monitor
	$(BIN)/rumour-monitor --config $(CONFIG) run

test: $(BIN)/rumour-monitor
	$(BIN)/ruff check monitor tests bench scripts
	$(BIN)/python -m pytest -q

lint: $(BIN)/rumour-monitor
	$(BIN)/ruff check monitor tests bench scripts

clean:
	rm -rf $(VENV) .pytest_cache

demo: $(BIN)/rumour-monitor
	$(BIN)/python scripts/demo.py
