"""The models' user-visible words go through the catalogue, at the moment they are read.

Run with the pseudo-language ``en-XA``: a wrapped message comes back as ``[Ŵŕàppéđ ~~]``, an
unwrapped one (or one translated at import) as plain English. Placeholders must be filled.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from peerdesk import i18n
from peerdesk.i18n.pseudo import pseudo as pseudo_text
from peerdesk.models import quality, report, revisions, secret_strength, wording
from peerdesk.models.enums import ALL_ENUMS, Channel, IncidentCategory
from peerdesk.models.errors import ValidationError
from peerdesk.models.field_labels import FIELD_LABELS, field_label, report_field_word
from peerdesk.models.integrity import verify_chain
from peerdesk.models.patterns import PatternInput, findings
from peerdesk.models.provenance import Provenance
from peerdesk.models.provenance_text import originally_written
from peerdesk.models.text import check_text, clean_text
from peerdesk.models.timing import format_delay
from tests.helpers.pseudo import is_pseudo
from tests.models.factories import full_incident


def test_enum_labels_are_translated_when_read(pseudo: None) -> None:
    for enum in ALL_ENUMS:
        for member in enum:
            assert is_pseudo(member.label), member  # type: ignore[attr-defined]
    i18n.set_language("en")
    assert Channel.EMAIL.label == "Email"  # the same member, read again: English


def test_field_labels(pseudo: None) -> None:
    assert all(is_pseudo(field_label(key)) for key in FIELD_LABELS)
    assert is_pseudo(report_field_word("event_date"))
    assert FIELD_LABELS["title"] == "Short description"  # the msgid, never translated


def test_validation_message_names_the_field_in_the_language(pseudo: None) -> None:
    with pytest.raises(ValidationError) as caught:
        clean_text("x" * 300, field="title", max_length=200, label=i18n.N_("Short description"))
    message = caught.value.message
    assert is_pseudo(message)
    assert pseudo_text("Short description") in message  # the field's name is translated too
    assert "200" in message
    with pytest.raises(ValidationError) as caught:
        check_text(None, field="quotes[0].speaker_label")
    assert is_pseudo(caught.value.message)
    assert pseudo_text("Speaker label") in caught.value.message
    with pytest.raises(ValidationError) as caught:
        replace(full_incident(), title="").cleaned()
    assert is_pseudo(caught.value.message)


def test_findings_and_delays(pseudo: None) -> None:
    today = date(2026, 5, 30)
    items = [
        PatternInput(
            id=n + 1,
            event_date=today - timedelta(days=n),
            severity=3,
            person_ids=(1,),
            categories=(IncidentCategory.THREATS,),
            reported=n == 0,
            after_complaint=True,
            complaint_date=date(2026, 5, 2),
        )
        for n in range(3)
    ]
    out = findings(items, {}, today=today)
    assert out and all(is_pseudo(line) for line in out), out
    assert is_pseudo(format_delay(timedelta(hours=5)))
    assert is_pseudo(format_delay(timedelta(days=3), date_only=True))


def test_provenance_wording(pseudo: None) -> None:
    p = Provenance(source="csv", fingerprint="0" * 64, written_on=date(2026, 3, 1))
    text = originally_written(p)
    assert is_pseudo(text)
    assert is_pseudo(p.source_name())


def test_strength_quality_wording_revisions_report(pseudo: None) -> None:
    weak = secret_strength.strength("password")
    assert is_pseudo(weak.label) and is_pseudo(weak.advice) and is_pseudo(weak.reason)
    assert is_pseudo(weak.refusal()) and is_pseudo(weak.refusal("password"))
    bare = replace(full_incident(), narrative="He is always a psycho.", quotes=[], told=[])
    missing = quality.check_quality(bare)
    assert missing.missing and all(is_pseudo(m.message) for m in missing.missing)
    assert missing.opinion_words and all(is_pseudo(h.alternative) for h in missing.opinion_words)
    hints = wording.check_wording("She seemed depressed.")
    assert hints and is_pseudo(hints[0].suggestion) and is_pseudo(wording.kind_label(hints[0].kind))
    assert is_pseudo(revisions.diff_summary(1, 2, 3))
    assert is_pseudo(verify_chain([]).reason)
    assert all(is_pseudo(line) for line in report.redactions(report.HR))
    assert is_pseudo(report.HR.display_label) and is_pseudo(report.HR.display_reason)
    assert is_pseudo(report.section_title("cast_list"))
    saved = report.HR.with_changes(name="mine", label="Mine")
    assert saved.display_label == "Mine"  # what the user wrote is never translated


def test_plurals_in_english() -> None:
    assert revisions.diff_summary(1, 2, 1) == "1 field changed between revision 1 and revision 2."
    assert revisions.diff_summary(1, 2, 2) == "2 fields changed between revision 1 and revision 2."
    assert format_delay(timedelta(days=1), date_only=True) == "recorded 1 day after"
    assert format_delay(timedelta(days=2), date_only=True) == "recorded 2 days after"
    with pytest.raises(ValidationError, match=r"^Tags can be at most 1 character\.$"):
        clean_text("ab", field="tags", max_length=1)
