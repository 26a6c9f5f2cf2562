# Quick start: `make build` then `make test`. Everything installs into .venv/ from
# requirements.lock (exact versions), so a new upstream release cannot break a fresh clone.
#   make lock          re-resolve requirements.lock to the newest releases pyproject.toml allows
#   make test-latest   run the suite against the newest releases (in .venv-latest/), lock untouched
#   make install       put `site-builder` on your PATH (~/.local/bin), for staff
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
SITE_BUILDER := $(BIN)/site-builder
UV_VERSION := 0.13.9
LOCK_PYTHON := 3.11
# pip and setuptools come from the lock too; the lock's extra input line pins them.
LOCK_TOOLS := setuptools>=77\npip>=24\n

# Run a noisy command quietly: its output is shown only when it fails.
quietly = log=$$(mktemp); if ! $(1) >"$$log" 2>&1; then cat "$$log"; rm -f "$$log"; exit 1; fi; rm -f "$$log"

.PHONY: build test test-latest check serve lint typecheck bench bench-lighthouse clean lock install uninstall system-deps build-deps node-deps

$(BIN)/python:
	@echo "• Tạo môi trường Python trong $(VENV)/ …"
	@$(PYTHON) -m venv $(VENV)
	@$(call quietly,$(BIN)/python -m pip install --disable-pip-version-check -c $(LOCK) pip setuptools)

$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	@echo "• Cài site-builder (phiên bản thư viện theo $(LOCK)) …"
	@$(call quietly,$(BIN)/pip install --disable-pip-version-check --no-build-isolation -c $(LOCK) -e .)
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(LOCK) $(VENV)/.installed
	@echo "• Cài công cụ kiểm thử …"
	@$(call quietly,$(BIN)/pip install --disable-pip-version-check --no-build-isolation -c $(LOCK) -e '.[test]')
	@touch $@

build: $(VENV)/.installed build-deps
	@$(SITE_BUILDER) build --quiet

check: $(VENV)/.installed
	$(SITE_BUILDER) check --strict

serve: $(VENV)/.installed
	$(SITE_BUILDER) serve --open

# HarfBuzz's subsetter makes PDF font embedding fast and quiet; optional, root only.
build-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null && ! dpkg -s libharfbuzz-subset0 >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0) >/dev/null 2>&1 || true; \
	fi

# System packages the test suite drives (Java for the W3C validator, Chromium for
# browser tests, poppler for page images, HarfBuzz subsetting so WeasyPrint does not
# fall back to fontTools with a warning, LibreOffice Writer and its Python bridge to
# open the Word yearbook). Installed only when running as root.
system-deps:
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  missing=""; \
	  command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v npm >/dev/null || missing="$$missing npm"; \
	  command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	  dpkg -s libharfbuzz-subset0 >/dev/null 2>&1 || missing="$$missing libharfbuzz-subset0"; \
	  command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	  dpkg -s python3-uno >/dev/null 2>&1 || missing="$$missing python3-uno"; \
	  if [ -n "$$missing" ]; then \
	    echo "• Cài gói hệ thống:$$missing …"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null 2>&1; \
	  fi; \
	fi

# axe-core for the accessibility test, from tools/node/package-lock.json (npm ci, only when missing).
NODE_TOOLS := tools/node
node-deps:
	@if command -v npm >/dev/null && [ ! -f $(NODE_TOOLS)/node_modules/axe-core/axe.min.js ]; then \
	  echo "• Cài axe-core (npm ci trong $(NODE_TOOLS)/) …"; \
	  (cd $(NODE_TOOLS) && npm ci --omit=dev --no-audit --no-fund --loglevel=error) >/dev/null 2>&1 \
	    || echo "  không cài được axe-core: kiểm thử axe sẽ bị bỏ qua"; \
	fi

test: $(VENV)/.installed-test system-deps node-deps
	$(BIN)/ruff check site_builder tests bench tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The suite against the newest releases pyproject.toml allows, in a separate venv.
test-latest: system-deps
	@rm -rf .venv-latest && $(PYTHON) -m venv .venv-latest
	@echo "• Cài bản mới nhất của mọi thư viện vào .venv-latest/ …"
	@$(call quietly,.venv-latest/bin/pip install --disable-pip-version-check --upgrade pip)
	@$(call quietly,.venv-latest/bin/pip install --disable-pip-version-check --upgrade -e '.[test]')
	.venv-latest/bin/pip freeze --exclude-editable > .venv-latest/versions.txt
	.venv-latest/bin/python -m pytest -q

# Re-resolve the lock to the newest releases pyproject.toml allows (all extras, every platform).
lock: | $(BIN)/python
	@$(call quietly,$(BIN)/pip install --disable-pip-version-check uv==$(UV_VERSION))
	@printf '$(LOCK_TOOLS)' | $(BIN)/uv pip compile pyproject.toml - --all-extras --universal \
	  --python-version $(LOCK_PYTHON) --upgrade --quiet -o $(LOCK)
	@echo "• $(LOCK) đã cập nhật; chạy make test trước khi commit."

# For staff: a private copy in ~/.local/share/site-builder and `site-builder` in ~/.local/bin.
install:
	@PYTHON=$(PYTHON) LOCK=$(LOCK) sh tools/install-user.sh

uninstall:
	@sh tools/install-user.sh --uninstall

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# Lighthouse (mobile) on four demo pages; writes its section of docs/performance.md.
bench-lighthouse: $(VENV)/.installed-test system-deps
	@if [ ! -f $(NODE_TOOLS)/node_modules/lighthouse/cli/index.js ]; then \
	  echo "• Cài Lighthouse (npm ci trong $(NODE_TOOLS)/) …"; \
	  cd $(NODE_TOOLS) && npm ci --no-audit --no-fund --loglevel=error >/dev/null; \
	fi
	$(BIN)/python bench/bench_lighthouse.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check site_builder tests bench tools
	$(BIN)/ruff format --check site_builder tests bench tools
	$(BIN)/mypy

# mypy, strict on site_builder/ (settings in pyproject.toml); also part of `lint` and `test`.
typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

clean:
	rm -rf output .cache .pytest_cache
