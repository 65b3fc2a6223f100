# The Ripple Effect: set-up, play, test.
#
# A fresh machine needs only Python 3.11+ and make: every target below creates .venv and
# installs the project (editable, with the dev extra) first. The install is redone only
# when pyproject.toml changes, tracked by the stamp file .venv/.installed.

VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
SOURCES  := ripple tests benchmarks
HEADLESS := SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

# The interpreter that creates .venv: python3.11 if it runs, else python3.
# Override with `make PYTHON=python3.12 play`. Evaluated only when .venv is created.
PYTHON ?= $(shell for p in python3.11 python3; do \
	if $$p -c '' >/dev/null 2>&1; then echo $$p; break; fi; done)

.DEFAULT_GOAL := play
.PHONY: play test lint bench balance schema clean install

## play: set up, then open the game (with no display, it says what to use instead)
play: $(STAMP)
	$(BIN)/ripple play

## test: set up, lint, type-check, then run the test suite with no screen or sound
test: lint
	$(HEADLESS) $(BIN)/pytest

## lint: ruff (rules and formatting) and mypy (engine and scenario)
lint: $(STAMP)
	$(BIN)/ruff check $(SOURCES)
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/mypy

## bench: time `ripple simulate` on a 500-department organisation against a SimPy model
bench: $(STAMP)
	$(BIN)/python benchmarks/engine_vs_simpy.py $(BENCH_ARGS)

## balance: 1,000 games per player, customer against the blind ones; rewrite docs/balance.md
balance: $(STAMP)
	$(BIN)/ripple balance --write docs/balance.md

## schema: regenerate the JSON Schema of scenario files
schema: $(STAMP)
	$(BIN)/ripple schema > scenarios/scenario.schema.json.tmp
	mv scenarios/scenario.schema.json.tmp scenarios/scenario.schema.json

## install: create .venv and install the project (done by every target above)
install: $(STAMP)

## clean: remove .venv, build output and caches
clean:
	rm -rf $(VENV) build dist benchmarks/out .pytest_cache .ruff_cache .mypy_cache .hypothesis
	find . -name '*.egg-info' -prune -exec rm -rf {} +
	find . -name __pycache__ -prune -exec rm -rf {} +

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "error: no Python found; install Python 3.11 or newer (python3.11 or python3)" >&2; \
		exit 1; \
	fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
		echo "error: $(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); The Ripple Effect needs Python 3.11 or newer." >&2; \
		echo "       install Python 3.11, or run: make PYTHON=/path/to/python3.11 $(MAKECMDGOALS)" >&2; \
		exit 1; \
	}
	@echo "creating $(VENV) with $(PYTHON)"
	@$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo "error: could not create $(VENV); on Debian or Ubuntu, install the python3.11-venv package" >&2; \
		exit 1; \
	}

# pygame-ce provides the `pygame` module; plain pygame installed next to it would clash.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@if $(BIN)/python -m pip show -q pygame >/dev/null 2>&1; then \
		echo "error: plain 'pygame' got installed next to pygame-ce; run: $(BIN)/python -m pip uninstall -y pygame pygame-ce && make" >&2; \
		exit 1; \
	fi
	touch $(STAMP)
