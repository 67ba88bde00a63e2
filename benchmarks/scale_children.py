"""Child processes of ``bench_scale.py``: each runs in a fresh interpreter and prints one JSON
line on its last line of output.

``start``: the real start-up path (``AppController.start`` shows the unlock window), reporting
the wall-clock time at the first event-loop turn after the window is shown.
``bare-window``: the floor for it, a bare PySide6 ``QWidget`` shown the same way.
``bare-rss``: the floor of the whole application's peak memory (measured by ``unlock``), an
interpreter that imported PySide6's widgets and made a QApplication.
``unlock``: the real application on one vault: the unlock window, then the passphrase submitted
as the Unlock button does, until the main window is on screen with Home's data in it (and one
more turn of the event loop, so it has painted). An event-loop probe (a 5 ms timer) gives the
longest GUI-thread block from "Unlock" until a second after that. Then each screen is visited
from Home, first (it reads its data) and again (warm), each timed until its data is in and it
has painted, with the longest GUI-thread block of all the visits; then the journal's list is
scrolled (page by page, to the end, back, to the middle), each step timed until the event loop
turns again; then the peak RSS of the whole application is reported.
``raw-unlock``: the floor for it, a raw SQLCipher open and the same first reads (Home's).
``raw-screens``: the floors of the screens' first show: each screen's rows read raw.

Run by ``bench_scale.py``; by hand: python benchmarks/scale_children.py KIND [VAULT]
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import sys
import time


def _peak_kib() -> int:
    """This process's own peak resident memory (VmHWM). ``ru_maxrss`` is not used: on Linux
    it keeps the parent's peak across fork and exec, so a small child of a big benchmark
    process would report the benchmark's size."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _report(**values: object) -> None:
    print(json.dumps(values), flush=True)


def _shown_then_exit() -> None:
    from PySide6.QtCore import QTimer

    def done() -> None:
        _report(shown_at=time.time())
        os._exit(0)  # skip teardown (and a keyring lookup still running in the background)

    QTimer.singleShot(0, done)


def bare_window() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])
    window = QWidget()
    window.setWindowTitle("bare")
    window.show()
    _shown_then_exit()
    app.exec()


def start(vault: str) -> None:
    # What ``peerdesk.app.run_gui`` does before the event loop, less the single-instance check
    # and the crash hooks (they do not grow with anything).
    from pathlib import Path

    from peerdesk.app import create_application
    from peerdesk.ui.shell.controller import AppController

    app = create_application()
    controller = AppController(app, vault_path=Path(vault))
    controller.start()
    _shown_then_exit()
    app.exec()


def bare_rss() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    del app
    _report(max_rss_kib=_peak_kib())


#: How long after start the passphrase is submitted (a person takes longer to type one).
TYPING_S = 2.5
#: How many pages the journal's list is scrolled down one by one before it jumps to the end.
SCROLL_PAGES = 20
#: How long the probe keeps watching after the window is usable (work queued for "after the
#: window appears" must not freeze it either).
SETTLE_S = 1.0


