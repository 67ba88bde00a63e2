"""``make bench`` keeps working: the scale benchmark runs end to end on a tiny vault (its
figures are not checked: timings belong in the benchmark, beside their floors)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "benchmarks" / "bench_scale.py"


def test_bench_scale_runs_every_measure_on_a_tiny_vault(tmp_path: Path) -> None:
    figures = tmp_path / "figures.json"
    cache = tmp_path / "cache"
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--sizes",
            "25",
            "--runs",
            "1",
            "--cache",
            str(cache),
            "--json",
            str(figures),
            "--report-sizes",
            "25",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = json.loads(figures.read_text(encoding="utf-8"))
    names = {r["measure"] for r in rows}
    for wanted in (
        "start -> unlock window",
        "unlock -> usable",
        "longest GUI block, unlock",
        "longest GUI block, typing",
        "longest GUI block, screens",
        "journal scroll, longest step",
        "screen first: journal",
        "screen warm: journal",
        "screen first: patterns",
        "screen first: colleagues",
        "screen warm: resources",
        "peak RSS, whole app",
        "open + first page",
        "Patterns data",
        "check (history)",
        "search ids (journal)",
        "search 50 hits + snippets",
        "filter: category",
        "filter: tag",
        "filter: last 90 days",
        "Home attention",
        "Colleagues lists",
        "backup (verified)",
        "report, every entry",
    ):
        assert wanted in names, wanted
        assert wanted in done.stdout
    assert all(r["size"] == 25 and r["min"] > 0 and r["floor_min"] > 0 for r in rows)
    # The demo vault is kept for the next run, and only a complete one.
    assert [p.name for p in cache.iterdir()] == ["demo-25-f1.vault"]
