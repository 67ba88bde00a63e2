"""The package imports without circles, and every storage module imports on its own.

The graph is read from the source with ``ast``: every ``import`` counts, also one inside a
function or under ``if TYPE_CHECKING:``, so a circle cannot hide behind a late import.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "peerdesk"
STORAGE = sorted(
    f"peerdesk.storage.{path.stem}"
    for path in (PACKAGE / "storage").glob("*.py")
    if path.stem != "__init__"
)


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name → file, for every module of ``package`` under ``root``."""
    found: dict[str, Path] = {}
    for path in (root / package).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of ``package`` it imports (anywhere in its source)."""
    modules = module_files(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                graph[name].update(a.name for a in node.names if a.name in modules)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - node.level + 1]
                    source = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    source = node.module or ""
                for alias in node.names:
                    target = f"{source}.{alias.name}"
                    if target in modules:
                        graph[name].add(target)
                    elif source in modules:
                        graph[name].add(source)
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10 * len(graph) + 100))
    try:
        for node in sorted(graph):
            if node not in index:
                visit(node)
    finally:
        sys.setrecursionlimit(limit)
    return found


def test_the_package_has_no_import_circle() -> None:
    graph = import_graph(ROOT, "peerdesk")
    assert "peerdesk.storage.vault" in graph  # the graph really was read
    assert "peerdesk.storage.connection" in graph["peerdesk.storage.vault"]
    assert cycles(graph) == []


def test_storage_modules_do_not_import_each_other_in_a_circle() -> None:
    graph = import_graph(ROOT, "peerdesk")
    for a, b in [
        ("peerdesk.storage.vault", "peerdesk.storage.backup"),
        ("peerdesk.storage.vault", "peerdesk.storage.backup_files"),
        ("peerdesk.storage.colleagues", "peerdesk.storage.conversations"),
    ]:
        assert not (b in graph[a] and a in graph[b]), (a, b)
    assert "peerdesk.storage.backup" not in graph["peerdesk.storage.vault"]
    assert "peerdesk.storage.vault" not in graph["peerdesk.storage.settings"]
    assert "peerdesk.storage.conversations" not in graph["peerdesk.storage.colleagues"]
    assert "peerdesk.storage.colleagues" not in graph["peerdesk.storage.conversations"]


def test_the_circle_finder_finds_circles(tmp_path: Path) -> None:
    """The check above can fail: a late import inside a function still makes a circle."""
    package = tmp_path / "demo"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from demo.b import thing\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\ndef thing():\n    from demo import c\n    return c\n"
    )
    (package / "c.py").write_text("from . import a\n")
    (package / "d.py").write_text("import demo.a\n")
    graph = import_graph(tmp_path, "demo")
    assert cycles(graph) == [["demo.a", "demo.b", "demo.c"]]


@pytest.mark.parametrize("module", STORAGE)
def test_each_storage_module_imports_alone_without_qt(module: str) -> None:
    """In a fresh interpreter, so that an import order that happens to work elsewhere cannot
    hide a circle (a partly initialised module) or a missing import."""
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({module!r})\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "ui = sorted(m for m in sys.modules if m.startswith('peerdesk.ui'))\n"
        "assert not qt and not ui, (qt, ui)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
