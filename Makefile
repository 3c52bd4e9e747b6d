# Quick start: `make report` builds the example reports, `make test` runs every test.
# Both create .venv (Python 3.11+) with the pinned dependencies when it is missing or stale.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORES ?= all

.PHONY: report test check-templates verify bench clean

report: $(VENV)/.installed
	$(BIN)/snakemake --cores $(CORES)

check-templates: $(VENV)/.installed
	$(BIN)/python -m grantreports check-templates templates

verify: $(VENV)/.installed
	$(BIN)/python -m grantreports verify

test: $(VENV)/.installed
	$(BIN)/python -m pytest

# Scale benchmark (about an hour at the default 1,000 grants; BENCH_ARGS="--grants 50 --activities 5000" for a quick look).
# Prints its figures and writes bench/RESULTS.md. LibreOffice is compared when installed (bench/install-tools.sh).
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

clean:
	rm -rf outputs results logs .snakemake
