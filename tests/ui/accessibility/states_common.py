"""The walk's states for what every area shares: the message box that asks, warns and confirms
(every question PeerDesk asks is one of these)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from peerdesk.i18n import _
from peerdesk.ui.common.messages import Messages
from tests.ui.accessibility.walk import Context, WindowState


def _confirm_box(ctx: Context) -> QWidget:
    box = Messages._box(
        QMessageBox.Icon.Warning,
        None,
        _("Delete this person from the cast list?"),
        _("Cannot delete this person"),
        "",
    )
    yes = box.addButton(_("Delete"), QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(no)
    box.setDefaultButton(no)
    assert yes is not None
    return ctx.show(box)


def _info_box(ctx: Context) -> QWidget:
    box = Messages._box(
        QMessageBox.Icon.Information,
        None,
        _("Backup made"),
        _("Backup made"),
        "",
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return ctx.show(box)


STATES = [
    WindowState("message box: confirm a deletion", _confirm_box, (QMessageBox,)),
    WindowState("message box: information", _info_box, (QMessageBox,)),
]
