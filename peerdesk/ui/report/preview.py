"""The pages of the laid-out report, drawn with PDFium, with any name from the cast list still
printed on them marked (a panel of the report dialog). The bytes are forgotten by
:meth:`PagePreview.close_document`."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.pdfkit import PdfError
from peerdesk.export.preview import NameMarks, PdfPreview
from peerdesk.i18n import N_, _, is_right_to_left, ngettext
from peerdesk.ui.common.accessibility import label_for
from peerdesk.ui.common.theme import accent_style, is_dark

# -- the pages -------------------------------------------------------------------------------------

ZOOMS: tuple[tuple[str, float], ...] = (
    # translators: a zoom level: the page as wide as the preview
    (N_("Fit width"), 0.0),
    ("50%", 0.5),
    ("75%", 0.75),
    ("100%", 1.0),
    ("150%", 1.5),
)


def _page_list(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:12])
    if len(pages) > 12:
        # translators: {pages} is a list of the first twelve page numbers of a longer list
        return _("pages {pages} and others").format(pages=shown)
    # translators: {pages} is a page number or a list of page numbers
    return ngettext("page {pages}", "pages {pages}", len(pages)).format(pages=shown)


def names_note(marks: NameMarks, shortened: bool) -> str:
    """The line under the preview about names still printed (``shortened``: the profile
    shows some people by initials)."""
    if not marks.count:
        return (
            _("No names from your cast list appear in full on these pages.")
            if shortened
            else _("No names from your cast list were found on these pages.")
        )
    where = _page_list(marks.pages)
    if shortened:
        # translators: {count} names are still printed in full; {pages} is e.g. "pages 2, 5"
        return ngettext(
            "{count} name still appears in full on these pages ({pages}); each is marked. "
            "Check that each of them may be named in this report.",
            "{count} names still appear in full on these pages ({pages}); each is marked. "
            "Check that each of them may be named in this report.",
            marks.count,
        ).format(count=marks.count, pages=where)
    # translators: {count} is a number of names, {pages} e.g. "pages 2, 5"
    return _("Names of people in your cast list are marked: {count} on {pages}.").format(
        count=marks.count, pages=where
    )


class PagePreview(QWidget):
    """One page of a PDF held in memory, with page and zoom controls (PageUp/PageDown,
    Home/End). The PDF is drawn by PDFium; nothing is written to disk. Names from the cast
    list still printed on the pages are marked (:class:`NameMarks`); F3 goes to the next
    page that has one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc: PdfPreview | None = None
        self._marks: NameMarks | None = None
        self.page = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.prev_button = QToolButton()
        self.prev_button.setObjectName("previousPage")
        # Arrows point the way the pages turn: to the right for "previous" in a right-to-left
        # layout.
        backwards, forwards = ("▶", "◀") if is_right_to_left() else ("◀", "▶")
        self.prev_button.setText(backwards)
        self.prev_button.setToolTip(_("Previous page (Page Up)"))
        self.prev_button.setAccessibleName(_("Previous page"))
        self.prev_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button = QToolButton()
        self.next_button.setObjectName("nextPage")
        self.next_button.setText(forwards)
        self.next_button.setToolTip(_("Next page (Page Down)"))
        self.next_button.setAccessibleName(_("Next page"))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        self.page_label = QLabel()
        self.page_label.setObjectName("pageLabel")
        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("zoom")
        self.zoom_combo.setAccessibleName(_("Zoom"))
        for text, value in ZOOMS:
            self.zoom_combo.addItem(_(text), value)
        self.zoom_combo.currentIndexChanged.connect(lambda _i: self._draw())
        bar.addWidget(self.prev_button)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        zoom_label = QLabel(_("&Zoom"))
        label_for(zoom_label, self.zoom_combo)
        bar.addWidget(zoom_label)
        bar.addWidget(self.zoom_combo)
        layout.addLayout(bar)
        names_row = QHBoxLayout()
        self.names_label = QLabel()
        self.names_label.setObjectName("namesNote")
        self.names_label.setAccessibleName(_("Names on these pages"))
        self.names_label.setWordWrap(True)
        self.names_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.names_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # after the flags
        self.next_name_button = QPushButton(_("Next mar&ked page"))
        self.next_name_button.setObjectName("nextMarkedPage")
        self.next_name_button.setAccessibleName(_("Next page with a marked name"))
        self.next_name_button.setToolTip(
            _("Go to the next page that shows a name from your cast list (F3)")
        )
        self.next_name_button.clicked.connect(self.next_marked_page)
        names_row.addWidget(self.names_label, 1)
        names_row.addWidget(self.next_name_button)
        layout.addLayout(names_row)
        shortcut = QShortcut(QKeySequence(Qt.Key.Key_F3), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # from any panel
        shortcut.activated.connect(self.next_marked_page)
        self.image = QLabel()
        self.image.setObjectName("pageImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setWordWrap(True)
        # A message is drawn in the window's text colour on the window's own colour (on the
        # darker surround the pages once had it was too faint in both themes).
        self.image.setBackgroundRole(QPalette.ColorRole.Window)
        self.image.setForegroundRole(QPalette.ColorRole.WindowText)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._draw)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("previewScroll")
        self.scroll_area.setWidget(self.image)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The pages lie on the window's colour with an outline (the focus ring shows against
        # it in both themes; on the darker surround it did not in the light one).
        self.scroll_area.setBackgroundRole(QPalette.ColorRole.Window)
        layout.addWidget(self.scroll_area, 1)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll_area.installEventFilter(self)
        self.set_message("")

    @property
    def page_count(self) -> int:
        return self._doc.page_count if self._doc is not None else 0

    @property
    def document(self) -> PdfPreview | None:
        return self._doc

    def set_message(self, text: str) -> None:
        """No pages: show ``text`` where the page would be."""
        self.close_document()
        self.image.setPixmap(QPixmap())
        self.image.setMinimumSize(0, 0)
        self.image.setAutoFillBackground(True)
        self.image.setMargin(12)
        self.image.setText(text)
        self._update_controls()

    @property
    def marks(self) -> NameMarks | None:
        return self._marks

    def show_document(
        self,
        data: bytes,
        password: str | None,
        marks: NameMarks | None = None,
        *,
        shortened: bool = False,
    ) -> None:
        """Show the PDF ``data``; ``marks`` are the names still printed on its pages."""
        self.close_document()
        try:
            self._doc = PdfPreview(data, password)
        except PdfError as exc:
            self.set_message(str(exc))
            return
        self._marks = marks
        if marks is not None:
            self.names_label.setText(names_note(marks, shortened))
        self.show_page(0)

    def close_document(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None
        self._marks = None
        self.names_label.clear()
        self.page = 0

    def next_marked_page(self) -> None:
        """Go to the next page that shows a marked name (after the last, the first)."""
        if self._doc is None or self._marks is None or not self._marks.boxes:
            return
        pages = sorted(self._marks.boxes)
        following = [p for p in pages if p > self.page]
        self.show_page(following[0] if following else pages[0])

    def resizeEvent(self, event: QResizeEvent) -> None:
        """At "Fit width" the page follows the width it is given (a window that opens narrower
        than the page was first drawn for, longer words in another language). Drawn once the
        resize has reached the scroll area's viewport, whose width it reads."""
        super().resizeEvent(event)
        if self._doc is not None and float(self.zoom_combo.currentData() or 0.0) <= 0:
            self._refit.start()

    def show_page(self, index: int) -> None:
        if self._doc is None:
            return
        self.page = max(0, min(index, self._doc.page_count - 1))
        self._draw()
        self.scroll_area.verticalScrollBar().setValue(0)

    def _draw(self) -> None:
        if self._doc is None:
            return
        zoom = float(self.zoom_combo.currentData() or 0.0)
        width_pt, _height = self._doc.page_size(self.page)
        ratio = self.devicePixelRatioF() or 1.0
        if zoom <= 0:  # fit width
            available = max(200, self.scroll_area.viewport().width() - 16)
            dpi = available / width_pt * 72.0
        else:
            dpi = 96.0 * zoom
        try:
            page = self._doc.render(self.page, dpi * ratio)
        except PdfError as exc:
            self.image.setAutoFillBackground(True)
            self.image.setText(str(exc))
            return
        image = QImage(
            page.rgb, page.width, page.height, page.stride, QImage.Format.Format_RGB888
        ).convertToFormat(QImage.Format.Format_RGB32)
        self._mark_names(image, width_pt)
        self._outline(image)
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(ratio)
        self.image.setText("")
        self.image.setAutoFillBackground(False)
        self.image.setMargin(0)
        self.image.setPixmap(pixmap)
        self.image.setMinimumSize(pixmap.deviceIndependentSize().toSize())
        marked = self._marks is not None and bool(self._marks.on_page(self.page))
        if marked:
            # translators: the accessible name of the previewed page
            name = _("Page {page} of {count}, with names marked")
        else:
            name = _("Page {page} of {count}")
        self.image.setAccessibleName(name.format(page=self.page + 1, count=self.page_count))
        self._update_controls()

    def _mark_names(self, image: QImage, width_pt: float) -> None:
        """Draw a translucent box with an outline around each name still on this page."""
        boxes = self._marks.on_page(self.page) if self._marks is not None else ()
        if not boxes or self._doc is None:
            return
        height_pt = self._doc.page_size(self.page)[1]
        scale = image.width() / max(width_pt, 1.0)
        painter = QPainter(image)
        try:
            painter.setPen(QPen(QColor(200, 90, 0), max(1.0, scale)))
            painter.setBrush(QColor(255, 190, 0, 90))
            pad = 1.5 * scale
            for left, bottom, right, top in boxes:
                painter.drawRect(
                    int(left * scale - pad),
                    int((height_pt - top) * scale - pad),
                    int((right - left) * scale + 2 * pad),
                    int((top - bottom) * scale + 2 * pad),
                )
        finally:
            painter.end()

    def _outline(self, image: QImage) -> None:
        """A 1-pixel edge round the page, at least 3:1 against the window in either theme."""
        painter = QPainter(image)
        try:
            painter.setPen(QPen(QColor(accent_style(is_dark(self.palette()))["edge"]), 1))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(image.rect().adjusted(0, 0, -1, -1))
        finally:
            painter.end()

    def _update_controls(self) -> None:
        count = self.page_count
        self.prev_button.setEnabled(count > 0 and self.page > 0)
        self.next_button.setEnabled(count > 0 and self.page < count - 1)
        self.zoom_combo.setEnabled(count > 0)
        self.page_label.setText(
            _("Page {page} of {count}").format(page=self.page + 1, count=count) if count else ""
        )
        marked = self._marks is not None and bool(self._marks.boxes)
        self.names_label.setVisible(count > 0 and self._marks is not None)
        self.next_name_button.setVisible(count > 0 and marked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Page Up / Page Down turn pages, Home / End go to the first / last page; the arrow
        keys still scroll inside the page."""
        if watched is self.scroll_area and event.type() == QEvent.Type.KeyPress and self._doc:
            key = event.key()  # type: ignore[attr-defined]
            moves = {
                Qt.Key.Key_PageUp: self.page - 1,
                Qt.Key.Key_PageDown: self.page + 1,
                Qt.Key.Key_Home: 0,
                Qt.Key.Key_End: self.page_count - 1,
            }
            if key in moves:
                self.show_page(moves[key])
                return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        return QSize(520, 640)


__all__ = ["PagePreview", "names_note"]
