"""One PeerDesk per user and data directory; a second launch brings the first one forward.

After qutebrowser's ``misc/ipc.py`` and KeePassXC's ``Application.cpp``:

- a ``QLockFile`` at ``paths.runtime_dir()/instance.lock`` decides who is first. Its age never
  makes it stale (``setStaleLockTime(0)``): only a holder that has died is taken over (Qt checks
  the PID, and on Unix removes a lock only when it can take the ``flock`` the holder kept);
- the first instance listens on a ``QLocalServer`` that only the same user may connect to
  (``UserAccessOption``). A second launch sends ``b"activate\\n"`` and gives up.

The server name is ``"peerdesk-"`` and 16 hex digits of a SHA-256 of the user and the resolved
data directory, so no path or user name appears in the socket's name (on Unix the socket lives
in ``QDir.tempPath()``; on Windows it is a named pipe). The only message is ``activate``; the
connection carries nothing else and anything else is ignored.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from peerdesk import paths

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
_MAX_MESSAGE = 64  # bytes read from one connection at most
_CLIENT_TIMEOUT_MS = 1000


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (containers without passwd entries)
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name_for(data_dir: Path) -> str:
    """The local-server name for ``data_dir``: no path or user name in it."""
    try:
        resolved = data_dir.resolve()
    except OSError:
        resolved = data_dir.absolute()
    material = f"{_user()}\0{resolved}".encode("utf-8", "surrogatepass")
    return "peerdesk-" + hashlib.sha256(material).hexdigest()[:16]


class SingleInstance(QObject):
    """``acquire()`` once at start-up; ``activation_requested`` when another launch asks."""

    activation_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Fixed at construction, like the paths a running application uses.
        self._data_dir = paths.data_dir()
        self._run_dir = paths.runtime_dir()
        self.server_name = server_name_for(self._data_dir)
        self._lock: QLockFile | None = None
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    @property
    def lock_path(self) -> Path:
        return self._run_dir / "instance.lock"

    @property
    def is_primary(self) -> bool:
        return self._lock is not None

    @property
    def is_listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def acquire(self) -> bool:
        """True: this is the first instance (now listening). False: another one was told."""
        if self._lock is not None:
            return True
        paths.ensure_private_dir(self._run_dir)
        lock = QLockFile(str(self.lock_path))
        lock.setStaleLockTime(0)  # a long-running holder is never stale by age
        if not lock.tryLock(0):
            if lock.error() != QLockFile.LockError.LockFailedError:
                # Cannot create the lock file (permissions, read-only disk). Go on without the
                # single-instance guarantee: the vault's own lock still allows one writer only.
                log.warning("single-instance lock unavailable: %s", lock.error().name)
                return True
            if self._activate_other():
                return False
            # Nobody answered. The holder may be starting up, or it died and Qt could not tell
            # (e.g. its PID was reused). removeStaleLockFile refuses while the holder lives.
            if not (lock.removeStaleLockFile() and lock.tryLock(0)):
                log.info("another instance holds the lock but did not answer")
                return False
        self._lock = lock
        self._listen()
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        for socket in list(self._buffers):
            socket.abort()
            socket.deleteLater()
        self._buffers.clear()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    # -- server ----------------------------------------------------------------------------------

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        QLocalServer.removeServer(self.server_name)  # a leftover of a holder that died
        if not server.listen(self.server_name):
            # We hold the lock, so PeerDesk still runs alone; a second launch just cannot
            # bring this window forward (it gets False and exits).
            log.warning("single-instance server unavailable: %s", server.serverError().name)
            server.deleteLater()
            return
        self._server = server

    def _on_new_connection(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is None:
                break
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._on_disconnected(s))
            if socket.bytesAvailable():
                self._on_ready_read(socket)

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if socket not in self._buffers:
            return
        data: QByteArray = socket.read(_MAX_MESSAGE)
        buffer = self._buffers[socket] + bytes(data.data())
        if ACTIVATE in buffer:
            self._drop(socket)
            self.activation_requested.emit()
        elif b"\n" in buffer or len(buffer) >= _MAX_MESSAGE:
            self._drop(socket)  # not ours to understand
        else:
            self._buffers[socket] = buffer

    def _on_disconnected(self, socket: QLocalSocket) -> None:
        if socket in self._buffers and socket.bytesAvailable():
            self._on_ready_read(socket)
        self._drop(socket)

    def _drop(self, socket: QLocalSocket) -> None:
        if self._buffers.pop(socket, None) is None:
            return
        socket.abort()
        socket.deleteLater()

    # -- client ----------------------------------------------------------------------------------

    def _activate_other(self) -> bool:
        socket = QLocalSocket()
        try:
            socket.connectToServer(self.server_name)
            if not socket.waitForConnected(_CLIENT_TIMEOUT_MS):
                return False
            socket.write(ACTIVATE)
            socket.flush()
            if socket.bytesToWrite() and not socket.waitForBytesWritten(_CLIENT_TIMEOUT_MS):
                return False
            socket.disconnectFromServer()
            if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
                socket.waitForDisconnected(_CLIENT_TIMEOUT_MS)
            return True
        finally:
            socket.abort()
