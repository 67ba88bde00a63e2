"""One instance per user and data directory (SECURITY.md 20)."""

from __future__ import annotations

import getpass
import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from peerdesk import paths
from peerdesk.ui.shell.single_instance import ACTIVATE, SingleInstance

PROJECT_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def instances() -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.release()


def _new(instances: list[SingleInstance]) -> SingleInstance:
    instance = SingleInstance()
    instances.append(instance)
    return instance


def _child_env() -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))


def test_second_instance_activates_the_first(qtbot, instances, isolated_paths) -> None:  # type: ignore[no-untyped-def]
    first = _new(instances)
    assert first.acquire() is True
    assert first.is_primary and first.is_listening
    second = _new(instances)
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        assert second.acquire() is False
    assert not second.is_primary
    assert first.lock_path == paths.runtime_dir() / "instance.lock"
    assert first.lock_path.exists()
    assert stat.S_IMODE(paths.runtime_dir().stat().st_mode) == 0o700


def test_the_name_hides_the_path_and_the_user_and_only_the_user_may_connect(  # type: ignore[no-untyped-def]
    qtbot, instances, isolated_paths
) -> None:
    first = _new(instances)
    assert first.acquire()
    name = first.server_name
    assert name.startswith("peerdesk-") and len(name) == len("peerdesk-") + 16
    assert str(isolated_paths) not in name and getpass.getuser() not in name
    server = first._server
    assert server is not None
    socket_path = Path(server.fullServerName())
    if os.name == "posix":
        mode = stat.S_IMODE(socket_path.stat().st_mode)
        assert mode & 0o077 == 0, oct(mode)  # UserAccessOption: no group or other access


def test_different_data_directories_do_not_collide(qtbot, instances, tmp_path) -> None:  # type: ignore[no-untyped-def]
    paths.set_data_dir(tmp_path / "one")
    one = _new(instances)
    paths.set_data_dir(tmp_path / "two")
    two = _new(instances)
    assert one.server_name != two.server_name
    assert one.acquire() is True
    assert two.acquire() is True


def test_release_lets_the_next_one_in(qtbot, instances) -> None:  # type: ignore[no-untyped-def]
    first = _new(instances)
    assert first.acquire()
    first.release()
    assert not first.is_primary
    second = _new(instances)
    assert second.acquire() is True
    assert second.is_listening


def test_only_the_activate_message_activates(qtbot, instances) -> None:  # type: ignore[no-untyped-def]
    first = _new(instances)
    assert first.acquire()
    seen: list[None] = []
    first.activation_requested.connect(lambda: seen.append(None))

    stranger = QLocalSocket()
    stranger.connectToServer(first.server_name)
    assert stranger.waitForConnected(2000)
    stranger.write(b"open /home/someone/vault.peerdesk\n")
    stranger.flush()
    qtbot.waitUntil(
        lambda: stranger.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=5000
    )  # the server hung up on it
    assert seen == []

    friend = QLocalSocket()
    friend.connectToServer(first.server_name)
    assert friend.waitForConnected(2000)
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        friend.write(ACTIVATE[:3])  # split across writes still works
        friend.flush()
        friend.write(ACTIVATE[3:])
        friend.flush()
    assert len(seen) == 1
    friend.abort()


_CHILD_ACQUIRE = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication
    from peerdesk.ui.shell.single_instance import SingleInstance
    app = QCoreApplication([])
    print(SingleInstance().acquire(), flush=True)
    """
)


def test_a_second_process_activates_the_first_and_gives_up(qtbot, instances, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = _new(instances)
    assert first.acquire()
    with qtbot.waitSignal(first.activation_requested, timeout=30_000):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD_ACQUIRE],
            env=_child_env(),
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    out, err = child.communicate(timeout=30)
    assert child.returncode == 0, err
    assert out.strip() == "False"
    assert err == ""


_CHILD_HOLD = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication
    from peerdesk.ui.shell.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance()
    print("held" if instance.acquire() else "not held", flush=True)
    sys.stdin.read()  # hold the lock until killed
    """
)


def test_a_killed_holders_lock_is_taken_over(qtbot, instances, tmp_path) -> None:  # type: ignore[no-untyped-def]
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD_HOLD],
        env=_child_env(),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "held"
        # While it lives, its lock holds (it cannot answer: its event loop is not running, but
        # the connection and the message are accepted by the kernel).
        assert _new(instances).acquire() is False
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL
    # The dead holder left its lock file and its socket behind.
    assert (paths.runtime_dir() / "instance.lock").exists()

    heir = _new(instances)
    assert heir.acquire() is True
    assert heir.is_listening
    with qtbot.waitSignal(heir.activation_requested, timeout=5000):
        assert _new(instances).acquire() is False


@pytest.mark.skipif(os.name != "posix", reason="Unix socket files")
def test_a_leftover_socket_file_is_replaced(qtbot, instances) -> None:  # type: ignore[no-untyped-def]
    import socket

    from PySide6.QtCore import QDir

    first = _new(instances)
    leftover = Path(QDir.tempPath()) / first.server_name
    with socket.socket(socket.AF_UNIX) as sock:  # a crashed instance's socket file
        sock.bind(str(leftover))
    assert leftover.exists()
    try:
        assert first.acquire() is True
        assert first.is_listening
        assert Path(first._server.fullServerName()) == leftover  # type: ignore[union-attr]
    finally:
        first.release()
    assert not leftover.exists()
