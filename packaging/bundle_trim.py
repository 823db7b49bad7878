"""What packaging/steward-app.spec leaves out of the bundle because the application never loads
it (issue 15, bundle size), in plain Python so the tests check it without PyInstaller
(tests/packaging/test_bundle_trim.py). Each cut was checked against what the application loads:
the modules in sys.modules after the UI, reports, command-line, sync and store tests, and the
shared libraries in /proc/PID/maps of that test session and of the bundled window on X11 with
its chart tabs open; docs/dev/performance-notebook.md, "Bundle size".

Modules are left out by name, which is the same on every platform. Qt plugins are matched by
their folder and their name without the platform's prefix and suffix (libqjpeg.so, qjpeg.dll,
libqjpeg.dylib are all "qjpeg"), so a rule never drops a plugin of another platform by accident.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# Python modules the application never imports, with what they would cost (Linux, PySide6 6.11,
# numpy 2.4). numpy imports these four only when an attribute of that name is first asked for
# (numpy.__getattr__); pyqtgraph asks for numpy.random only in pseudoScatter (ScatterPlotWidget,
# unused here). readline is for interactive prompts (pdb, code); it brings libreadline and
# libtinfo on Linux and does not exist on Windows. pygments is imported by Mako, which Alembic
# imports, only to colour HTML error pages, and Mako falls back to plain text when it is missing
# (mako.exceptions._install_highlighting catches the ImportError). ssl is imported by asyncio
# (which SQLAlchemy imports) in a try that accepts its absence; nothing here opens a TLS
# connection. Alembic's mysql, oracle and mssql support does not import those SQLAlchemy
# dialects, and the only database is SQLite (alembic.ddl.postgresql does import its dialect,
# so that one stays).
UNUSED_MODULES = (
    "numpy.random",  # 2.7 MiB of extension modules
    "numpy.f2py",  # Fortran wrapper generator, a build tool; pulls charset_normalizer
    "numpy.testing",  # numpy's test helpers; pulls doctest and pdb
    "numpy.polynomial",
    "readline",
    "pygments",  # 1.7 MiB of compiled modules
    "ssl",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.oracle",
    "sqlalchemy.dialects.mssql",
)

# Qt plugin folders none of whose plugins the application loads, on any platform: input
# devices read directly (evdev, TUIO), for the framebuffer platforms below; the EGL device
# integrations of eglfs; TLS backends (the only network use is a local socket between two
# windows, QtNetwork's QLocalSocket); network-reachability backends (QNetworkInformation,
# never asked for).
UNUSED_PLUGIN_FOLDERS = frozenset({"generic", "egldeviceintegrations", "tls", "networkinformation"})

# Single plugins left out. platforms: the window runs on xcb or wayland (Linux), windows,
# cocoa, and offscreen for the command line's PDF reports; eglfs, linuxfb, vnc and
# vkkhrdisplay are for devices without a desktop, minimal and minimalegl headless ones that
# offscreen stands in for. imageformats: the application reads and writes PNG only (its
# icons, a chart saved or copied), which is built into QtGui; SVG stays (icon themes on Linux,
# pyqtgraph's QtSvg), and ICO (Windows icons).
UNUSED_PLUGINS = frozenset(
    {
        ("platforms", "qeglfs"),
        ("platforms", "qlinuxfb"),
        ("platforms", "qvnc"),
        ("platforms", "qvkkhrdisplay"),
        ("platforms", "qminimal"),
        ("platforms", "qminimalegl"),
        ("imageformats", "qjpeg"),
        ("imageformats", "qwebp"),
        ("imageformats", "qtiff"),
        ("imageformats", "qgif"),
        ("imageformats", "qtga"),
        ("imageformats", "qwbmp"),
        ("imageformats", "qicns"),
        ("imageformats", "qpdf"),
        ("imageformats", "qmacheif"),
        ("imageformats", "qmacjp2"),
        # the GTK 3 theme needs the PC's GTK, which would meet the bundle's own older or newer
        # GLib; Qt's own look is used instead
        ("platformthemes", "qgtk3"),
    }
)


# Data files of pyqtgraph that nothing here reads: its logo, which pyqtgraph's mkQApp sets as
# the icon of the QApplication it creates when there is none (the application creates its own
# first), and the named colour maps of pyqtgraph.colormap.get, for images and colour bars (the
# charts here are lines and bars in the application's own colours).
UNUSED_DATA = ("pyqtgraph/icons/peegee/", "pyqtgraph/colors/maps/")


def unused_data(dest: str) -> bool:
    return dest.replace("\\", "/").startswith(UNUSED_DATA)


def plugin_name(dest: str) -> tuple[str, str] | None:
    """("imageformats", "qjpeg") for a Qt plugin's place in the bundle, None for anything else.

    PySide6/Qt/plugins/imageformats/libqjpeg.so (Linux, macOS) and
    PySide6/plugins/imageformats/qjpeg.dll (Windows) give the same answer."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) < 4 or parts[0] != "PySide6" or "plugins" not in parts[1:3]:
        return None
    folder_index = parts.index("plugins") + 1
    if folder_index != len(parts) - 2:
        return None
    folder, file = parts[folder_index], parts[-1]
    stem = file.split(".")[0]
    if file.endswith((".so", ".dylib")) and stem.startswith("lib"):
        stem = stem[3:]
    return folder, stem


