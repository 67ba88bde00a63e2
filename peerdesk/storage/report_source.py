"""Reads what an incident report is made from (:class:`peerdesk.models.report_source
.ReportSource`) out of an open vault, so that the report itself never touches storage. Used by
the report dialog's worker and by ``peerdesk export-pdf``. No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from peerdesk.models.incident import Incident
from peerdesk.models.report_source import (
    REPORT_IMAGE_TYPES,
    ExhibitImage,
    ReportSource,
    SourceEntry,
)
from peerdesk.storage.attachments import AttachmentRepository
from peerdesk.storage.incidents import IncidentFilter, IncidentRepository
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.vault import Vault


def _select(
    incidents: IncidentRepository,
    incident_ids: Sequence[int] | None,
    where: IncidentFilter | None,
) -> tuple[list[Incident], int]:
    """The entries to report, and how many entries of the selection were withdrawn by the
    author as made in error (left out: their content is never read for the report)."""
    withdrawn = incidents.withdrawn_ids()
    if incident_ids is not None:
        wanted = list(dict.fromkeys(incident_ids))
        chosen = [incidents.get(i) for i in wanted if i not in withdrawn]
        left_out = len(wanted) - len(chosen)
    elif where is None:
        chosen = [incidents.get(i) for i in incidents.ids(descending=False)]
        left_out = len(withdrawn)
    else:
        kept_out = replace(where, include_withdrawn=False)
        chosen = [incidents.get(i) for i in incidents.ids(kept_out, descending=False)]
        left_out = incidents.count(replace(kept_out, include_withdrawn=True)) - len(chosen)
    kept = [i for i in chosen if i.withdrawn is None]
    left_out += len(chosen) - len(kept)
    kept.sort(
        key=lambda i: (
            i.event_date,
            i.event_time is None,
            i.event_time or datetime.min.time(),
            i.record_number or 0,
        )
    )
    return kept, left_out


def read_report_source(
    vault: Vault,
    *,
    incident_ids: Sequence[int] | None = None,
    filter: IncidentFilter | None = None,
    images: bool = False,
) -> ReportSource:
    """The entries ``incident_ids`` (exactly these), or those ``filter`` matches, or (with
    neither) every entry, with what a report prints about them; withdrawn entries are counted,
    never read. With ``images`` (the profile reproduces exhibits), every attachment's bytes are
    read too, once each: pictures with their size into ``images``, every other file into
    ``exhibit_files``. An entry without a revision history gets an empty ``head`` (the report
    refuses it)."""
    incidents = IncidentRepository(vault)
    attachments = AttachmentRepository(vault)
    chosen, withdrawn = _select(incidents, incident_ids, filter)
    heads = incidents.chain_heads([i.id for i in chosen if i.id is not None])
    entries: list[SourceEntry] = []
    pictures: dict[int, ExhibitImage] = {}
    files: dict[int, bytes] = {}
    for incident in chosen:
        if incident.id is None or incident.id not in heads:
            entries.append(SourceEntry(incident=incident, revisions=(), head="", revision_count=0))
            continue
        head, count = heads[incident.id]
        listed = tuple(attachments.list_for_incident(incident.id))
        if images:
            for a in listed:
                if a.id is None or a.id in pictures or a.id in files:
                    continue
                size = attachments.image_size(a.id) if a.media_type in REPORT_IMAGE_TYPES else None
                if size is not None:
                    pictures[a.id] = ExhibitImage(
                        width=size.width, height=size.height, data=attachments.read_bytes(a.id)
                    )
                else:
                    files[a.id] = attachments.read_bytes(a.id)
        entries.append(
            SourceEntry(
                incident=incident,
                revisions=tuple(incidents.revisions(incident.id)),
                head=head,
                revision_count=count,
                attachments=listed,
            )
        )
    return ReportSource(
        entries=tuple(entries),
        people=tuple(p for p in PersonRepository(vault).list() if p.id is not None),
        withdrawn=withdrawn,
        date_from=filter.date_from if filter is not None else None,
        date_to=filter.date_to if filter is not None else None,
        images=pictures,
        exhibit_files=files,
    )


__all__ = ["read_report_source"]
