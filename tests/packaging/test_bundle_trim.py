"""What the bundle leaves out (packaging/bundle_trim.py, used by packaging/steward-app.spec):
the Qt plugins each platform needs stay, whatever the platform's file names; libraries brought in
only for a removed plugin go, shared ones stay; debug information goes only where the loader's
view of the file is unchanged; and the application's paths that use numpy, pyqtgraph, Alembic
and SQLAlchemy work without the modules left out (the bundle itself: packaging/smoke-test.sh)."""

from __future__ import annotations

import ctypes
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "steward-app.spec").read_text(encoding="utf-8")
BARE_SPEC = (ROOT / "packaging" / "bare-window.spec").read_text(encoding="utf-8")


def trim() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bundle_trim", ROOT / "packaging" / "bundle_trim.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def plugin(platform: str, folder: str, name: str) -> str:
    """Where PyInstaller puts a Qt plugin from the PySide6 wheel of each platform."""
    return {
        "linux": f"PySide6/Qt/plugins/{folder}/lib{name}.so",
        "darwin": f"PySide6/Qt/plugins/{folder}/lib{name}.dylib",
        "win32": f"PySide6\\plugins\\{folder}\\{name}.dll",
    }[platform]


NEEDED = {
    "linux": [
        ("platforms", "qxcb"),
        ("platforms", "qwayland"),
        ("xcbglintegrations", "qxcb-glx-integration"),
    ],
    "darwin": [("platforms", "qcocoa"), ("styles", "qmacstyle")],
    "win32": [("platforms", "qwindows"), ("styles", "qmodernwindowsstyle")],
}
NEEDED_EVERYWHERE = [
    ("platforms", "qoffscreen"),  # the command line's PDF reports
    ("imageformats", "qsvg"),
    ("imageformats", "qico"),
    ("iconengines", "qsvgicon"),
    ("platforminputcontexts", "qcomposeplatforminputcontextplugin"),
    ("platforminputcontexts", "ibusplatforminputcontextplugin"),
    ("platformthemes", "qxdgdesktopportal"),
    ("printsupport", "cupsprintersupport"),
    ("printsupport", "windowsprintersupport"),
    ("wayland-shell-integration", "xdg-shell"),
]
UNUSED_EVERYWHERE = [
    ("platforms", "qeglfs"),
    ("platforms", "qlinuxfb"),
    ("platforms", "qvnc"),
    ("imageformats", "qjpeg"),
    ("imageformats", "qwebp"),
    ("imageformats", "qtiff"),
    ("platformthemes", "qgtk3"),
    ("tls", "qopensslbackend"),
    ("tls", "qschannelbackend"),
    ("networkinformation", "qnetworkmanager"),
    ("networkinformation", "qnlm"),
    ("generic", "qtuiotouchplugin"),
]


@pytest.mark.parametrize("platform", ["linux", "darwin", "win32"])
def test_each_platform_keeps_the_plugins_it_needs_and_loses_the_same_unused_ones(
    platform: str,
) -> None:
    t = trim()
    for folder, name in NEEDED[platform] + NEEDED_EVERYWHERE:
        place = plugin(platform, folder, name)
        assert t.plugin_name(place) == (folder, name), place
        assert not t.unused_plugin(place), f"{place} is needed"
    for folder, name in UNUSED_EVERYWHERE:
        assert t.unused_plugin(plugin(platform, folder, name)), (platform, folder, name)


def test_only_qt_plugins_are_judged() -> None:
    t = trim()
    for place in (
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/QtGui.abi3.so",
        "libjpeg.so.62",  # a system library, not the jpeg plugin
        "numpy.libs/libscipy_openblas64_.so",
        "PySide6/Qt/plugins/README",
    ):
        assert not t.unused_plugin(place), place


def test_pyqtgraph_keeps_the_icons_its_plots_show() -> None:
    t = trim()
    for sep in ("/", "\\"):
        assert t.unused_data(sep.join(["pyqtgraph", "icons", "peegee", "peegee_512px.png"]))
        assert t.unused_data(sep.join(["pyqtgraph", "colors", "maps", "CET-L1.csv"]))
        # the plot's "A" (auto range) button and the other small icons stay
        assert not t.unused_data(sep.join(["pyqtgraph", "icons", "auto.png"]))
        assert not t.unused_data(sep.join(["resources", "fonts", "DejaVuSans.ttf"]))


def test_libraries_only_a_removed_plugin_needed_go_and_shared_ones_stay() -> None:
    links = {
        "plugins/gtk3.so": ["libgtk.so", "libQt6Gui.so"],
        "libgtk.so": ["libcairo.so", "libglib.so"],
        "libcairo.so": ["libpng.so"],
        "QtGui.so": ["libQt6Gui.so"],
        "libQt6Gui.so": ["libpng.so", "libglib.so"],
    }
    kept = ["QtGui.so", "libQt6Gui.so", "libgtk.so", "libcairo.so", "libpng.so", "libglib.so"]
    gone = trim().orphans(kept, ["plugins/gtk3.so"], lambda name: links.get(name, []))
    # libpng and libglib are also needed by Qt's own library; the rest only by the GTK theme
    assert gone == {"libgtk.so", "libcairo.so"}
    assert trim().orphans(kept, [], lambda name: links.get(name, [])) == set()


