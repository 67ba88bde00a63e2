"""The bundled fonts: DejaVu Sans in four faces, registered once as one family (so ``<b>`` and
``<i>`` in our own markup work) and embedded (subset) in every file; Chinese and Japanese
characters DejaVu lacks come from Droid Sans Fallback, loaded when first needed."""

from __future__ import annotations

import re
import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from peerdesk.export.pdfkit.base import PdfError
from peerdesk.i18n import _
from peerdesk.resources import resource_path

FONT = "DejaVuSans"  # i18n: keep — a font's name or file
FONT_BOLD = "DejaVuSans-Bold"  # i18n: keep — a font's name or file
FONT_ITALIC = "DejaVuSans-Oblique"  # i18n: keep — a font's name or file
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"  # i18n: keep — a font's name or file
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",  # i18n: keep — a font's name or file
    FONT_BOLD: "DejaVuSans-Bold.ttf",  # i18n: keep — a font's name or file
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",  # i18n: keep — a font's name or file
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",  # i18n: keep — a font's name or file
}

#: Chinese and Japanese characters DejaVu Sans lacks come from this font (loaded when needed).
FALLBACK_FONT = "DroidSansFallback"  # i18n: keep — a font's name or file
_FALLBACK_FILE = "DroidSansFallbackFull.ttf"  # i18n: keep — a font's name or file

#: Characters at or above U+2E80 (CJK), where the fallback font may be needed.
_FROM_CJK = re.compile("[\u2e80-\U0010ffff]")

_fonts_lock = threading.Lock()
_fonts_ready = False
_main_glyphs: dict[int, int] = {}
_fallback_glyphs: dict[int, int] | None = None  # None: not loaded yet


def register_fonts() -> str:
    """Register the bundled DejaVu Sans faces and their family once; returns the family name."""
    global _fonts_ready
    with _fonts_lock:
        if not _fonts_ready:
            for name, filename in _FONT_FILES.items():
                path = resource_path("fonts", filename)
                if not path.is_file():
                    raise PdfError(_("A font PeerDesk needs for PDFs is missing from the install."))
                pdfmetrics.registerFont(TTFont(name, str(path)))
            pdfmetrics.registerFontFamily(
                FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
            )
            _main_glyphs.update(pdfmetrics.getFont(FONT).face.charToGlyph)
            _fonts_ready = True
    return FONT


def _fallback() -> dict[int, int]:
    """The fallback font's characters (registering it the first time); empty when the
    install lacks the file (the text is then shown as code points)."""
    global _fallback_glyphs
    register_fonts()
    with _fonts_lock:
        if _fallback_glyphs is None:
            path = resource_path("fonts", _FALLBACK_FILE)
            if path.is_file():
                font = TTFont(FALLBACK_FONT, str(path))
                pdfmetrics.registerFont(font)
                pdfmetrics.registerFontFamily(
                    FALLBACK_FONT,
                    normal=FALLBACK_FONT,
                    bold=FALLBACK_FONT,
                    italic=FALLBACK_FONT,
                    boldItalic=FALLBACK_FONT,
                )
                _fallback_glyphs = dict(font.face.charToGlyph)
            else:
                _fallback_glyphs = {}
        return _fallback_glyphs


def _needs_fallback(code: int) -> bool:
    return code not in _main_glyphs and code >= 0x2E80


def can_print_main(char: str) -> bool:
    """Whether DejaVu Sans itself has a glyph for ``char``."""
    if not _fonts_ready:
        register_fonts()
    return ord(char) in _main_glyphs


def can_print(char: str) -> bool:
    """Whether a bundled font has a glyph for ``char`` (white space and controls count as
    printable: they are handled as spacing)."""
    code = ord(char)
    if not _fonts_ready:
        register_fonts()
    if code < 0x20 or char.isspace() or code in _main_glyphs:
        return True
    return _needs_fallback(code) and code in _fallback()


def with_fallback(value: str) -> str:
    """Wrap runs of characters only the fallback font has in ``<font face=…>`` (``value`` is
    already escaped markup; the characters concerned are never markup)."""
    if _FROM_CJK.search(value) is None:
        return value
    register_fonts()
    fallback = _fallback()
    out: list[str] = []
    inside = False
    spaces = ""  # spaces after a fallback run: inside it only if the run goes on
    for char in value:
        if inside and char == " ":
            spaces += char
            continue
        code = ord(char)
        wanted = _needs_fallback(code) and code in fallback
        if inside and not wanted:
            out.append("</font>")
            inside = False
        out.append(spaces)
        spaces = ""
        if wanted and not inside:
            out.append(f'<font face="{FALLBACK_FONT}">')  # i18n: keep — a font's name or file
            inside = True
        out.append(char)
    if inside:
        out.append("</font>")
    out.append(spaces)
    return "".join(out)
