"""The Patterns screen's bar charts: :class:`peerdesk.ui.common.chart.BarChart` (which mirrors
itself under a right-to-left layout) with month labels in the language in force."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtGui import QColor

from peerdesk.i18n import _
from peerdesk.models.dates import short_month_year
from peerdesk.ui.common.chart import BarChart


class PatternChart(BarChart):
    """A :class:`BarChart` of the Patterns screen."""

    def set_data(
        self,
        labels: Sequence[str],
        values: Sequence[int],
        colours: Sequence[QColor | None] | None = None,
    ) -> None:
        super().set_data(labels, values, colours)
        if not self.labels:
            self.setAccessibleDescription(_("No data"))

    def _sample_label(self) -> str:
        """A month whose label, in the language in force, is about as wide as any."""
        return short_month_year(date(2026, 5, 1))


__all__ = ["PatternChart"]