def unused_plugin(dest: str) -> bool:
    name = plugin_name(dest)
    return name is not None and (name[0] in UNUSED_PLUGIN_FOLDERS or name in UNUSED_PLUGINS)


def orphans(
    kept: Iterable[str], removed: Iterable[str], imports: Callable[[str], Iterable[str]]
) -> set[str]:
    """The libraries brought in only for binaries that were removed: those among `removed`'s
    dependencies (direct or not) that no kept binary needs. `imports(name)` gives the names
    of the libraries a binary links to; names are the files' base names."""
    kept = set(kept)
    candidates: set[str] = set()
    todo = list(removed)
    while todo:
        for dependency in imports(todo.pop()):
            if dependency not in candidates:
                candidates.add(dependency)
                todo.append(dependency)
    needed: set[str] = set()
    todo = [name for name in kept if name not in candidates]
    seen = set(todo)
    while todo:
        for dependency in imports(todo.pop()):
            needed.add(dependency)
            if dependency not in seen:
                seen.add(dependency)
                todo.append(dependency)
    return candidates - needed


def without_debug_info(
    binaries: list[tuple[str, str, str]], folder: Path
) -> list[tuple[str, str, str]]:
    """Linux: the collected binaries with their debug information (the DWARF sections, read only
    by debuggers) left out, as copies in `folder` (`strip --strip-debug`). Python's library, its
    extension modules and SQLAlchemy's compiled modules carry it. Only a binary that has a
    .debug_info section is touched, and its copy is used only when the segments the loader maps
    are exactly as they were: a library rewritten by patchelf (numpy's OpenBLAS, as auditwheel
    ships it) comes out of strip with its segments moved and no longer loads. A library with a
    FIPS checksum beside it (.name.hmac or name.chk) is left untouched, as PyInstaller does.

    Elsewhere the list is returned as it is: Windows and macOS binaries carry no DWARF, and a
    rewritten binary on Windows is what antivirus heuristics flag (which is also why neither
    PyInstaller's strip nor UPX is used at all)."""
    if not sys.platform.startswith("linux"):
        return binaries
    folder.mkdir(parents=True, exist_ok=True)
    return [
        (dest, _without_debug_info(dest, src, kind, folder), kind) for dest, src, kind in binaries
    ]


def _without_debug_info(dest: str, src: str, kind: str, folder: Path) -> str:
    """The path of a copy of `src` without debug information, or `src` itself."""
    source = Path(src)
    if kind == "SYMLINK" or not source.is_file() or _checksummed(source):
        return src
    if ".debug_info" not in _readelf("-SW", source):
        return src
    copy = folder / dest
    copy.parent.mkdir(parents=True, exist_ok=True)
    command = ["strip", "--strip-debug", "-o", str(copy), str(source)]
    if subprocess.run(command, check=False, capture_output=True).returncode != 0:
        return src
    if _segments(copy) != _segments(source) or not _segments(source):
        return src
    return str(copy)


def _readelf(option: str, path: Path) -> str:
    done = subprocess.run(["readelf", option, str(path)], check=False, capture_output=True)
    return done.stdout.decode(errors="replace") if done.returncode == 0 else ""


def _segments(path: Path) -> list[list[str]]:
    """The program headers (LOAD, DYNAMIC...: what the loader maps), one line each."""
    lines = _readelf("-lW", path).splitlines()
    return [line.split() for line in lines if re.match(r"\s+[A-Z_]+\s+0x", line)]


def _checksummed(path: Path) -> bool:
    return path.with_name(f".{path.name}.hmac").is_file() or path.with_suffix(".chk").is_file()
