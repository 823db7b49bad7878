"""ui/__init__.py switches off PySide6's scan of every later import's source: the switch still
takes effect, and the scan it switches off is still there (when a PySide6 release drops the
scan, the second test fails: the patch can go).

Each check runs in a fresh interpreter: this one has imported steward_app.ui long ago.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import steward_app

# imports a module that uses PySide6 before and after steward_app.ui, and prints whose source
# PySide6's feature code read with inspect.getsource
SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import PySide6.QtCore
from shibokensupport import feature
original = feature._mod_uses_pyside
read = []
real = feature.inspect.getsource
feature.inspect.getsource = lambda obj: (read.append(obj.__name__), real(obj))[1]
import before_the_patch
import steward_app.ui
import after_the_patch
print("replaced" if feature._mod_uses_pyside is not original else "original")
print(" ".join(name for name in read if name.endswith("_the_patch")))
"""


def scan(tmp_path: Path) -> list[str]:
    for name in ("before_the_patch", "after_the_patch"):
        (tmp_path / f"{name}.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(steward_app.__file__).parent.parent,
    )
    return done.stdout.splitlines()


def test_after_importing_the_window_package_no_module_source_is_read(tmp_path: Path) -> None:
    replaced, read = scan(tmp_path)
    assert replaced == "replaced"
    assert "after_the_patch" not in read.split()


def test_the_scan_the_patch_switches_off_is_still_there(tmp_path: Path) -> None:
    _, read = scan(tmp_path)
    assert read.split() == ["before_the_patch"]


def test_no_module_of_ours_selects_a_pyside_feature() -> None:
    """What the scan is for, `from __feature__ import ...`, is never used here."""
    package = Path(steward_app.__file__).parent
    users = [
        path.name
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ImportFrom) and node.module == "__feature__"
    ]
    assert users == []
