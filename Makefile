# newsflow entry points. Quick start on a fresh machine: `make run`, then `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
RAW       ?= raw
WAREHOUSE ?= warehouse

# Prefect: the server your PREFECT_API_URL or active profile names; without one, `newsflow` runs
# on the embedded server with its state in ./.prefect (flows/settings.py).

.PHONY: install run test browser eval train bench lock clean
install: $(STAMP)

# `make run` installs what running needs; the test, eval and bench targets add the dev extras.
$(RUN_STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	touch $@

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@ $(RUN_STAMP)

run: $(RUN_STAMP)
	$(BIN)/newsflow ingest --raw $(RAW) --warehouse $(WAREHOUSE)
	$(BIN)/newsflow sql --warehouse $(WAREHOUSE) \
	  "SELECT outlet, site, title, published_at FROM articles ORDER BY outlet NULLS LAST, published_at NULLS LAST, title"

# The run report's browser test drives Debian's Chromium: installed first when missing (as root).
test: $(STAMP) browser
	$(BIN)/python -m pytest

browser:
	sh scripts/install-browser.sh

# Parser scores on the fixture corpus; fails below the bar (see parsers/evaluate.py).
eval: $(STAMP)
	$(BIN)/python -m parsers.evaluate tests/fixtures --corpus tests/corpus

# Retrain the fallback's line classifier (parsers/lineclass.py) on the dev split and the fixtures.
train: $(STAMP)
	$(BIN)/python -m parsers.linetrain tests/corpus/dev tests/fixtures

# Benchmarks on synthetic landing zones (BENCH_SIZES=1000,20000,100000 by default); see bench/run.py.
bench: $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python -m bench.run

# Re-pin constraints.txt from a throw-away venv after changing dependencies in pyproject.toml.
lock:
	rm -rf /tmp/newsflow-lock && $(PYTHON) -m venv /tmp/newsflow-lock
	/tmp/newsflow-lock/bin/pip install --quiet '.[dev,bench]'
	( head -2 constraints.txt; /tmp/newsflow-lock/bin/pip freeze --exclude newsflow ) > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) .prefect warehouse/articles warehouse/rejects warehouse/_* warehouse/catalog.duckdb
