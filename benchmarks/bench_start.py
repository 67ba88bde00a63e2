"""Process start → unlock window on screen, beside a bare PySide6 window (issue 18, item 4).

Each run is a fresh process (``python -c``): the parent notes the wall clock, the child shows
its window, lets the event loop paint it once and prints the seconds since the parent's note.
The floor is a bare ``QWidget`` shown the same way; PeerDesk goes through ``run_gui``'s own
steps (application, icon, the language, controller) up to the unlock window of an existing
vault file. Runs are interleaved (floor, then each case of PeerDesk, [the same from another
tree], ...), at least five of each; min and median are printed with the ratio to the floor.

The language changes what the start reads: English reads no catalogue; German reads
``peerdesk.po`` compiled in memory in a source checkout (which has no ``.mo``), or the
compiled ``peerdesk.mo`` of a wheel or bundle (here compiled into a temporary folder first).
Each is a case of its own (``--cases``; all three by default).

    python benchmarks/bench_start.py [--runs 7] [--also /work/main] [--cases en,de-po,de-mo]

``--also TREE`` measures a second source tree in the same interleaved runs (the "before").
Everything runs in a temporary HOME, so no real settings, vault or keyring entry is touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
w = QWidget(); w.resize(420, 300); w.show()
def done():
    print(f"{time.time() - t0:.4f}"); app.quit()
QTimer.singleShot(0, done)
app.exec()
"""

PEERDESK = """
import sys, time
t0 = float(sys.argv[1])
from pathlib import Path
from PySide6.QtCore import QTimer
if sys.argv[4]:
    from peerdesk import i18n
    i18n.LOCALE_DIR = Path(sys.argv[4])  # the compiled catalogues of a wheel
from peerdesk.app import create_application
from peerdesk.ui.common.icons import app_icon
from peerdesk.ui.common.language import apply_language
from peerdesk.ui.shell.controller import AppController
app = create_application()
app.setWindowIcon(app_icon())
apply_language(sys.argv[3])
controller = AppController(app, vault_path=Path(sys.argv[2]))
controller.start()
assert controller.unlock_window is not None and controller.unlock_window.isVisible()
def done():
    print(f"{time.time() - t0:.4f}")
    heavy = {"reportlab", "pikepdf", "babel", "email", "importlib.metadata"}
    print(" ".join(sorted(m for m in heavy if m in sys.modules)))
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


#: Each case: (its name, the language, whether the catalogues are compiled .mo files).
CASES = {
    "en": ("English", "en", False),
    "de-po": ("German, .po (checkout)", "de", False),
    "de-mo": ("German, .mo (wheel)", "de", True),
}


def run_child(
    code: str, tree: str | None, home: Path, vault: Path, language: str = "", locale: str = ""
) -> tuple[float, str]:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_RUNTIME_DIR=str(home / "run"),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    if tree is not None:
        env["PYTHONPATH"] = tree
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-c", code, repr(t0), str(vault), language, locale],
        env=env,
        cwd=home,  # python -c puts the working folder first on sys.path
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"the child failed:\n{done.stderr}")
    out = done.stdout.splitlines()
    return float(out[0]), (out[1] if len(out) > 1 else "")


def summary(name: str, times: list[float], floor: list[float]) -> str:
    low, mid = min(times), statistics.median(times)
    ratio_min, ratio_mid = low / min(floor), mid / statistics.median(floor)
    return (
        f"{name:<44} min {low:6.3f} s  median {mid:6.3f} s  "
        f"(min {ratio_min:4.2f}×, median {ratio_mid:4.2f}× the floor)"
    )


def compiled_catalogues(tree: str, target: Path) -> None:
    """The .mo files a wheel carries, compiled from ``tree``'s catalogues into ``target``."""
    code = (
        "import sys; from pathlib import Path; from peerdesk.i18n import catalogues; "
        "catalogues.compile_all(Path(sys.argv[1]))"
    )
    env = dict(os.environ, PYTHONPATH=tree)
    subprocess.run([sys.executable, "-c", code, str(target)], env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--also", default=None, help="a second source tree (the 'before')")
    parser.add_argument("--cases", default=",".join(CASES), help="of: " + ", ".join(CASES))
    args = parser.parse_args()
    runs = max(5, args.runs)
    cases = [c for c in args.cases.split(",") if c]
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    trees = [("tree", args.tree)] + ([("also", args.also)] if args.also else [])
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "run").mkdir(mode=0o700)
        vault = home / "bench.peerdesk"
        vault.write_bytes(b"\0" * 4096)  # the unlock window only needs the file to exist
        locales = {}
        for key, tree in trees:
            locales[key] = home / f"locale-{key}"
            if any(CASES[c][2] for c in cases):
                compiled_catalogues(tree, locales[key])
        floor: list[float] = []
        results: dict[tuple[str, str], list[float]] = {}
        loaded: dict[tuple[str, str], str] = {}
        for _ in range(runs):
            floor.append(run_child(BARE, None, home, vault)[0])
            for key, tree in trees:
                for case in cases:
                    _name, language, compiled = CASES[case]
                    locale = str(locales[key]) if compiled else ""
                    took, heavy = run_child(PEERDESK, tree, home, vault, language, locale)
                    results.setdefault((key, case), []).append(took)
                    loaded[(key, case)] = heavy
    print(f"process start → window shown, {runs} interleaved runs each")
    print(summary("bare PySide6 window (floor)", floor, floor))
    for key, tree in trees:
        for case in cases:
            label = f"{Path(tree).name}: {CASES[case][0]}"
            print(summary(label, results[(key, case)], floor))
            print(f"    heavy modules loaded before it: {loaded[(key, case)] or 'none'}")


if __name__ == "__main__":
    main()
