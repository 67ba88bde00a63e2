# PeerDesk: two commands do everything on a fresh machine.
#   make run    - create .venv if needed, install PeerDesk from the lock file, launch it
#   make test   - the same install, then run the whole suite
#   make lint   - ruff check, ruff format --check, mypy --strict, import-linter (all four run;
#                 fails if any fails)
#   make dist   - build the wheel into dist/ (resources ship inside it as peerdesk._resources)
#   make bundle - build the one-folder application dist/peerdesk/ with PyInstaller
#   make lock   - regenerate requirements/lock.txt from pyproject.toml (see CONTRIBUTING.md)
#   make translations - extract the messages into peerdesk/locale/*.pot, merge them into each
#                 language's .po and print how complete each is (docs/translating.md)
#   make bench  - PeerDesk at 1k/10k/50k entries, each measure beside its floor (BENCH_ARGS=...)
#
# Installs are reproducible: every package comes from requirements/lock.txt, pinned with its
# hashes (runtime, test and bundle tools, and the build backend), then PeerDesk itself is
# installed editable without dependencies and without build isolation, so nothing unpinned is
# fetched.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements/lock.txt
LINT_PATHS := peerdesk tests benchmarks

.PHONY: run test lint typecheck clean dist bundle lock bench translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/peerdesk $(ARGS)

# The suite runs offscreen, and inside a private D-Bus session with an unlocked
# gnome-keyring when those are installed (see scripts/with-test-session.sh).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen scripts/with-test-session.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

# Every check runs even when an earlier one failed, so that one run shows everything; the
# target fails if any of them failed. mypy and import-linter read their settings (strict on the
# whole package; the layer contracts) from pyproject.toml.
lint: $(STAMP)
	@failed=""; \
	echo "== ruff check"; $(BIN)/ruff check $(LINT_PATHS) || failed="$$failed ruff-check"; \
	echo "== ruff format --check"; \
	$(BIN)/ruff format --check $(LINT_PATHS) || failed="$$failed ruff-format"; \
	echo "== mypy --strict (peerdesk/)"; $(BIN)/mypy || failed="$$failed mypy"; \
	echo "== import-linter"; $(BIN)/lint-imports || failed="$$failed import-linter"; \
	if [ -n "$$failed" ]; then echo "make lint failed:$$failed" >&2; exit 1; fi; \
	echo "make lint: all checks passed"

# Demo vaults of 1k, 10k and 50k entries are built once and cached in
# $$XDG_CACHE_HOME/peerdesk-bench (or $$PEERDESK_BENCH_CACHE); every measure runs interleaved with
# its floor at least five times. Example: make bench BENCH_ARGS="--sizes 1000,10000 --only search"
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_scale.py $(BENCH_ARGS)

# The catalogues' sources are committed; the build compiles them (setup.py, build_bundle.sh).
translations: $(STAMP)
	$(BIN)/python -m peerdesk.i18n.catalogues update

typecheck: $(STAMP)
	$(BIN)/mypy

# A wheel, not editable: build/lib is removed first so that no file deleted from the source tree
# can reach the wheel from an earlier build. Built with the locked setuptools (no isolation).
dist: $(STAMP)
	rm -rf build/lib build/bdist.* dist/peerdesk-*.whl
	$(BIN)/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .
	@ls dist/peerdesk-*.whl

# PyInstaller one-folder bundle: dist/peerdesk/peerdesk (see packaging/README.md).
bundle:
	PYTHON=$(PYTHON) VENV=$(VENV) packaging/build_bundle.sh

# Regenerate the lock file. pip-tools runs in its own throwaway environment (build/lock-venv),
# not in .venv. Existing pins are kept unless pyproject.toml needs others; to move every pin to
# the newest release allowed: make lock LOCK_ARGS=--upgrade (or --upgrade-package NAME).
# Resolved for the Python and platform it runs on: CPython 3.11 on Linux x86_64.
LOCK_VENV := build/lock-venv
lock:
	[ -x $(LOCK_VENV)/bin/pip-compile ] || { $(PYTHON) -m venv $(LOCK_VENV) && \
		$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools; }
	CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
		--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --extra test --extra bundle $(LOCK_ARGS) \
		--output-file $(LOCK) pyproject.toml requirements/build.in
	{ cat requirements/lock-header.txt; grep -v '^#' $(LOCK) | sed '/./,$$!d'; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .import_linter_cache
