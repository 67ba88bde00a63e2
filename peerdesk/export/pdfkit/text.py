"""User text on the page: escaped (``<``, ``&`` and ``<b>`` print literally, line breaks are
kept), right-to-left runs shaped with HarfBuzz when it is installed, split into paragraphs."""

from __future__ import annotations

import copy
import importlib.util
import re
import unicodedata
from typing import Any
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import _wsc as _reportlab_spaces
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from peerdesk.export.pdfkit.fonts import with_fallback
from peerdesk.i18n import _, ngettext

NBSP = "\u00a0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_SPACE_RUN = re.compile(r" {2,}")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def plain_text(text: object) -> str:
    """``text`` with line ends made ``\n``, tabs as spaces, and characters that cannot be
    printed or encoded replaced (control characters by a space, lone surrogates by U+FFFD)."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    # Control characters cannot be printed; lone surrogates cannot be encoded.
    return _CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else " ", value)


#: Invisible marks that steer direction (LRM, RLM, ALM, embeddings, isolates): the shaped
#: right-to-left path reads them; reportlab's own text path has no glyph for them.
_DIRECTION_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def escape(text: object) -> str:
    """User text as ``Paragraph`` markup that prints exactly what was typed: ``&``, ``<``,
    ``>`` escaped, line breaks kept as ``<br/>``, runs of spaces kept (and the invisible
    direction marks a translation may hold left out: this path lays out left-to-right text)."""
    value = with_fallback(_xml_escape(_DIRECTION_MARKS.sub("", plain_text(text))))
    value = _SPACE_RUN.sub(lambda m: " " + "&nbsp;" * (len(m.group(0)) - 1), value)
    return value.replace("\n", "<br/>")


_SHAPING = importlib.util.find_spec("uharfbuzz") is not None


def _no_ligatures() -> None:
    """reportlab shapes with the ``liga`` and ``dlig`` features on, so DejaVu's "st" and
    "fi" would become single ligature glyphs that copy and search as other characters. The
    features are its shaping function's default argument; turn those two off (Arabic's
    required ligatures are ``rlig``, which HarfBuzz always applies)."""
    from reportlab.pdfbase import ttfonts

    defaults = getattr(ttfonts.shapeFragWord, "__defaults__", None) or ()
    if defaults and isinstance(defaults[0], dict):
        defaults[0].update(liga=False, dlig=False)


if _SHAPING:
    _no_ligatures()


def shaping_available() -> bool:
    """Whether right-to-left text is shaped (HarfBuzz through ``uharfbuzz``)."""
    return _SHAPING


def text_direction(text: str) -> str | None:
    """``"rtl"`` when the first letter with a strong direction is right-to-left (Hebrew,
    Arabic…), ``"ltr"`` when it is left-to-right, ``None`` without letters."""
    for char in text:
        if ord(char) < 0x41:
            continue
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


#: The blocks that hold every right-to-left character (bidirectional class R, AL or AN):
#: Hebrew to Arabic Extended, the right-to-left mark, the Hebrew and Arabic presentation
#: forms, and the right-to-left blocks of plane 1. Text without any (most text, even with
#: curly quotes and dashes) needs no look-up per character.
MAYBE_RTL = re.compile(
    "[\u0590-\u08ff\u200f\ufb1d-\ufeff\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


def needs_shaping(text: str) -> bool:
    """Whether ``text`` has right-to-left letters (they must be joined and ordered)."""
    if MAYBE_RTL.search(text) is None:
        return False
    return any(ord(c) >= 0x590 and unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in text)


#: Text reportlab's cleaning (white space runs made one space, ends stripped, lines joined)
#: leaves as it is: words apart by single spaces and no other white space (a no-break space
#: is kept by it, so allowed). Python has no white space above U+3000.
_SPACES = "".join(
    sorted((set(_reportlab_spaces) | {chr(c) for c in range(0x3001) if chr(c).isspace()}) - {NBSP})
)
_WORD = f"[^{re.escape(_SPACES)}]+"
_CLEAN = re.compile(f"{_WORD}(?: {_WORD})*")

_plain_frags: WeakKeyDictionary[ParagraphStyle, list[Any]] = WeakKeyDictionary()


def _plain_frag(style: ParagraphStyle) -> Any:
    """The fragment reportlab's markup parser makes of a plain text in ``style`` (text
    ``"x"``), or None when the parse is not a single plain fragment."""
    found = _plain_frags.get(style)
    if found is None:
        parsed_style, frags, bullet = ParaParser().parse("x", style)
        plain = parsed_style is style and frags is not None and len(frags) == 1 and not bullet
        found = _plain_frags[style] = [frags[0] if plain else None]
    return found[0]


class TextParagraph(Paragraph):  # type: ignore[misc]
    """reportlab's ``Paragraph``, made once and broken into lines once per width.

    - Text without markup (no ``<`` and no ``&``: most cells and labels) is not run
      through reportlab's markup parser (an ``HTMLParser`` per paragraph): it becomes the one
      fragment the parser would make, a copy of the style's plain fragment with the text.
    - reportlab asks a paragraph for its size several times at the same width (a table
      measures every cell for its row heights, then again to draw it; ``KeepTogether``
      measures its content, then the frame measures each part again), and each time breaks
      all its lines anew. The result depends only on the width (the text and style do not
      change), so the last one is kept."""

    _wrapped: tuple[float, float, float] | None = None  # (width asked, width, height)

    def _setup(
        self, text: Any, style: ParagraphStyle, bulletText: Any, frags: Any, cleaner: Any
    ) -> None:
        if frags is None and isinstance(text, str) and "<" not in text and "&" not in text:
            base = _plain_frag(style)
            if base is None:
                cleaned = ""
            elif _CLEAN.fullmatch(text):  # words apart by single spaces: nothing to clean
                cleaned = text
            else:
                cleaned = cleaner(text)
            if cleaned:
                frag = copy.copy(base)
                frag.text = cleaned
                frags = [frag]
                textTransformFrags(frags, style)
                text = cleaned
        super()._setup(text, style, bulletText, frags, cleaner)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        done = self._wrapped
        # ``split`` drops ``blPara`` when the paragraph cannot be split: lay it out again.
        if done is not None and done[0] == availWidth and "blPara" in self.__dict__:
            return done[1], done[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height


def para(text: object, style: ParagraphStyle) -> Flowable:
    """A paragraph of user text (escaped). Text with right-to-left letters is laid out by the
    Unicode bidirectional algorithm and shaped (:class:`~.bidi.BidiParagraph`); a paragraph
    that starts in a right-to-left script is set flush right."""
    value = "" if text is None else str(text)
    if _SHAPING and needs_shaping(value):
        from peerdesk.export.pdfkit.bidi import BidiParagraph

        return BidiParagraph(plain_text(value), style, rtl=text_direction(value) == "rtl")
    return TextParagraph(escape(value), style)


def markup(template: str, style: ParagraphStyle, **values: object) -> Paragraph:
    """A paragraph from our own markup with user values escaped into it:
    ``markup("<b>{name}</b>", style, name=user_text)``."""
    return TextParagraph(template.format(**{k: escape(v) for k, v in values.items()}), style)


#: A paragraph longer than this is laid out as several flowables (see :func:`pieces`).
PIECE_CHARS = 2000

_joined_styles: dict[int, ParagraphStyle] = {}


def pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` (one paragraph) cut into pieces of at most about ``limit`` characters, at line
    breaks where it has them, else between words (a word longer than ``limit`` is cut
    anyway). A paragraph is split again page by page while it is laid out, so one huge
    paragraph costs time quadratic in its length; pieces keep it linear."""
    if len(text) <= limit:
        return [text]
    out: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", limit // 2, limit)
            cut = limit if cut < 0 else cut + 1
            if current:
                out.append("\n".join(current))
                current, size = [], 0
            out.append(line[:cut].rstrip(" ") or line[:cut])
            line = line[cut:]
        if current and size + len(line) > limit:
            out.append("\n".join(current))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current:
        out.append("\n".join(current))
    return out


