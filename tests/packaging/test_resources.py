"""The files the application reads at run time are found from source and inside the frozen
bundle, and packaging/steward-app.spec ships every one of them to where the code looks."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

import steward_app
from steward_app.bundled import ICON_SIZES, icon_files, licence_file, resource_path
from steward_app.reports.fonts import FONT_FILES
from steward_app.store.database import MIGRATIONS

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "steward-app.spec").read_text(encoding="utf-8")
PACKAGE = Path(steward_app.__file__).resolve().parent


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_from_source_the_resources_are_in_the_project_folder() -> None:
    assert resource_path("fonts", FONT_FILES[0]) == ROOT / "resources" / "fonts" / FONT_FILES[0]
    for name in FONT_FILES:
        assert resource_path("fonts", name).is_file()
    assert resource_path("demo", "setup.toml").is_file()
    assert resource_path("demo", "counts.csv").is_file()


def test_frozen_the_resources_are_under_the_bundles_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("demo", "setup.toml") == tmp_path / "resources" / "demo" / "setup.toml"
    assert icon_files()[0] == tmp_path / "resources" / "icons" / "steward-app-16.png"


def test_the_spec_ships_every_resource_folder_the_code_reads() -> None:
    used: set[str] = set()
    for module in PACKAGE.rglob("*.py"):
        used.update(re.findall(r"resource_path\(\s*[\"'](\w+)[\"']", module.read_text("utf-8")))
    assert used >= {"fonts", "demo", "icons"}
    for folder in used:
        assert f'(str(ROOT / "resources" / "{folder}"), "resources/{folder}")' in SPEC, folder


def test_the_spec_puts_the_migrations_where_the_frozen_code_looks() -> None:
    # frozen, a module's __file__ is <bundle>/steward_app/...; MIGRATIONS is taken beside it
    inside = MIGRATIONS.relative_to(PACKAGE).as_posix()
    assert inside == "store/migrations"
    assert (MIGRATIONS / "env.py").is_file()
    assert any((MIGRATIONS / "versions").glob("0001_*.py"))
    assert f'"steward_app/{inside}")' in SPEC


def test_the_licence_is_the_gpl_3_text_shipped_where_the_frozen_code_looks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert licence_file() == ROOT / "LICENSE"
    text = licence_file().read_text(encoding="utf-8")
    assert text.lstrip().startswith("GNU GENERAL PUBLIC LICENSE\n                       Version 3")
    assert "END OF TERMS AND CONDITIONS" in text and "How to Apply These Terms" in text
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = { text = "GPL-3.0-or-later" }' in pyproject
    assert '(str(ROOT / "LICENSE"), "."),' in SPEC  # to _internal/, which is sys._MEIPASS
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert licence_file() == tmp_path / "LICENSE"
    iss = (ROOT / "packaging" / "steward-app.iss").read_text(encoding="utf-8")
    assert "\nLicenseFile=..\\LICENSE\n" in iss
    assert 'Source: "..\\LICENSE"; DestDir: "{app}"' in iss


def test_opening_a_tally_file_starts_the_window_with_it() -> None:
    """Windows' file type and the Linux menu entry run `steward-app FILE.tally`
    (steward_app.cli.open_files): the window, not a command in a console."""
    iss = (ROOT / "packaging" / "steward-app.iss").read_text(encoding="utf-8")
    [command] = [line for line in iss.splitlines() if "shell\\open\\command" in line]
    assert 'ValueData: """{app}\\{#AppExe}"" ""%1"""' in command
    assert '#define AppExe "steward-app.exe"' in iss
    linux = ROOT / "packaging" / "linux"
    entries = {p.name: p.read_text(encoding="utf-8") for p in linux.glob("*.desktop")}
    mime = re.search(r'mime-type type="([^"]+)"', (linux / "steward-app-tally.xml").read_text())
    assert mime is not None
    openers = [name for name, text in entries.items() if f"MimeType={mime[1]};" in text]
    assert openers == ["steward-app.desktop"]  # one program opens them: no choice to make
    assert "\nExec=steward-app %F\n" in entries["steward-app.desktop"]


def test_every_icon_size_is_a_png_of_that_size() -> None:
    assert [png_size(p) for p in icon_files()] == [(s, s) for s in ICON_SIZES]


def test_the_windows_icon_holds_each_size_up_to_256() -> None:
    data = (ROOT / "resources" / "icons" / "steward-app.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sides = []
    for i in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i : 22 + 16 * i]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sides.append(side or 256)
    assert sides == [s for s in ICON_SIZES if s <= 256]


def load_make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "packaging" / "make_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_icons_are_rendered_from_the_svg(qapp: object) -> None:
    from PySide6.QtSvg import QSvgRenderer

    make_icons = load_make_icons()
    renderer = QSvgRenderer(str(make_icons.SOURCE))
    assert renderer.isValid()
    for size, path in zip(ICON_SIZES, icon_files(), strict=True):
        assert make_icons.render(renderer, size) == path.read_bytes(), (
            f"{path.name} is not what the SVG gives; run packaging/make_icons.py and commit"
        )
    pngs = {s: p.read_bytes() for s, p in zip(ICON_SIZES, icon_files(), strict=True)}
    assert make_icons.icns(pngs) == (ROOT / "resources" / "icons" / "steward-app.icns").read_bytes()
