"""The window's language: which one (--lang, then the choice kept in the settings, then the
system's), and the Qt translations that speak it.

The window's own words are Qt translations (steward_app/locale/qt/steward_app_<code>.qm, made
from the .ts beside it by packaging/translations_qt.py); Qt's own dialogs and buttons (OK,
Cancel, the file dialog) come from Qt's qtbase_<code>.qm. Sentences made below the window (the
domain's reasons, the reports) are gettext's: `language.set_default` makes them speak the same
language. A change made in View › Language… applies at the next start.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from steward_app.domain import language

LANGUAGE_KEY = "window/language"  # "" or absent: the system's language
QT_LOCALE_DIR = language.LOCALE_DIR / "qt"
QM_NAME = "steward_app_{code}.qm"


def qm_file(code: str) -> Path:
    """The window's compiled translation for `code` (for English: its plural forms only)."""
    return QT_LOCALE_DIR / QM_NAME.format(code=code)


def system_language(ui_languages: list[str] | None = None) -> str:
    """The first shipped language among the system's preferred ones, else English."""
    preferred = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    for name in preferred:
        found = language.supported(name)
        if found is not None:
            return found
    return language.SOURCE_LANGUAGE


def chosen_language() -> str:
    """The language kept in the settings ("" when the system's is to be followed)."""
    value = QSettings().value(LANGUAGE_KEY, "")
    found = language.supported(str(value or ""))
    return found or ""


def choose_language(chosen: str) -> None:
    """Keep `chosen` ("" for the system's) for the next start."""
    settings = QSettings()
    if chosen:
        settings.setValue(LANGUAGE_KEY, chosen)
    else:
        settings.remove(LANGUAGE_KEY)


def window_language(option: str | None = None) -> str:
    """The language the window starts in: --lang, the settings, or the system's.

    An unknown --lang raises ValueError with the languages shipped (language._checked)."""
    if option:
        with language.in_language(option) as code:
            return code
    return chosen_language() or system_language()


_installed: list[QTranslator] = []  # kept alive: Qt holds only a pointer


def apply_language(code: str) -> str:
    """Speak `code` from now on: Qt's translators, QLocale's default (numbers), gettext's.

    Replaces the translators a previous call installed. Returns the language applied."""
    language.set_default(code)
    code = language.current()
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            QCoreApplication.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(code))
    if app is None:
        return code
    # English too: its file holds the plural forms ("1 file", "2 files") of the source
    places = [(str(QT_LOCALE_DIR), f"steward_app_{code}")]
    if code != language.SOURCE_LANGUAGE:
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        places.append((qt_folder, f"qtbase_{code}"))
    for folder, name in places:
        translator = QTranslator(app)
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    return code


def language_names() -> dict[str, str]:
    """Each shipped language in its own words (as a choice of language lists them)."""
    return dict(language.LANGUAGES)


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A sentence with a count (`%n`) outside any class: pyside6-lupdate files a bare tr()
    under the empty context, and sees its count only in this form (it misses the count of
    QCoreApplication.translate when that is not a literal)."""
    return QCoreApplication.translate("", text, disambiguation, n)
