"""peerdesk.selftest.run_self_test in-process: every step, the failure path, the cleanup."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from peerdesk import paths
from peerdesk.selftest import STEPS, _Run, run_self_test, tiny_png


def test_every_step_passes_and_nothing_is_left(tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    before = paths.data_dir()
    out = io.StringIO()
    assert run_self_test(out, workdir=workdir) == 0
    lines = out.getvalue().splitlines()
    assert lines == [f"ok {step}" for step in STEPS] + ["self-test passed"]
    for step in (
        "vault",
        "person",
        "incident",
        "attachment",
        "colleague",
        "conversation",
        "strategy",
        "resource",
        "draft",
        "search",
        "integrity",
        "backup",
        "pdf",
        "content",
        "keyring",
        "modules",
        "qt",
        "cleanup",
    ):
        assert f"ok {step}" in lines
    assert list(workdir.iterdir()) == []
    assert paths.data_dir() == before  # the data folder override is restored
    assert not before.exists()  # and the real (here: the test's) data folder was never used


def test_a_failing_step_names_the_step_and_type_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: _Run) -> None:
        raise ValueError("private words that must not be printed")

    monkeypatch.setattr(_Run, "step_search", broken)
    workdir = tmp_path / "work"
    workdir.mkdir()
    out = io.StringIO()
    assert run_self_test(out, workdir=workdir) == 1
    text = out.getvalue()
    assert text.splitlines()[-1] == "self-test failed at search: ValueError"
    assert "ok draft" in text and "ok search" not in text and "passed" not in text
    assert "private words" not in text
    assert list(workdir.iterdir()) == []  # removed even after a failure


def test_the_cli_flag_runs_the_self_test(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import peerdesk.selftest
    from peerdesk import cli

    seen: list[object] = []

    def fake(stream: object) -> int:
        seen.append(stream)
        print("self-test passed", file=stream)  # type: ignore[arg-type]
        return 0

    monkeypatch.setattr(peerdesk.selftest, "run_self_test", fake)
    assert cli.main(["--self-test"]) == 0
    assert len(seen) == 1
    assert capsys.readouterr().out == "self-test passed\n"


def test_tiny_png_is_a_png_the_vault_accepts() -> None:
    from peerdesk.storage.sniff import sniff

    data = tiny_png()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert sniff(data).media_type == "image/png"
