"""Every user-visible string of the package goes through the translation mechanism."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers.i18n_scan import PACKAGE, UNTRANSLATED_FILES, is_user_text, scan, scan_file


def test_no_user_visible_string_is_left_unwrapped() -> None:
    found = scan(PACKAGE)
    listing = "\n".join(str(item) for item in found[:40])
    assert not found, (
        f"{len(found)} user-visible strings are not wrapped for translation:\n{listing}"
    )


def test_every_file_kept_english_exists_and_says_why() -> None:
    root = PACKAGE.parent
    for name, reason in UNTRANSLATED_FILES.items():
        assert (root / name).is_file(), name
        assert len(reason.split()) >= 4, name


def test_the_scan_finds_what_it_should(tmp_path: Path) -> None:
    """The scanner itself: it reports unwrapped text and nothing else."""
    package = tmp_path / "peerdesk"
    package.mkdir()
    source = package / "sample.py"
    source.write_text(
        '"""Module docstring, never text."""\n'
        "import logging\n"
        "from peerdesk.i18n import _, ngettext\n"
        "log = logging.getLogger(__name__)\n"
        "def show(widget, n, name):\n"
        '    widget.setText("Save the entry")\n'  # 6: reported
        '    widget.setToolTip(f"Saved {name}")\n'  # 7: reported
        '    widget.setTitle(_("Wrapped title"))\n'
        '    widget.setText(ngettext("{n} entry", "{n} entries", n).format(n=n))\n'
        '    widget.setObjectName("Save button")\n'
        '    log.warning("Could not save %s", name)\n'
        '    raise ValueError("Programmer error here")\n'
        '    query = "SELECT title FROM incidents WHERE id = ?"\n'
        '    kept = "Keep me English"  # i18n: keep - a fixed product term\n'
        '    key = {"Title key": 1}\n'
        "    return query, kept, key\n",
        encoding="utf-8",
    )
    found = scan_file(source, root=tmp_path)
    assert [(item.line, item.text) for item in found] == [
        (6, "Save the entry"),
        (7, "Saved {}"),
    ]
    ast.parse(source.read_text(encoding="utf-8"))  # (the sample is valid Python)


def test_what_counts_as_user_text() -> None:
    assert is_user_text("Save")
    assert is_user_text("could not open the vault")
    assert not is_user_text("incident_id")
    assert not is_user_text("SELECT id FROM people")
    assert not is_user_text("{count}")
    assert not is_user_text("%Y-%m-%d")
