"""The walk's states for what every area shares: the message box that asks, warns and confirms
(every question PeerDesk asks is one of these)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from peerdesk.ui.common.messages import Messages
from tests.ui.accessibility.walk import Context, WindowState


def _confirm_box(ctx: Context) -> QWidget:
    box = Messages._box(
        QMessageBox.Icon.Warning,
        None,
        "Delete this entry?",
        "The entry and its files are removed from the vault.",
        "A withdrawn entry stays in the history; a deleted one does not.",
    )
    yes = box.addButton("Delete", QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(no)
    box.setDefaultButton(no)
    assert yes is not None
    return ctx.show(box)


def _info_box(ctx: Context) -> QWidget:
    box = Messages._box(
        QMessageBox.Icon.Information, None, "Backup made", "A backup of the vault was made.", ""
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return ctx.show(box)


STATES = [
    WindowState("message box: confirm a deletion", _confirm_box, (QMessageBox,)),
    WindowState("message box: information", _info_box, (QMessageBox,)),
]
