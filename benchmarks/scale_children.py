"""Child processes of ``bench_scale.py``: each runs in a fresh interpreter and prints one JSON
line on its last line of output.

``start``: the real start-up path (``AppController.start`` shows the unlock window), reporting
the wall-clock time at the first event-loop turn after the window is shown.
``bare-window``: the floor for it, a bare PySide6 ``QWidget`` shown the same way.
``rss``: the peak resident memory after the storage reads of the big screens (open, the
Patterns data, Home's attention list, Colleagues' lists, check, a search) on one vault.
``bare-rss``: the floor for it, an interpreter that imported PySide6's widgets and made a
QApplication.

Run by ``bench_scale.py``; by hand: python benchmarks/scale_children.py KIND [VAULT]
"""

from __future__ import annotations

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


def storage_rss(vault_path: str, passphrase: str) -> None:
    import scale_measures  # beside this file
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from peerdesk.storage.vault import Vault

    vault = Vault.open(vault_path, passphrase)
    try:
        scale_measures.screen_reads(vault)
    finally:
        vault.close()
    del app
    _report(max_rss_kib=_peak_kib())


def main(argv: list[str]) -> None:
    kind = argv[0]
    if kind == "bare-window":
        bare_window()
    elif kind == "start":
        start(argv[1])
    elif kind == "bare-rss":
        bare_rss()
    elif kind == "rss":
        storage_rss(argv[1], os.environ["PEERDESK_BENCH_PASSPHRASE"])
    else:
        raise SystemExit(f"unknown child: {kind}")


if __name__ == "__main__":
    main(sys.argv[1:])
