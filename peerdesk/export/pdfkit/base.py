"""What every PDF shares: paper sizes, colours, margins and the error callers show."""

from __future__ import annotations

from typing import Literal

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm

from peerdesk.i18n import N_, _

Paper = Literal["a4", "letter"]
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
#: Paper names (marked here, translated where shown: ``_(PAPER_LABELS[paper])``).
PAPER_LABELS: dict[str, str] = {"a4": N_("A4"), "letter": N_("US Letter")}

INK = colors.HexColor("#1b1d1f")
MUTED = colors.HexColor("#5b6167")
RULE = colors.HexColor("#c5cacf")
HEAD_FILL = colors.HexColor("#e9edf1")
ZEBRA_FILL = colors.HexColor("#f6f7f9")
NOTICE_FILL = colors.HexColor("#fff6e0")
NOTICE_EDGE = colors.HexColor("#e0b95a")

MARGIN: float = 20 * mm
HEADER_GAP: float = 11 * mm  # from the top edge to the header's baseline
FOOTER_GAP: float = 10 * mm  # from the bottom edge to the footer's baseline
TOP_MARGIN: float = MARGIN + 4 * mm  # above the text frame (room for the running header)


class PdfError(Exception):
    """A PDF could not be written (the message is safe to show: no user content)."""


def page_size(paper: Paper | str) -> tuple[float, float]:
    try:
        return PAPER_SIZES[paper]
    except KeyError:
        raise PdfError(_("Paper size must be A4 or US Letter.")) from None


def frame_width(paper: Paper = "a4") -> float:
    """The width text can use on ``paper`` (points)."""
    return float(page_size(paper)[0]) - 2 * MARGIN


def frame_height(paper: Paper = "a4") -> float:
    """The height text can use on ``paper`` (points), between the header and the footer."""
    return float(page_size(paper)[1]) - TOP_MARGIN - MARGIN
