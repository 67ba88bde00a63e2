"""Reading a zip that someone else made, safely (every importer that reads a zip uses this).

A zip to import may be truncated, may be a "zip bomb" (a few kilobytes that expand to
gigabytes), or may name its members ``../../.bashrc`` or ``C:\\Windows\\…``. Nothing is ever
extracted to disk: members are read into memory, each through :class:`SafeZip`, which

- refuses a file that is not a complete zip (truncated, damaged) with :class:`ImportFailed`
  naming the file;
- refuses unsafe member names (``..`` parts, absolute paths, drive letters, NUL, backslashes
  that would climb folders), symbolic links and encrypted members, naming the member;
- caps the number of members, the total uncompressed size and each member's compression ratio
  (what the zip declares is checked before anything is read, and what is read is counted, so a
  zip that lies about its sizes is stopped as well).

The limits are generous for a journal (2 GiB in all, 100:1 per member above 1 MiB) and can be
set lower by the caller (tests do).
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType

from peerdesk.i18n import _, ngettext
from peerdesk.importing.base import ImportFailed

#: At most this many bytes uncompressed, all members together.
MAX_TOTAL_BYTES = 2 * 1024**3
#: At most this many members.
MAX_MEMBERS = 100_000
#: A member may expand at most this many times its compressed size…
MAX_RATIO = 100
#: …unless it is this small anyway (text compresses well: a small JSON may reach 200:1).
RATIO_EXEMPT_BYTES = 1024 * 1024

_DRIVE_RE = re.compile(r"^[A-Za-z]:")
_CHUNK = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    total_bytes: int = MAX_TOTAL_BYTES
    members: int = MAX_MEMBERS
    ratio: int = MAX_RATIO
    ratio_exempt_bytes: int = RATIO_EXEMPT_BYTES


DEFAULT_LIMITS = ZipLimits()


def unsafe_name_reason(name: str) -> str | None:
    """Why a member name must not be used (``None`` when it is safe): a path that climbs out
    (``..``), starts at a root or a drive, or holds NUL or a backslash."""
    if not name or "\x00" in name:
        return _("has an empty or invalid name")
    if "\\" in name:
        return _("has a backslash in its name (a Windows path)")
    if name.startswith("/") or _DRIVE_RE.match(name):
        return _("has an absolute path")
    if ".." in PurePosixPath(name).parts:
        return _("climbs out of the archive (..)")
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


class SafeZip:
    """A zip opened for reading with the checks of the module docstring. Use as a context
    manager, or call :meth:`close`."""

    def __init__(
        self, path: Path, *, limits: ZipLimits = DEFAULT_LIMITS, allow_encrypted: bool = False
    ) -> None:
        self.path = Path(path)
        self._limits = limits
        self._allow_encrypted = allow_encrypted
        self.encrypted = False
        self._read_total = 0
        label = self.path.name
        try:
            self._zip = zipfile.ZipFile(self.path)
        except FileNotFoundError:
            raise ImportFailed(_("The file does not exist."), where=label) from None
        except (zipfile.BadZipFile, EOFError, ValueError):
            raise ImportFailed(
                _("This is not a complete zip file: it may be truncated or damaged."), where=label
            ) from None
        except OSError:
            raise ImportFailed(_("The file cannot be read."), where=label) from None
        try:
            self._infos = self._check_members()
        except BaseException:
            self._zip.close()
            raise

    def _fail(self, message: str, member: str = "") -> ImportFailed:
        where = self.path.name if not member else f"{self.path.name}, “{member}”"
        return ImportFailed(message, where=where)

    def _check_members(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > self._limits.members:
            raise self._fail(
                ngettext(
                    "The zip holds more than {count} file.",
                    "The zip holds more than {count} files.",
                    self._limits.members,
                ).format(count=f"{self._limits.members:,}")
            )
        total = 0
        checked: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            reason = unsafe_name_reason(name)
            if reason is not None:
                raise self._fail(
                    # translators: {reason} is e.g. "has an absolute path" (a phrase of this module)
                    _("A file in the zip {reason}, so it is not read.").format(reason=reason),
                    name,
                )
            if _is_symlink(info):
                raise self._fail(
                    _("A file in the zip is a symbolic link, so it is not read."), name
                )
            if info.flag_bits & 0x1:
                if not self._allow_encrypted:
                    raise self._fail(_("A file in the zip is encrypted."), name)
                self.encrypted = True
            total += info.file_size
            if total > self._limits.total_bytes:
                raise self._fail(
                    # translators: {size} is a number of megabytes
                    _(
                        "The zip would expand to more than {size} MB, so it is not read "
                        "(it may be a zip bomb)."
                    ).format(size=f"{self._limits.total_bytes // 1024**2:,}")
                )
            if (
                info.file_size > self._limits.ratio_exempt_bytes
                and info.file_size > self._limits.ratio * max(1, info.compress_size)
            ):
                raise self._fail(
                    # translators: {ratio} is a number
                    _(
                        "A file in the zip expands more than {ratio} times its packed size, so "
                        "it is not read (it may be a zip bomb)."
                    ).format(ratio=self._limits.ratio),
                    name,
                )
            if not info.is_dir():
                checked[name] = info
        return checked

    # -- reading ---------------------------------------------------------------------------------

    def names(self) -> list[str]:
        """The members that are files (not folders), in the zip's order."""
        return list(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``, counted against the limits; a damaged member raises
        :class:`ImportFailed` naming it."""
        info = self._infos.get(name)
        if info is None:
            raise self._fail(_("The zip does not hold this file."), name)
        if info.flag_bits & 0x1:
            raise self._fail(_("A file in the zip is encrypted."), name)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self._read_total += len(chunk)
                    if size > info.file_size or self._read_total > self._limits.total_bytes:
                        raise self._fail(
                            _(
                                "A file in the zip is larger than the zip says (it may be a zip "
                                "bomb), so it is not read."
                            ),
                            name,
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
            raise self._fail(
                _("A file in the zip is damaged or truncated, so it cannot be read."), name
            ) from None
        except OSError:
            raise self._fail(_("A file in the zip cannot be read."), name) from None
        return b"".join(chunks)

    def iter_files(self) -> Iterator[tuple[str, bytes]]:
        for name in self._infos:
            yield name, self.read(name)

    # -- closing ---------------------------------------------------------------------------------

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def is_encrypted_zip(path: Path) -> bool:
    """Whether ``path`` is a zip with encrypted members (a password-protected export), checked
    like any other zip; never raises (False when it cannot be read)."""
    try:
        with SafeZip(path, allow_encrypted=True) as archive:
            return archive.encrypted
    except ImportFailed:
        return False


def is_zip(path: Path) -> bool:
    """Whether ``path`` starts like a zip (without opening it as one)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
    except OSError:
        return False


__all__ = [
    "DEFAULT_LIMITS",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "SafeZip",
    "ZipLimits",
    "is_encrypted_zip",
    "is_zip",
    "unsafe_name_reason",
]
