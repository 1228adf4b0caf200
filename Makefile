# Two commands do everything on a fresh machine with Python 3.11, make and apt:
#   make serve   install what the book needs, build it (every chapter executed) and serve it on localhost
#   make test    install what the tests need and run the whole suite (browser tests need Debian's chromium)
# Also: make pdf (the whole book as one PDF, via headless Chromium), make bench (performance figures),
#       make versions (every released version at _build/html/v/<version>/ beside the latest).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
BUILD_FLAGS := --all -W -n --keep-going

.PHONY: install install-dev build versions serve test test-all test-fast bench mutants pdf clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt binder/requirements.txt binder/postBuild binder/overrides.json | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	PATH="$(abspath $(BIN)):$$PATH" binder/postBuild  # as on Binder: JupyterLab opens .md as notebooks
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt package-lock.json $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@command -v npm >/dev/null || { echo "The accessibility tests need axe-core from npm: apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error  # axe-core and vega (tests/test_vendor.py), pinned in package-lock.json
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

build: install
	$(BIN)/jupyter-book build . $(BUILD_FLAGS)

# The multi-version site, as the deploy workflow publishes it: the latest at _build/html/, each
# release recorded in releases.yml at _build/html/v/<version>/ (built from its commit), and the
# version in CITATION.cff at v/<version>/ even before it is recorded (scripts/build_versions.py).
versions: install
	$(BIN)/python scripts/build_versions.py --out _build/html

serve: build
	@echo "Serving the book at http://127.0.0.1:$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# Two workers (the machine's two cores); tests sharing an expensive fixture stay on one worker.
XDIST := -n 2 --dist loadgroup

test: install-dev
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	$(BIN)/pytest $(XDIST)

# Also opens every chapter (not only parallelization) in a real JupyterLab: several minutes.
test-all: install-dev
	@test -x "$${CHROMIUM:-/usr/bin/chromium}" || { echo "Browser tests need Debian's chromium: apt-get install chromium"; exit 1; }
	ESSAYS_TEST_ALL=1 $(BIN)/pytest $(XDIST)

test-fast: install-dev
	$(BIN)/pytest $(XDIST) -m "not browser and not live and not versions and not site"

pdf: install-dev
	$(BIN)/python scripts/make_pdf.py

bench: install-dev
	$(BIN)/python bench/bench.py

# Mutation score of every model module and explorable.py against the fast tests (mutmut; on demand,
# like bench: tens of minutes on two cores). Score per module, then the surviving mutants; the
# equivalent ones are listed with their reasons in mutants/EQUIVALENT.md. GROUPS="trends survival"
# runs only those groups; after adding tests, `python scripts/mutants.py --again <group>` reruns only
# the last run's survivors (minutes, not tens of minutes).
mutants: install-dev
	nice -n 10 $(BIN)/python scripts/mutants.py $(GROUPS)

clean:
	rm -rf _build .pytest_cache .hypothesis
