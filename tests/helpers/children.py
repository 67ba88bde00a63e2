"""A child Python process for the kill tests: started from the repository root with the vault's
passphrase on its first line of standard input, and its standard output to read as it goes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def child_with_passphrase(
    script: Path, args: list[str], passphrase: str
) -> Iterator[subprocess.Popen[str]]:
    """Run ``script`` with ``args``; the passphrase is already written to it when this yields.
    Leaving the block waits for the child (kill it first to end it)."""
    with subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    ) as child:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(passphrase + "\n")
        child.stdin.flush()
        yield child
