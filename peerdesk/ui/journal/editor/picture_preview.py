"""The editor's picture preview: the whole picture fitted to its box (aspect ratio kept, never
cropped), and a click, Enter or Space opens :class:`PictureViewer` with the picture whole and
as large as the screen allows. Pictures are decoded with limits by
:func:`~peerdesk.ui.journal.editor.attachments.decode_picture`; nothing here reads a file."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QMouseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _

_ENLARGE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)
ENLARGE_HINT = N_("Click, or press Enter, to see the whole picture larger.")


def fit(image: QImage, box: QSize) -> QImage:
    """``image`` scaled to fit inside ``box`` with its aspect ratio kept (never enlarged)."""
    if image.width() <= box.width() and image.height() <= box.height():
        return image
    return image.scaled(
        box.expandedTo(QSize(1, 1)),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


class PicturePreview(QLabel):
    """A label that shows a sentence, or a picture fitted whole into its box.
    ``enlarge_requested`` when a shown picture is clicked or Enter/Space is pressed on it."""

    enlarge_requested = Signal()

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._image: QImage | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumSize(160, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Picture preview"))

    def sizeHint(self) -> QSize:
        # Constant, so that a fitted pixmap never asks the layout to grow (no resize loop).
        return QSize(420, 260)

    def minimumSizeHint(self) -> QSize:
        return self.minimumSize()

    @property
    def image(self) -> QImage | None:
        """The decoded picture (before fitting), or None while a sentence is shown."""
        return self._image

    def show_image(self, image: QImage) -> None:
        self._image = image
        self.setToolTip(_(ENLARGE_HINT))
        self.setAccessibleDescription(_(ENLARGE_HINT))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._fit()

    def setText(self, text: str) -> None:
        self._forget()
        super().setText(text)

    def clear(self) -> None:
        self._forget()
        super().clear()

    def _forget(self) -> None:
        self._image = None
        self.setToolTip("")
        self.setAccessibleDescription("")
        self.unsetCursor()

    def _fit(self) -> None:
        if self._image is None:
            return
        margin = 2 * (self.frameWidth() + 4)
        box = self.contentsRect().size() - QSize(margin, margin)
        super().setPixmap(QPixmap.fromImage(fit(self._image, box)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._image is not None:
            self.enlarge_requested.emit()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENLARGE_KEYS and self._image is not None:
            self.enlarge_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def screen_box(widget: QWidget) -> QSize:
    """The room a picture may take in a viewer over ``widget``: nine tenths of the available
    screen, less room for the caption and the Close button."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else QSize(1024, 768)
    return QSize(max(200, int(room.width() * 0.9) - 40), max(150, int(room.height() * 0.9) - 120))


class FittedPicture(QLabel):
    """The viewer's picture: as large as ``box`` allows at first, and fitted whole again
    whenever the window is made smaller (it never holds the window at the picture's size)."""

    def __init__(self, image: QImage, box: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = image
        self._hint = fit(image, box).size()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._fit()

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 90)

    def _fit(self) -> None:
        room = self.contentsRect().size().boundedTo(self._hint)
        self.setPixmap(QPixmap.fromImage(fit(self._image, room.expandedTo(QSize(1, 1)))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class PictureViewer(QDialog):
    """The whole picture, scaled to fit the screen (aspect ratio kept), with its name and
    description below; Escape, Enter or Close ends it. The window title names no file."""

    def __init__(
        self, image: QImage, caption: str, box: QSize, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pictureViewer")
        self.setWindowTitle(_("Evidence picture"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.picture = FittedPicture(image, box)
        self.picture.setObjectName("pictureViewerImage")
        self.picture.setAccessibleName(_("The whole picture"))
        self.picture.setAccessibleDescription(caption)
        layout.addWidget(self.picture, 1)
        self.caption = QLabel(caption)
        self.caption.setObjectName("pictureViewerCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.caption)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setAccessibleName(_("Close the picture"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.sizeHint())  # as large as ``box`` allows; smaller when resized
        close.setFocus()


__all__ = ["ENLARGE_HINT", "FittedPicture", "PicturePreview", "PictureViewer", "fit", "screen_box"]
