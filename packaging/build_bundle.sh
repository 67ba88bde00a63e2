#!/usr/bin/env bash
# Build the one-folder application dist/peerdesk/ with PyInstaller (packaging/peerdesk.spec).
#
#   packaging/build_bundle.sh          (or: make bundle)
#   dist/peerdesk/peerdesk --self-test
#
# Uses the project's .venv (created if missing; PYTHON picks the interpreter, default python3),
# installs into it exactly what requirements/lock.txt pins, with hashes (PyInstaller included:
# the `bundle` extra), then PeerDesk itself without dependencies, then runs the spec. So the
# bundle is built from the locked versions only.
# Environment: PYTHON, VENV (default .venv).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*) BIN="$VENV/Scripts" ;;
    *) BIN="$VENV/bin" ;;
esac

if [ ! -x "$BIN/python" ] && [ ! -x "$BIN/python.exe" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$BIN/python" -m pip install --quiet --require-hashes -r requirements/lock.txt
# Editable, like `make run`/`make test`: the spec reads the package from the source tree, and
# its dist-info (the version) from this install.
"$BIN/python" -m pip install --quiet --no-deps --no-build-isolation -e .

# The translation catalogues, compiled beside their sources for the spec to collect.
"$BIN/python" -m peerdesk.i18n.catalogues compile >/dev/null

rm -rf dist/peerdesk dist/PeerDesk.app
"$BIN/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/peerdesk.spec

echo "Built dist/peerdesk/ ($(du -sh dist/peerdesk | cut -f1)). Check it with:"
echo "  dist/peerdesk/peerdesk --self-test"