def test_the_spec_leaves_out_what_bundle_trim_names() -> None:
    assert "*UNUSED_MODULES," in SPEC
    assert "a.datas = [d for d in a.datas if not unused_data(d[0])]" in SPEC
    assert "a.binaries = [b for b in a.binaries if not unused_plugin(b[0])]" in SPEC
    assert "orphans(kept, [dest for dest, src, kind in removed], linked)" in SPEC
    # the benchmark's bare window is built the same way, debug information included
    for spec in (SPEC, BARE_SPEC):
        assert "a.binaries = without_debug_info(a.binaries," in spec
    assert "upx=True" not in SPEC and "strip=True" not in SPEC


def elf_tools() -> bool:
    return all(shutil.which(tool) for tool in ("strip", "readelf", "objcopy"))


linux_binutils = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not elf_tools(),
    reason="debug information is left out on Linux only, with binutils",
)


def extension_module() -> Path:
    """A small shared library every Linux Python has: one of its own extension modules (which
    ones are built in rather than shared varies between builds of Python)."""
    for name in ("_json", "_ctypes", "array", "_decimal"):
        found = getattr(importlib.import_module(name), "__file__", None)
        if found:
            return Path(found)
    raise AssertionError("this Python has none of its extension modules as a shared library")


def with_debug_info(folder: Path, size: int) -> Path:
    """A copy of an extension module with a .debug_info section of `size` bytes, its own (if
    it was built with one) taken out first."""
    plain, with_debug, dwarf = folder / "plain.so", folder / "with_debug.so", folder / "dwarf"
    dwarf.write_bytes(os.urandom(size))
    subprocess.run(["strip", "--strip-debug", "-o", plain, extension_module()], check=True)
    command = ["objcopy", "--add-section", f".debug_info={dwarf}", plain, with_debug]
    subprocess.run(command, check=True)
    return with_debug


@linux_binutils
def test_debug_information_is_left_out_and_the_library_still_loads(tmp_path: Path) -> None:
    with_debug = with_debug_info(tmp_path, 200_000)
    toc = [("python3.11/lib-dynload/_json.so", str(with_debug), "EXTENSION")]
    [(dest, src, kind)] = trim().without_debug_info(toc, tmp_path / "out")
    assert (dest, kind) == toc[0][::2] and src != str(with_debug)
    stripped = Path(src)
    assert stripped.stat().st_size < with_debug.stat().st_size - 150_000
    assert (
        ".debug_info"
        not in subprocess.run(
            ["readelf", "-SW", src], capture_output=True, text=True, check=True
        ).stdout
    )
    ctypes.CDLL(src)  # still a library the loader maps
    assert with_debug.stat().st_size > stripped.stat().st_size  # the original is untouched


@linux_binutils
def test_a_library_without_debug_information_is_not_rewritten(tmp_path: Path) -> None:
    """numpy's OpenBLAS has none, and strip would move the segments patchelf laid out."""
    import numpy

    libs = Path(numpy.__file__).parent.parent / "numpy.libs"
    openblas = next(libs.glob("libscipy_openblas*.so"), None) or extension_module()
    toc = [("numpy.libs/" + openblas.name, str(openblas), "BINARY")]
    assert trim().without_debug_info(toc, tmp_path / "out") == toc


@linux_binutils
def test_a_copy_whose_segments_moved_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    t = trim()
    with_debug = with_debug_info(tmp_path, 1000)
    monkeypatch.setattr(t, "_segments", lambda path: [["LOAD", str(path)]])  # always "moved"
    toc = [("_json.so", str(with_debug), "EXTENSION")]
    assert t.without_debug_info(toc, tmp_path / "out") == toc


def test_the_paths_that_use_numpy_alembic_and_sqlalchemy_work_without_what_is_left_out() -> None:
    """The Evening chart (pyqtgraph, numpy), a PDF report, and every migration from the oldest
    released schema, run with the left-out modules made impossible to import."""
    tests = [
        "tests/store/test_migrations.py",
        "tests/reports/test_pdf.py::test_coalition_summary_pdf",
        "tests/ui/test_evening_and_conflicts_view.py"
        "::test_a_count_tonight_does_not_stretch_the_axis_over_years",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]
        + ["-p", "tests.packaging.block_unused", *tests],
        check=False,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    header = next(line for line in done.stdout.splitlines() if line.startswith("not importable"))
    for name in ("numpy.random", "numpy.polynomial", "sqlalchemy.dialects.mysql", "ssl"):
        assert f" {name}" in header, header
    assert " passed" in done.stdout and " failed" not in done.stdout
