"""The window's Qt translations: the committed .qm is what its .ts compiles to, the .ts is
complete and up to date with the sources, and the window speaks Spanish when told to, with
every Alt+letter still unique."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from steward_app.domain import language
from steward_app.reports.document import Document, ReportData
from steward_app.ui.main_window import MainWindow
from steward_app.ui.window_language import (
    apply_language,
    qm_file,
    system_language,
    window_language,
)
from tests.ui.test_keyboard import assert_unique, mnemonic

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    """packaging/translations_qt.py, the script that updates and compiles the translations."""
    spec = importlib.util.spec_from_file_location(
        "translations_qt", ROOT / "packaging" / "translations_qt.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


translations_qt = _tool()
UNFINISHED = "\0"  # marks a translation of type unfinished, obsolete or vanished


def messages(ts: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> its translations (one, or one per plural form)."""
    found: dict[tuple[str, str], list[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            kind = translation.get("type", "")
            found[(name, message.findtext("source") or "")] = (
                forms or [translation.text or ""]
            ) + ([UNFINISHED + kind] if kind else [])
    return found


LANGUAGES = pytest.mark.parametrize("code", translations_qt.LANGUAGES)


@LANGUAGES
def test_the_committed_qm_is_what_the_ts_compiles_to(tmp_path: Path, code: str) -> None:
    fresh = tmp_path / "fresh.qm"
    translations_qt.lrelease(translations_qt.ts_file(code), fresh)
    assert fresh.read_bytes() == qm_file(code).read_bytes(), (
        "run .venv/bin/python packaging/translations_qt.py"
    )


@LANGUAGES
def test_every_sentence_is_translated_with_its_placeholders(code: str) -> None:
    found = messages(translations_qt.ts_file(code))
    # Spanish: every sentence; English: the ones with plural forms
    assert len(found) > (400 if code == "es" else 20)
    for (context, source), forms in found.items():
        assert forms and all(f and not f.startswith(UNFINISHED) for f in forms), (context, source)
        wanted = sorted(set(re.findall(r"\{\w*\}|%n", source)))
        for form in forms:
            assert sorted(set(re.findall(r"\{\w*\}|%n", form))) == wanted, (source, form)


@LANGUAGES
def test_lupdate_finds_no_sentence_missing_from_the_ts(tmp_path: Path, code: str) -> None:
    ts = translations_qt.ts_file(code)
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    translations_qt.lupdate(code, copy)
    assert set(messages(copy)) == set(messages(ts)), "run packaging/translations_qt.py"


def test_english_says_one_file_and_two_files() -> None:
    assert QCoreApplication.translate("ExchangeActions", "Importing %Ln file(s)…", None, 1) == (
        "Importing 1 file…"
    )
    assert QCoreApplication.translate("ExchangeActions", "Importing %Ln file(s)…", None, 1200) == (
        "Importing 1,200 files…"
    )


def test_spanish_plural_forms_and_numbers(spanish: None) -> None:
    assert QCoreApplication.translate("ExchangeActions", "Importing %Ln file(s)…", None, 1) == (
        "Importando 1 archivo…"
    )
    assert QCoreApplication.translate("ExchangeActions", "Importing %Ln file(s)…", None, 14200) == (
        "Importando 14.200 archivos…"
    )


@pytest.fixture
def spanish() -> Iterator[None]:
    apply_language("es")
    yield
    apply_language("en")


def test_the_window_speaks_spanish_and_its_alt_letters_stay_unique(
    spanish: None, demo_window: MainWindow
) -> None:
    w = demo_window
    titles = [a.text() for a in w.menuBar().actions()]
    assert {"&Archivo", "&Edición", "&Ver", "&Ir", "A&yuda"} <= set(titles)
    assert w.form.title() == "Ingresar un recuento"
    assert QLocale().toString(14200) == language.number(14200) == "14.200"
    w.timeline_chart  # noqa: B018 - the tabs built when first used
    w.what_if  # noqa: B018
    for page in (w.start_page, w.splitter):
        assert_unique(w, page)
    for menu in w.menuBar().findChildren(QMenu):
        inside = [mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        letters = [m for m in inside if m]
        assert len(letters) == len(set(letters)), (menu.title(), inside)


def test_qt_s_own_buttons_speak_spanish_too(spanish: None) -> None:
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancelar"


def test_the_language_comes_from_the_option_then_the_settings_then_the_system() -> None:
    assert window_language("es_MX") == "es"
    assert system_language(["fr-FR", "es-419", "en-US"]) == "es"
    assert system_language(["fr-FR"]) == "en"
    with pytest.raises(ValueError, match="languages shipped"):
        window_language("xx")


def test_a_report_is_made_in_the_language_chosen_for_it(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A union notice in Spanish from an English window: built (and written) in Spanish, while
    the window goes on in English."""
    from steward_app.ui import print_actions

    spoken: list[str] = []
    reasons: list[str] = []
    build = print_actions.build

    def recording(kind: int, data: ReportData, union_id: str) -> Document:
        spoken.append(language.current())
        question = next(iter(data.standings.questions.values()))
        reasons.extend(u.reason for u in question.unions.values())
        return build(kind, data, union_id)

    monkeypatch.setattr(print_actions, "choose_report", lambda parent: (1, "es"))
    monkeypatch.setattr(print_actions, "build", recording)
    monkeypatch.setattr(print_actions.QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    demo_window.reports.report("pdf")
    qtbot.waitUntil(lambda: spoken != [], timeout=20000)
    assert spoken == ["es"]
    assert language.current() == "en"
    # the standings' reasons too, not the window's English ones: "1,210 yes to 540 no"
    # becomes "1210 sí contra 540 no"
    assert any(" sí contra " in r for r in reasons), reasons
    assert not any(" yes to " in r for r in reasons), reasons
    question = next(iter(demo_window.context.standings.questions.values()))
    assert any(" yes to " in u.reason for u in question.unions.values())


def test_the_report_choice_offers_each_language_starting_with_the_window_s(
    qtbot: QtBot, spanish: None
) -> None:
    from steward_app.ui.print_actions import ReportChoice

    dialog = ReportChoice()
    qtbot.addWidget(dialog)
    codes = [dialog.language.itemData(i) for i in range(dialog.language.count())]
    assert codes == list(language.LANGUAGES)
    assert dialog.chosen() == (0, "es")
    assert dialog.report.itemText(1) == "Aviso al sindicato (el sindicato seleccionado)"


def shown_texts(root: QWidget) -> set[str]:
    """The words a widget tree shows or speaks: texts, titles, tooltips, accessible names,
    menu entries, tab labels, column headings."""
    texts: set[str] = set()
    for widget in [root, *root.findChildren(QWidget)]:
        texts |= {widget.toolTip(), widget.accessibleName(), widget.windowTitle()}
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            texts.add(widget.text())
        if isinstance(widget, QLineEdit):
            texts.add(widget.placeholderText())
        if isinstance(widget, QGroupBox):
            texts.add(widget.title())
        if isinstance(widget, QTabBar):
            texts |= {widget.tabText(i) for i in range(widget.count())}
        if isinstance(widget, (QTreeView, QTableView)) and widget.model() is not None:
            model = widget.model()
            texts |= {
                str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount(QModelIndex()))
            }
        texts |= {a.text() for a in widget.actions()}
    for menu in root.findChildren(QMenu):
        texts |= {a.text() for a in menu.actions()}
    return {t for t in texts if t}


def test_in_spanish_no_english_word_of_the_window_is_left(
    qtbot: QtBot, spanish: None, demo_window: MainWindow
) -> None:
    """Every sentence of the .ts that Spanish words differently, shown anywhere in the window
    or its dialogs, is shown in Spanish: a tr() whose context differs from the one lupdate
    filed it under would show the English."""
    english = {
        source
        for (_context, source), forms in messages(translations_qt.ts_file("es")).items()
        if source not in forms
    }
    w = demo_window
    w.tree.setCurrentIndex(w.tree_model.index_for("unit", "afscme-np4-391"))
    texts = shown_texts(w)
    for tab in (w.timeline_chart, w.what_if):
        w.tabs.setCurrentWidget(tab)
        texts |= shown_texts(w)
    w.exchange.open_conflicts()
    w.exchange.open_history()
    for open_dialog in (w.roster.trust, w.roster.accept, w.roster.change_setup, w.roster.declare):
        open_dialog()
    from steward_app.ui.language_dialog import LanguageDialog
    from steward_app.ui.print_actions import ReportChoice

    dialogs = [
        w.exchange._conflicts,
        w.exchange._history,
        LanguageDialog(w),
        ReportChoice(w),
        *w.roster.dialogs.values(),
    ]
    for dialog in dialogs:
        assert dialog is not None
        texts |= shown_texts(dialog)
        dialog.close()
    left = sorted(t for t in texts if t in english)
    assert left == []
    assert len(texts) > 100


@pytest.mark.parametrize("code", list(language.LANGUAGES))
def test_qt_and_the_domain_write_numbers_alike(code: str) -> None:
    """The window writes numbers with language.number/decimal/percent, Qt's %Ln with QLocale:
    both must write a number the same way on one screen."""
    locale = QLocale(code)
    with language.in_language(code):
        for n in (0, 7, 999, 1000, 1850, 9999, 14200, 123456, 1234567, -14200):
            assert language.number(n) == locale.toString(n), n
        # not at a tie such as 3.25: Python rounds it to even (3.2), Qt up (3.3); the window
        # writes decimals with language.decimal only
        for x in (0.0, 3.26, 66.66, 1234.5, 98765.43):
            assert language.decimal(x, 1) == locale.toString(x, "f", 1), x


def test_the_language_chosen_in_the_dialog_is_the_next_start_s(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from steward_app.ui.language_dialog import LanguageDialog, ask_language

    def choose_spanish(dialog: LanguageDialog) -> int:
        dialog.choice.setCurrentIndex(dialog.choice.findData("es"))
        return int(LanguageDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(LanguageDialog, "exec", choose_spanish)
    assert window_language() == system_language()
    assert ask_language(None) == "es"
    assert window_language() == "es"
    assert window_language("en") == "en"  # --lang wins over the settings

    def choose_system(dialog: LanguageDialog) -> int:
        assert dialog.choice.currentData() == "es"  # the dialog shows the choice kept
        dialog.choice.setCurrentIndex(0)
        return int(LanguageDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(LanguageDialog, "exec", choose_system)
    assert ask_language(None) == system_language()
    assert window_language() == system_language()


def test_an_unknown_lang_option_opens_nothing_and_says_which_languages_there_are(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from steward_app.ui.app import start_language

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: said.append(text))
    assert start_language("fr") is False
    assert len(said) == 1 and "en, es" in said[0] and "Nothing was opened" in said[0]
    assert "Nothing was opened" in capsys.readouterr().err
    assert language.current() == "en"
    assert start_language("es") is True
    assert language.current() == "es"
    apply_language("en")


def test_work_on_the_lanes_speaks_the_language_of_whoever_handed_it_over(
    qtbot: QtBot, spanish: None
) -> None:
    """A lane's thread has no language of its own: a job speaks the window's (the domain's
    reasons made on the database lane), or the one a report chose for itself."""
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.write_lane import WriteLane

    on_lane: list[str] = []
    on_writes: list[str] = []
    lane, writes = DatabaseLane(), WriteLane()
    try:
        lane.submit(language.current, on_lane.append, lambda e: on_lane.append(repr(e)))
        with language.in_language("en"):
            lane.submit(language.current, on_lane.append, lambda e: on_lane.append(repr(e)))
        writes.submit(language.current, on_writes.append, lambda e: on_writes.append(repr(e)))
        qtbot.waitUntil(lambda: len(on_lane) == 2 and len(on_writes) == 1, timeout=5000)
    finally:
        lane.shutdown()
        writes.drain()
    assert on_lane == ["es", "en"]
    assert on_writes == ["es"]


def dialog_letters(dialog: QWidget) -> list[str]:
    """The Alt+letters of a dialog's buttons and labelled fields."""
    letters = []
    for widget in dialog.findChildren(QWidget):
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if (isinstance(widget, QAbstractButton) or labelled) and (
            m := mnemonic(widget.text())
        ) is not None:
            letters.append(m)
    return letters


@pytest.mark.parametrize("code", list(language.LANGUAGES))
def test_each_dialog_s_alt_letters_are_unique(
    qtbot: QtBot, demo_window: MainWindow, code: str
) -> None:
    from steward_app.ui.language_dialog import LanguageDialog
    from steward_app.ui.print_actions import ReportChoice

    apply_language(code)
    try:
        w = demo_window
        w.exchange.open_conflicts()
        w.exchange.open_history()
        for open_dialog in (
            w.roster.trust,
            w.roster.accept,
            w.roster.change_setup,
            w.roster.declare,
        ):
            open_dialog()
        dialogs: list[QWidget | None] = [
            w.exchange._conflicts,
            w.exchange._history,
            LanguageDialog(w),
            ReportChoice(w),
            *w.roster.dialogs.values(),
        ]
        assert len(dialogs) == 8
        for dialog in dialogs:
            assert dialog is not None
            letters = dialog_letters(dialog)
            assert len(letters) == len(set(letters)), (dialog.windowTitle(), letters)
            dialog.close()
    finally:
        apply_language("en")


def test_the_evening_chart_s_axes_write_numbers_in_the_language(qapp: QApplication) -> None:
    from steward_app.ui.timeline_chart import NumberAxis

    axis = NumberAxis("left")
    assert axis.tickStrings([15000.0, -2500.0], 1.0, 2500.0) == ["15,000", "-2,500"]
    with language.in_language("es"):
        assert axis.tickStrings([15000.0, -2500.0], 1.0, 2500.0) == ["15.000", "-2500"]
        assert axis.tickStrings([2.5, 3.0], 1.0, 0.5) == ["2,5", "3,0"]
