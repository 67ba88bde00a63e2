"""The longest GUI-thread block while long text is set and shown (issue 18, item 5).

An event-loop probe (a 5 ms timer noting when it actually fires) runs while a text box is given
a long text and shown; the longest gap between two firings is how long the window could not
react. Each case runs in a fresh process (Qt caches nothing across them), interleaved with its
floor, at least five times; min and median are printed with the ratio to the floor.

Cases (``ordinary`` = 80-character lines of words, ``unbroken`` = one line without a space):

- floor: a bare QPlainTextEdit given 1 MB of ordinary lines;
- before: a bare QPlainTextEdit (Qt's default wrapping) given 100 KB unbroken (1 MB took 110 s
  when the issue was filed, so it is not re-run);
- after: PeerDesk's LongTextEdit (the quick capture, the entry fields) given 100 KB and 1 MB
  unbroken, and 10 MB of ordinary lines;
- Home unlocking with a 1 MB unbroken capture draft: the block inside ``on_opened`` (between
  "Unlock" and the window) and the longest block until the draft is in the box.

    python benchmarks/bench_gui_block.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import sys, time
from PySide6.QtCore import QTimer, QMimeData
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication(sys.argv[:1])
case, size = sys.argv[1], int(sys.argv[2])
ordinary = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor\n"
text = (ordinary * (size // len(ordinary) + 1))[:size] if "ordinary" in case else "x" * size
stamps = []
probe = QTimer(); probe.setInterval(5)
probe.timeout.connect(lambda: stamps.append(time.perf_counter()))
extra = {}

def finish():
    probe.stop()
    first = extra.get("from", 0)  # (Home: from just before on_opened, not the vault's making)
    gaps = [b - a for a, b in zip(stamps[first:], stamps[first + 1 :])]
    print(f"{max(gaps):.4f} {extra.get('inside', 0.0):.4f}")
    app.quit()

def act():
    if case.startswith("home"):
        import tempfile
        from datetime import UTC, datetime
        from pathlib import Path
        from peerdesk.models import Draft, RecordKind
        from peerdesk.models.draft import CAPTURE_SLOT, capture_payload
        from peerdesk.ui.common.session import VaultSession
        from peerdesk.ui.shell.home import HomeScreen
        folder = Path(tempfile.mkdtemp())
        session = VaultSession()
        session.create(folder / "b.peerdesk", "bench marmalade umbrella violin quartz")
        session.repos.drafts.save(Draft(record_kind=RecordKind.INCIDENT, record_id=None,
            slot=CAPTURE_SLOT, payload=capture_payload(text, datetime(2026, 1, 2, 3, 4)),
            saved_at=datetime.now(UTC)))
        home = HomeScreen(session, ["journal"]); home.resize(700, 500); home.show()
        extra["keep"] = (session, home)
        stamps.append(time.perf_counter()); extra["from"] = len(stamps) - 1
        t = time.perf_counter(); home.on_opened(); extra["inside"] = time.perf_counter() - t
        stamps.append(time.perf_counter())
        def wait():
            if not home.capture.loading:
                QTimer.singleShot(50, finish)
            else:
                QTimer.singleShot(5, wait)
        wait()
        return
    if case.startswith("bare"):
        box = QPlainTextEdit()  # Qt's defaults: what the boxes were before
    else:
        from peerdesk.ui.common.long_text import LongTextEdit
        box = LongTextEdit()
    box.resize(600, 180); box.show(); extra["keep"] = box
    if "paste" in case:
        data = QMimeData(); data.setText(text); box.insertFromMimeData(data)
    elif case.startswith("long"):
        box.loaded.connect(lambda: QTimer.singleShot(50, finish))
        box.show_text(text)  # how PeerDesk puts a saved text in a box
        return
    else:
        box.setPlainText(text)
    QTimer.singleShot(50, finish)

probe.start()
QTimer.singleShot(30, act)
app.exec()
"""

CASES = [
    # (label, case, size); the first is the floor
    ("floor: bare box, 1 MB ordinary lines", "bare-ordinary", 1_000_000),
    ("before: bare box, 100 KB unbroken", "bare-unbroken", 100_000),
    ("before: bare box, 10 MB ordinary lines", "bare-ordinary-10", 10_000_000),
    ("after: LongTextEdit, 100 KB unbroken", "long-unbroken", 100_000),
    ("after: LongTextEdit, 1 MB unbroken paste", "paste-unbroken", 1_000_000),
    ("after: LongTextEdit, 1 MB unbroken shown", "long-unbroken", 1_000_000),
    ("after: LongTextEdit, 10 MB ordinary lines", "long-ordinary", 10_000_000),
    ("after: Home unlock, 1 MB unbroken draft", "home-unbroken", 1_000_000),
    ("after: Home unlock, 10 MB ordinary draft", "home-ordinary", 10_000_000),
]


def run(case: str, size: int, tree: str) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=tree)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, case, str(size)],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{case} failed:\n{done.stderr}")
    block, inside = done.stdout.split()
    return float(block), float(inside)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", default=str(Path(__file__).resolve().parents[1]))
    args = parser.parse_args()
    runs = max(5, args.runs)
    blocks: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    inside: list[float] = []
    for _ in range(runs):  # interleaved: every case once per round
        for label, case, size in CASES:
            block, within = run(case, size, args.tree)
            blocks[label].append(block)
            if case == "home-unbroken":
                inside.append(within)
    floor = statistics.median(blocks[CASES[0][0]])
    print(f"longest GUI-thread block, {runs} interleaved runs each (probe: 5 ms timer)")
    for label, _case, _size in CASES:
        values = blocks[label]
        print(
            f"{label:<44} min {min(values):7.3f} s  median {statistics.median(values):7.3f} s"
            f"  ({statistics.median(values) / floor:5.1f}× the floor)"
        )
    print(
        f"{'Home on_opened, 1 MB draft (unlock → window)':<44} min {min(inside):7.3f} s  "
        f"median {statistics.median(inside):7.3f} s"
    )


if __name__ == "__main__":
    main()
