"""PeerDesk at 1,000, 10,000 and 50,000 entries, every measure beside its floor (issue 18).

Demo vaults (``peerdesk demo`` data with incidents = conversations = N, the other counts at
their defaults) are built once and cached outside the repository: ``$PEERDESK_BENCH_CACHE``,
else ``$XDG_CACHE_HOME/peerdesk-bench``, else ``~/.cache/peerdesk-bench``. A vault is built
into a temporary name and renamed when complete, so an interrupted build is never reused.

Each measure runs interleaved with its floor (floor, measure, floor, measure, …) at least five
times; the table prints min and median of both and the ratio of the medians. The measures are
in ``scale_measures.py``; the start-up and memory measures run in fresh processes
(``scale_children.py``). Nothing here asserts a time: the figures are for people to read.

Run: make bench   (or: python benchmarks/bench_scale.py [--sizes 1000,10000] [--runs 5])
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_report  # noqa: E402
import scale_measures  # noqa: E402

from peerdesk.demo import DemoSize, fill_demo_vault  # noqa: E402
from peerdesk.storage.vault import Vault  # noqa: E402

#: A fixed, public benchmark passphrase: the demo vaults hold only fictional data.
PASSPHRASE = "peerdesk benchmark passphrase"
DEFAULT_SIZES = (1_000, 10_000, 50_000)
#: The sizes whose whole report is laid out (each run at 10,000 entries takes about two
#: minutes, so it is asked for with --report-sizes: see the README).
DEFAULT_REPORT_SIZES = (1_000,)
MIN_RUNS = 5
CACHE_FORMAT = 1  # bump when the demo data the cache holds must be rebuilt


def cache_dir(explicit: str | None = None) -> Path:
    if explicit:
        return Path(explicit)
    if os.environ.get("PEERDESK_BENCH_CACHE"):
        return Path(os.environ["PEERDESK_BENCH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "peerdesk-bench"


def demo_vault(folder: Path, size: int, say: Callable[[str], None]) -> Path:
    """The cached demo vault of ``size`` entries, built on first use."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"demo-{size}-f{CACHE_FORMAT}.vault"
    if target.exists():
        # A vault cached by an older PeerDesk is migrated here, untimed, so that no measure
        # (or memory child) pays for it; the backup taken before migrating is not kept.
        with tempfile.TemporaryDirectory(prefix="peerdesk-bench-upgrade-") as backups:
            Vault.open(target, PASSPHRASE, backup_dir=backups).close()
        return target
    building = folder / f"building-{size}-{os.getpid()}.vault"
    started = time.perf_counter()
    vault = Vault.create(building, PASSPHRASE)
    try:
        fill_demo_vault(vault, DemoSize(incidents=size, conversations=size), seed=1)
    finally:
        vault.close()
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    building.rename(target)
    say(f"built the {size:,}-entry demo vault in {time.perf_counter() - started:.1f} s")
    return target


# -- timing -----------------------------------------------------------------------------------


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(
    measure: Callable[[], Any], floor: Callable[[], Any], runs: int, *, warm: bool = True
) -> tuple[list[float], list[float]]:
    """(measure times, floor times), alternating which goes first in each round."""
    own: list[float] = []
    base: list[float] = []
    if warm:  # warm caches (pages, imports) once for both, untimed
        measure()
        floor()
    for n in range(runs):
        if n % 2:
            own.append(_timed(measure))
            base.append(_timed(floor))
        else:
            base.append(_timed(floor))
            own.append(_timed(measure))
    return own, base


def row(
    size: int,
    name: str,
    own: Sequence[float],
    floor_name: str,
    base: Sequence[float],
    unit: str = "s",
) -> dict[str, Any]:
    return {
        "size": size,
        "measure": name,
        "min": min(own),
        "median": statistics.median(own),
        "floor": floor_name,
        "floor_min": min(base),
        "floor_median": statistics.median(base),
        "ratio": statistics.median(own) / max(statistics.median(base), 1e-9),
        "unit": unit,
    }


def _fmt(value: float, unit: str) -> str:
    if unit == "MiB":
        return f"{value:8.1f}"
    return f"{value * 1000:8.1f}"  # milliseconds always: one unit per column


def print_row(r: dict[str, Any], out: Any = sys.stdout) -> None:
    unit = "MiB" if r["unit"] == "MiB" else "ms"
    print(
        f"{r['size']:>7,} {r['measure']:<30} {_fmt(r['min'], r['unit'])} "
        f"{_fmt(r['median'], r['unit'])} {unit:>3} | {r['floor']:<24} "
        f"{_fmt(r['floor_min'], r['unit'])} {_fmt(r['floor_median'], r['unit'])} "
        f"| {r['ratio']:6.2f}x",
        file=out,
        flush=True,
    )


