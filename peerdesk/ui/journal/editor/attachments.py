"""Attachments in the editor: the drop-target list (:class:`AttachmentList`), storing files
into the vault (:func:`store_files`, no Qt: it runs on a worker too), one line per file
(:func:`describe_attachment`, with the file's description under it) and pictures decoded with
limits (:func:`decode_picture`) for the preview (:func:`preview`) and the viewer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QImageReader,
    QKeyEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget

from peerdesk.i18n import N_, _
from peerdesk.models.attachment import Attachment
from peerdesk.models.dates import short_date
from peerdesk.models.errors import ValidationError
from peerdesk.models.text import visible_filename
from peerdesk.storage.attachments import (
    AttachmentRejected,
    AttachmentRepository,
    AttachmentTooLarge,
    format_size,
)
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.journal.bidi import isolate
from peerdesk.ui.journal.editor.picture_preview import PicturePreview
from peerdesk.ui.journal.editor.state import EditorState

#: Pictures larger than this (declared in their header) are not decoded for a preview.
PREVIEW_MAX_SIDE = 12_000
PREVIEW_MAX_PIXELS = 60_000_000
#: Pictures are decoded at most this large for the preview (then fitted to its box, so that a
#: high-density screen still gets a sharp picture).
PREVIEW_BOX = QSize(1040, 680)
NO_PREVIEW = N_(
    "No preview for this kind of file. “Save a copy…” lets you open it in another program."
)
#: Qt's image reader refuses to allocate more than this many MB for one picture.
PREVIEW_ALLOCATION_MB = 256


_KEYPAD = Qt.KeyboardModifier.KeypadModifier


class AttachmentList(QListWidget):
    """The evidence list; files dropped on it are offered to ``files_dropped``. Enter on a
    file asks to show it (``open_requested``), Delete to remove it (``remove_requested``)."""

    files_dropped = Signal(list)
    open_requested = Signal()
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self.currentItem() is not None and not event.modifiers() & ~_KEYPAD:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                event.accept()  # not the dialog's default button (Save)
                self.open_requested.emit()
                return
            if key == Qt.Key.Key_Delete:
                event.accept()
                self.remove_requested.emit()
                return
        super().keyPressEvent(event)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)

    @staticmethod
    def _local_files(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._local_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._local_files(event):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = self._local_files(event)
        if not files:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.files_dropped.emit(files)


def store_files(
    repo: AttachmentRepository,
    incident_id: int | None,
    names: list[str],
    should_stop: Callable[[], bool] | None = None,
    *,
    draft_slot: str | None = None,
) -> tuple[list[Attachment], list[str]]:
    """Read each file and store it (attached to ``incident_id``, or for an entry not saved yet
    to the draft ``draft_slot``). Returns what was added and one sentence per file that was
    not; stops between files when ``should_stop()``. No Qt: runs on a worker too."""
    added: list[Attachment] = []
    problems: list[str] = []
    for name in names:
        if should_stop is not None and should_stop():
            break
        path = Path(name)
        shown = visible_filename(path.name)
        try:
            size = path.stat().st_size
            if size > repo.max_bytes:
                raise AttachmentTooLarge(size, repo.max_bytes)
            added.append(repo.add(incident_id, path.name, path.read_bytes(), draft_slot=draft_slot))
        except AttachmentRejected as error:
            # translators: {file} is a file's name, {reason} a sentence saying what is wrong
            problems.append(_("{file}: {reason}").format(file=shown, reason=error.user_message))
        except ValidationError as error:
            problems.append(_("{file}: {reason}").format(file=shown, reason=error.message))
        except OSError:
            # translators: {file} is a file's name
            problems.append(
                _("{file}: this file could not be read. Nothing was added.").format(file=shown)
            )
    return added, problems


#: What a store function returns: the attachments added, one sentence per file that was not.
Stored = tuple[list[Attachment], list[str]]


def store_in_background(
    repo: AttachmentRepository,
    store: Callable[[AttachmentRepository, Task], Stored],
    *,
    on_success: Callable[[Stored], None],
    on_failure: Callable[[BaseException], None],
) -> Task:
    """Run ``store(repository, task)`` on a worker with its own connection to the vault (files
    may be large). When the task is cancelled meanwhile (the editor closed, the vault is
    locking), whatever it added is taken out again before the result is handed back."""
    vault = repo.vault

    def work(task: Task) -> Stored:
        own = vault.sibling()
        try:
            mine = repo.on(own)
            added, problems = store(mine, task)
            if task.cancelled:
                for attachment in added:
                    if attachment.id is not None:
                        mine.remove(attachment.id)
                return [], []
            return added, problems
        finally:
            own.close()

    return run_in_background(work, on_success=on_success, on_failure=on_failure)


def taken_back(state: EditorState, task: Task | None, added: list[Attachment]) -> bool:
    """Whether files finished storing after their editor closed (or their task was
    cancelled): if so they are removed again, since they would belong to nothing."""
    if not (state.closed or (task is not None and task.cancelled)):
        return False
    if state.session.is_open:  # finished just before the editor closed
        for attachment in added:
            if attachment.id is not None:
                state.session.repos.attachments.remove(attachment.id)
    return True


def describe_attachment(attachment: Attachment) -> str:
    """The list's text for a file: name (made visible), type, size as people read it, date
    added; its description on a second line when it has one."""
    added = attachment.added_at.astimezone() if attachment.added_at else None
    name = visible_filename(attachment.original_name)
    size = format_size(attachment.size)
    line = (
        # translators: a file in the list: its name, its type (image/png...), its size and the
        # date it was added
        _("{name} — {kind}, {size}, added {date}").format(
            name=name, kind=attachment.media_type, size=size, date=isolate(short_date(added.date()))
        )
        if added
        else _("{name} — {kind}, {size}").format(name=name, kind=attachment.media_type, size=size)
    )
    described = " ".join(attachment.description.split())
    return f"{line}\n    “{described}”" if described else line


def decode_picture(repo: AttachmentRepository, attachment_id: int, box: QSize) -> QImage | str:
    """The picture ``attachment_id`` decoded with limits, at most ``box`` large (aspect ratio
    kept); a sentence instead when it is not a picture, too large, or cannot be decoded."""
    info = repo.image_size(attachment_id)
    if info is None:
        return _(NO_PREVIEW)
    if max(info.width, info.height) > PREVIEW_MAX_SIDE or info.pixels > PREVIEW_MAX_PIXELS:
        return _("This picture is too large to preview safely.")
    data = QByteArray(repo.read_bytes(attachment_id))
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(PREVIEW_ALLOCATION_MB)
    reader.setDecideFormatFromContent(True)
    size = QSize(info.width, info.height)
    if size.width() > box.width() or size.height() > box.height():
        size = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    reader.setScaledSize(size)
    image = reader.read()
    buffer.close()
    if image.isNull():
        return _("This picture could not be shown.")
    return image


def preview(repo: AttachmentRepository, attachment_id: int, label: PicturePreview) -> bool:
    """Show the picture ``attachment_id`` whole in ``label`` (a file that is not a picture, or
    too large, gets a sentence instead); True if shown."""
    got = decode_picture(repo, attachment_id, PREVIEW_BOX)
    if isinstance(got, str):
        label.setText(got)
        return False
    label.show_image(got)
    return True
