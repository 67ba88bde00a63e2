# PeerDesk: two commands do everything on a fresh machine.
#   make run   - create .venv if needed, install PeerDesk, launch it
#   make test  - create .venv if needed, install PeerDesk with its test tools, run the whole suite
#   make dist   - build the wheel into dist/ (resources ship inside it as peerdesk._resources)
#   make bundle - build the one-folder application dist/peerdesk/ with PyInstaller

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck clean dist bundle

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/peerdesk $(ARGS)

# The suite runs offscreen, and inside a private D-Bus session with an unlocked
# gnome-keyring when those are installed (see scripts/with-test-session.sh).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen scripts/with-test-session.sh $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check peerdesk tests benchmarks
	$(BIN)/mypy peerdesk/models peerdesk/storage

typecheck: $(STAMP)
	$(BIN)/mypy peerdesk/models peerdesk/storage

# A wheel, not editable: build/lib is removed first so that no file deleted from the source tree
# can reach the wheel from an earlier build.
dist: $(BIN)/python
	rm -rf build/lib build/bdist.* dist/peerdesk-*.whl
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir dist .
	@ls dist/peerdesk-*.whl

# PyInstaller one-folder bundle: dist/peerdesk/peerdesk (see packaging/README.md).
bundle:
	PYTHON=$(PYTHON) VENV=$(VENV) packaging/build_bundle.sh

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
