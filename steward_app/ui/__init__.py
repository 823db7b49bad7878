"""The Qt window: widgets, item models, charts, dialogs, background tasks.

Importing this package switches off PySide6's scan of every later import for
`from __feature__ import ...`, a check that reads each imported module's source with inspect.
We never use those features; the scan cost a third of the dashboard's cold start (measured in
bench/bench_window.py), and it has been reported to corrupt memory when a module is first
imported on a worker thread, which the database lane does.

Why a patch of a private module: PySide6 (6.11) has no public switch for the scan, neither a
setting nor an environment variable. It runs inside the import hook PySide installs for every
import (shibokensupport.feature.feature_imported), which asks `_mod_uses_pyside(module)`, and
that reads the module's source. Replacing that one function is the narrowest change: the hook
stays, PySide's own modules are untouched, and only the question "does this module select a
feature?" is answered "no" without reading it, which is true of every module here.
tests/ui/test_feature_scan.py fails when the patch stops taking effect (a renamed attribute),
and when a PySide6 release drops the scan (then this patch can go).
"""

import PySide6.QtCore  # noqa: F401  (loads shibokensupport)


def _no_feature_scan() -> None:
    from shibokensupport import feature  # type: ignore[import-not-found]

    feature._mod_uses_pyside = lambda _module: False


_no_feature_scan()
