# cnreport: `make` lists the targets. `make all` builds everything, `make test` checks everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.cnreport-installed
UV_VERSION := 0.13.9

# Determinism: fixed hash seed, no display, a fixed build date for file formats that record one.
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export SOURCE_DATE_EPOCH := 1596326400
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help env all lint test fuzz bench bench-corpus bench-peer check-determinism clean-env measure-mapping district manifest

help: ## list the targets with one line of help each
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-18s %s\n", $$1, $$2}'

env: $(STAMP) ## create .venv from requirements.lock (exact versions) if missing or stale

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import sys; assert sys.version_info >= (3, 11), "cnreport needs Python 3.11 or newer"'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $@

all: env ## run the whole pipeline: every notebook in order, writing data and figures
	$(BIN)/cnreport pipeline

district: env ## the whole analysis of one report into output/<id>/: make district REPORT=<id> (REPORT=all for every report)
	@test -n "$(REPORT)" || { echo "usage: make district REPORT=<report_id> (or REPORT=all)"; exit 2; }
	$(BIN)/cnreport run $(if $(filter all,$(REPORT)),--all,$(REPORT))

manifest: env ## regenerate data/raw/SHA256SUMS after adding a report to data/raw/
	$(BIN)/cnreport manifest

lint: env ## ruff over src, tests and scripts (rules in pyproject.toml); zero findings
	$(BIN)/ruff check src tests scripts

test: env lint ## lint, unit tests and nbval over every notebook on 2 cores, then check-determinism
	$(BIN)/pytest -n 2 --dist loadscope --nbval --nbval-current-env \
		--nbval-sanitize-with tests/nbval_sanitize.cfg tests notebooks
	$(BIN)/python scripts/check_determinism.py

fuzz: env ## long randomized run of the fuzz and property tests (CNREPORT_FUZZ_EXAMPLES per test, default 20000)
	CNREPORT_FUZZ=1 $(BIN)/pytest -n 2 -q --hypothesis-show-statistics tests/test_fuzz.py tests/test_properties.py

bench: env ## time the extractor per report, on 1 MB of text, and the CLI start-up
	$(BIN)/python scripts/bench.py

DEV ?= ../shared/data/dev

measure-mapping: env ## share of facts mapped per genre on DEV (default ../shared/data/dev) and the judged sample's precision
	$(BIN)/python scripts/measure_mapping.py $(DEV) --sample bench/mapping_sample.csv
bench-corpus: env ## time `cnreport corpus` on 10,000 synthetic reports: reports/s per core, 1->2 workers, Dask overhead, memory
	$(BIN)/python scripts/bench_corpus.py 10000 3

PEER_VENV := .venv-peer
PEER_STAMP := $(PEER_VENV)/.peer-installed

bench-peer: $(PEER_STAMP) ## compare with JioNLP and Recognizers-Text in .venv-peer (benchmark-only deps)
	BENCH_PEER_VIA_MAKE=1 $(PEER_VENV)/bin/python scripts/bench_peer.py

$(PEER_STAMP): bench/peer-requirements.txt pyproject.toml
	@test -x $(PEER_VENV)/bin/python || $(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(PEER_VENV)/bin/uv pip install --quiet --python $(PEER_VENV)/bin/python -r bench/peer-requirements.txt
	$(PEER_VENV)/bin/uv pip install --quiet --python $(PEER_VENV)/bin/python --no-deps -e .
	@touch $@

check-determinism: env ## run the pipeline twice in a temporary copy of HEAD; every output must match the commit
	$(BIN)/python scripts/check_determinism.py

clean-env: ## remove .venv (the next target recreates it)
	rm -rf $(VENV)
