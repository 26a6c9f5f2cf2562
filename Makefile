# Quick start: `make build` then `make test`. Everything installs into .venv/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_BUILDER := $(BIN)/site-builder

.PHONY: build test check serve lint bench clean system-deps build-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed build-deps
	$(SITE_BUILDER) build

check: $(VENV)/.installed
	$(SITE_BUILDER) check --strict

serve: $(VENV)/.installed
	$(SITE_BUILDER) serve --open

# HarfBuzz's subsetter makes PDF font embedding fast and quiet; optional, root only.
build-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null && ! dpkg -s libharfbuzz-subset0 >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null) || true; \
	fi

# System packages the test suite drives (Java for the W3C validator, Chromium for
# browser tests, poppler for page images, HarfBuzz subsetting so WeasyPrint does not
# fall back to fontTools with a warning). Installed only when running as root.
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	  dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || missing="$$missing libharfbuzz-subset0"; \
	  if [ -n "$$missing" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	fi

test: $(VENV)/.installed-test system-deps
	$(BIN)/ruff check site_builder tests bench
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check site_builder tests bench
	$(BIN)/ruff format --check site_builder tests bench

clean:
	rm -rf output .cache .pytest_cache
