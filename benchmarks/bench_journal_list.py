"""How fast the journal list shows a 10,000-incident vault, and how long scrolling blocks the
GUI thread, beside baselines measured in the same run.

(1) First rows: from creating ``JournalScreen`` and calling ``on_opened()`` until the table is
    shown with its row count known and the first page of rows fetched. Baselines: a plain
    ``QStandardItemModel`` filled with the same 10,000 rows of text in a ``QTableView`` (what a
    non-lazy model costs even before reading the vault), and ``repo.list()`` of every row
    (what an eager model would read first).
(2) Longest stall: the table is scrolled from top to bottom one page at a time; each step's
    ``processEvents()`` (layout, fetching, painting) is timed with ``time.perf_counter``.

Targets: first rows < 300 ms; longest stall < 50 ms.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_journal_list.py [--incidents N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView

from peerdesk import paths
from peerdesk.demo import DemoSize, fill_demo_vault
from peerdesk.storage.vault import Vault
from peerdesk.ui.common.session import VaultSession
from peerdesk.ui.journal.list_model import COLUMNS
from peerdesk.ui.journal.screen import JournalScreen

PASSPHRASE = "benchmark passphrase"
TARGET_FIRST_MS = 300.0
TARGET_STALL_MS = 50.0


def ms(seconds: float) -> float:
    return seconds * 1000.0


def first_rows(app: QApplication, session: VaultSession) -> tuple[float, JournalScreen]:
    start = time.perf_counter()
    screen = JournalScreen(session)
    screen.resize(1200, 800)
    screen.on_opened()
    screen.show()
    while not screen.model.is_loaded(0):
        app.processEvents()
    app.processEvents()
    return time.perf_counter() - start, screen


def baseline_standard_model(app: QApplication, screen: JournalScreen) -> tuple[float, QTableView]:
    """The same text, all 10,000 rows, in a QStandardItemModel shown in a QTableView."""
    model = screen.model
    rows = [
        [str(model.index(r, c).data() or "") for c in range(len(COLUMNS))]
        for r in range(model.rowCount())
    ]
    start = time.perf_counter()
    standard = QStandardItemModel(len(rows), len(COLUMNS))
    standard.setHorizontalHeaderLabels(list(COLUMNS))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            standard.setItem(r, c, QStandardItem(text))
    view = QTableView()
    view.setModel(standard)
    view.resize(screen.table.size())
    view.verticalHeader().hide()
    view.setAlternatingRowColors(True)
    view.show()
    app.processEvents()
    elapsed = time.perf_counter() - start
    return elapsed, view


def scroll_stalls(app: QApplication, table: QTableView) -> list[float]:
    bar = table.verticalScrollBar()
    stalls: list[float] = []
    bar.setValue(0)
    app.processEvents()
    value = 0
    while value < bar.maximum():
        value = min(bar.maximum(), value + bar.pageStep())
        bar.setValue(value)
        start = time.perf_counter()
        app.processEvents()
        stalls.append(time.perf_counter() - start)
    return stalls


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths.set_data_dir(folder / "data")
        path = folder / "bench.peerdesk"
        started = time.perf_counter()
        vault = Vault.create(path, PASSPHRASE)
        fill_demo_vault(
            vault,
            DemoSize(
                incidents=args.incidents,
                people=12,
                colleagues=0,
                conversations=0,
                attachments=0,
                strategy_uses=0,
            ),
        )
        vault.close()
        print(
            f"demo vault with {args.incidents} incidents built in "
            f"{time.perf_counter() - started:.1f} s"
        )
        session = VaultSession()
        session.open(path, PASSPHRASE)
        try:
            start = time.perf_counter()
            everything = session.repos.incidents.list()
            eager = time.perf_counter() - start
            assert len(everything) == args.incidents

            runs: list[float] = []
            for _ in range(4):  # the first run also warms SQLCipher's page cache
                first, screen = first_rows(app, session)
                runs.append(first)
                if len(runs) < 4:
                    screen.on_closing()
                    screen.close()
                    screen.deleteLater()
            first = statistics.median(runs[1:])
            standard, standard_view = baseline_standard_model(app, screen)
            standard_stalls = scroll_stalls(app, standard_view)
            standard_view.close()
            fetches_before = screen.model.fetches
            fetch_time_before = screen.model.fetch_seconds
            stalls = scroll_stalls(app, screen.table)
            pages = screen.model.fetches - fetches_before
            fetch_time = screen.model.fetch_seconds - fetch_time_before

            print(
                f"\n(1) first rows shown ({screen.model.rowCount()} rows known): "
                f"{ms(first):.1f} ms (median of 3 after a cold run of {ms(runs[0]):.1f} ms)"
                f"   target < {TARGET_FIRST_MS:.0f} ms   "
                f"{'OK' if max(runs) * 1000 < TARGET_FIRST_MS else 'MISSED'}"
            )
            print(
                f"    baseline: QStandardItemModel with the same {args.incidents} rows "
                f"shown: {ms(standard):.1f} ms"
            )
            print(f"    baseline: repo.list() of every row (eager read): {ms(eager):.1f} ms")
            print(
                f"(2) scrolling top to bottom in {len(stalls)} page steps "
                f"({pages} pages fetched): longest stall {ms(max(stalls)):.1f} ms, "
                f"median {ms(statistics.median(stalls)):.1f} ms, "
                f"total {ms(sum(stalls)):.0f} ms   target < {TARGET_STALL_MS:.0f} ms   "
                f"{'OK' if ms(max(stalls)) < TARGET_STALL_MS else 'MISSED'}"
            )
            print(
                f"    baseline: the same scroll of the QStandardItemModel table "
                f"({len(standard_stalls)} steps): longest {ms(max(standard_stalls)):.1f} ms, "
                f"median {ms(statistics.median(standard_stalls)):.1f} ms"
            )
            slowest = sorted(stalls, reverse=True)[:5]
            print(
                "    five longest steps: "
                + ", ".join(f"{ms(x):.1f}" for x in slowest)
                + f" ms; a page of 100 rows is read in {ms(fetch_time / max(1, pages)):.1f} ms"
                f" on average; table viewport {screen.table.viewport().width()}x"
                f"{screen.table.viewport().height()} px"
            )
            screen.on_closing()
            screen.close()
        finally:
            session.close()
            paths.set_data_dir(None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
