"""Find user-visible string literals in ``peerdesk/`` that are not wrapped for translation.

A string literal (or the text parts of an f-string) counts as *user-visible* when it holds a
word (two letters or more) and either a space or a leading capital: "Save", "Could not open the
vault", f"{n} entries saved". It is *wrapped* when it is an argument of one of the translation
functions of :mod:`peerdesk.i18n` (``_``, ``N_``, ``ngettext``, ``pgettext``, ``npgettext``).

What is never user text, and so never reported:

- docstrings, ``__all__``, ``assert`` messages and ``warnings.warn``;
- the arguments of logging calls (``log.debug(...)``: logs never hold user-facing words);
- messages of Python's built-in exceptions (``ValueError``, ``TypeError``, ``RuntimeError``...):
  those are for programmers; everything a user may read is raised as one of PeerDesk's own
  error classes, whose messages are wrapped;
- SQL (a string that starts with an upper-case SQL keyword), regular expressions
  (``re.compile``/``re.match``/...), Qt object names, properties, style sheets, key sequences,
  icon theme names and settings keys;
- dictionary keys and subscripts (``row["Title"]``), and comparisons with a literal.

Anything else that must stay English says so where it is: a comment ``# i18n: keep`` on the
line of the string (with the reason after it), a comment ``# i18n: keep-file`` (and the reason)
in the first 40 lines of a module that stays English as a whole, or the file in
:data:`UNTRANSLATED_FILES` below.

Run it on a path to see what is left: ``python -m tests.helpers.i18n_scan peerdesk/ui/journal``.
"""

from __future__ import annotations

import ast
import builtins
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "peerdesk"

#: Files that stay English as a whole, and why.
UNTRANSLATED_FILES: dict[str, str] = {
    "peerdesk/demo_text.py": "sample journal text for `peerdesk demo`, a developer's data set",
    "peerdesk/demo.py": "builds the demo data set for benchmarks and screenshots (English data)",
    "peerdesk/selftest.py": "the packager's self-test of a wheel or bundle, read by developers",
    "peerdesk/selftest_install.py": "the packager's self-test of an installed wheel",
    "peerdesk/i18n/pseudo.py": "builds the pseudo-locale from the catalogue template",
    "peerdesk/i18n/catalogues.py": "the developer's catalogue tool (make translations); its "
    "comments for translators are in English, the source language",
}

TRANSLATION_FUNCTIONS = frozenset({"_", "N_", "ngettext", "pgettext", "npgettext", "gettext"})
KEEP_MARKER = "# i18n: keep"
#: In a module's first 40 lines, keeps the whole module English (say why after it).
KEEP_FILE_MARKER = "# i18n: keep-file"

_LOG_RECEIVERS = frozenset({"log", "logger", "_log", "_logger", "logging", "LOG", "LOGGER"})
_LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
)
_NOT_TEXT_CALLS = frozenset(
    {
        "setObjectName",
        "setProperty",
        "property",
        "setStyleSheet",
        "findChild",
        "findChildren",
        "fromTheme",
        "QKeySequence",
        "Signal",
        "Slot",
        "Property",
        "getattr",
        "setattr",
        "hasattr",
        "TypeVar",
        "NewType",
        "cast",
        "compile",
        "match",
        "fullmatch",
        "search",
        "sub",
        "subn",
        "split",
        "findall",
        "finditer",
        "namedtuple",
        "QSettings",
        "value",
        "setValue",
        "remove",
        "contains",
        "setApplicationName",
        "setOrganizationName",
        "setOrganizationDomain",
        "setDesktopFileName",
        "encode",
        "decode",
        "strftime",
        "strptime",
        "fromisoformat",
        "fromString",
        "toString",
        "format_date",
        "format_datetime",
        "format_time",
    }
)
_BUILTIN_EXCEPTIONS = frozenset(
    name
    for name in dir(builtins)
    if name.endswith(("Error", "Exception", "Warning")) or name in {"StopIteration", "Exit"}
)
_SQL = re.compile(
    r"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|WITH|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|"
    r"SAVEPOINT|RELEASE|REPLACE|VACUUM|ATTACH|DETACH|ANALYZE|REINDEX|EXPLAIN)\b"
)
_WORD = re.compile(r"[^\W\d_]{2,}")
_MARKUP = re.compile(r"<[^>]*>")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdif]|%[sdif]")


