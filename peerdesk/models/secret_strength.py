"""How hard a secret is to guess, and the one rule every new secret is held to.

:func:`strength` is a small, pure and deterministic estimator: no network, no randomness, no
large word lists. It is deliberately conservative about the patterns people use (a capital
first, digits and a symbol at the end, "l33t" spellings, years, keyboard walks, the most
common passwords) and generous to several unrelated words separated by spaces, because those
are both strong and memorable. Its result never contains any part of the secret, so the
advice and the reason are safe to show on a shared screen or print on a terminal.

**The rule** (:attr:`Strength.verdict`), the same for the vault passphrase (first-run wizard,
Change passphrase, ``peerdesk init``/``passwd``/``demo``) and for PDF passwords (every PDF
export, ``export-pdf --encrypt``):

- **refused** (:attr:`Verdict.REFUSED`): shorter than :data:`MIN_LENGTH` (8) characters, or
  scored "Very weak" (estimated under 20 bits: a common password, a bare pattern such as
  ``aaaaaaaa`` or ``qwertyui``). The reason is shown and the secret cannot be used.
  Eight characters is the floor NIST SP 800-63B sets for secrets people choose.
- **weak** (:attr:`Verdict.WEAK`): scored "Weak" (20-32 bits, e.g. ``correct horse`` or
  ``kitten42``). The user is asked once, "This passphrase is weak: <reason>. Use it
  anyway?", and the safe answer ("Choose another", or *N* on a terminal) is the default.
- **ok** (:attr:`Verdict.OK`): "Fair" or better (32 bits and up).

PDF passwords have the same floor, not a lower one: an AES-256 PDF (revision 6, which
PeerDesk writes through qpdf) checks a password with a few dozen rounds of SHA-2, while the
vault's key comes from PBKDF2-HMAC-SHA512 with 256,000 iterations, so a stolen PDF is
guessed far faster than a stolen vault. A shorter PDF password would protect a copy that
travels by email less than the vault on the user's own computer.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from enum import Enum
from typing import Final

from peerdesk.i18n import N_, _
from peerdesk.models.secret_words import COMMON as _COMMON
from peerdesk.models.secret_words import FILLER as _FILLER
from peerdesk.models.secret_words import LEET as _LEET
from peerdesk.models.secret_words import LEET_L as _LEET_L
from peerdesk.models.secret_words import WALKS_BOTH as _WALKS_BOTH

__all__ = [
    "ADVICE_COMMON",
    "ADVICE_EMPTY",
    "LABELS",
    "MIN_LENGTH",
    "MIN_LENGTH_FOR_WEAK",
    "Strength",
    "Verdict",
    "strength",
]

#: The floor of the rule: a secret shorter than this is refused, whatever its score.
MIN_LENGTH: Final = 8
#: A mostly-pattern passphrase at least this long scores 1 (never 0).
MIN_LENGTH_FOR_WEAK: Final = 12
#: Longer input is estimated on its first characters only (already far above "very strong").
_MAX_ESTIMATED: Final = 256

#: Msgids marked with ``N_``: a :class:`Strength` carries them translated.
LABELS: Final = (
    # translators: how hard a passphrase is to guess, shown beside the strength meter
    N_("Very weak"),
    # translators: how hard a passphrase is to guess, shown beside the strength meter
    N_("Weak"),
    # translators: how hard a passphrase is to guess, shown beside the strength meter
    N_("Fair"),
    # translators: how hard a passphrase is to guess, shown beside the strength meter
    N_("Strong"),
    # translators: how hard a passphrase is to guess, shown beside the strength meter
    N_("Very strong"),
)
# Upper bounds (exclusive) of estimated guessing bits for scores 0..3; 4 is everything above.
_THRESHOLDS: Final = (20.0, 32.0, 44.0, 60.0)

# Each advice is a whole message (the tip about unrelated words is repeated in each, so that a
# translation never joins sentences). Msgids marked with ``N_``, translated by :func:`strength`.
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
_WORDS_TIP: Final = N_(
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_EMPTY: Final = N_(
    "Type a passphrase. Four or more random words are both strong and memorable."
)
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_COMMON: Final = N_(
    "This is one of the most common passwords, so it would be guessed first. "
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_PATTERN: Final = N_(
    "Repeated characters, sequences like “1234” and keyboard patterns like “qwerty” are "
    "guessed quickly. "
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)

# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_CONTAINS_COMMON: Final = N_(
    "It contains a very common password, which makes it easier to guess. "
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_CONTAINS_PATTERN: Final = N_(
    "It contains a sequence, a repeat or a keyboard pattern, which is easy to guess. "
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)
ADVICE_MORE_WORDS: Final = _WORDS_TIP

# translators: {minimum} is the fewest characters a passphrase may have (8)
_ADVICE_SHORT: Final = N_(
    "This is shorter than {minimum} characters. "
    "Add a few more unrelated words — four or more random words are both strong and memorable."
)
#: In English; a :class:`Strength` carries it translated.
ADVICE_SHORT: Final = _ADVICE_SHORT.format(minimum=MIN_LENGTH)

# Reasons, written to follow "This passphrase is weak: " or "… is too easy to guess: ".
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_EMPTY: Final = N_("it is empty")
# translators: a reason why a passphrase is weak; {minimum} is the fewest characters allowed (8)
_REASON_SHORT: Final = N_("it is shorter than {minimum} characters")
REASON_SHORT: Final = _REASON_SHORT.format(minimum=MIN_LENGTH)
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_COMMON: Final = N_("it is one of the most common passwords")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_PATTERN: Final = N_("it is mostly repeats, sequences or keyboard patterns")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_CONTAINS_COMMON: Final = N_("it contains a very common password")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_CONTAINS_PATTERN: Final = N_("it contains a sequence, a repeat or a keyboard pattern")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_VERY_QUICK: Final = N_("someone who gets the file would guess it very quickly")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
REASON_QUICK: Final = N_("someone who gets the file could guess it without much effort")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_STRONG: Final = N_("Good. One more unrelated word would make it very strong.")
# translators: advice or a reason about how hard a new passphrase is to guess; a reason
# (lower case) follows "This passphrase is weak: "
ADVICE_VERY_STRONG: Final = N_("Very strong. Make sure it is one you will remember.")

_FORMATTED: Final = {ADVICE_SHORT: _ADVICE_SHORT, REASON_SHORT: _REASON_SHORT}


def _shown(text: str) -> str:
    """An advice or reason constant in the language in force ("" stays "")."""
    if not text:
        return text
    msgid = _FORMATTED.get(text)
    if msgid is not None:
        return _(msgid).format(minimum=MIN_LENGTH)
    return _(text)


class Verdict(Enum):
    """What the rule says about a new secret (see the module docstring)."""

    REFUSED = "refused"  # below the floor: cannot be used
    WEAK = "weak"  # allowed once the user says "Use it anyway"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Strength:
    """How hard a passphrase is to guess. Holds no part of the passphrase.

    ``score`` 0 (very weak) … 4 (very strong); ``label`` is empty for an empty passphrase;
    ``advice`` is one or two plain sentences; ``length`` counts characters; ``reason`` says in
    a few words why it is refused or weak (empty when it is good enough), written to follow
    "This passphrase is weak: ".
    """

    score: int
    label: str
    advice: str
    length: int = 0
    reason: str = ""

    @property
    def verdict(self) -> Verdict:
        """The one rule: under :data:`MIN_LENGTH` characters or "Very weak" is refused,
        "Weak" is asked about once, "Fair" and better are fine."""
        if self.length < MIN_LENGTH or self.score == 0:
            return Verdict.REFUSED
        if self.score == 1:
            return Verdict.WEAK
        return Verdict.OK

    @property
    def meets_minimum(self) -> bool:
        """Good enough to use without a question."""
        return self.verdict is Verdict.OK

    @property
    def can_override(self) -> bool:
        """Weak but above the floor: usable after the user answers "Use it anyway"."""
        return self.verdict is Verdict.WEAK

    def refusal(self, what: str = "passphrase") -> str:
        """Why this secret cannot be used ("" when it can): one sentence with the reason.

        ``what`` is ``"passphrase"`` or ``"password"`` (each has its own whole sentences, in
        the language in force)."""
        if self.verdict is not Verdict.REFUSED:
            return ""
        if self.length == 0:
            return _("Type a password.") if what == "password" else _("Type a passphrase.")
        if what == "password":
            # translators: {reason} is a reason such as "it is one of the most common passwords"
            text = _("This password is too easy to guess: {reason}.")
        else:
            # translators: {reason} is a reason such as "it is one of the most common passwords"
            text = _("This passphrase is too easy to guess: {reason}.")
        return text.format(reason=self.reason)

    def warning(self, what: str = "passphrase") -> str:
        """For a weak secret: "This passphrase is weak: <reason>." ("" otherwise)."""
        if self.verdict is not Verdict.WEAK:
            return ""
        if what == "password":
            # translators: {reason} is a reason such as "it contains a very common password"
            text = _("This password is weak: {reason}.")
        else:
            # translators: {reason} is a reason such as "it contains a very common password"
            text = _("This passphrase is weak: {reason}.")
        return text.format(reason=self.reason)

    def question(self, what: str = "passphrase") -> str:
        """The one question asked about a weak secret ("" otherwise)."""
        warning = self.warning(what)
        # translators: {warning} is "This passphrase is weak: <reason>."
        return _("{warning} Use it anyway?").format(warning=warning) if warning else ""


@dataclass(slots=True)
class _Scan:
    bits: float = 0.0
    common: int = 0  # characters covered by common-password matches
    pattern: int = 0  # characters covered by repeats, sequences and keyboard walks


def _char_bits(ch: str, index: int, length: int) -> float:
    """Bits for one character that is part of no recognised pattern."""
    if "a" <= ch <= "z":
        return 3.2
    if "A" <= ch <= "Z":
        return 4.2 if index == 0 else 5.5
    if "0" <= ch <= "9":
        return 3.3
    if ch.isascii():
        return 3.0 if index == length - 1 else 5.0  # a symbol at the end is the usual place
    return 4.5 if ch.isalpha() else 6.0


def _deleet(text: str, table: dict[str, str]) -> str:
    return "".join(table.get(ch, ch) for ch in text)


def _common_at(lower: str, variants: tuple[str, ...], i: int) -> int:
    """Length of the longest common password (≥ 4 chars) starting at ``i``, or 0."""
    for j in range(min(len(lower), i + 16), i + 3, -1):
        for text in (lower, *variants):
            if text[i:j] in _COMMON:
                return j - i
    return 0


def _walk_at(lower: str, i: int) -> int:
    best = 0
    for walk in _WALKS_BOTH:
        start = walk.find(lower[i : i + 2]) if i + 1 < len(lower) else -1
        if start < 0:
            continue
        k = 0
        while i + k < len(lower) and start + k < len(walk) and lower[i + k] == walk[start + k]:
            k += 1
        best = max(best, k)
    return best if best >= 4 else 0


def _run_at(lower: str, i: int) -> tuple[int, str]:
    """A run of one repeated character or a sequence (abc, 321) of length ≥ 3 at ``i``."""
    n = len(lower)
    if i + 2 >= n:
        return 0, ""
    k = 1
    while i + k < n and lower[i + k] == lower[i]:
        k += 1
    if k >= 3:
        return k, "repeat"
    step = ord(lower[i + 1]) - ord(lower[i])
    if step in (1, -1):
        k = 2
        while i + k < n and ord(lower[i + k]) - ord(lower[i + k - 1]) == step:
            k += 1
        if k >= 3:
            return k, "sequence"
    return 0, ""


def _is_year(text: str, i: int) -> bool:
    chunk = text[i : i + 4]
    return len(chunk) == 4 and chunk.isdigit() and chunk[:2] in ("19", "20")


def _repeated_unit(text: str) -> str | None:
    n = len(text)
    for size in range(1, n // 2 + 1):
        if n % size == 0 and text[:size] * (n // size) == text:
            return text[:size]
    return None


def _scan(token: str) -> _Scan:
    """Estimate guessing bits for one token (no spaces), greedily matching patterns."""
    result = _Scan()
    if not token:
        return result
    unit = _repeated_unit(token)
    if unit is not None and len(unit) < len(token):
        inner = _scan(unit)
        inner.bits += math.log2(len(token) // len(unit)) + 1
        inner.pattern += len(token) - len(unit)
        return inner
    lower = token.lower()
    variants = (_deleet(lower, _LEET), _deleet(lower, _LEET_L))
    n = len(token)
    i = 0
    while i < n:
        common = _common_at(lower, variants, i)
        walk = _walk_at(lower, i)
        run, run_kind = _run_at(lower, i)
        best = max(common, walk, run)
        if best and walk == best:
            result.bits += 3.0 + math.log2(walk)
            result.pattern += walk
            i += walk
        elif best and best == common:
            piece = token[i : i + common]
            bits = 6.0 + (1.0 if any(c.isupper() for c in piece) else 0.0)
            bits += min(2.0, float(sum(1 for c in piece if c in _LEET)))
            result.bits += bits
            result.common += common
            i += common
        elif best:
            first = _char_bits(token[i], i, n) if run_kind == "repeat" else 3.0
            result.bits += first + math.log2(run)
            result.pattern += run
            i += run
        elif _is_year(token, i):
            result.bits += 5.0
            result.pattern += 4
            i += 4
        else:
            result.bits += _char_bits(token[i], i, n)
            i += 1
    return result


def _words_bits(words: list[str]) -> float:
    """Bits for a passphrase of words: each unrelated word is worth about 12 bits."""
    bits = 0.0
    seen: set[str] = set()
    for word in words:
        lower = word.lower()
        if lower in seen:
            bits += 1.0
            continue
        seen.add(lower)
        scanned = _scan(word)
        if lower in _FILLER or scanned.common == len(word) or scanned.pattern == len(word):
            bits += min(scanned.bits, 6.0)
        elif word.isalpha():
            bits += min(scanned.bits, 12.0)  # a dictionary word, however long
        else:
            bits += min(scanned.bits, 12.0 + 3.0 * sum(1 for c in word if not c.isalpha()))
    return bits


def _score(bits: float) -> int:
    for score, limit in enumerate(_THRESHOLDS):
        if bits < limit:
            return score
    return 4


def strength(passphrase: str) -> Strength:
    """Estimate how hard ``passphrase`` is to guess. Pure and deterministic."""
    text = unicodedata.normalize("NFC", passphrase or "")
    length = len(text)
    if not text.strip():
        return Strength(
            0,
            "" if not text else _(LABELS[0]),
            _(ADVICE_EMPTY),
            length,
            _shown(
                REASON_EMPTY
                if not text
                else REASON_SHORT
                if length < MIN_LENGTH
                else REASON_VERY_QUICK
            ),
        )
    text = text[:_MAX_ESTIMATED]
    words = text.split()
    squashed = "".join(words)
    lower = squashed.lower()
    core = lower.strip("0123456789!?.*#@$%&_-+=~")
    whole_common = any(
        candidate in _COMMON
        for candidate in (
            lower,
            core,
            _deleet(lower, _LEET),
            _deleet(lower, _LEET_L),
            _deleet(core, _LEET),
            _deleet(core, _LEET_L),
        )
    ) or " ".join(w.lower() for w in words) in ("i love you", "let me in")
    scan = _scan(squashed)
    bits = scan.bits
    if len(words) >= 2:
        bits = min(bits, _words_bits(words))
    score = _score(bits)
    if whole_common or length < 4:
        score = 0
    elif length < MIN_LENGTH:
        score = min(score, 1)
    mostly_pattern = scan.pattern >= 0.8 * len(squashed)
    if mostly_pattern and not whole_common:
        score = min(
            score, 1 if length >= MIN_LENGTH_FOR_WEAK and scan.pattern < len(squashed) else 0
        )

    if whole_common:
        advice, reason = ADVICE_COMMON, REASON_COMMON
    elif mostly_pattern:
        advice, reason = ADVICE_PATTERN, REASON_PATTERN
    elif length < MIN_LENGTH:
        advice, reason = ADVICE_SHORT, REASON_SHORT
    elif score <= 2 and scan.common and len(words) < 2:
        advice, reason = ADVICE_CONTAINS_COMMON, REASON_CONTAINS_COMMON
    elif score <= 2 and scan.pattern >= 3 and len(words) < 2:
        advice, reason = ADVICE_CONTAINS_PATTERN, REASON_CONTAINS_PATTERN
    elif score <= 2:
        advice, reason = ADVICE_MORE_WORDS, REASON_VERY_QUICK if score == 0 else REASON_QUICK
    elif score == 3:
        advice, reason = ADVICE_STRONG, ""
    else:
        advice, reason = ADVICE_VERY_STRONG, ""
    if length < MIN_LENGTH:
        reason = REASON_SHORT  # the floor is the first thing to fix
    elif score >= 2:
        reason = ""
    return Strength(score, _(LABELS[score]), _shown(advice), length, _shown(reason))
