"""The page check after opening, on its own connection and thread (``page_check.py``).

Real vaults in a temporary folder. The check must find what ``Vault.damaged_pages`` finds, stop
with the vault (leaving no thread and no connection behind) and report nothing once stopped.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from peerdesk.storage import page_check
from peerdesk.storage.page_check import THREAD_NAME
from peerdesk.storage.settings import VaultSettings
from peerdesk.storage.vault import Vault

WAIT = 15.0


def _check_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == THREAD_NAME]


def _vault_with_pages(path: Path, passphrase: str) -> None:
    with Vault.create(path, passphrase) as v:
        settings = VaultSettings(v)
        for i in range(40):
            settings.set(f"k{i}", "x" * 900)


def _damage(path: Path) -> None:
    with open(path, "r+b") as f:  # a page of settings, read by nothing at open
        f.seek(4096 * 3 + 100)
        f.write(os.urandom(64))


class _Results:
    def __init__(self) -> None:
        self.pages: list[list[str]] = []
        self.threads: list[str] = []
        self.done = threading.Event()

    def __call__(self, pages: list[str]) -> None:
        self.pages.append(pages)
        self.threads.append(threading.current_thread().name)
        self.done.set()


def test_a_sound_vault_reports_no_damaged_page_from_the_checks_own_thread(
    vault_path: Path, passphrase: str
) -> None:
    _vault_with_pages(vault_path, passphrase)
    results = _Results()
    with Vault.open(vault_path, passphrase) as v:
        v.start_page_check(results)
        assert results.done.wait(WAIT)
        assert results.pages == [[]]
        assert results.threads == [THREAD_NAME]
        assert v.query_one("SELECT count(*) FROM settings") is not None  # still usable
    assert not _check_threads()


def test_damage_is_reported_as_the_plain_check_finds_it(vault_path: Path, passphrase: str) -> None:
    _vault_with_pages(vault_path, passphrase)
    _damage(vault_path)
    results = _Results()
    with Vault.open(vault_path, passphrase) as v:
        v.start_page_check(results)
        assert results.done.wait(WAIT)
        plain = v.damaged_pages()
        assert plain  # the damage is real
        assert results.pages == [plain]
    assert not _check_threads()


def _blocking_check(
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[threading.Event, threading.Event]:
    """Holds the worker inside the (real) check until ``release`` is set: a close then
    arrives while the check runs, whatever the machine's speed."""
    started, release = threading.Event(), threading.Event()
    real: Callable[..., list[str]] = page_check.damaged_pages

    def held(conn: object) -> list[str]:
        started.set()
        release.wait(WAIT)
        return real(conn)

    monkeypatch.setattr(page_check, "damaged_pages", held)
    return started, release


@pytest.mark.parametrize("damaged", [False, True], ids=["sound", "damaged"])
def test_closing_while_the_check_runs_waits_for_it_and_reports_nothing(
    vault_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch, damaged: bool
) -> None:
    _vault_with_pages(vault_path, passphrase)
    if damaged:
        _damage(vault_path)
    started, release = _blocking_check(monkeypatch)
    results = _Results()
    v = Vault.open(vault_path, passphrase)
    v.start_page_check(results)
    assert started.wait(WAIT)
    assert len(_check_threads()) == 1
    threading.Timer(0.2, release.set).start()  # the check "ends" while close() waits
    v.close()
    assert release.is_set()  # close() waited for the check
    assert not _check_threads()
    assert results.pages == []  # stopped by the close: nothing reported
    # Nothing is left open: the file opens again, alone (the single-writer lock is free).
    monkeypatch.undo()
    with Vault.open(vault_path, passphrase) as again:
        assert bool(again.damaged_pages()) is damaged


def test_closing_at_once_after_starting_leaves_nothing_behind(
    vault_path: Path, passphrase: str
) -> None:
    _vault_with_pages(vault_path, passphrase)
    for _ in range(5):
        results = _Results()
        v = Vault.open(vault_path, passphrase)
        v.start_page_check(results)
        v.close()
        assert not _check_threads()
        assert results.pages in ([], [[]])  # finished before the close, or not reported
    with Vault.open(vault_path, passphrase) as again:
        assert again.damaged_pages() == []


def test_damage_seen_once_only_is_not_reported(
    vault_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page read while the vault's own connection writes it can look damaged: only damage
    found by a second pass is reported."""
    _vault_with_pages(vault_path, passphrase)
    real = page_check.damaged_pages
    passes: list[int] = []

    def torn_once(conn: object) -> list[str]:
        passes.append(1)
        found = real(conn)  # type: ignore[arg-type]
        return (
            ["encryption check: HMAC verification failed for page 4"] if len(passes) == 1 else found
        )

    monkeypatch.setattr(page_check, "damaged_pages", torn_once)
    results = _Results()
    with Vault.open(vault_path, passphrase) as v:
        v.start_page_check(results)
        assert results.done.wait(WAIT)
    assert results.pages == [[]] and len(passes) == 2


def test_a_passphrase_change_stops_the_check_first(
    vault_path: Path, passphrase: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _vault_with_pages(vault_path, passphrase)
    started, release = _blocking_check(monkeypatch)
    results = _Results()
    with Vault.open(vault_path, passphrase) as v:
        v.start_page_check(results)
        assert started.wait(WAIT)
        threading.Timer(0.2, release.set).start()
        v.change_passphrase(passphrase + " new", backup_dir=tmp_path)
        assert not _check_threads() and results.pages == []
        assert v.damaged_pages() == []
