"""The package imports without circles, and every storage module imports on its own.

The graph is read from the source with ``ast``: every ``import`` that runs counts, also one
inside a function, so a circle cannot hide behind a late import. Imports under
``if TYPE_CHECKING:`` never run; they are checked separately: a helper object may name the
window it serves in a type hint (the entry editor's pages and helpers name the editor), but
only inside its own package, so that even type hints never tie two packages in a circle.
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


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The ids of the nodes under ``if TYPE_CHECKING:`` (never run)."""
    hidden: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (
            (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING")
            or (isinstance(node.test, ast.Attribute) and node.test.attr == "TYPE_CHECKING")
        ):
            for part in node.body:
                hidden.update(id(inner) for inner in ast.walk(part))
    return hidden


def import_graph(root: Path, package: str, *, type_hints: bool = False) -> dict[str, set[str]]:
    """Module → the modules of ``package`` it imports when it runs (anywhere in its source);
    with ``type_hints``, the imports under ``if TYPE_CHECKING:`` as well."""
    modules = module_files(root, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        here = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        hidden = set() if type_hints else _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
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


def test_type_hints_tie_modules_only_inside_one_package() -> None:
    graph = import_graph(ROOT, "peerdesk", type_hints=True)
    for group in cycles(graph):
        packages = {name.rsplit(".", 1)[0] for name in group}
        assert len(packages) == 1, f"type hints tie packages in a circle: {group}"


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


def test_a_type_hint_circle_is_seen_and_one_across_packages_fails(tmp_path: Path) -> None:
    package = tmp_path / "demo"
    (package / "sub").mkdir(parents=True)
    for init in (package / "__init__.py", package / "sub" / "__init__.py"):
        init.write_text("")
    (package / "owner.py").write_text("from demo.sub.helper import Helper\n")
    (package / "sub" / "helper.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from demo.owner import X\n"
    )
    assert cycles(import_graph(tmp_path, "demo")) == []
    hinted = cycles(import_graph(tmp_path, "demo", type_hints=True))
    assert hinted == [["demo.owner", "demo.sub.helper"]]
    assert len({name.rsplit(".", 1)[0] for name in hinted[0]}) == 2  # what the test refuses


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
