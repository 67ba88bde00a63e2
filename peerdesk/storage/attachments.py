"""Evidence attachments (REPORTING.md field 15), kept inside the vault (SECURITY.md 24).

The bytes live in ``attachment_blobs``, one row per attachment, apart from the metadata in
``attachments``: listing an incident's evidence reads only the metadata table and never loads a
byte of content. Nothing is ever written as a loose file. On import the bytes are size-checked,
hashed (SHA-256) and sniffed (the media type comes from the content, never from the name); a
picture whose header declares an unsafe size is refused before anything could decode it.
``incidents.attachment_count`` is kept in step inside the same transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import sqlcipher3

from peerdesk.i18n import N_, _
from peerdesk.models.attachment import Attachment
from peerdesk.models.text import SHORT_MAX, clean_text
from peerdesk.models.timing import parse_utc
from peerdesk.storage.connection import Row, utc_now_text
from peerdesk.storage.errors import RecordNotFound, VaultError
from peerdesk.storage.repository import Repository
from peerdesk.storage.sniff import DEFAULT_LIMITS, ImageInfo, ImageLimits, ImageTooLarge, sniff
from peerdesk.storage.vault import Vault

MIB = 1024 * 1024
#: The default size cap for one attachment.
DEFAULT_MAX_BYTES = 50 * MIB

# Every read of attachment metadata names exactly these columns of `attachments`, never the
# blob table (spelled out in each statement so that every query is one plain literal).
_SELECT_ONE = (
    "SELECT id, incident_id, original_name, media_type, size, sha256, added_at, description "
    "FROM attachments WHERE id = ?"
)
_SELECT_FOR_INCIDENT = (
    "SELECT id, incident_id, original_name, media_type, size, sha256, added_at, description "
    "FROM attachments WHERE incident_id = ? ORDER BY added_at, id"
)
_SELECT_UNATTACHED = (
    "SELECT id, incident_id, original_name, media_type, size, sha256, added_at, description "
    "FROM attachments WHERE incident_id IS NULL ORDER BY added_at, id"
)
_SELECT_FOR_DRAFT = (
    "SELECT id, incident_id, original_name, media_type, size, sha256, added_at, description "
    "FROM attachments WHERE incident_id IS NULL AND draft_slot = ? ORDER BY added_at, id"
)
# Attached to nothing: no entry, and no live draft of a new entry (the editor died before its
# draft was kept, or an older PeerDesk left it). Only these are offered for Attach / Delete.
_SELECT_ORPHANS = (
    "SELECT id, incident_id, original_name, media_type, size, sha256, added_at, description "
    "FROM attachments AS a WHERE incident_id IS NULL AND (draft_slot IS NULL OR NOT EXISTS "
    "(SELECT 1 FROM drafts AS d WHERE d.record_kind = 'incident' AND d.record_id = 0 "
    "AND d.slot = a.draft_slot)) ORDER BY added_at, id"
)


def format_size(size: int) -> str:
    """A size as people read it: ``"38 bytes"``, ``"12 KB"``, ``"3.4 MB"``, ``"50 MB"``.

    The one place sizes are worded (KB and MB are 1024-based, like the size cap)."""
    if size < 1024:
        return "1 byte" if size == 1 else f"{size:,} bytes"
    for unit, scale in (("KB", 1024), ("MB", MIB), ("GB", 1024 * MIB)):
        value = size / scale
        if value < 1023.95 or unit == "GB":
            text = f"{value:.1f}" if value < 100 else f"{value:,.0f}"
            return f"{text.removesuffix('.0')} {unit}"
    raise AssertionError("unreachable")


class AttachmentRejected(VaultError):
    """The file cannot be attached; ``user_message`` says why in plain words."""

    kind = "attachment-rejected"
    default_message = N_("That file cannot be attached.")


class AttachmentTooLarge(AttachmentRejected):
    """The file is bigger than the size cap; the message names the cap."""

    kind = "attachment-too-large"

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(
            # translators: {size} and {limit} are file sizes, e.g. 12.5 MB
            _(
                "This file is too large to attach: it is {size} and the "
                "limit is {limit}. Nothing was added."
            ).format(size=format_size(size), limit=format_size(limit))
        )


def _picture_too_large(error: ImageTooLarge) -> AttachmentRejected:
    info, limits = error.info, error.limits
    return AttachmentRejected(
        # translators: {width}, {height}, {side} and {millions} are numbers
        _(
            "This picture cannot be attached: it declares {width} x {height} "
            "pixels, more than PeerDesk opens safely (at most {side} pixels wide or "
            "high, {millions} million pixels in all). Nothing was added."
        ).format(
            width=f"{info.width:,}",
            height=f"{info.height:,}",
            side=f"{limits.max_side:,}",
            millions=f"{limits.max_pixels // 1_000_000:,}",
        )
    )


def _from_row(row: Row) -> Attachment:
    return Attachment(
        id=int(row["id"]),
        incident_id=None if row["incident_id"] is None else int(row["incident_id"]),
        original_name=str(row["original_name"]),
        media_type=str(row["media_type"]),
        size=int(row["size"]),
        sha256=str(row["sha256"]),
        added_at=parse_utc(str(row["added_at"])),
        description=str(row["description"]),
    )


def _refresh_counts(tx: sqlcipher3.Connection, incident_ids: Iterable[int | None]) -> None:
    for incident_id in {i for i in incident_ids if i is not None}:
        tx.execute(
            "UPDATE incidents SET attachment_count = "
            "(SELECT count(*) FROM attachments WHERE incident_id = ?) WHERE id = ?",
            (incident_id, incident_id),
        )


def _require_incident(tx: sqlcipher3.Connection, incident_id: int) -> None:
    if tx.execute("SELECT 1 FROM incidents WHERE id = ?", (incident_id,)).fetchone() is None:
        raise RecordNotFound()


def _incident_of(tx: sqlcipher3.Connection, attachment_id: int) -> int | None:
    row = tx.execute(
        "SELECT incident_id FROM attachments WHERE id = ?", (attachment_id,)
    ).fetchone()
    if row is None:
        raise RecordNotFound()
    return None if row[0] is None else int(row[0])


class AttachmentRepository(Repository):
    """Attachments of one vault. Notifications carry attachment ids.

    ``max_bytes`` caps one file (default :data:`DEFAULT_MAX_BYTES`, 50 MB); ``image_limits``
    caps the declared size of a picture (default 20000 pixels a side, 100 million in all).
    """

    def __init__(
        self,
        vault: Vault,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        image_limits: ImageLimits = DEFAULT_LIMITS,
    ) -> None:
        super().__init__(vault)
        if max_bytes < 1:
            raise ValueError("max_bytes must be at least 1")
        self._max_bytes = max_bytes
        self._image_limits = image_limits

    @property
    def max_bytes(self) -> int:
        return self._max_bytes

    def on(self, vault: Vault) -> AttachmentRepository:
        """The same repository (same limits) over another connection, e.g. a worker's."""
        return AttachmentRepository(
            vault, max_bytes=self._max_bytes, image_limits=self._image_limits
        )

    # -- writing -------------------------------------------------------------------------------

    def add(
        self,
        incident_id: int | None,
        original_name: str,
        data: bytes,
        *,
        description: str = "",
        draft_slot: str | None = None,
    ) -> Attachment:
        """Store ``data`` as a new attachment and return its metadata.

        ``incident_id`` None keeps the attachment unattached (an incident not yet saved; see
        :meth:`attach`); ``draft_slot`` then names the draft it belongs to, so that discarding
        the draft deletes it and it is never left where no screen lists it. ``original_name``
        is the file's own name: folders are dropped, NUL and other control characters removed,
        a lone surrogate replaced by U+FFFD; bidi controls are kept (show the name with
        ``Attachment.display_name()``).

        Raises :class:`AttachmentRejected` for an empty file or a picture declaring an unsafe
        size, :class:`AttachmentTooLarge` over the size cap, ``ValidationError`` for a name or
        description that cannot be stored (no name at all, over 255 characters),
        :class:`RecordNotFound` if the incident does not exist.
        """
        if not isinstance(data, bytes):
            data = bytes(data)  # bytearray / memoryview: an immutable copy of what we hash
        size = len(data)
        if size == 0:
            raise AttachmentRejected(
                _("This file is empty (0 bytes), so there is nothing to attach.")
            )
        if size > self._max_bytes:
            raise AttachmentTooLarge(size, self._max_bytes)
        try:
            sniffed = sniff(data, limits=self._image_limits)
        except ImageTooLarge as error:
            raise _picture_too_large(error) from None
        draft = Attachment(
            incident_id=incident_id,
            original_name=original_name,
            media_type=sniffed.media_type,
            size=size,
            sha256=hashlib.sha256(data).hexdigest(),
            description=description,
        ).cleaned()
        added_at = utc_now_text()
        image = sniffed.image
        with self._vault.transaction() as tx:
            if incident_id is not None:
                _require_incident(tx, incident_id)
            cursor = tx.execute(
                "INSERT INTO attachments(incident_id, original_name, media_type, size, sha256, "
                "added_at, description, width, height, draft_slot) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    draft.incident_id,
                    draft.original_name,
                    draft.media_type,
                    draft.size,
                    draft.sha256,
                    added_at,
                    draft.description,
                    None if image is None else image.width,
                    None if image is None else image.height,
                    draft_slot if incident_id is None else None,
                ),
            )
            new_id = int(cursor.lastrowid)
            tx.execute(
                "INSERT INTO attachment_blobs(attachment_id, data) VALUES (?, ?)", (new_id, data)
            )
            _refresh_counts(tx, [incident_id])
        draft.id = new_id
        draft.added_at = parse_utc(added_at)
        self._emit("added", [new_id])
        return draft

    def attach(self, attachment_id: int, incident_id: int) -> None:
        """Move an attachment to ``incident_id`` (typically: the incident was just saved)."""
        with self._vault.transaction() as tx:
            previous = _incident_of(tx, attachment_id)
            _require_incident(tx, incident_id)
            if previous == incident_id:
                return
            tx.execute(
                "UPDATE attachments SET incident_id = ?, draft_slot = NULL WHERE id = ?",
                (incident_id, attachment_id),
            )
            _refresh_counts(tx, [previous, incident_id])
        self._emit("changed", [attachment_id])

    def update_description(self, attachment_id: int, description: str) -> Attachment:
        """Replace the description (at most 500 characters); returns the updated metadata."""
        text = clean_text(description, field="description", max_length=SHORT_MAX)
        with self._vault.transaction() as tx:
            cursor = tx.execute(
                "UPDATE attachments SET description = ? WHERE id = ?", (text, attachment_id)
            )
            if cursor.rowcount != 1:
                raise RecordNotFound()
        self._emit("changed", [attachment_id])
        return self.get(attachment_id)

    def remove(self, attachment_id: int) -> None:
        """Delete an attachment and its bytes (overwritten on disk: ``secure_delete`` is on)."""
        with self._vault.transaction() as tx:
            incident_id = _incident_of(tx, attachment_id)
            tx.execute("DELETE FROM attachment_blobs WHERE attachment_id = ?", (attachment_id,))
            tx.execute("DELETE FROM attachments WHERE id = ?", (attachment_id,))
            _refresh_counts(tx, [incident_id])
        self._emit("removed", [attachment_id])

    # -- reading -------------------------------------------------------------------------------

    def get(self, attachment_id: int) -> Attachment:
        """Metadata only; raises :class:`RecordNotFound` for an unknown id."""
        row = self._vault.query_one(_SELECT_ONE, (attachment_id,))
        if row is None:
            raise RecordNotFound()
        return _from_row(row)

    def read_bytes(self, attachment_id: int) -> bytes:
        """Exactly the bytes that were added."""
        row = self._vault.query_one(
            "SELECT data FROM attachment_blobs WHERE attachment_id = ?", (attachment_id,)
        )
        if row is None:
            raise RecordNotFound()
        return bytes(row["data"])

    def list_for_incident(self, incident_id: int) -> list[Attachment]:
        """An incident's attachments, oldest first. Reads metadata only, never the bytes."""
        rows = self._vault.query(_SELECT_FOR_INCIDENT, (incident_id,))
        return [_from_row(row) for row in rows]

    def list_unattached(self) -> list[Attachment]:
        """Attachments not (yet) linked to an incident, oldest first: left behind when an
        editor added evidence to a new incident that was never saved."""
        rows = self._vault.query(_SELECT_UNATTACHED)
        return [_from_row(row) for row in rows]

    def list_for_draft(self, slot: str) -> list[Attachment]:
        """The evidence of a new entry's draft (not saved with an entry yet), oldest first."""
        if not slot:
            return []
        return [_from_row(row) for row in self._vault.query(_SELECT_FOR_DRAFT, (slot,))]

    def list_orphans(self) -> list[Attachment]:
        """Evidence attached to nothing: no entry and no live draft, oldest first (the Journal
        lists these as "Evidence not attached to any entry", with Attach and Delete)."""
        return [_from_row(row) for row in self._vault.query(_SELECT_ORPHANS)]

    def count_for_incident(self, incident_id: int) -> int:
        row = self._vault.query_one(
            "SELECT count(*) FROM attachments WHERE incident_id = ?", (incident_id,)
        )
        return 0 if row is None else int(row[0])

    def image_size(self, attachment_id: int) -> ImageInfo | None:
        """The picture size read from the header at import; None when it is not a picture, or
        a picture whose size could not be read (do not hand such bytes to a decoder without
        the decoder's own allocation limit)."""
        row = self._vault.query_one(
            "SELECT width, height FROM attachments WHERE id = ?", (attachment_id,)
        )
        if row is None:
            raise RecordNotFound()
        if row["width"] is None or row["height"] is None:
            return None
        return ImageInfo(int(row["width"]), int(row["height"]))

    def verify(self, attachment_id: int) -> bool:
        """Whether the stored bytes still have the SHA-256 (and size) recorded at import."""
        row = self._vault.query_one(
            "SELECT a.sha256, a.size, b.data FROM attachments AS a "
            "JOIN attachment_blobs AS b ON b.attachment_id = a.id WHERE a.id = ?",
            (attachment_id,),
        )
        if row is None:
            if (
                self._vault.query_one("SELECT 1 FROM attachments WHERE id = ?", (attachment_id,))
                is None
            ):
                raise RecordNotFound()
            return False  # metadata without bytes
        data = bytes(row["data"])
        return len(data) == int(row["size"]) and (
            hashlib.sha256(data).hexdigest() == str(row["sha256"])
        )


__all__ = [
    "DEFAULT_MAX_BYTES",
    "AttachmentRejected",
    "AttachmentRepository",
    "AttachmentTooLarge",
    "format_size",
]
