"""The font every report is drawn with: DejaVu Sans, bundled in resources/fonts/.

A report never relies on the fonts a machine happens to have (a machine with none prints
boxes): the bundled files are registered with Qt before anything is measured or drawn, and
every QFont the reports make names this family.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from steward_app.bundled import resource_path
from steward_app.domain.language import _

FAMILY = "DejaVu Sans"
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

_registered: list[str] = []


class FontMissing(RuntimeError):
    """The bundled font files are not where the application expects them."""


def ensure_fonts() -> str:
    """Register the bundled font files once (a QGuiApplication must exist); returns the family.

    Raises FontMissing when a file is missing or Qt refuses it.
    """
    if _registered:
        return _registered[0]
    if QGuiApplication.instance() is None:
        raise RuntimeError("reports need a QGuiApplication before fonts can be registered")
    families: set[str] = set()
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if not path.is_file():
            raise FontMissing(
                _("the report font {path} is missing; reinstall steward_app").format(path=path)
            )
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise FontMissing(_("Qt could not load the report font {path}").format(path=path))
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FAMILY not in families:
        raise FontMissing(
            _("the bundled font files hold {families}, not {family}").format(
                families=sorted(families), family=FAMILY
            )
        )
    _registered.append(FAMILY)
    return FAMILY


def report_font(size_pt: float, bold: bool = False) -> QFont:
    """The report family at a size in points (call ensure_fonts() first)."""
    font = QFont(FAMILY)
    font.setFamilies([FAMILY])
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    font.setKerning(True)
    # no ligatures: text copied or extracted from a PDF says "fi", not "ﬁ"
    font.setFeature(QFont.Tag("liga"), 0)
    font.setFeature(QFont.Tag("clig"), 0)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def measuring_font(size_pt: float, bold: bool, scale: int) -> QFont:
    """The same font sized in pixels at `scale` pixels a point, for device-free measuring."""
    font = report_font(size_pt, bold)
    font.setPixelSize(max(1, round(size_pt * scale)))
    return font
