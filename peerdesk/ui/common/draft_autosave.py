"""One debounced draft save for every editor that keeps unsaved work as an encrypted draft
(Home's quick capture, the entry editor, the colleague and conversation editors).

Each change restarts the wait; after :data:`AUTOSAVE_MS` without a change the editor's save
runs. Before a lock, a close or a switch of record the editor saves itself and stops the wait.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

#: Quiet time after the last change before a draft is written (the same in every editor).
AUTOSAVE_MS = 2000


class DraftAutosave(QObject):
    """Calls ``save`` once typing pauses for ``AUTOSAVE_MS`` (``timer`` is the QTimer)."""

    def __init__(self, save: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._save = save
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self._save)

    def changed(self) -> None:
        """Something changed: (re)start the wait."""
        self.timer.start()

    def stop(self) -> None:
        """Forget a pending save (the work was saved or thrown away)."""
        self.timer.stop()

    def pending(self) -> bool:
        return self.timer.isActive()


__all__ = ["AUTOSAVE_MS", "DraftAutosave"]
