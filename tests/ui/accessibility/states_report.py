"""The walk's states for the report area: the incident report dialog (each tab, each way of
choosing entries, a refused PDF password, the preview), the date receipt after a save, the
support and crisis resources, the resource editor and the Resources section."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from peerdesk.models.resource import Resource, ResourceKind
from peerdesk.ui.directory.editor import ResourceEditor
from peerdesk.ui.directory.support_panel import SupportDialog
from peerdesk.ui.report.dialog import ReportDialog
from peerdesk.ui.report.receipt import ReceiptDialog
from tests.ui.accessibility.walk import Context, WindowState

#: A password the shared rule refuses (a common password): the error shown at the field.
REFUSED_PASSWORD = "password"


def _report(ctx: Context, tab: int = 0) -> ReportDialog:
    dialog = ReportDialog(ctx.session, preferences=ctx.preferences)
    dialog.tabs.setCurrentIndex(tab)
    ctx.show(dialog)
    return dialog


def _recipient(ctx: Context) -> QWidget:
    return _report(ctx, 0)


def _recipient_custom(ctx: Context) -> QWidget:
    dialog = _report(ctx, 0)
    combo = dialog.recipient.profile_combo
    combo.setCurrentIndex(combo.findData("builtin:custom"))
    dialog.recipient.profile_name_edit.setText("Union meeting")
    return dialog


def _recipient_name_error(ctx: Context) -> QWidget:
    dialog = _report(ctx, 0)
    dialog.save_profile_button.click()  # no name yet: said at the name field
    return dialog


def _entries_none_picked(ctx: Context) -> QWidget:
    dialog = _report(ctx, 1)
    dialog.selection.set_mode("picked")
    dialog.preview_button.click()  # nothing ticked: said at the list
    return dialog


def _entries(mode: str) -> object:
    def open_state(ctx: Context) -> QWidget:
        dialog = _report(ctx, 1)
        dialog.selection.set_mode(mode)
        if mode == "matching":
            dialog.selection.people_list.item(0).setCheckState(Qt.CheckState.Checked)
        return dialog

    return open_state


def _document(ctx: Context) -> QWidget:
    return _report(ctx, 2)


def _weak_password(ctx: Context) -> QWidget:
    dialog = _report(ctx, 2)
    choice = dialog.password_choice
    choice.protect_check.setChecked(True)
    choice.password_edit.setText(REFUSED_PASSWORD)
    choice.confirm_edit.setText(REFUSED_PASSWORD)
    dialog.preview_button.click()  # the refusal is shown at the field
    return dialog


def _previewed(ctx: Context) -> ReportDialog:
    dialog = _report(ctx, 0)
    dialog.build()
    ctx.qtbot.waitUntil(lambda: not dialog.busy, timeout=120_000)
    assert dialog.rendered is not None, dialog.status.text()
    return dialog


def _preview(ctx: Context) -> QWidget:
    return _previewed(ctx)


def _receipt(ctx: Context) -> QWidget:
    dialog = _previewed(ctx)
    dialog.write_to(ctx.tmp_path / "report.pdf")
    ctx.qtbot.waitUntil(
        lambda: dialog.receipt_dialog is not None and dialog.receipt_dialog.isVisible(),
        timeout=60_000,
    )
    receipt = dialog.receipt_dialog
    assert receipt is not None
    ctx.qtbot.waitUntil(lambda: QApplication.activeWindow() is receipt, timeout=3000)
    return receipt


def _support(country: str | None) -> object:
    def open_state(ctx: Context) -> QWidget:
        dialog = SupportDialog(ctx.session.repos.resources.list(), country=country)
        return ctx.show(dialog)

    return open_state


def _editor_new(ctx: Context) -> QWidget:
    return ctx.show(ResourceEditor(ctx.session.repos.resources))


def _editor_builtin(ctx: Context) -> QWidget:
    builtin = next(r for r in ctx.session.repos.resources.list() if r.builtin)
    return ctx.show(ResourceEditor(ctx.session.repos.resources, builtin))


def _editor_own(ctx: Context) -> QWidget:
    own = ctx.session.repos.resources.add(
        Resource(
            name="Union office",
            kind=ResourceKind.UNION,
            contact="0161 496 0000 · union.example.org",
            notes="Tuesdays and Thursdays",
            country="GB",
        )
    )
    return ctx.show(ResourceEditor(ctx.session.repos.resources, own))


def _editor_error(ctx: Context) -> QWidget:
    editor = ResourceEditor(ctx.session.repos.resources)
    ctx.show(editor)
    editor.country_edit.setText("G")
    editor.save_button.click()  # no name: refused, the error shown at the field
    return editor


def _resources_section(ctx: Context) -> QWidget:
    window = ctx.main_window()
    window.show_section("resources")  # type: ignore[attr-defined]
    return window


STATES = [
    WindowState("report: recipient, own copy", _recipient, (ReportDialog,)),
    WindowState("report: recipient, custom choices", _recipient_custom, (ReportDialog,)),
    WindowState("report: recipient, name error", _recipient_name_error, (ReportDialog,)),
    WindowState("report: entries, all", _entries("all"), (ReportDialog,)),
    WindowState("report: entries, matching", _entries("matching"), (ReportDialog,)),
    WindowState("report: entries, picked", _entries("picked"), (ReportDialog,)),
    WindowState("report: entries, none picked", _entries_none_picked, (ReportDialog,)),
    WindowState("report: document", _document, (ReportDialog,)),
    WindowState("report: document, refused password", _weak_password, (ReportDialog,)),
    WindowState("report: preview", _preview, (ReportDialog,)),
    WindowState("report: receipt after saving", _receipt, (ReceiptDialog,)),
    WindowState("report: support, every country", _support(""), (SupportDialog,)),
    WindowState("report: support, one country", _support("GB"), (SupportDialog,)),
    WindowState("report: resource editor, new", _editor_new, (ResourceEditor,)),
    WindowState("report: resource editor, built-in", _editor_builtin, (ResourceEditor,)),
    WindowState("report: resource editor, own", _editor_own, (ResourceEditor,)),
    WindowState("report: resource editor, error", _editor_error, (ResourceEditor,)),
]

RESOURCES_SECTION = WindowState("report: resources section", _resources_section)
STATES.append(RESOURCES_SECTION)
