"""SHA-256 fingerprints: the revision hash chain and the report manifest.

What this proves, and what not: a chain shows that no saved revision was changed, removed or
reordered *without recomputing every later hash*; combined with a manifest fingerprint that
left the device (a date receipt), it shows the record existed in that form by that date.
It is not a trusted third-party timestamp: someone holding the vault can rebuild a whole
chain.

Revision hash, version 1 (:func:`revision_hash`). The SHA-256 of these bytes, as 64
lowercase hexadecimal digits::

    b"peerdesk-revision-v1\\n"
    + prev_hash        (64 lowercase hex digits, ASCII; the first revision uses 64 "0"s)
    + b"\\n"
    + number           (decimal ASCII, no sign, no leading zeros; the first revision is 1)
    + b"\\n"
    + saved_at         (UTC, ASCII, exactly YYYY-MM-DDTHH:MM:SS.ffffffZ)
    + b"\\n"
    + payload          (the stored bytes as they are: the canonical JSON of the incident)

The payload contains the incident's record number, so a chain belongs to one incident.

Manifest fingerprint, version 1 (:func:`manifest_fingerprint`). The SHA-256 (lowercase hex)
of ``b"peerdesk-manifest-v1\\n"`` followed, for each entry sorted by entry id (code point
order), by ``entry_id`` (UTF-8) + ``b"\\t"`` + ``head`` (ASCII) + ``b"\\n"``.

A third party can re-verify both with ``sha256sum`` or any SHA-256 tool.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from peerdesk.i18n import N_, _, ngettext
from peerdesk.models._checks import check_hex64, check_id, check_utc
from peerdesk.models.errors import ValidationError
from peerdesk.models.timing import format_utc

#: ``prev_hash`` of the first revision of every chain.
GENESIS_HASH = "0" * 64
REVISION_HASH_TAG = b"peerdesk-revision-v1\n"
MANIFEST_TAG = b"peerdesk-manifest-v1\n"
_HEX64_RE = re.compile(r"[0-9a-f]{64}")


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 lowercase hexadecimal digits."""
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True, kw_only=True)
class Revision:
    """One saved state of an incident. ``number`` counts from 1 per incident; ``payload`` is
    the canonical JSON of the incident content; ``prev_hash`` is :data:`GENESIS_HASH` for
    number 1, else the previous revision's ``hash``."""

    id: int | None = None
    incident_id: int
    number: int
    saved_at: datetime
    payload: bytes
    prev_hash: str
    hash: str

    def validate(self) -> None:
        check_id(self.id, field="id", optional=True)
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.incident_id, field="incident_id", label=N_("Incident"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_id(self.number, field="number", label=N_("Revision number"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_utc(self.saved_at, field="saved_at", label=N_("Saved at"))
        if not isinstance(self.payload, bytes):
            raise ValidationError("payload", _("Revision content must be bytes."))
        # translators: the name of a field, in messages such as "{name} is required."
        check_hex64(self.prev_hash, field="prev_hash", label=N_("Previous fingerprint"))
        # translators: the name of a field, in messages such as "{name} is required."
        check_hex64(self.hash, field="hash", label=N_("Fingerprint"))
        if (self.number == 1) != (self.prev_hash == GENESIS_HASH):
            raise ValidationError(
                "prev_hash", _("Only the first revision starts a chain of fingerprints.")
            )


def revision_hash(prev_hash: str, number: int, saved_at: datetime, payload: bytes) -> str:
    """The fingerprint of a revision (byte layout in the module docstring).

    Raises ``ValueError`` for a malformed ``prev_hash``, a ``number`` below 1 or a naive
    ``saved_at``.
    """
    if not isinstance(prev_hash, str) or _HEX64_RE.fullmatch(prev_hash) is None:
        raise ValueError("prev_hash must be 64 lowercase hexadecimal digits")
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise ValueError("number must be a positive int")
    if not isinstance(payload, bytes):
        raise TypeError("payload must be bytes")
    digest = hashlib.sha256()
    digest.update(REVISION_HASH_TAG)
    digest.update(prev_hash.encode("ascii") + b"\n")
    digest.update(str(number).encode("ascii") + b"\n")
    digest.update(format_utc(saved_at).encode("ascii") + b"\n")
    digest.update(payload)
    return digest.hexdigest()


def make_revision(
    *, incident_id: int, previous: Revision | None, saved_at: datetime, payload: bytes
) -> Revision:
    """The next revision of a chain whose last revision is ``previous`` (None: the first)."""
    number = 1 if previous is None else previous.number + 1
    prev_hash = GENESIS_HASH if previous is None else previous.hash
    return Revision(
        incident_id=incident_id,
        number=number,
        saved_at=saved_at,
        payload=payload,
        prev_hash=prev_hash,
        hash=revision_hash(prev_hash, number, saved_at, payload),
    )


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """Result of :func:`verify_chain`.

    ``first_broken`` is the 1-based position in the chain (the revision number expected
    there) where checking first failed, or None. ``head`` is the last revision's hash when
    the chain is intact. ``reason`` is a plain-English sentence without user content.
    """

    ok: bool
    first_broken: int | None
    reason: str
    head: str | None = None
    count: int = 0


def verify_chain(revisions: Sequence[Revision]) -> ChainCheck:
    """Check a whole chain, in the order given (storage loads it ordered by number).

    At each position ``n`` (from 1): the revision's number is ``n``; it belongs to the same
    incident as the first; its ``prev_hash`` is the previous revision's ``hash`` (or
    :data:`GENESIS_HASH` at 1); and its ``hash`` recomputes from its content. The first
    failure is reported. A chain with no revisions is not ok.
    """
    count = len(revisions)
    if count == 0:
        return ChainCheck(ok=False, first_broken=None, reason=_("There are no revisions to check."))
    incident_id = revisions[0].incident_id
    expected_prev = GENESIS_HASH
    for position, revision in enumerate(revisions, start=1):
        problem = _revision_problem(revision, position, incident_id, expected_prev)
        if problem is not None:
            return ChainCheck(ok=False, first_broken=position, reason=problem, count=count)
        expected_prev = revision.hash
    # translators: the fingerprints of an entry's {count} saved revisions check out
    reason = ngettext("The revision verifies.", "All {count} revisions verify.", count).format(
        count=count
    )
    return ChainCheck(ok=True, first_broken=None, reason=reason, head=expected_prev, count=count)


def _revision_problem(
    revision: Revision, position: int, incident_id: int, expected_prev: str
) -> str | None:
    if revision.number != position:
        # translators: {number} is the number of a saved revision of a journal entry
        return _("Revision {number} is missing or out of order.").format(number=position)
    if revision.incident_id != incident_id:
        # translators: {number} is the number of a saved revision of a journal entry
        return _("Revision {number} belongs to a different entry.").format(number=position)
    if revision.prev_hash != expected_prev:
        if position == 1:
            return _("Revision 1 does not start the chain of fingerprints.")
        # translators: {number} and {previous} are numbers of saved revisions of an entry
        return _("Revision {number} does not follow on from revision {previous}.").format(
            number=position, previous=position - 1
        )
    try:
        recomputed = revision_hash(
            revision.prev_hash, revision.number, revision.saved_at, revision.payload
        )
    except (TypeError, ValueError):
        # translators: {number} is the number of a saved revision of a journal entry
        return _("Revision {number} is malformed.").format(number=position)
    if recomputed != revision.hash:
        # translators: {number} is the number of a saved revision of a journal entry
        return _(
            "Revision {number} was changed after it was saved (its fingerprint differs)."
        ).format(number=position)
    return None


def manifest_fingerprint(chain_heads: Iterable[tuple[str, str]]) -> str:
    """One fingerprint over many entries: pairs of ``(entry_id, head_hash)``.

    ``entry_id`` is the caller's stable name for the entry (e.g. the record number as text);
    it must be non-empty, unique, and free of tab, CR and LF. The order of the pairs does not
    matter (they are sorted). Layout in the module docstring. Raises ``ValueError`` on bad
    input.
    """
    heads: dict[str, str] = {}
    for entry_id, head in chain_heads:
        if not entry_id or any(char in entry_id for char in "\t\r\n"):
            raise ValueError("entry ids must be non-empty and free of tab and line breaks")
        if entry_id in heads:
            raise ValueError("entry ids must be unique")
        if _HEX64_RE.fullmatch(head) is None:
            raise ValueError("heads must be 64 lowercase hexadecimal digits")
        heads[entry_id] = head
    digest = hashlib.sha256(MANIFEST_TAG)
    for entry_id in sorted(heads):
        digest.update(entry_id.encode("utf-8") + b"\t" + heads[entry_id].encode("ascii") + b"\n")
    return digest.hexdigest()