def unlock(vault: str, passphrase: str) -> None:
    """Start the app, unlock it programmatically and time it to a usable main window."""
    from pathlib import Path

    from PySide6.QtCore import QTimer

    from peerdesk.app import create_application
    from peerdesk.ui.shell.controller import AppController

    app = create_application()
    controller = AppController(app, vault_path=Path(vault))
    controller.start()
    stamps: list[float] = []
    probe = QTimer()
    probe.setInterval(5)
    probe.timeout.connect(lambda: stamps.append(time.perf_counter()))
    marks: dict[str, float] = {}

    def usable() -> bool:
        window = controller.main_window
        return (
            window is not None
            and window.isVisible()
            and window.is_loaded("home")
            and window.home.attention.count() > 0
        )

    profile = None
    if os.environ.get("PEERDESK_BENCH_PROFILE"):  # by hand: where the GUI thread's time goes
        import cProfile

        profile = cProfile.Profile()

    def request() -> None:
        if profile is not None:
            profile.enable()
        marks["asked"] = time.perf_counter()
        stamps.append(marks["asked"])
        controller.flow.unlock_requested(vault, passphrase, False)
        wait()

    def wait() -> None:
        if usable():
            QTimer.singleShot(0, painted)  # one more turn: the window has been painted
        else:
            QTimer.singleShot(1, wait)

    def painted() -> None:
        marks["usable"] = time.perf_counter()
        QTimer.singleShot(int(SETTLE_S * 1000), settled)

    def settled() -> None:
        probe.stop()
        if profile is not None:
            profile.disable()
            profile.dump_stats(os.environ["PEERDESK_BENCH_PROFILE"])
        stamps.append(time.perf_counter())
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        marks["block"] = max(gaps)
        visit()

    visits: list[tuple[str, str]] = []  # (screen, "first" | "warm"), done one at a time
    window_keys: list[str] = []

    def visit() -> None:
        window = controller.main_window
        assert window is not None
        window_keys.extend(k for k in window.screens if k != "home")
        for key in window_keys:
            visits.append((key, "first"))
        for key in window_keys:
            visits.append((key, "warm"))
        stamps.clear()
        probe.start()
        next_visit()

    def next_visit() -> None:
        window = controller.main_window
        assert window is not None
        if not visits:
            probe.stop()
            stamps.append(time.perf_counter())
            marks["screens_block"] = max(
                (b - a for a, b in itertools.pairwise(stamps)), default=0.0
            )
            scroll()
            return
        key, _kind = visits[0]
        window.show_section("home")  # a warm visit comes back from Home, as a person does
        QTimer.singleShot(0, lambda: shown_next(key))

    def shown_next(key: str) -> None:
        window = controller.main_window
        assert window is not None
        marks["visit"] = time.perf_counter()
        stamps.append(marks["visit"])
        window.show_section(key)
        wait_screen(key)

    steps: list[float] = []

    def scroll() -> None:
        """The journal's list scrolled as a reader does: page by page, to the end, back up."""
        window = controller.main_window
        assert window is not None
        window.show_section("journal")
        table = window.screens["journal"].table  # type: ignore[attr-defined]
        bar = table.verticalScrollBar()
        moves = [bar.pageStep()] * SCROLL_PAGES + [bar.maximum()] + [-bar.pageStep()] * 5
        moves += [bar.maximum() // 2]

        def step() -> None:
            if not moves:
                marks["scroll_step"] = max(steps, default=0.0)
                marks["visited"] = time.perf_counter()
                wait_idle()
                return
            move = moves.pop(0)
            started = time.perf_counter()
            if move in (bar.maximum(), bar.maximum() // 2) and abs(move) > bar.pageStep():
                bar.setValue(move)
            else:
                bar.setValue(bar.value() + move)
            table.viewport().repaint()  # the rows come into view now (their data is read)
            QTimer.singleShot(0, lambda: done(started))

        def done(started: float) -> None:
            steps.append(time.perf_counter() - started)
            QTimer.singleShot(0, step)

        QTimer.singleShot(0, step)

    def screen_ready(key: str) -> bool:
        window = controller.main_window
        assert window is not None
        if not window.is_loaded(key):
            return False
        if key == "patterns":  # it reads in the background and says so meanwhile
            return getattr(window.screens[key], "patterns", None) is not None
        return True

    def wait_screen(key: str) -> None:
        if screen_ready(key):
            QTimer.singleShot(0, lambda: screen_painted(key))  # one turn: it has painted
        else:
            QTimer.singleShot(1, lambda: wait_screen(key))

    def screen_painted(key: str) -> None:
        done, kind = visits.pop(0)
        assert done == key
        marks[f"screen {kind} {key}"] = time.perf_counter() - marks["visit"]
        next_visit()

    def wait_idle() -> None:
        # Patterns reads in the background; the backup taken after unlocking is left running.
        window = controller.main_window
        assert window is not None
        patterns = window.screens["patterns"]
        if (
            getattr(patterns, "patterns", None) is None
            and time.perf_counter() < marks["visited"] + 120
        ):
            QTimer.singleShot(20, wait_idle)
            return
        _report(
            usable_s=marks["usable"] - marks["asked"],
            block_s=marks["block"],
            typing_block_s=marks["typing_block"],
            screens_block_s=marks["screens_block"],
            scroll_step_s=marks["scroll_step"],
            screens={
                key: {kind: marks[f"screen {kind} {key}"] for kind in ("first", "warm")}
                for key in window_keys
            },
            max_rss_kib=_peak_kib(),
        )
        os._exit(0)  # skip teardown (the backup may still be running)

    def typed() -> None:  # the unlock window while the passphrase is typed
        marks["typing_block"] = max((b - a for a, b in itertools.pairwise(stamps)), default=0.0)
        stamps.clear()
        request()

    probe.start()
    QTimer.singleShot(int(TYPING_S * 1000), typed)
    app.exec()


def raw_unlock(vault: str, passphrase: str) -> None:
    """The floor: open the vault with plain SQLCipher and read what Home shows first."""
    import scale_measures  # beside this file

    started = time.perf_counter()
    conn = scale_measures.raw_connection(vault, passphrase)  # type: ignore[arg-type]
    scale_measures.home_first_reads_raw(conn)
    conn.close()
    _report(usable_s=time.perf_counter() - started)


def raw_screens(vault: str, passphrase: str) -> None:
    """The floors of the screens' first show: each screen's rows read with plain SQLCipher on
    one raw connection, timed one by one (the open itself is not counted: the vault is open
    when a screen is first shown)."""
    import scale_measures  # beside this file

    conn = scale_measures.raw_connection(vault, passphrase)  # type: ignore[arg-type]
    times: dict[str, float] = {}
    for key, reads in scale_measures.screen_reads_raw(conn).items():
        started = time.perf_counter()
        reads()
        times[key] = time.perf_counter() - started
    # The floor of one scrolling step: the rows of one page in the middle of the list.
    total = conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
    started = time.perf_counter()
    conn.execute(
        "SELECT id, event_date, title FROM incidents ORDER BY event_date DESC LIMIT 100 OFFSET ?",
        (max(0, total // 2 - 50),),
    ).fetchall()
    scroll = time.perf_counter() - started
    conn.close()
    _report(screens=times, scroll_s=scroll)


def main(argv: list[str]) -> None:
    kind = argv[0]
    if kind == "bare-window":
        bare_window()
    elif kind == "start":
        start(argv[1])
    elif kind == "bare-rss":
        bare_rss()
    elif kind == "unlock":
        unlock(argv[1], os.environ["PEERDESK_BENCH_PASSPHRASE"])
    elif kind == "raw-unlock":
        raw_unlock(argv[1], os.environ["PEERDESK_BENCH_PASSPHRASE"])
    elif kind == "raw-screens":
        raw_screens(argv[1], os.environ["PEERDESK_BENCH_PASSPHRASE"])
    else:
        raise SystemExit(f"unknown child: {kind}")


if __name__ == "__main__":
    main(sys.argv[1:])
