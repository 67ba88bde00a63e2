"""Writing a file so that a crash never leaves half of it, readable by its owner only.

The one atomic writer for every layer (no Qt, no storage): the bytes go to a temporary file
beside the destination (created 0600), are flushed to disk, and the temporary file is renamed
over the destination; then the folder entry itself is flushed (not possible on Windows). On any
failure the destination is left as it was and the temporary file is removed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_private_file(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once with mode 0600 (atomic: all or nothing).

    Raises :class:`FileNotFoundError` when the folder does not exist and :class:`OSError`
    when the file cannot be written; ``path`` is then unchanged."""
    target = Path(path)
    folder = target.parent
    fd, temp_name = tempfile.mkstemp(prefix=".peerdesk-", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable (not on Windows)
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


__all__ = ["write_private_file"]
