"""The layer rules of docs/architecture.md that import-linter cannot see on its own.

`make lint` runs import-linter on the contracts in pyproject.toml. Two of them list every
top-level module of ``peerdesk`` by name; the tests here fail when a new module is missing from
those lists, when a new ui feature is missing from the layers, and when SQL is written outside
``peerdesk/storage/`` (as a string, with no import of a database module to give it away).
"""

from __future__ import annotations

import ast
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "peerdesk"
CONTRACTS = {
    contract["id"]: contract
    for contract in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]["contracts"]
}

# SQL statements as they are written in storage: upper-case keywords in their SQL order, so that
# English ("Select one or several", "Update the entry") is not taken for SQL.
SQL = re.compile(
    r"\bSELECT\b[\s\S]+?\bFROM\b"
    r"|\bINSERT\s+(?:OR\s+[A-Z]+\s+)?INTO\b"
    r"|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\b"
    r"|\b(?:CREATE|DROP)\s+(?:TEMP\s+|VIRTUAL\s+|UNIQUE\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|\bALTER\s+TABLE\b"
    r"|\bPRAGMA\s+\w+"
)


def top_level_modules() -> set[str]:
    names = {f"peerdesk.{path.stem}" for path in PACKAGE.glob("*.py") if path.stem != "__init__"}
    names |= {
        f"peerdesk.{path.parent.name}"
        for path in PACKAGE.glob("*/__init__.py")
        if not path.parent.name.startswith("_")
    }
    return names


def ui_features() -> set[str]:
    return {path.parent.name for path in (PACKAGE / "ui").glob("*/__init__.py")}


def sql_literals(source: str) -> Iterator[tuple[int, str]]:
    """Every string constant (f-string parts included) that reads as an SQL statement."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):  # an f-string: its parts, placeholders as "x"
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "x" for part in node.values
            )
        else:
            continue
        if SQL.search(text):
            yield node.lineno, text


def test_models_contract_forbids_every_other_top_level_module() -> None:
    """Models may use only the translation mechanism (which imports nothing of PeerDesk)."""
    forbidden = {m for m in CONTRACTS["models-pure"]["forbidden_modules"] if "." in m}
    assert forbidden == top_level_modules() - {"peerdesk.models", "peerdesk.i18n"}


def test_i18n_contract_forbids_every_other_top_level_module() -> None:
    forbidden = {m for m in CONTRACTS["i18n-below-all"]["forbidden_modules"] if "." in m}
    assert forbidden == top_level_modules() - {"peerdesk.i18n"}


def test_sql_contract_covers_every_top_level_module_but_storage() -> None:
    sources = set(CONTRACTS["sql-in-storage"]["source_modules"])
    assert sources == top_level_modules() - {"peerdesk.storage"}


def test_every_ui_feature_is_in_the_layers_contract() -> None:
    layers = CONTRACTS["ui-features"]["layers"]
    listed = {name.strip() for layer in layers for name in layer.split("|")}
    assert listed == ui_features()


def test_models_do_not_import_the_root_package() -> None:
    """``from peerdesk import X`` in models would pass the forbidden contract unseen."""
    found = []
    for path in sorted((PACKAGE / "models").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "peerdesk"
                and node.level == 0
                and any(alias.name != "models" for alias in node.names)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Import) and any(a.name == "peerdesk" for a in node.names):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_no_sql_outside_storage() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:60]!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if PACKAGE / "storage" not in path.parents
        for line, text in sql_literals(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "statement",
    [
        'q = "SELECT id, title FROM incidents WHERE id = ?"',
        'q = f"SELECT {columns}\\n  FROM incidents"',
        'conn.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)")',
        'conn.execute("UPDATE incidents SET title = ?")',
        '"DELETE FROM colleagues"',
        '"CREATE VIRTUAL TABLE search USING fts5(body)"',
        '"PRAGMA cipher_integrity_check"',
    ],
)
def test_the_sql_check_finds_sql(statement: str) -> None:
    assert list(sql_literals(statement))


@pytest.mark.parametrize(
    "text",
    [
        '"Select one or several colleagues, then Delete."',
        '"Update the entry"',
        '"Select from the list"',
        '"Create a new vault"',
    ],
)
def test_the_sql_check_leaves_english_alone(text: str) -> None:
    assert not list(sql_literals(text))


def test_the_storage_code_is_what_the_sql_check_would_flag() -> None:
    """The check is not blind: storage's own statements match it."""
    hits = [
        hit
        for path in (PACKAGE / "storage").rglob("*.py")
        for hit in sql_literals(path.read_text(encoding="utf-8"))
    ]
    assert len(hits) > 20
