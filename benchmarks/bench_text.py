"""How long the text checks take on a 10 MB field, beside floors measured in the same run.

(1) ``clean_text`` of 10 MB of multi-line text (NFC, line endings, control characters), beside
    the floor ``unicodedata.normalize("NFC", text).replace("\\r\\n", "\\n")`` on the same text.
(2) ``check_wording`` of 10 MB of ordinary prose with one judgemental word at the very end,
    beside the floor of one compiled regular expression searching the same text for that word.

These were wall-clock limits inside the unit tests (< 5 s each); the suite now checks only what
the functions return, and the time is measured here, where a figure has a floor beside it.
Runs are interleaved; min and median of each are printed.
Run: .venv/bin/python benchmarks/bench_text.py [--runs 5]
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import unicodedata
from collections.abc import Callable

from peerdesk.models.text import clean_text
from peerdesk.models.wording import check_wording

TEN_MB = 10_000_000


def multiline_text() -> str:
    paragraph = "Ein Absatz mit Umlauten äöü, Ελληνικά, русский.\r\n" * 10
    return (paragraph * (TEN_MB // len(paragraph) + 1))[:TEN_MB]


def prose() -> str:
    text = "Colleague described repeated criticism in front of the team. " * 170_000
    return text + " lazy"


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = max(5, parser.parse_args().runs)
    lines, words = multiline_text(), prose()
    lazy = re.compile(r"\blazy\b", re.IGNORECASE)
    cases: dict[str, Callable[[], object]] = {
        "clean_text 10 MB": lambda: clean_text(lines, field="narrative"),
        "  floor: NFC + line endings": lambda: unicodedata.normalize("NFC", lines).replace(
            "\r\n", "\n"
        ),
        "check_wording 10 MB": lambda: check_wording(words),
        "  floor: one regex search": lambda: list(lazy.finditer(words)),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):  # interleaved: each run measures every case once
        for name, work in cases.items():
            times[name].append(timed(work))
    print(f"{'':32} {'min':>9} {'median':>9}   ({runs} runs, seconds)")
    for name, values in times.items():
        print(f"{name:32} {min(values):9.3f} {statistics.median(values):9.3f}")


if __name__ == "__main__":
    main()
