# journeysite: two commands on a fresh machine.
#   make serve   set up and serve the demo site at http://127.0.0.1:8000
#   make test    set up and run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve build test fuzz check bench messages system-deps clean

# Material prints a notice about MkDocs 2 on every build; the README covers it.
export NO_MKDOCS_2_WARNING := 1

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Graphviz's `dot` draws flows; Chromium renders pages in the browser tests; jq reads GitHub's answers
# as gh --jq does in the tests of the comment workflow.
# Installed with apt-get where we can (root on Debian/Ubuntu); otherwise we say what is missing.
system-deps:
	@missing=""; \
	command -v dot >/dev/null 2>&1 || missing="$$missing graphviz"; \
	command -v jq >/dev/null 2>&1 || missing="$$missing jq"; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing$$missing with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Please install:$$missing (for example: sudo apt-get install$$missing)"; \
	  fi; \
	fi

serve: $(STAMP) system-deps
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) system-deps
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/journeysite check .

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

# Property-based fuzzing for a few minutes: front matter of every shape, for every kind, through
# journeysite check and a real mkdocs build (make test runs the same tests with a few examples).
fuzz: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py --hypothesis-profile=fuzz

# The benchmark (bench/bench.py --help): make bench BENCH_ARGS="--large" adds 1,000 journeys.
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# Messages: extract every marked message of the code, then update each catalogue
# (src/journeysite/locale/LANG/LC_MESSAGES/journeysite.po); translate what is new, then make test.
POT := build/journeysite.pot
messages: $(STAMP)
	mkdir -p build
	$(BIN)/pybabel -q extract --no-location --sort-output --no-wrap -k _ -k N_ -k translate -k ngettext:1,2 \
	  -o $(POT) src/journeysite
	$(BIN)/pybabel -q update --no-fuzzy-matching --ignore-obsolete --no-wrap -i $(POT) -d src/journeysite/locale -D journeysite
	sed -i '/^"POT-Creation-Date/d' src/journeysite/locale/*/LC_MESSAGES/journeysite.po  # no churn between runs

clean:
	rm -rf site .pytest_cache .hypothesis
