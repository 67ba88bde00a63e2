"""A short PeerDesk document ("What I hold", the programme statistics) written in a language.

Both are laid out in the language asked for (None: the language in force), with their title and
subject in it and the same footer note; the report has its own, longer path
(:mod:`peerdesk.export.report`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable

from peerdesk import i18n
from peerdesk.export.pdfkit.base import Paper
from peerdesk.export.pdfkit.pages import write_pdf
from peerdesk.i18n import _
from peerdesk.models.dates import long_date


def write_short_document(
    make_story: Callable[[], Sequence[Flowable]],
    out: Path,
    *,
    title: str,
    subject: str,
    today: date,
    paper: Paper = "a4",
    password: str | None = None,
    language: str | None = None,
) -> int:
    """Lay out ``make_story()`` and write it to ``out`` atomically, all in ``language``;
    ``title`` and ``subject`` are msgids (translated here). Returns the page count."""
    with i18n.language(language) as code:
        story = make_story()
        return write_pdf(
            story,
            out,
            title=_(title),
            paper=paper,
            password=password,
            subject=_(subject),
            language=code,
            # translators: the footer note of a PDF; {date} is a long date
            footer_note=_("Made with PeerDesk on {date}").format(date=long_date(today)),
        )


__all__ = ["write_short_document"]
