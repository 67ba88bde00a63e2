"""Process start → unlock window on screen, beside a bare PySide6 window (issue 18, item 4).

Each run is a fresh process (``python -c``): the parent notes the wall clock, the child shows
its window, lets the event loop paint it once and prints the seconds since the parent's note.
The floor is a bare ``QWidget`` shown the same way; PeerDesk goes through ``run_gui``'s own
steps (application, icon, controller) up to the unlock window of an existing vault file. Runs
are interleaved (floor, PeerDesk, [PeerDesk from another tree], ...), at least five of each;
min and median are printed with the ratio to the floor.

    python benchmarks/bench_start.py [--runs 7] [--also /work/main]

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
from peerdesk.app import create_application
from peerdesk.ui.shell.controller import AppController
from peerdesk.ui.common.icons import app_icon
app = create_application()
app.setWindowIcon(app_icon())
controller = AppController(app, vault_path=Path(sys.argv[2]))
controller.start()
assert controller.unlock_window is not None and controller.unlock_window.isVisible()
def done():
    print(f"{time.time() - t0:.4f}")
    print(" ".join(sorted({m.split('.')[0] for m in sys.modules} & {"reportlab", "pikepdf"})))
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def run_child(code: str, tree: str | None, home: Path, vault: Path) -> tuple[float, str]:
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
        [sys.executable, "-c", code, repr(t0), str(vault)],
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


def summary(name: str, times: list[float], floor: float) -> str:
    low, mid = min(times), statistics.median(times)
    return f"{name:<34} min {low:6.3f} s  median {mid:6.3f} s  ({mid / floor:4.1f}× the floor)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tree", default=str(Path(__file__).resolve().parents[1]))
    parser.add_argument("--also", default=None, help="a second source tree (the 'before')")
    args = parser.parse_args()
    runs = max(5, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        (home / "run").mkdir(mode=0o700)
        vault = home / "bench.peerdesk"
        vault.write_bytes(b"\0" * 4096)  # the unlock window only needs the file to exist
        results: dict[str, list[float]] = {"bare": [], "tree": [], "also": []}
        loaded: dict[str, str] = {}
        for _ in range(runs):
            results["bare"].append(run_child(BARE, None, home, vault)[0])
            took, heavy = run_child(PEERDESK, args.tree, home, vault)
            results["tree"].append(took)
            loaded["tree"] = heavy
            if args.also:
                took, heavy = run_child(PEERDESK, args.also, home, vault)
                results["also"].append(took)
                loaded["also"] = heavy
    floor = statistics.median(results["bare"])
    print(f"process start → window shown, {runs} interleaved runs each")
    print(summary("bare PySide6 window (floor)", results["bare"], floor))
    print(summary(f"PeerDesk unlock window ({Path(args.tree).name})", results["tree"], floor))
    print(f"    heavy modules loaded before it: {loaded['tree'] or 'none'}")
    if args.also:
        print(summary(f"PeerDesk unlock window ({Path(args.also).name})", results["also"], floor))
        print(f"    heavy modules loaded before it: {loaded['also'] or 'none'}")


if __name__ == "__main__":
    main()
