# PeerDesk: two commands do everything on a fresh machine.
#   make run   - create .venv if needed, install PeerDesk, launch it
#   make test  - create .venv if needed, install PeerDesk with its test tools, run the whole suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint typecheck clean

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

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
