"""One place for message boxes and confirmations, which tests can pre-answer.

Like KeePassXC's ``MessageBox::setNextAnswer``: a test queues the answer the next question
gets, and no dialog is shown. Every message shown is also recorded (kind, title, text) so a
test can assert what the user was told. Messages never contain user content.

Every box is destroyed once answered, and :meth:`Messages.close_all` (called by the lock) closes
and destroys any box still open and forgets the texts recorded: a box that names a folder does
not outlive a lock.
"""

from __future__ import annotations

import contextlib
from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from peerdesk.i18n import _

if TYPE_CHECKING:  # (the unlock window needs messages, not the strength estimate: issue 18)
    from peerdesk.models.secret_strength import Strength

Button = QMessageBox.StandardButton


@dataclass(frozen=True)
class Shown:
    kind: str
    title: str
    text: str


class Messages:
    _answers: ClassVar[deque[Button]] = deque()
    shown: ClassVar[list[Shown]] = []
    _open: ClassVar[list[QMessageBox]] = []

    # -- seams for tests -----------------------------------------------------------------------

    @classmethod
    def set_next_answer(cls, answer: Button) -> None:
        """The next question (or message) returns ``answer`` without showing a dialog."""
        cls._answers.append(answer)

    @classmethod
    def reset(cls) -> None:
        cls._answers.clear()
        cls.shown.clear()

    # -- locking -------------------------------------------------------------------------------

    @classmethod
    def close_all(cls) -> int:
        """Close every box still open (as if cancelled; the code waiting on it destroys it as
        soon as it resumes), and keep only the kind and title of what was shown. Returns how
        many boxes were open."""
        boxes = list(cls._open)
        for box in boxes:
            with contextlib.suppress(RuntimeError):  # already destroyed with its parent
                QDialog.done(box, QDialog.DialogCode.Rejected)
        cls.shown[:] = [Shown(m.kind, m.title, "") for m in cls.shown]
        return len(boxes)

    # -- the API widgets use -------------------------------------------------------------------

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        title: str,
        text: str,
        buttons: Button = Button.Yes | Button.No,
        default: Button = Button.No,
        *,
        informative: str = "",
    ) -> Button:
        return cls._show(
            "question",
            QMessageBox.Icon.Question,
            parent,
            title,
            text,
            buttons,
            default,
            informative,
        )

    @classmethod
    def confirm(
        cls,
        parent: QWidget | None,
        title: str,
        text: str,
        *,
        action: str,
        informative: str = "",
        destructive: bool = False,
        cancel: str = "",
    ) -> bool:
        """A yes/no question whose yes button says what it does (e.g. "Delete"); ``cancel``
        names the other button (default "Cancel"), which is the default when destructive."""
        if cls._answers:
            return cls._pop("question", title, text) in (Button.Yes, Button.Ok)
        box = cls._box(
            QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question,
            parent,
            title,
            text,
            informative,
        )
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        no = (
            box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
            if cancel
            else box.addButton(Button.Cancel)
        )
        box.setEscapeButton(no)
        box.setDefaultButton(no if destructive else yes)
        cls.shown.append(Shown("question", title, text))
        cls._exec(box)
        answered = False
        with contextlib.suppress(RuntimeError):  # destroyed by a lock while it waited
            answered = box.clickedButton() is yes
        cls._destroy(box)
        return answered

    @classmethod
    def info(cls, parent: QWidget | None, title: str, text: str, *, informative: str = "") -> None:
        cls._show(
            "info",
            QMessageBox.Icon.Information,
            parent,
            title,
            text,
            Button.Ok,
            Button.Ok,
            informative,
        )

    @classmethod
    def warn(cls, parent: QWidget | None, title: str, text: str, *, informative: str = "") -> None:
        cls._show(
            "warning",
            QMessageBox.Icon.Warning,
            parent,
            title,
            text,
            Button.Ok,
            Button.Ok,
            informative,
        )

    @classmethod
    def error(cls, parent: QWidget | None, title: str, text: str, *, informative: str = "") -> None:
        cls._show(
            "error",
            QMessageBox.Icon.Critical,
            parent,
            title,
            text,
            Button.Ok,
            Button.Ok,
            informative,
        )

    # -- internals -----------------------------------------------------------------------------

    @classmethod
    def _pop(cls, kind: str, title: str, text: str) -> Button:
        cls.shown.append(Shown(kind, title, text))
        return cls._answers.popleft()

    @classmethod
    def _box(
        cls, icon: QMessageBox.Icon, parent: QWidget | None, title: str, text: str, informative: str
    ) -> QMessageBox:
        box = QMessageBox(icon, title, text, Button.NoButton, parent)
        box.setObjectName("peerdeskMessage")
        if informative:
            box.setInformativeText(informative)
        return box

    @classmethod
    def _show(
        cls,
        kind: str,
        icon: QMessageBox.Icon,
        parent: QWidget | None,
        title: str,
        text: str,
        buttons: Button,
        default: Button,
        informative: str,
    ) -> Button:
        if cls._answers:
            return cls._pop(kind, title, text)
        box = cls._box(icon, parent, title, text, informative)
        box.setStandardButtons(buttons)
        box.setDefaultButton(default)
        cls.shown.append(Shown(kind, title, text))
        answer = Button(cls._exec(box))
        cls._destroy(box)
        return answer

    @classmethod
    def _exec(cls, box: QMessageBox) -> int:
        cls._open.append(box)
        try:
            return box.exec()
        finally:
            if box in cls._open:
                cls._open.remove(box)

    @staticmethod
    def _destroy(box: QMessageBox) -> None:
        with contextlib.suppress(RuntimeError):  # its parent went first
            box.hide()
            box.deleteLater()


def ask_use_weak(parent: QWidget | None, s: Strength, what: str = "passphrase") -> bool:
    """Ask once about a weak secret: "This passphrase is weak: <reason>. Use it anyway?".
    "Choose another" is the default (Enter and Esc choose it); True only for "Use it anyway".
    The title and text hold no part of the secret."""
    return Messages.confirm(
        parent,
        _("Weak password") if what == "password" else _("Weak passphrase"),
        s.question(what),
        action=_("Use it anyway"),
        cancel=_("Choose another"),
        informative=s.advice,
        destructive=True,
    )
