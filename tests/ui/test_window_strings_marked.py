"""Every word the window shows goes through Qt's translation (tr / QCoreApplication.translate).

An AST walk over steward_app/ui/*.py: a string literal (or f-string) given to a call that puts
text on screen (a label, an action, a message box, a tooltip, an accessible name...) must sit
inside a tr() or translate() call. What is not a word for people is on the short allow-list.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "steward_app" / "ui"

# calls whose arguments are shown to people; the value says which positional arguments (None:
# all of them)
SINKS: dict[str, tuple[int, ...] | None] = {
    "setText": (0,),
    "setWindowTitle": (0,),
    "setToolTip": (0,),
    "setStatusTip": (0,),
    "setWhatsThis": (0,),
    "setAccessibleName": (0,),
    "setAccessibleDescription": (0,),
    "setPlaceholderText": (0,),
    "setTitle": (0,),
    "setLabelText": (0,),
    "setInformativeText": (0,),
    "setDetailedText": (0,),
    "setHorizontalHeaderLabels": (0,),
    "setVerticalHeaderLabels": (0,),
    "setHeaderLabels": (0,),
    "setSpecialValueText": (0,),
    "setSuffix": (0,),
    "setPrefix": (0,),
    "setLabel": (0,),
    "setTabText": (1,),
    "setTabToolTip": (1,),
    "addTab": (1,),
    "insertTab": (2,),
    "addMenu": (0,),
    "addAction": (0,),
    "addItem": (0,),
    "addItems": (0,),
    "addButton": (0,),
    "addRow": (0,),
    "showMessage": (0,),
    "QAction": (0,),
    "QLabel": (0,),
    "QPushButton": (0,),
    "QCheckBox": (0,),
    "QRadioButton": (0,),
    "QGroupBox": (0,),
    "QToolButton": (0,),
    "QMenu": (0,),
    "QCommandLinkButton": (0, 1),
    "QMessageBox": (1, 2),
    "warning": (1, 2),
    "information": (1, 2),
    "critical": (1, 2),
    "question": (1, 2),
    "about": (1, 2),
    "getSaveFileName": (1, 3),
    "getOpenFileName": (1, 3),
    "getOpenFileNames": (1, 3),
    "getExistingDirectory": (1,),
    "getItem": (1, 2),
    "getText": (1, 2),
    "getInt": (1, 2),
    "QProgressDialog": (0, 1),
    "setLabels": None,
    "setHtml": (0,),
    "setFormat": (0,),
    "BarChart": (0,),
    # the window's own helpers that show their text argument
    "_action": (1,),  # main_window: a menu action
    "_add": (1,),  # exchange_actions: a menu action
    "_say": (0,),  # exchange_actions, shared_actions, lane_dialog: the status bar or the dialog
    "say": (0,),  # window_context: the status bar
    "setLabelsAsText": None,
}
MARKERS = {"tr", "translate", "ngettext", "_", "pgettext"}

# (file, literal): shown as it is in every language, with the reason
ALLOWED: set[tuple[str, str]] = {
    # the application's name, a proper name
    ("app.py", "steward_app"),
    ("window_start.py", "steward_app"),
    ("main_window.py", "f'steward_app {__version__}'"),
    ("main_window.py", "f'{vote.title} — steward_app {__version__}'"),
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _words(text: str) -> str:
    """What people read of a literal: markup (tags, attributes) left out."""
    return re.sub(r"<[^>]*>", "", text)


def _literals(node: ast.AST) -> list[ast.AST]:
    """The string literals with a letter in them under `node`, not inside a marker call."""
    found: list[ast.AST] = []
    if isinstance(node, ast.Call) and _name(node.func) in MARKERS:
        return found
    if isinstance(node, ast.Compare):  # compared with, not shown
        return found
    if isinstance(node, ast.JoinedStr):
        if any(
            isinstance(v, ast.Constant) and any(c.isalpha() for c in _words(str(v.value)))
            for v in node.values
        ):
            found.append(node)
        for v in node.values:
            if isinstance(v, ast.FormattedValue):
                found += _literals(v.value)
        return found
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if any(c.isalpha() for c in _words(node.value)):
            found.append(node)
        return found
    for child in ast.iter_child_nodes(node):
        found += _literals(child)
    return found


def unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if name not in SINKS:
            continue
        positions = SINKS[name]
        args = [a for i, a in enumerate(node.args) if positions is None or i in positions] + [
            k.value for k in node.keywords if k.arg in ("text", "title", "toolTip")
        ]
        for arg in args:
            for literal in _literals(arg):
                text = literal.value if isinstance(literal, ast.Constant) else ast.unparse(literal)
                if (path.name, text) in ALLOWED:
                    continue
                problems.append(f"{path.name}:{literal.lineno}: {name}({text!r})")
    return problems


def test_every_shown_literal_is_marked_for_translation() -> None:
    problems = [p for path in sorted(UI.glob("*.py")) for p in unmarked(path)]
    assert problems == [], "not inside tr()/translate():\n" + "\n".join(problems)


def test_the_check_finds_an_unmarked_label(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "box.setToolTip('A tip')\n"
        "box.setText(self.tr('Marked'))\n"
        "QMessageBox.warning(self, 'Title', f'{n} left')\n"
        "label = QLabel(tr('Fine {x}').format(x=n))\n",
        encoding="utf-8",
    )
    assert unmarked(sample) == [
        "sample.py:1: setToolTip('A tip')",
        "sample.py:3: warning('Title')",
        "sample.py:3: warning(\"f'{n} left'\")",
    ]


def noop_not_literal(path: Path) -> list[str]:
    """QT_TRANSLATE_NOOP calls whose context or text is not a literal: lupdate cannot see
    them, so the sentence would never reach the .ts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node.func) in ("QT_TRANSLATE_NOOP", "QT_TR_NOOP")
        and not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
    ]


def test_every_sentence_marked_for_later_is_a_literal_lupdate_sees() -> None:
    assert [p for path in sorted(UI.glob("*.py")) for p in noop_not_literal(path)] == []


def test_no_words_hide_in_a_default_argument() -> None:
    """A default such as label="&Reason" escapes tr(): defaults carry no words (a file name
    suggested to the save dialog is no sentence)."""
    found = []
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for default in [*node.args.defaults, *node.args.kw_defaults]:
                    if (
                        isinstance(default, ast.Constant)
                        and isinstance(default.value, str)
                        and any(c.isalpha() for c in default.value)
                        and (path.name, default.value) != ("print_actions.py", "report.pdf")
                    ):
                        found.append(f"{path.name}:{node.name}={default.value!r}")
    assert found == []
