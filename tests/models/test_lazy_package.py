"""``peerdesk.models`` offers its names without importing every model up front (issue 18,
item 4): each name is the object of its own module, and what type checkers see is the same."""

from __future__ import annotations

import ast
import importlib
import os
import subprocess
import sys
from pathlib import Path

import peerdesk.models as models

INIT = Path(models.__file__)


def test_every_offered_name_is_its_modules_object() -> None:
    assert sorted(models.__all__) == sorted(models._WHERE)
    for name in models.__all__:
        module = importlib.import_module(f"peerdesk.models.{models._WHERE[name]}")
        assert getattr(models, name) is getattr(module, name)
    assert set(models.__all__) <= set(dir(models))


def test_the_type_checkers_imports_are_the_offered_names() -> None:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    checked = next(node for node in tree.body if isinstance(node, ast.If))
    seen = {
        alias.name: node.module.rsplit(".", 1)[1]
        for node in checked.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }
    assert seen == models._WHERE


def test_one_model_module_loads_alone() -> None:
    code = (
        "import sys\n"
        "from peerdesk.models.errors import ValidationError\n"
        "print(sorted(m for m in sys.modules if m.startswith('peerdesk.models.')))\n"
        "from peerdesk.models import Incident\n"
        "print('peerdesk.models.incident' in sys.modules)\n"
    )
    tree = str(INIT.parents[2])
    env = dict(os.environ, PYTHONPATH=tree)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tree, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["['peerdesk.models.errors']", "True"]
