"""The pseudo-language ``en-XA``: English made about 40 % longer and accented.

Used by the tests to find text that clips or was never wrapped: every translated message comes
back as ``[Ŝàvé éñţŕý ~~~~~]``, with its placeholders (``{name}``, ``%s``), markup (``<b>``,
``&amp;``) and keyboard mnemonics (``&S``) left as they are, so the program still works.
"""

from __future__ import annotations

import re

_ACCENTS = str.maketrans(
    "abcdeghijklnorstuwyzABCDEGHIJKLNORSTUWYZ",
    "àƀçđéĝĥíĵķĺñöŕšţûŵýžÀƁÇĐÉĜĤÍĴĶĹÑÖŔŠŢÛŴÝŽ",
)
# Placeholders, markup, entities and mnemonics pass through untouched.
_KEEP = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdifr]|%[sdifr%]|<[^>]*>|&[a-zA-Z]+;|&&|&(?=\S)")


def pseudo(message: str) -> str:
    if not message:
        return message
    out: list[str] = []
    position = 0
    for match in _KEEP.finditer(message):
        out.append(message[position : match.start()].translate(_ACCENTS))
        out.append(match.group(0))
        position = match.end()
    out.append(message[position:].translate(_ACCENTS))
    # The padding wraps like words do (one long run of "~" would be a word no line could hold).
    extra = max(1, round(len(message) * 0.4) - 2)
    padding = " ".join("~" * min(6, extra - start) for start in range(0, extra, 7))
    return f"[{''.join(out)} {padding}]"
