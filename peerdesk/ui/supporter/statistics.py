"""The Statistics tab: counts only (no names, no notes) for a period, as bar charts, with CSV
and PDF export."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.export.stats_pdf import on_time_share, time_buckets
from peerdesk.i18n import N_, _, ngettext
from peerdesk.models import ConversationTheme, ResourceKind, ValidationError
from peerdesk.models.dates import short_month_year
from peerdesk.models.supporter_views import ProgrammeStats
from peerdesk.models.timing import add_months
from peerdesk.storage.errors import VaultError
from peerdesk.ui.common.accessibility import label_for, set_name
from peerdesk.ui.common.chart import BarChart
from peerdesk.ui.common.date_field import date_edit, from_qdate, to_qdate
from peerdesk.ui.common.language import qt_locale
from peerdesk.ui.common.notices import note
from peerdesk.ui.supporter.widgets import error_text

if TYPE_CHECKING:
    from peerdesk.ui.common.session import VaultSession

#: Part of a chart's width given to its labels: the same in every chart, so the bars line up.
LABEL_SHARE = 0.42


#: The monthly chart's title for each unit that time_buckets groups the months by.
_PER_UNIT = {
    "Month": N_("<b>Conversations per month</b>"),
    "Quarter": N_("<b>Conversations per quarter</b>"),
    "Year": N_("<b>Conversations per year</b>"),
}


def _chart(name: str) -> BarChart:
    return BarChart(name=name, label_share=LABEL_SHARE)


class StatsPanel(QWidget):
    """Counts only, for a period: bar charts, and CSV / PDF export."""

    period_changed = Signal()
    #: The panel became visible (its tab chosen, or the screen shown with it chosen).
    shown = Signal()
    export_csv_requested = Signal()
    export_pdf_requested = Signal()

    #: The periods offered (English keys, translated when shown).
    PRESETS = (
        N_("Last 12 months"),
        N_("This year"),
        N_("Last year"),
        N_("Last 3 months"),
        N_("Custom"),
    )

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self._today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(
            note(
                _(
                    "Counts only — no names and no notes. This is what a programme "
                    "coordinator needs to see the programme's reach."
                )
            )
        )
        bar = QHBoxLayout()
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("statsPreset")
        self.preset_combo.addItems([_(preset) for preset in self.PRESETS])
        self.from_edit = date_edit("statsFrom")
        self.to_edit = date_edit("statsTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setLocale(qt_locale())
        preset_label = QLabel(_("&Period"))
        label_for(preset_label, self.preset_combo)
        bar.addWidget(preset_label)
        bar.addWidget(self.preset_combo)
        from_label, to_label = QLabel(_("&From")), QLabel("t&o")
        label_for(from_label, self.from_edit)
        label_for(to_label, self.to_edit)
        set_name(self.to_edit, _("To"))
        bar.addWidget(from_label)
        bar.addWidget(self.from_edit)
        bar.addWidget(to_label)
        bar.addWidget(self.to_edit)
        bar.addStretch(1)
        self.export_csv_button = QPushButton(_("Export CSV…"))
        self.export_csv_button.setObjectName("exportStatsCsv")
        self.export_pdf_button = QPushButton(_("Export PDF…"))
        self.export_pdf_button.setObjectName("exportStatsPdf")
        self.hide_small_check = QCheckBox(_("Hide counts under 3 in exports"))
        self.hide_small_check.setObjectName("hideSmallCounts")
        self.hide_small_check.setChecked(True)
        self.hide_small_check.setToolTip(
            _(
                "In a small team a count of one can point to a person. Exports show counts of 1 "
                "and 2 as “<3”, and hide one more count where a total would give them away. "
                "This screen always shows the exact numbers: they are yours."
            )
        )
        layout.addLayout(bar)
        # The exports on a row of their own: one row would be wider than a screen at 150 %.
        exports = QHBoxLayout()
        exports.addWidget(self.hide_small_check)
        exports.addStretch(1)
        exports.addWidget(self.export_csv_button)
        exports.addWidget(self.export_pdf_button)
        layout.addLayout(exports)
        self.summary = QLabel()
        self.summary.setObjectName("statsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(24)
        self.months_title = QLabel(_("<b>Conversations per month</b>"))
        self.months_chart = _chart("monthsChart")
        self.themes_chart = _chart("themesChart")
        self.kinds_chart = _chart("referralKindsChart")
        self.follow_chart = _chart("followUpsChart")
        left = QVBoxLayout()
        left.addWidget(self.months_title)
        left.addWidget(self.months_chart)
        left.addStretch(1)
        right = QVBoxLayout()
        for title, chart in (
            (_("Themes"), self.themes_chart),
            (_("Referrals by kind"), self.kinds_chart),
            (_("Follow-ups due in the period"), self.follow_chart),
        ):
            right.addWidget(
                QLabel(f"<b>{title}</b>")
            )  # i18n: keep — markup around a translated title
            right.addWidget(chart)
            right.addSpacing(8)
        right.addStretch(1)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        self.preset_combo.currentIndexChanged.connect(self._preset_chosen)
        self.from_edit.dateChanged.connect(self._dates_edited)
        self.to_edit.dateChanged.connect(self._dates_edited)
        self.export_csv_button.clicked.connect(self.export_csv_requested)
        self.export_pdf_button.clicked.connect(self.export_pdf_requested)
        self._setting = False
        self._preset_chosen(0)

    def period(self) -> tuple[date, date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    def set_period(self, start: date, end: date) -> None:
        self._setting = True
        try:
            self.from_edit.setDate(to_qdate(start))
            self.to_edit.setDate(to_qdate(end))
        finally:
            self._setting = False
        self.period_changed.emit()

    def _preset_chosen(self, index: int) -> None:
        today = self._today()
        custom = "Custom"  # i18n: keep — a key of PRESETS
        preset = self.PRESETS[index] if 0 <= index < len(self.PRESETS) else custom
        if preset == "Last 12 months":
            start = add_months(today.replace(day=1), -11)
            self.set_period(start, today)
        elif preset == "This year":
            self.set_period(date(today.year, 1, 1), today)
        elif preset == "Last year":
            self.set_period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
        elif preset == "Last 3 months":
            self.set_period(add_months(today.replace(day=1), -2), today)

    def _dates_edited(self) -> None:
        if self._setting:
            return
        self.preset_combo.blockSignals(True)
        custom = "Custom"  # i18n: keep — a key of PRESETS
        self.preset_combo.setCurrentIndex(self.PRESETS.index(custom))
        self.preset_combo.blockSignals(False)
        self.period_changed.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def show_stats(self, stats: ProgrammeStats | None, problem: str = "") -> None:
        ok = stats is not None
        self.export_csv_button.setEnabled(ok)
        self.export_pdf_button.setEnabled(ok)
        if stats is None:
            self.summary.setText(problem)
            for chart in (
                self.months_chart,
                self.themes_chart,
                self.kinds_chart,
                self.follow_chart,
            ):
                chart.clear()
            return
        referrals = sum(stats.per_referral_kind.values())
        conversations = ngettext(
            "<b>{count} conversation</b>", "<b>{count} conversations</b>", stats.conversations
        ).format(count=stats.conversations)
        colleagues = ngettext(
            "<b>{count} colleague</b>", "<b>{count} colleagues</b>", stats.colleagues
        ).format(count=stats.colleagues)
        given = ngettext("{count} referral given", "{count} referrals given", referrals).format(
            count=referrals
        )
        # translators: {done} and {due} are numbers of follow-ups, {share} a percentage
        kept = _("follow-ups kept on time: {done} of {due} ({share})").format(
            done=stats.follow_ups_done_on_time,
            due=stats.follow_ups_due,
            share=on_time_share(stats),
        )
        # translators: {conversations} is "<b>5 conversations</b>", {colleagues} is
        # "<b>3 colleagues</b>"; the parts after it follow, separated by " · "
        together = _("{conversations} with {colleagues}").format(
            conversations=conversations, colleagues=colleagues
        )
        self.summary.setText(f"{together} · {given} · {kept}")
        unit, buckets = time_buckets(stats.per_month)
        self.months_title.setText(_(_PER_UNIT.get(unit, _PER_UNIT["Month"])))
        short = unit == "Month"
        self.months_chart.set_rows(
            [
                (
                    short_month_year(date(int(b.key[:4]), int(b.key[5:7]), 1))
                    if short
                    else b.label,
                    b.count,
                )
                for b in buckets
            ]
        )
        self.themes_chart.set_rows(
            [(t.label, stats.per_theme.get(t, 0)) for t in ConversationTheme]
        )
        self.kinds_chart.set_rows(
            [(k.label, stats.per_referral_kind.get(k, 0)) for k in ResourceKind]
        )
        self.follow_chart.set_rows(
            [
                (_("Done on time"), stats.follow_ups_done_on_time),
                (_("Done later"), stats.follow_ups_done_late),
                (_("Done, no date"), stats.follow_ups_done_undated),
                (_("Still open"), stats.follow_ups_open),
            ]
        )

    def clear(self) -> None:
        self.show_stats(None)


# -- exports ---------------------------------------------------------------------------------------


class Statistics:
    """Reads the counts for the panel's period (again whenever the notes change). The read is
    done while the panel is visible; otherwise it waits until the panel is shown (at 50,000
    conversations it takes about 0.2 s, and each save asked for it again)."""

    def __init__(self, session: VaultSession, panel: StatsPanel) -> None:
        self._session = session
        self._panel = panel
        self.stats: ProgrammeStats | None = None
        self._stale = False
        panel.period_changed.connect(self.refresh)
        panel.shown.connect(self._shown)

    def refresh(self, *, now: bool = False) -> None:
        """Read the counts now if the panel is visible (or ``now``), else when it is shown."""
        if not self._session.is_open:
            return
        start, end = self._panel.period()
        if end < start:
            self._stale = False
            self.stats = None
            self._panel.show_stats(None, _("The end of the period is before its start."))
            return
        if not now and not self._panel.isVisible():
            self._stale = True
            return
        self._stale = False
        try:
            self.stats = self._session.repos.conversations.statistics(start, end)
        except (ValidationError, VaultError) as exc:
            self.stats = None
            self._panel.show_stats(None, error_text(exc, _("No statistics for that period.")))
            return
        self._panel.show_stats(self.stats)

    def _shown(self) -> None:
        if self._stale:
            self.refresh(now=True)

    def clear(self) -> None:
        self._stale = False
        self.stats = None
        self._panel.clear()


__all__ = ["LABEL_SHARE", "Statistics", "StatsPanel"]
