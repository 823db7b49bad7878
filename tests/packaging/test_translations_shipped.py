"""The window's translations travel with the program: in the wheel (package data), in the
bundle (the spec's data files, with Qt's own qtbase_<code>.qm kept), one per language shipped."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QLibraryInfo

from steward_app.domain import language
from steward_app.ui.window_language import qm_file

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "steward-app.spec").read_text(encoding="utf-8")


def test_every_shipped_language_has_its_window_translation() -> None:
    for code in language.LANGUAGES:
        assert qm_file(code).is_file(), code


def test_qt_has_its_own_translation_for_every_other_language() -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for code in language.LANGUAGES:
        if code != language.SOURCE_LANGUAGE:
            assert (folder / f"qtbase_{code}.qm").is_file(), code
            assert f'"qtbase_{code}.qm"' in SPEC, f"the bundle drops qtbase_{code}.qm"


def test_the_wheel_and_the_bundle_carry_the_translations() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = pyproject["tool"]["setuptools"]["package-data"]["steward_app"]
    assert "locale/qt/*.qm" in data
    assert "locale/*/LC_MESSAGES/*.mo" in data
    # the bundle carries the whole locale folder: the window's .qm and gettext's catalogues
    assert '(str(ROOT / "steward_app" / "locale"), "steward_app/locale")' in SPEC
