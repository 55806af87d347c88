# Proportion: the commands the README gives. `make run` serves the app; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DB ?= proportion.db
PORT ?= 8501
REQ_STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-12)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -c1-12)
export PIP_DISABLE_PIP_VERSION_CHECK=1
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

.PHONY: run test install install-dev debian lint fmt typecheck bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(REQ_STAMP): | $(PY)
	$(PY) -m pip install -q -r requirements.txt 2> >(grep -v "is ignored" >&2)
	$(PY) -m pip install -q --no-deps -e . 2> >(grep -v "is ignored" >&2)
	touch $@

$(DEV_STAMP): | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt 2> >(grep -v "is ignored" >&2)
	$(PY) -m pip install -q --no-deps -e . 2> >(grep -v "is ignored" >&2)
	touch $@ $(REQ_STAMP)

install: $(REQ_STAMP)

install-dev: $(DEV_STAMP)

debian:
	./scripts/install-debian-packages.sh

$(DB): | $(REQ_STAMP)
	$(PY) -m proportion init --db $(DB)

## run: install what is needed, load the default data if there is no database, serve http://127.0.0.1:$(PORT)
run: $(REQ_STAMP) $(DB)
	$(PY) -m proportion serve --db $(DB) --address 127.0.0.1 --port $(PORT)

## test: install the dev extra and the Debian packages the tests need, then run the whole suite
test: debian $(DEV_STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

fmt: $(DEV_STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

typecheck: $(DEV_STAMP)
	$(PY) -m mypy

## bench: benchmarks (not part of `make test`); figures go to bench/RESULTS.md
bench: debian $(DEV_STAMP)
	@set -e; for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b; done
	@if [ -f bench/extraction/run.py ]; then echo "== bench/extraction/run.py"; $(PY) bench/extraction/run.py; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache *.egg-info
