"""Sum the walk's figures: ``python -m tests.ui.accessibility.figures FILE`` prints, per state,
the findings by kind that ``PEERDESK_A11Y_FIGURES=FILE pytest tests/ui/accessibility`` recorded
(light and dark added together; the fit pass on its own)."""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict

KINDS = (
    "unnamed",
    "markup-name",
    "trap",
    "unreachable",
    "focus-invisible",
    "contrast-text",
    "contrast-ui",
    "clipped-scale",
    "clipped-font",
    "sideways",
)


def main(path: str) -> None:
    per_state: dict[str, Counter[str]] = defaultdict(Counter)
    with open(path, encoding="utf-8") as lines:
        for raw in lines:
            row = json.loads(raw)
            per_state[row["state"]].update(row["counts"])
    print("state | " + " | ".join(KINDS))
    total: Counter[str] = Counter()
    for state in sorted(per_state):
        counts = per_state[state]
        total.update(counts)
        print(f"{state} | " + " | ".join(str(counts.get(k, 0)) for k in KINDS))
    print("TOTAL | " + " | ".join(str(total.get(k, 0)) for k in KINDS))


if __name__ == "__main__":
    main(sys.argv[1])
