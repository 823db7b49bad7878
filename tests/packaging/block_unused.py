"""A pytest plugin that makes the modules packaging/steward-app.spec leaves out of the bundle
(packaging/bundle_trim.py, UNUSED_MODULES) impossible to import, as in the bundle:
tests/packaging/test_bundle_trim.py runs the tests of the paths that use numpy, pyqtgraph,
Mako and Alembic, and SQLAlchemy with it, so a change that starts needing one of them fails
here, before a bundle is built."""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

_trim_spec = importlib.util.spec_from_file_location(
    "bundle_trim", Path(__file__).resolve().parents[2] / "packaging" / "bundle_trim.py"
)
assert _trim_spec is not None and _trim_spec.loader is not None
_trim = importlib.util.module_from_spec(_trim_spec)
_trim_spec.loader.exec_module(_trim)
LEFT_OUT: tuple[str, ...] = _trim.UNUSED_MODULES


class LeftOut(importlib.abc.MetaPathFinder):
    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if any(fullname == name or fullname.startswith(name + ".") for name in self.names):
            message = f"No module named {fullname!r} (not in the bundle)"
            raise ModuleNotFoundError(message, name=fullname)
        return None


# pytest itself imports pygments (to colour its reports) before any plugin: what is already
# imported cannot be taken back, and is said so, for the test to check what was blocked
BLOCKED = [name for name in LEFT_OUT if name not in sys.modules]
sys.meta_path.insert(0, LeftOut(BLOCKED))


def pytest_report_header() -> str:
    return "not importable, as in the bundle: " + " ".join(BLOCKED)
