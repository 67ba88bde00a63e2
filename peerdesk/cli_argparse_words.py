"""argparse's own words (``usage:``, ``options``, its error messages) through PeerDesk's catalogue.

Python's :mod:`argparse` translates its words with the ``gettext`` domain ``argparse``, for which
nothing ships translations. :func:`install` makes the module look them up in PeerDesk's catalogue
instead (argparse calls its module-level ``_`` and ``ngettext`` when it prints, so replacing them
is enough), and the list below marks argparse's messages for extraction into that catalogue.

The messages are spelt EXACTLY as Python 3.11's ``argparse.py`` spells them (they are the keys
the catalogue is looked up by). Python 3.12 and later spell a few differently (for example
"ambiguous option: %(option)s could match %(matches)s" and the "expected ... argument" family
were reworded, and 3.12 added "argument %(argument_name)s: %(message)s"-style messages for
deprecated options); those stay English there until they are added here.
"""

from __future__ import annotations

import argparse
import re

from peerdesk import i18n
from peerdesk.i18n import N_, ngettext

#: A printf-style placeholder as argparse writes them: %s, %r, %(name)s, %%.
_PLACEHOLDER = re.compile(r"(%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdrifx%])")


def _placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def _checked(message: str, translated: str) -> str:
    """``translated`` if it keeps ``message``'s placeholders (argparse fills them with ``%``;
    a lost one would crash it), else the pseudo-language piece by piece, else the English."""
    if _placeholders(translated) == _placeholders(message):
        return translated
    if i18n.current_language() == i18n.PSEUDO:
        # The pseudo-language accents %(name)s too: accent only the words between them.
        return "".join(
            piece if not piece or _PLACEHOLDER.fullmatch(piece) else i18n.gettext(piece)
            for piece in _PLACEHOLDER.split(message)
        )
    return message


def _argparse_gettext(message: str) -> str:
    # argparse passes None for a missing subparser group description.
    return _checked(message, i18n.gettext(message)) if message else message


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return _checked(singular if n == 1 else plural, i18n.ngettext(singular, plural, n))


def install() -> None:
    """Make argparse print its words in the language in force (it looks them up at call time)."""
    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


def _plural_markers(n: int) -> tuple[str, ...]:
    """argparse's plural messages, marked for extraction (never called for its result)."""
    return (
        # translators: argparse's words (Python's command-line parser); %s is a list of options
        ngettext("conflicting option string: %s", "conflicting option strings: %s", n),
        # translators: argparse's words (Python's command-line parser); %s is a number
        ngettext("expected %s argument", "expected %s arguments", n),
    )


# The messages below are argparse's words (Python's command-line parser), shown by
# `peerdesk --help` and when a command line is wrong. Keep %s, %r and %(name)s exactly as they are.
ARGPARSE_WORDS: tuple[str, ...] = (
    # translators: argparse's words: starts the usage line, "usage: peerdesk [-h] ..."
    N_("usage: "),
    # translators: argparse's words: %(argument_name)s is an option, %(message)s what is wrong
    N_("argument %(argument_name)s: %(message)s"),
    # translators: argparse's words (a programming error, rarely seen)
    N_(".__call__() not defined"),
    # translators: argparse's words
    N_("conflicting subparser: %s"),
    # translators: argparse's words
    N_("conflicting subparser alias: %s"),
    # translators: argparse's words: an unknown command and the list of commands
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    # translators: argparse's words
    N_('argument "-" with mode %r'),
    # translators: argparse's words: a file that could not be opened, and why
    N_("can't open '%(filename)s': %(error)s"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("cannot merge actions - two groups are named %r"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("'required' is an invalid argument for positionals"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("invalid option string %(option)r: must start with a character %(prefix_chars)r"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("dest= is required for options like %r"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("invalid conflict_resolution value: %r"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("mutually exclusive arguments must be optional"),
    # translators: argparse's words: heading of the list of arguments without a dash
    N_("positional arguments"),
    # translators: argparse's words: heading of the list of options (--something)
    N_("options"),
    # translators: argparse's words: help of -h/--help
    N_("show this help message and exit"),
    # translators: argparse's words: help of --version
    N_("show program's version number and exit"),
    # translators: argparse's words
    N_("cannot have multiple subparser arguments"),
    # translators: argparse's words: default heading of a list of commands
    N_("subcommands"),
    # translators: argparse's words: %s lists what was not understood
    N_("unrecognized arguments: %s"),
    # translators: argparse's words: %s is another option
    N_("not allowed with argument %s"),
    # translators: argparse's words
    N_("ignored explicit argument %r"),
    # translators: argparse's words: %s lists the missing arguments
    N_("the following arguments are required: %s"),
    # translators: argparse's words: %s lists the arguments to choose from
    N_("one of the arguments %s is required"),
    # translators: argparse's words
    N_("expected one argument"),
    # translators: argparse's words
    N_("expected at most one argument"),
    # translators: argparse's words
    N_("expected at least one argument"),
    # translators: argparse's words: an abbreviated option that fits several
    N_("ambiguous option: %(option)s could match %(matches)s"),
    # translators: argparse's words
    N_("unexpected option string: %s"),
    # translators: argparse's words (a programming error, rarely seen)
    N_("%r is not callable"),
    # translators: argparse's words: %(type)s is a kind of value, %(value)r what was given
    N_("invalid %(type)s value: %(value)r"),
    # translators: argparse's words: %(value)r was given, %(choices)s lists the valid ones
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    # translators: argparse's words: "peerdesk: error: <what is wrong>" then a new line
    N_("%(prog)s: error: %(message)s\n"),
)

__all__ = ["ARGPARSE_WORDS", "install"]
