"""The command line speaks the language in force: its own words, argparse's words, its messages,
and ``export-pdf --language`` writes the report in the language asked for.

Run in-process with the pseudo-language (every wrapped string becomes ``[Ŝàvé ~~]``); the
start-up call that takes the environment's language is pointed at the pseudo-language, which the
environment cannot select.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerdesk import cli, i18n
from peerdesk.cli_argparse_words import ARGPARSE_WORDS
from tests.cli.test_cli import demo_vault_at, lines, run

PASSPHRASE = "correct horse battery staple 42"
ACCENTED = re.compile(r"[àáâãäåèéêëìíîïòóôõöùúûüçñšžĝĥĵķĺŕţŵŷýđ]", re.IGNORECASE)


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """main()'s set_language(None) picks the pseudo-language; English again afterwards."""
    monkeypatch.setattr(i18n, "system_language", lambda: i18n.PSEUDO)
    try:
        yield
    finally:
        i18n.set_language("en")


def _main(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        try:
            code = cli.main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    finally:
        sys.stdin = old
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_help_is_pseudo_translated(pseudo: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _main(capsys, "--help")
    assert code == 0
    # argparse's own words come through PeerDesk's catalogue ...
    assert out.startswith("[ûšàĝé:"), out[:80]
    assert "usage:" not in out
    assert "show this help message and exit" not in out
    assert "[šĥöŵ ţĥíš ĥéĺp méššàĝé àñđ éxíţ" in out
    # ... and so do PeerDesk's: the description, the options' help and the commands' help.
    assert "a private, offline journal" not in out
    assert "open this vault file in the application" not in out
    assert "create a new, empty vault" not in out
    assert ACCENTED.search(out)
    assert "{" not in out


def test_command_help_and_placeholders(pseudo: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _main(capsys, "demo", "--help")
    assert code == 0
    assert "number of journal entries" not in out
    assert "(default 60)" not in out and "60" in out  # the placeholder was filled
    assert "{" not in out
    code, out, _err = _main(capsys, "export-pdf", "--help")
    assert code == 0
    assert "--language" in out and "de" in out
    assert "the report's language" not in out


def test_argparse_errors_are_pseudo_translated(
    pseudo: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = _main(capsys, "no-such-command")
    assert code == 2
    assert "error:" not in err and "invalid choice" not in err
    assert ACCENTED.search(err)
    code, _out, err = _main(capsys, "export-pdf")
    assert code == 2
    assert "the following arguments are required" not in err
    assert "--out" in err


def test_messages_are_pseudo_translated(
    pseudo: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _out, err = _main(capsys, "--data-dir", str(tmp_path), "check", str(tmp_path / "nope"))
    assert code == 1
    # "peerdesk: {message}" and the vault error's own sentence are both wrapped.
    assert not err.startswith("peerdesk: ")
    assert "does not exist" not in err
    assert ACCENTED.search(err) and "{" not in err


def test_english_is_unchanged(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    i18n.set_language("en")
    code, out, _err = _main(capsys, "--help")
    assert code == 0 and out.startswith("usage: peerdesk")
    assert "show this help message and exit" in out


def test_argparse_words_match_this_python() -> None:
    """Every word argparse translates is in the list (spelt as this Python spells them)."""
    import ast

    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    used = {
        arg.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("_", "ngettext")
        for arg in node.args
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }
    plurals = {
        "conflicting option string: %s",
        "conflicting option strings: %s",
        "expected %s argument",
        "expected %s arguments",
    }
    if sys.version_info[:2] == (3, 11):
        assert used <= set(ARGPARSE_WORDS) | plurals
    else:  # pragma: no cover - a newer Python spells a few differently (see the module)
        assert len(used & (set(ARGPARSE_WORDS) | plurals)) > len(used) // 2


def test_plurals_in_english(tmp_path: Path) -> None:
    """``check`` counts problems with ngettext: 1 problem / 2 problems (English)."""
    i18n.set_language("en")
    assert i18n.ngettext("{count} entry", "{count} entries", 1).format(count=1) == "1 entry"
    assert i18n.ngettext("{count} entry", "{count} entries", 2).format(count=2) == "2 entries"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_export_pdf_language_de_writes_german_dates(tmp_path: Path) -> None:
    vault = demo_vault_at(
        tmp_path, PASSPHRASE, incidents=12, people=3, colleagues=0, conversations=0
    )
    out = tmp_path / "r.pdf"
    result = run(
        "--data-dir",
        str(tmp_path / "data"),
        "export-pdf",
        str(vault),
        "--language",
        "de",
        "--out",
        str(out),
        stdin=lines(PASSPHRASE),
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    german = ("Januar", "Februar", "März", "Mai", "Juni", "Juli", "Oktober", "Dezember")
    assert any(month in text for month in german), text[:2000]


def test_export_pdf_language_is_a_choice() -> None:
    result = run("export-pdf", "--language", "xx", "--out", "r.pdf")
    assert result.returncode == 2
    assert "--language" in result.stderr
