"""The Qt window: widgets, item models, charts, dialogs, background tasks.

Importing this package switches off PySide6's scan of every later import for
`from __feature__ import ...`, a check that reads each imported module's source with inspect.
We never use those features; the scan cost a third of the dashboard's cold start (measured in
bench/bench_window.py), and it has been reported to corrupt memory when a module is first
imported on a worker thread, which the database lane does.
"""

import PySide6.QtCore  # noqa: F401  (loads shibokensupport)


def _no_feature_scan() -> None:
    from shibokensupport import feature  # type: ignore[import-not-found]

    feature._mod_uses_pyside = lambda _module: False


_no_feature_scan()