@dataclass(frozen=True, slots=True)
class Unwrapped:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def is_user_text(text: str) -> bool:
    """Whether a literal's text looks like words a person reads."""
    bare = _MARKUP.sub(" ", _PLACEHOLDER.sub("", text)).replace("&", "")
    if not _WORD.search(bare):
        return False
    if _SQL.match(bare):
        return False
    stripped = bare.strip()
    if " " in stripped and re.search(r"[^\W\d_]{2,}\s+\S", stripped):
        return True
    return bool(re.match(r"[A-Z][a-z]", stripped))


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _is_warnings_call(node: ast.Call) -> bool:
    func = node.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr == "warn"
        and isinstance(func.value, ast.Name)
        and func.value.id == "warnings"
    )


def _is_log_call(node: ast.Call) -> bool:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in _LOG_METHODS:
        return False
    receiver = func.value
    if isinstance(receiver, ast.Name):
        return receiver.id in _LOG_RECEIVERS
    return isinstance(receiver, ast.Attribute) and receiver.attr in _LOG_RECEIVERS


class _Scanner(ast.NodeVisitor):
    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.found: list[Unwrapped] = []
        self._skip: set[int] = set()

    # --- what is not text -------------------------------------------------------------------
    def _skip_tree(self, node: ast.AST | None) -> None:
        if node is None:
            return
        for child in ast.walk(node):
            self._skip.add(id(child))

    def _skip_docstring(self, body: list[ast.stmt]) -> None:
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            self._skip_tree(body[0])

    def visit_Module(self, node: ast.Module) -> None:
        self._skip_docstring(node.body)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._skip_docstring(node.body)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._skip_docstring(node.body)
        self.generic_visit(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._skip_docstring(node.body)
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        self._skip_tree(node.msg)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name) and target.id == "__all__":
                self._skip_tree(node.value)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        exc = node.exc
        if isinstance(exc, ast.Call) and _call_name(exc) in _BUILTIN_EXCEPTIONS:
            self._skip_tree(exc)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node)
        if (
            name in TRANSLATION_FUNCTIONS
            or name in _NOT_TEXT_CALLS
            or name in _BUILTIN_EXCEPTIONS
            or _is_log_call(node)
            or _is_warnings_call(node)
        ):
            self._skip_tree(node)
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._skip_tree(node.slice)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key in node.keys:
            self._skip_tree(key)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        self._skip_tree(node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._skip_tree(node.annotation)
        self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> None:
        self._skip_tree(node.annotation)
        self.generic_visit(node)

    # --- text -------------------------------------------------------------------------------
    def _kept(self, node: ast.expr) -> bool:
        first = node.lineno - 1
        last = (node.end_lineno or node.lineno) - 1
        return any(
            KEEP_MARKER in self.lines[i] for i in range(first, min(last + 1, len(self.lines)))
        )

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if id(node) in self._skip:
            return
        parts: list[str] = []
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                parts.append(value.value)
            else:
                parts.append("{}")
        text = "".join(parts)
        if is_user_text(text) and not self._kept(node):
            self.found.append(Unwrapped(self.path, node.lineno, text))
        # The constants inside are parts of this string, not strings of their own.
        self._skip_tree(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) in self._skip or not isinstance(node.value, str):
            return
        if is_user_text(node.value) and not self._kept(node):
            self.found.append(Unwrapped(self.path, node.lineno, node.value))


def scan_file(path: Path, root: Path | None = None) -> list[Unwrapped]:
    root = root if root is not None else PACKAGE.parent
    relative = path.resolve().relative_to(root).as_posix()
    if relative in UNTRANSLATED_FILES:
        return []
    source = path.read_text(encoding="utf-8")
    if any(KEEP_FILE_MARKER in line for line in source.splitlines()[:40]):
        return []
    scanner = _Scanner(relative, source.splitlines())
    scanner.visit(ast.parse(source, filename=relative))
    return sorted(scanner.found, key=lambda item: item.line)


def python_files(*paths: Path) -> Iterator[Path]:
    for path in paths or (PACKAGE,):
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        else:
            yield path


def scan(*paths: Path) -> list[Unwrapped]:
    found: list[Unwrapped] = []
    for path in python_files(*paths):
        found.extend(scan_file(path))
    return found


def main(argv: list[str]) -> int:
    found = scan(*(Path(arg) for arg in argv))
    for item in found:
        print(item)
    by_area: dict[str, int] = {}
    for item in found:
        parts = item.path.split("/")
        area = "/".join(parts[:3]) if len(parts) > 3 else "/".join(parts[:2])
        by_area[area] = by_area.get(area, 0) + 1
    for area, count in sorted(by_area.items()):
        print(f"{count:6d}  {area}", file=sys.stderr)
    print(f"{len(found):6d}  unwrapped user-visible strings", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
