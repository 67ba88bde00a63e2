"""Building the sample sources the import tests read."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"


def dayone_zip(tmp_path: Path, name: str = "Day One export.zip") -> Path:
    """The Day One sample as Day One exports it: Journal.json and photos/ in a zip."""
    target = tmp_path / name
    folder = FIXTURES / "dayone"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(folder).as_posix())
    return target
