"""A zip built in memory: plain (``zipfile``) or AES-256 encrypted (pyzipper, ``WZ_AES``).

Entries are deflated and dated with the export's own time, so an archive carries no trace of
when each file was added. The caller writes the bytes with ``files.write_private_file``."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pyzipper  # type: ignore[import-untyped]


class ZipBuilder:
    """Add entries with :meth:`add`, then take the bytes with :meth:`finish`."""

    def __init__(self, when: datetime, password: str | None = None) -> None:
        self._buffer = io.BytesIO()
        self._stamp = when.timetuple()[:6]
        self._zip: zipfile.ZipFile
        if password:
            aes = pyzipper.AESZipFile(
                self._buffer, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
            )
            aes.setpassword(password.encode("utf-8"))
            aes.setencryption(pyzipper.WZ_AES, nbits=256)
            self._zip = aes
        else:
            self._zip = zipfile.ZipFile(self._buffer, "w", compression=zipfile.ZIP_DEFLATED)
        self._names: set[str] = set()
        self.encrypted = bool(password)

    def add(self, name: str, data: bytes) -> None:
        if name in self._names:
            raise ValueError("an archive entry is named twice")
        self._names.add(name)
        info_cls = getattr(self._zip, "zipinfo_cls", zipfile.ZipInfo)  # pyzipper's for AES
        info = info_cls(name, date_time=self._stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self._zip.writestr(info, data)

    def finish(self) -> bytes:
        self._zip.close()
        return self._buffer.getvalue()


__all__ = ["ZipBuilder"]