# -- child processes -----------------------------------------------------------------------------


def _child(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    started = time.time()
    done = subprocess.run(
        [sys.executable, str(HERE / "scale_children.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"child {args[0]} failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1])
    result["started"] = started
    return result


def child_env(home: Path) -> dict[str, str]:
    """A private HOME and XDG folders, so the app finds no settings or keyring of the user."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR"):
        folder = home / name.lower()
        folder.mkdir(mode=0o700, exist_ok=True)
        env[name] = str(folder)
    env["HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PEERDESK_BENCH_PASSPHRASE"] = PASSPHRASE
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))
    # Bytecode is cached (as for an installed application), in a folder of the benchmark's
    # own: PYTHONDONTWRITEBYTECODE would make every child compile every module afresh.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    return env


def start_to_window(vault: Path, runs: int, home: Path) -> tuple[list[float], list[float]]:
    env = child_env(home)

    def shown(args: list[str]) -> float:
        r = _child(args, env)
        return float(r["shown_at"]) - float(r["started"])

    own: list[float] = []
    base: list[float] = []
    shown(["bare-window"])  # warm the file cache
    shown(["start", str(vault)])
    for n in range(runs):
        pair = [("b", ["bare-window"]), ("o", ["start", str(vault)])]
        for who, args in pair if n % 2 == 0 else reversed(pair):
            (base if who == "b" else own).append(shown(args))
    return own, base


def unlock_to_usable(
    vault: Path, runs: int, home: Path
) -> dict[str, tuple[list[float], list[float]]]:
    """The real application unlocked (``scale_children.unlock``) beside a raw open and Home's
    reads (``raw-unlock``), interleaved; its peak RSS beside PySide6 with a QApplication; each
    screen's first and warm show beside that screen's rows read raw (``raw-screens``)."""
    env = child_env(home)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no keyring lookups
    figures: dict[str, tuple[list[float], list[float]]] = {
        key: ([], []) for key in ("usable", "block", "typing", "screens block", "scroll", "rss")
    }
    _child(["raw-unlock", str(vault)], env)  # warm the file cache
    for n in range(runs):
        pair = ["raw", "app"] if n % 2 == 0 else ["app", "raw"]
        for who in pair:
            if who == "raw":
                floor = _child(["raw-unlock", str(vault)], env)["usable_s"]
                for key in ("usable", "block", "typing", "screens block"):
                    figures[key][1].append(floor)
                figures["rss"][1].append(_child(["bare-rss"], env)["max_rss_kib"] / 1024)
                raw = _child(["raw-screens", str(vault)], env)
                figures["scroll"][1].append(raw["scroll_s"])
                for screen, took in raw["screens"].items():
                    for kind in ("first", "warm"):
                        figures.setdefault(f"{kind} {screen}", ([], []))[1].append(took)
            else:
                r = _child(["unlock", str(vault)], env)
                figures["usable"][0].append(r["usable_s"])
                figures["block"][0].append(r["block_s"])
                figures["typing"][0].append(r["typing_block_s"])
                figures["screens block"][0].append(r["screens_block_s"])
                figures["scroll"][0].append(r["scroll_step_s"])
                figures["rss"][0].append(r["max_rss_kib"] / 1024)
                for screen, times in r["screens"].items():
                    for kind in ("first", "warm"):
                        figures.setdefault(f"{kind} {screen}", ([], []))[0].append(times[kind])
    return figures


#: The rows of ``unlock_to_usable``: (figure, measure's name, floor's name, unit).
UNLOCK_ROWS = (
    ("usable", "unlock -> usable", "raw open + Home's reads", "s"),
    ("block", "longest GUI block, unlock", "raw open + Home's reads", "s"),
    ("typing", "longest GUI block, typing", "raw open + Home's reads", "s"),
    ("screens block", "longest GUI block, screens", "raw open + Home's reads", "s"),
    ("scroll", "journal scroll, longest step", "raw page of 100 rows", "s"),
    ("rss", "peak RSS, whole app", "PySide6 + QApplication", "MiB"),
)


def screen_rows(
    figures: dict[str, tuple[list[float], list[float]]],
) -> list[tuple[str, list[float], list[float]]]:
    """Each screen's first and warm show (from Home, until its data is in and it has painted)
    beside its rows read raw: (measure's name, own, floor)."""
    rows = []
    for key, (own, base) in figures.items():
        kind, _, screen = key.partition(" ")
        if kind in ("first", "warm") and own and base:
            rows.append((f"screen {kind}: {screen}", own, base))
    return rows


def report_row(vault: Path, size: int, runs: int) -> dict[str, Any]:
    """The whole report of every entry (lawyer profile, pictures left out) beside reportlab
    writing the same words plainly (``bench_report``), interleaved; with both page counts and
    the report's pages/s as a share of the floor's (the target is at least a half)."""
    with tempfile.TemporaryDirectory(prefix="peerdesk-bench-report-") as folder:
        source = bench_report.cached_vault(vault, Path(folder), PASSPHRASE)
    pages: dict[str, int] = {}

    def laid_out(key: str, work: Callable[[Any], int]) -> Callable[[], None]:
        def run_once() -> None:
            pages[key] = work(source)

        return run_once

    own, base = interleaved(
        laid_out("report", bench_report.report), laid_out("floor", bench_report.floor), runs
    )
    r = row(size, "report, every entry", own, "reportlab, the same words", base)
    r["pages"], r["floor_pages"] = pages["report"], pages["floor"]
    r["pages_share"] = (pages["report"] / r["median"]) / (pages["floor"] / r["floor_median"])
    return r


def print_pages(r: dict[str, Any], out: Any = sys.stdout) -> None:
    print(
        f"{'':>7}   {r['pages']:,} pages vs {r['floor_pages']:,}: pages/s "
        f"{r['pages'] / r['median']:.1f} vs {r['floor_pages'] / r['floor_median']:.1f} "
        f"(median), the report's share {r['pages_share']:.2f} (target at least 0.5)",
        file=out,
        flush=True,
    )


# -- the run ---------------------------------------------------------------------------------------


def _wanted(name: str, only: Sequence[str], skip: Sequence[str]) -> bool:
    return (not only or any(o in name for o in only)) and not any(x in name for x in skip)


def run(
    sizes: Sequence[int],
    runs: int,
    cache: Path,
    only: Sequence[str] = (),
    skip: Sequence[str] = (),
    report_sizes: Sequence[int] = DEFAULT_REPORT_SIZES,
) -> list[dict[str, Any]]:
    say = print
    results: list[dict[str, Any]] = []
    print(
        f"{'size':>7} {'measure':<30} {'min':>8} {'median':>8}     | {'floor':<24} "
        f"{'min':>8} {'median':>8} | ratio",
        flush=True,
    )
    for size in sizes:
        path = demo_vault(cache, size, say)
        with tempfile.TemporaryDirectory(prefix="peerdesk-bench-home-") as home:
            if _wanted("start -> unlock window", only, skip):
                own, base = start_to_window(path, runs, Path(home))
                results.append(
                    row(size, "start -> unlock window", own, "bare PySide6 window", base)
                )
                print_row(results[-1])
            unlock_names = [name for _k, name, _f, _u in UNLOCK_ROWS]
            unlock_names += ["screen first", "screen warm"]
            if any(_wanted(name, only, skip) for name in unlock_names):
                figures = unlock_to_usable(path, runs, Path(home))
                for key, name, floor_name, unit in UNLOCK_ROWS:
                    own, base = figures[key]
                    results.append(row(size, name, own, floor_name, base, unit=unit))
                    print_row(results[-1])
                for name, own, base in screen_rows(figures):
                    results.append(row(size, name, own, "raw same rows", base))
                    print_row(results[-1])
        if size in report_sizes and _wanted("report", only, skip):
            results.append(report_row(path, size, runs))
            print_row(results[-1])
            print_pages(results[-1])
        ctx = scale_measures.make_context(path, PASSPHRASE)
        try:
            for m in scale_measures.measures():
                if not _wanted(m.name, only, skip):
                    continue
                own, base = interleaved(
                    lambda m=m, c=ctx: m.run(c), lambda m=m, c=ctx: m.floor(c), runs, warm=m.warm
                )
                results.append(row(size, m.name, own, m.floor_name, base))
                print_row(results[-1])
        finally:
            scale_measures.close_context(ctx)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in DEFAULT_SIZES))
    parser.add_argument("--runs", type=int, default=MIN_RUNS)
    parser.add_argument("--cache", default=None, help="where the demo vaults are kept")
    parser.add_argument(
        "--only", default="", help="only measures whose name holds one of these (comma-separated)"
    )
    parser.add_argument("--skip", default="", help="leave out measures whose name holds one")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    parser.add_argument(
        "--report-sizes",
        default=",".join(str(s) for s in DEFAULT_REPORT_SIZES),
        help="the sizes whose whole report is laid out (10000 adds about 15 minutes)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    only = [o for o in args.only.split(",") if o]
    skip = [s for s in args.skip.split(",") if s]
    report_sizes = [int(s) for s in args.report_sizes.split(",") if s.strip()]
    results = run(sizes, max(1, args.runs), cache_dir(args.cache), only, skip, report_sizes)
    print(f"bench_scale: {time.perf_counter() - started:.0f} s in all", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