def _joined(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` without the space after a paragraph (for all but the last piece)."""
    found = _joined_styles.get(id(style))
    if found is None or found.parent is not style:
        found = ParagraphStyle(f"{style.name}-joined", parent=style, spaceAfter=0)
        _joined_styles[id(style)] = found
    return found


def text_block(text: object, style: ParagraphStyle) -> list[Flowable]:
    """User text split into paragraphs at blank lines (so a long note flows across pages);
    single line breaks are kept inside each paragraph. A long paragraph is laid out as
    pieces (:func:`pieces`); every piece after a paragraph's first has ``continued`` set
    (numbered paragraphs number only the first)."""
    value = plain_text(text).strip("\n")
    if not value.strip():
        return []
    out: list[Flowable] = []
    for chunk in _PARAGRAPH_BREAK.split(value):
        if not chunk.strip():
            continue
        parts = pieces(chunk)
        for k, part in enumerate(parts):
            flowable = para(part, style if k == len(parts) - 1 else _joined(style))
            flowable.continued = k > 0
            out.append(flowable)
    return out


def minutes_label(minutes: int | None, empty: str = "") -> str:
    """``45 minutes``, ``1 hour``, ``1 hour 30 minutes``."""
    if minutes is None:
        return empty
    hours, rest = divmod(int(minutes), 60)
    # translators: a duration in minutes (alone, or after a number of hours)
    in_minutes = ngettext("{count} minute", "{count} minutes", rest).format(count=rest)
    if not hours:
        return in_minutes
    # translators: a duration in hours
    in_hours = ngettext("{count} hour", "{count} hours", hours).format(count=hours)
    if not rest:
        return in_hours
    # translators: a duration: {hours} is e.g. "1 hour", {minutes} e.g. "30 minutes"
    return _("{hours} {minutes}").format(hours=in_hours, minutes=in_minutes)
