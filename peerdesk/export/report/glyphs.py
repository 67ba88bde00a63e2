"""User text made ready for the page: names a profile shortens become initials wherever any
part of them appears, and characters no bundled font can show become ``[U+XXXX]``."""

from __future__ import annotations

import re
import unicodedata

from peerdesk.export import pdfkit
from peerdesk.export.pdfkit.text import MAYBE_RTL
from peerdesk.models.names import NameMatcher, NameSpan

#: Characters at or above U+0250 (beyond Latin Extended-B).
_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]")


def initials(name: str) -> str:
    """``Jane van Dyke`` -> ``J. v. D.``; text already short is kept."""
    words = [w for w in name.replace(".", " ").split() if w]
    if not words:
        return "?"
    return " ".join(w[0] + "." for w in words)


#: Invisible marks that steer the direction of text (a translation puts U+2068…U+2069 around a
#: name in an Arabic sentence): the bidirectional step reads them and HarfBuzz draws nothing.
DIRECTION_MARKS = frozenset(
    chr(code) for code in (0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
)


class Glyphs:
    """Prepares user text for the page: names the profile shortens are shortened wherever
    any part of them appears (:meth:`shorten`, :mod:`peerdesk.models.names`); characters the
    font cannot show become ``[U+XXXX]`` and are remembered."""

    def __init__(self) -> None:
        pdfkit.register_fonts()
        self.missing: dict[str, set[str]] = {}
        self.right_to_left: set[str] = set()
        self._matcher = NameMatcher(())
        self._short: set[str] = set()

    def shorten(self, everyone: set[str], names: set[str]) -> None:
        """Among ``everyone`` (all names that may appear), replace each of ``names``, and any
        part of it, by initials. A full name of someone not shortened stays as written."""
        self._matcher = NameMatcher(sorted(everyone | names))
        self._short = {" ".join(n.split()) for n in names}

    def _replacement(self, span: NameSpan, text: str) -> str:
        short = [n for n in span.names if n in self._short]
        if not short:
            return text
        if len(short) == len(span.names) and len({initials(n) for n in short}) == 1:
            return initials(short[0])
        return initials(text)  # shared with someone else: only the part's own initials

    def _shortened(self, value: str) -> str:
        if not self._short:
            return value
        out: list[str] = []
        at = 0
        for span in self._matcher.spans(value):
            out.append(value[at : span.start])
            out.append(self._replacement(span, value[span.start : span.end]))
            at = span.end
        return "".join(out) + value[at:] if out else value

    def __call__(self, text: object, where: str = "", *, names: bool = True) -> str:
        value = "" if text is None else str(text)
        if names:
            value = self._shortened(value)
        if _BEYOND_LATIN.search(value) is None:  # Latin only: every font has it
            return value
        if MAYBE_RTL.search(value) and any(
            unicodedata.bidirectional(c) in ("R", "AL") for c in value
        ):
            self.right_to_left.add(where or "text")
        if all(ord(c) < 0x250 or c in DIRECTION_MARKS or pdfkit.can_print(c) for c in value):
            return value
        out = []
        for char in value:
            code = ord(char)
            if char in DIRECTION_MARKS or pdfkit.can_print(char) or 0xD800 <= code <= 0xDFFF:
                out.append(char)
            else:
                out.append(f"[U+{code:04X}]")
                self.missing.setdefault(where or "text", set()).add(f"U+{code:04X}")
        return "".join(out)
