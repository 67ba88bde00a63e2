"""The command line's errors and how it reads passphrases and passwords.

Passphrases are read from the terminal without echo, or — when standard input is not a
terminal — one line of standard input per prompt. Never from an argument or the environment.
"""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from peerdesk.i18n import N_, _

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_UNEXPECTED = 70


class CliError(Exception):
    """A user-facing failure outside the vault (bad arguments, no input)."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


#: The prompts and messages for each kind of new secret (the ``what`` of
#: :meth:`PassphraseReader.read_new`): new, repeat, no match, empty, choose another.
_SECRET_TEXTS: dict[str, tuple[str, str, str, str, str]] = {
    "passphrase": (
        N_("New passphrase: "),
        N_("Repeat the new passphrase: "),
        N_("The two passphrases do not match."),
        N_("The passphrase cannot be empty."),
        N_("Choose another passphrase."),
    ),
    "PDF password": (
        N_("New PDF password: "),
        N_("Repeat the new PDF password: "),
        N_("The two PDF passwords do not match."),
        N_("The PDF password cannot be empty."),
        N_("Choose another PDF password."),
    ),
    "zip password": (
        N_("New zip password: "),
        N_("Repeat the new zip password: "),
        N_("The two zip passwords do not match."),
        N_("The zip password cannot be empty."),
        N_("Choose another zip password."),
    ),
}


def sentences(*parts: str) -> str:
    """Whole sentences, each already translated, one after the other."""
    return " ".join(part for part in parts if part)


class PassphraseReader:
    """Reads each passphrase prompt from the terminal (no echo) or one line of stdin."""

    def __init__(self, stdin: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self._stdin = stdin or sys.stdin
        self._stderr = stderr or sys.stderr

    def read(self, prompt: str) -> str:
        if self._stdin.isatty():
            try:
                return getpass.getpass(prompt, stream=self._stderr)
            except EOFError:
                raise CliError(_("No passphrase was entered.")) from None
        line = self._stdin.readline()
        if not line:
            raise CliError(_("Expected a passphrase on standard input, but it ended."))
        return line.removesuffix("\n").removesuffix("\r")

    def read_new(
        self,
        what: str = "passphrase",
        *,
        allow_weak: bool = False,
        nothing: str | None = None,
    ) -> str:
        """A new secret, typed twice and held to the strength rule
        (:mod:`peerdesk.models.secret_strength`): below the floor it is refused with the
        reason; a weak one is asked about once on a terminal ("Use it anyway? [y/N]") and,
        without a terminal, refused unless ``allow_weak`` (``--allow-weak``)."""
        from peerdesk.models.secret_strength import strength

        if nothing is None:
            nothing = _("Nothing was changed.")
        new, repeat, mismatch, empty, another = _SECRET_TEXTS.get(what, _SECRET_TEXTS["passphrase"])
        first = self.read(_(new))
        second = self.read(_(repeat))
        if first != second:
            raise CliError(sentences(_(mismatch), nothing))
        if not first:
            raise CliError(_(empty))
        chosen = strength(first)
        kind = "passphrase" if what == "passphrase" else "password"  # the models' two wordings
        if chosen.refusal(kind):
            raise CliError(sentences(chosen.refusal(kind), nothing))
        if chosen.can_override and not allow_weak:
            if not self._stdin.isatty():
                raise CliError(
                    sentences(
                        chosen.warning(kind),
                        _("To use it anyway, run the command again with --allow-weak."),
                        nothing,
                    )
                )
            # translators: after a question; y and N are the answers to type (the command
            # accepts y or yes, in English)
            answers = _("[y/N] ")
            print(
                sentences(chosen.question(kind), answers),
                end="",
                file=self._stderr,
                flush=True,
            )
            answer = self._stdin.readline()
            if answer.strip().lower() not in ("y", "yes"):
                raise CliError(sentences(_(another), nothing))
        return first
