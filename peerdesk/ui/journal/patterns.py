"""Patterns: bar charts (per month, person, category, severity), plain-language findings and a
timeline of incidents with report and complaint dates marked.

The figures come from :mod:`peerdesk.models.patterns` (pure and tested on its own). The data
is read in the background on a second connection; the period filter then works on what was
read, without touching the vault again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.i18n import N_, _, ngettext
from peerdesk.models.dates import month_abbr
from peerdesk.models.patterns import PatternInput, Patterns, compute_patterns, in_period
from peerdesk.models.timing import add_months
from peerdesk.storage.journal_reads import pattern_inputs
from peerdesk.storage.persons import PersonRepository
from peerdesk.storage.repository import Change
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.accessibility import announce, label_for
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.common.workers import Task, run_in_background
from peerdesk.ui.journal.charts import PatternChart
from peerdesk.ui.journal.editor.severity import severity_colour
from peerdesk.ui.journal.timeline import TimelineItem, TimelineView

#: (label, the label inside a sentence, months back; None: everything)
PERIODS: tuple[tuple[str, str, int | None], ...] = (
    (N_("Last 3 months"), N_("last 3 months"), 3),
    (N_("Last 6 months"), N_("last 6 months"), 6),
    (N_("Last 12 months"), N_("last 12 months"), 12),
    (N_("All time"), N_("all time"), None),
)
REFRESH_DELAY_MS = 400


# -- loading -------------------------------------------------------------------------------------


@dataclass
class PatternData:
    inputs: list[PatternInput] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)


def load_pattern_data(vault: Vault) -> PatternData:
    """Everything the patterns screen shows, read as columns (no entry is loaded whole)."""
    names = {p.id: p.display_name for p in PersonRepository(vault).list() if p.id is not None}
    inputs, titles = pattern_inputs(vault)
    return PatternData(inputs=inputs, titles=titles, names=names)


# -- the screen ----------------------------------------------------------------------------------


class PatternsScreen(QWidget):
    """Charts, findings and the timeline. Signal ``edit_requested(incident id)``; ``refreshed``
    after new figures are shown."""

    edit_requested = Signal(int)
    refreshed = Signal()

    def __init__(
        self,
        session: VaultSession,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today
        self._data = PatternData()
        self._generation = 0
        self._task: Task | None = None
        self._unsubscribe: list[Callable[[], None]] = []
        self.patterns: Patterns | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.reload)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("<h2>Patterns</h2>")))
        top.addStretch(1)
        # translators: the label of the menu of periods (last 3 months, all time...)
        period_label = QLabel(_("&Period"))
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("patternsPeriod")
        for label, _in_sentence, months in PERIODS:
            self.period_combo.addItem(_(label), months)
        self.period_combo.setCurrentIndex(2)
        period_label.setBuddy(self.period_combo)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.show_period())
        top.addWidget(period_label)
        top.addWidget(self.period_combo)
        layout.addLayout(top)

        self.status_label = QLabel()
        self.status_label.setObjectName("patternsStatus")
        layout.addWidget(self.status_label)

        self.tabs = QTabWidget()
        charts_page = QWidget()
        charts = QGridLayout(charts_page)
        charts.setContentsMargins(8, 8, 8, 8)
        charts.setHorizontalSpacing(24)
        charts.setVerticalSpacing(18)
        findings_title = QLabel(_("<b>What the record shows</b>"))
        self.findings = QListWidget()
        self.findings.setObjectName("patternsFindings")
        self.findings.setAccessibleName(_("Findings"))
        self.findings.setWordWrap(True)
        self.findings.setFixedHeight(self.fontMetrics().height() * 7 + 12)
        label_for(findings_title, self.findings)
        self.month_chart = PatternChart(_("Incidents per month"), horizontal=False)
        self.person_chart = PatternChart(_("Incidents by person"))
        self.category_chart = PatternChart(_("Incidents by category"))
        self.severity_chart = PatternChart(_("Incidents by severity"))
        charts.addWidget(findings_title, 0, 0, 1, 2)
        charts.addWidget(self.findings, 1, 0, 1, 2)
        charts.addWidget(self.month_chart, 2, 0, 1, 2)
        charts.addWidget(self.person_chart, 3, 0, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(self.severity_chart, 3, 1, Qt.AlignmentFlag.AlignTop)
        charts.addWidget(self.category_chart, 4, 0, 1, 2)
        charts.setRowStretch(5, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(charts_page)
        self.timeline = TimelineView()
        self.timeline.edit_requested.connect(self.edit_requested)
        timeline_page = QWidget()
        timeline_layout = QVBoxLayout(timeline_page)
        hint = QLabel(
            _(
                "Each dot is an incident (bigger and warmer = more severe). Click one, or "
                "use the arrow keys and Enter, to open it. Diamonds mark complaint dates; "
                "triangles, reports made."
            )
        )
        hint.setWordWrap(True)
        timeline_layout.addWidget(hint)
        timeline_layout.addWidget(self.timeline, 1)
        # translators: tabs of the Patterns screen (nouns)
        self.tabs.addTab(scroll, _("Charts"))
        self.tabs.addTab(timeline_page, _("Timeline"))
        layout.addWidget(self.tabs, 1)

    # -- life cycle ------------------------------------------------------------------------------

    def on_opened(self) -> None:
        repos = self._session.repos
        self._unsubscribe = [
            repos.incidents.subscribe(self._changed),
            repos.persons.subscribe(self._changed),
        ]
        self.reload()

    def on_closing(self) -> None:
        self._refresh_timer.stop()
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe = []
        self._generation += 1  # results still on their way are dropped
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self._data = PatternData()
        self.patterns = None
        for chart in (
            self.month_chart,
            self.person_chart,
            self.category_chart,
            self.severity_chart,
        ):
            chart.clear()
        self.findings.clear()
        self.timeline.clear()
        self.status_label.clear()

    def _changed(self, _change: Change) -> None:
        self._refresh_timer.start()

    def reload(self) -> None:
        """Read the journal again in the background, then show the chosen period."""
        if not self._session.is_open:
            return
        self._generation += 1
        generation = self._generation
        vault = self._session.repos.vault
        self.status_label.setText(_("Reading the journal…"))

        today, since = self._today(), self.period_start()

        def work(_task: Task) -> tuple[PatternData, Patterns]:
            own = vault.sibling()
            try:
                data = load_pattern_data(own)
            finally:
                own.close()
            # The figures of the period in view, here too: at 50,000 entries they took 0.1 s
            # of the GUI thread (issue 18). Another period is computed when it is chosen.
            return data, compute_patterns(
                in_period(data.inputs, since, None), data.names, today=today
            )

        def done(result: tuple[PatternData, Patterns]) -> None:
            if generation != self._generation:
                return
            self._task = None
            self._data, figures = result
            ready = figures if (today, since) == (self._today(), self.period_start()) else None
            self.show_period(ready)

        def failed(_exc: BaseException) -> None:
            if generation == self._generation:
                self._task = None
                self.status_label.setText(_("The patterns could not be read. Try again later."))

        self._task = run_in_background(work, on_success=done, on_failure=failed)

    # -- showing ---------------------------------------------------------------------------------

    def period_start(self) -> date | None:
        months = self.period_combo.currentData()
        return add_months(self._today(), -int(months)) if months else None

    def show_period(self, ready: Patterns | None = None) -> None:
        """Show the figures of the chosen period (``ready``: already computed for it)."""
        today = self._today()
        since = self.period_start()
        items = in_period(self._data.inputs, since, None)
        names = self._data.names
        p = ready if ready is not None else compute_patterns(items, names, today=today)
        self.patterns = p
        self.month_chart.set_data(
            [f"{month_abbr(m)}\n{m.year}" for m, _n in p.per_month],
            [n for _m, n in p.per_month],
        )
        self.person_chart.set_data(
            [
                # translators: a person whose name is not known here; {number} is their number
                names[pid] if pid in names else _("person #{number}").format(number=pid)
                for pid in p.by_person
            ],
            list(p.by_person.values()),
        )
        self.category_chart.set_data([c.label for c in p.by_category], list(p.by_category.values()))
        self.severity_chart.set_data(
            # translators: a bar of the chart by severity; {severity} is a number from 1 to 5
            [_("Severity {severity}").format(severity=s) for s in p.by_severity],
            list(p.by_severity.values()),
            [severity_colour(s) for s in p.by_severity],
        )
        self.findings.clear()
        self.findings.addItems(p.findings)
        self.timeline.set_data(
            [
                TimelineItem(i.id, i.event_date, i.severity, self._data.titles.get(i.id, ""))
                for i in items
            ],
            [d for i in items for d in i.report_dates if since is None or d >= since],
            [
                i.complaint_date
                for i in items
                if i.complaint_date is not None and (since is None or i.complaint_date >= since)
            ],
            start=since,
            end=max([today, *(i.event_date for i in items)]) if since else None,
        )
        index = self.period_combo.currentIndex()
        period = _(PERIODS[index][1]) if 0 <= index < len(PERIODS) else ""
        # translators: above the charts: "12 incidents (last 12 months)."; {period} is a period
        # as in the menu of periods, inside a sentence
        self.status_label.setText(
            ngettext(
                "{count} incident ({period}).", "{count} incidents ({period}).", p.total
            ).format(count=p.total, period=period)
        )
        if self.isVisible():
            announce(self.status_label, self.status_label.text())
        self.refreshed.emit()
