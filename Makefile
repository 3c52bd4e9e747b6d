# Quick start: `make report` builds the example reports, `make test` runs every test.
# Both create .venv (Python 3.11+) from requirements.lock (every package pinned, with its hashes)
# when it is missing or the lock changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORES ?= all
# How the locks are compiled from requirements.txt (and requirements-slurm.txt): one lock for
# every platform and Python the project supports, the fewest versions per package, with hashes.
# LOCK_ARGS=--upgrade moves every package to its newest release that fits the pins.
COMPILE = $(BIN)/uv pip compile --quiet --universal --fork-strategy fewest --generate-hashes --python-version 3.11 $(LOCK_ARGS)

.PHONY: report test lint docs check-templates verify bench lock clean translations template init preview

report: $(VENV)/.installed
	$(BIN)/snakemake --cores $(CORES)

# Build, then keep the reports up to date while you edit the inputs: http://127.0.0.1:8000/ shows the overview and
# the reports, and follows each save. Ctrl+C stops it. PREVIEW_ARGS="--port 8001 --no-browser".
preview: $(VENV)/.installed
	$(BIN)/python -m grantreports preview $(PREVIEW_ARGS)

check-templates: $(VENV)/.installed
	$(BIN)/python -m grantreports check-templates templates

verify: $(VENV)/.installed
	$(BIN)/python -m grantreports verify

# The blank input workbook, generated from the sheet schemas and the formats under templates/: template.xlsx
# here (not under inputs/, which the example build reads). TEMPLATE_ARGS="--language en --out other.xlsx".
template: $(VENV)/.installed
	$(BIN)/python -m grantreports template $(TEMPLATE_ARGS)

# A new project folder: make init DIR=/path/to/folder (INIT_ARGS="--language en --copy-templates").
init: $(VENV)/.installed
	@test -n "$(DIR)" || { echo "make init DIR=<folder>: name the new project's folder (a new or empty one)"; exit 2; }
	$(BIN)/python -m grantreports init "$(DIR)" $(INIT_ARGS)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

# The linters Python and Snakemake maintainers run; settings in pyproject.toml. CI runs this before the tests.
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/snakefmt --check .
	$(BIN)/snakemake --lint

# The generated parts of inputs/README.md and templates/README.md (a test fails while they are stale).
docs: $(VENV)/.installed
	$(BIN)/python scripts/update_docs.py

# Scale benchmark (24-33 minutes at the default 1,000 grants on a quiet 2-core machine; BENCH_ARGS="--grants 50 --activities 5000" for a quick look).
# Prints its figures and writes bench/RESULTS.md. LibreOffice is compared when installed (scripts/install-tools.sh).
bench: $(VENV)/.installed
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# The interface language's catalog (grantreports/common/i18n.py): every message marked tr()/ntr() in the code
# into locale/messages.pot, new ones into locale/lv/LC_MESSAGES/messages.po (translate them there), then the .mo
# the tool reads. A test fails while a message has no Latvian translation or the .mo is older than the .po.
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F babel.cfg -k tr -k ntr:1,2 --no-default-keywords --no-location --sort-output \
		--project grantreports --omit-header -o locale/messages.pot .
	$(BIN)/pybabel -q update --init-missing --no-fuzzy-matching --ignore-obsolete -l lv -d locale -D messages -i locale/messages.pot
	$(BIN)/pybabel -q compile --statistics -l lv -d locale -D messages

# After changing requirements.txt or requirements-slurm.txt: compile the locks again (needs PyPI).
lock: $(VENV)/.installed
	$(COMPILE) requirements.txt -o requirements.lock
	$(COMPILE) requirements.txt requirements-slurm.txt --constraint requirements.lock -o requirements-slurm.lock

# A new environment whenever the lock changes, so that it holds exactly what the lock says.
$(VENV)/.installed: requirements.lock
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

clean:
	rm -rf outputs results logs .snakemake
