"""The translation catalogues and the code that speaks (docs/translations.md).

Two kinds of check:
- the catalogue: every sentence the code marks is in each .po, translated, not fuzzy, with
  the same {placeholders}, and the committed .mo is what compiling the .po gives;
- the code: a sentence a person reads (printed, raised to the user, put on a report, shown as
  command-line help) is marked for translation, found by walking the code's syntax trees.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402  (packaging/translations.py, the catalogue tool)

PACKAGE = ROOT / "steward_app"

# --- the catalogue -----------------------------------------------------------------------------


def test_every_marked_sentence_is_translated_and_the_mo_is_compiled() -> None:
    assert translations.languages() == ["es"]
    assert translations.problems() == []


def test_the_check_finds_a_sentence_missing_from_the_catalogue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check is not vacuous: a sentence added to the code and not to the .po is found."""
    real = translations.template

    def with_new_sentence() -> translations.Catalog:
        catalog = real()
        catalog.add("a sentence no translator has seen", None, [("steward_app/x.py", 1)])
        return catalog

    monkeypatch.setattr(translations, "template", with_new_sentence)
    assert any("a sentence no translator has seen" in p for p in translations.problems())


def test_a_placeholder_lost_in_translation_is_found() -> None:
    found = translations._placeholder_problems("es", "{yes} yes to {no} no", "{yes} sí")
    assert found and "no" in found[0]
    plural = translations._placeholder_problems(
        "es", ("{count} unit", "{count} units"), ("una unidad", "{count} unidades")
    )
    assert plural == []  # a singular may say "one" in words


# --- the code ----------------------------------------------------------------------------------

# Where people read what the code says: the command line, the reports, the domain's sentences.
SPEAKING_FILES = sorted(
    [
        *(PACKAGE / "cli").glob("*.py"),
        *(PACKAGE / "reports").glob("*.py"),
        *(PACKAGE / "services").glob("*.py"),
        # (schema.py's Table() and Column() are SQLAlchemy's: names, not words)
        *(p for p in (PACKAGE / "store").glob("*.py") if p.name != "schema.py"),
        *(PACKAGE / "sync").glob("*.py"),
        *(PACKAGE / "domain").glob("chart_data.py"),  # moved there from services (issue 14)
    ]
    + [
        PACKAGE / "domain" / name
        for name in (
            "wording.py",
            "standings.py",
            "union_reasons.py",
            "coalition.py",
            "coalition_tests.py",
            "agreements.py",
            "rules.py",
            "threshold.py",
            "language.py",
            "checks.py",
            "declared.py",
            "identity.py",
            "setup_file.py",
            "setup_reader.py",
            "setup_questions.py",
            "setup_roster.py",
            "setup_rules.py",
            "setup_tallies.py",
            # the reasons an import holds an entry apart, and why an entry cannot be read
            "authority.py",
            "entry_checks.py",
            "declaration_checks.py",
            "entries.py",
            "entry_codec.py",
        )
    ]
)

# Calls whose text argument a person reads: output, errors raised to the user, report blocks,
# command-line help. (name of the function or class called -> which arguments are text)
SPEAKING_CALLS: dict[str, tuple[int | str, ...]] = {
    "print": (0,),
    "say": (0,),
    "Refused": (0,),
    "NotInVote": (0,),
    "RenderError": (0,),
    "FontMissing": (0,),
    "ValueError": (0,),
    "Problem": (3, "message"),  # a check's message, with its code
    "NoVote": (0,),
    "StoreError": (0,),
    "NetworkShareError": (0,),
    "OlderSchema": (0,),
    "ImportRefused": (1, "detail"),
    "KeyFileError": (0,),
    "ProtectionError": (0,),
    "EntryTooNew": (0,),
    "_error": (2,),  # a check's message (domain/checks.py)
    "error": (2,),  # a declaration's problem (domain/declaration_checks.py)
    "Held": (1, "detail"),  # why an entry is held apart (domain/authority.py)
    "problem": (1,),  # a setup file's mistake, with its key (domain/setup_reader.py)
    "get": (4,),  # what a setup key expects, said in its mistake ("missing; expected ...")
    "parsed": (3, "expected"),
    "_warning": (2,),
    "Heading": (0, "text"),
    "Paragraph": (0, "text"),
    "Banner": (0, 1),
    "Column": (0, "title"),
    "Table": (0, "title", "empty_text"),
    "Chart": (0,),
    "Bar": (0, 4, 6),  # a chart's title, threshold label, unit (chart_data)
    "Segment": (0,),
    "FillIn": (0,),
    "FillInField": (0, 1),
    "Signatures": (0,),
    "RunningTitle": (0,),
    "WatermarkOp": (0,),
    "TextOp": (4,),
    "page_header": (1,),
    "append": (0,),  # a line of output or of a reason, built up in a list
    "__init__": (0,),  # super().__init__(message) of an error the user reads
    "add_parser": ("help", "description"),
    "add_argument": ("help",),
    "add_subparsers": ("help", "description", "title"),
    "ArgumentParser": ("description", "epilog"),
    "_Parser": ("description", "epilog"),
}
MARKERS = {"_", "ngettext", "pgettext", "N_"}

# Words that are names, never translated: the program's, as it is typed and as it is called.
NAMES = ("steward-app", "steward_app")

# Files whose people-facing text is not marked yet, each with the reason. Keep it short: a
# file leaves the list when its sentences are marked (the test fails if a listed file has no
# unmarked text left, so the list cannot go stale).
NOT_YET_MARKED: dict[str, str] = {}

# Single places where a literal is right as it is, each with why.
ALLOWED: dict[tuple[str, str], str] = {
    ("steward_app/domain/coalition.py", "met"): "a test's state code; state_text says it",
    ("steward_app/domain/coalition.py", "failed"): "a test's state code; state_text says it",
    ("steward_app/domain/coalition.py", "open"): "a test's state code; state_text says it",
    ("steward_app/reports/cell_text.py", "yes"): "the CSV's value, locale-free (decided_raw)",
    ("steward_app/reports/cell_text.py", "no"): "the CSV's value, locale-free (decided_raw)",
    ("steward_app/reports/printing.py", "letter"): "a page size's code, not a word shown",
    ("steward_app/services/locations.py", "steward.sqlite"): "a file's name",
    ("steward_app/store/slot_refresh.py", "value"): "a slot's state as the database stores it",
    ("steward_app/domain/setup_file.py", "subgroup_of"): "a setup key, in a problem's path",
    ("steward_app/services/vote_setup.py", '[coordinator]\nkey = ""\nname = \n'): "setup text",
    (
        "steward_app/services/vote_setup.py",
        "\n\n# written by steward-app init: the key that created this vote coordinates it\n",
    ): "a comment in the setup's own text, the same bytes in every language",
    ("steward_app/cli/sync_commands.py", '[[stewards]]\nkey = ""\nname = ", "'): "TOML to paste",
    ("steward_app/cli/sync_commands.py", 'unions = ["..."]'): "TOML to paste in the setup",
    ("steward_app/domain/entry_codec.py", r'[^"\\\x00-\x1f]{0,'): "a regular expression",
    ("steward_app/domain/entry_codec.py", "count"): "an entry key's kind, as the file writes it",
}


@dataclass(frozen=True)
class Miss:
    path: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text!r}"


def _has_words(text: str) -> bool:
    """Whether a literal says something in a language (two letters in a row, not a name of
    a flag, a file or a placeholder alone)."""
    words = [w for w in text.replace("{", " {").split() if not w.startswith(("{", "-", *NAMES))]
    return any(sum(c.isalpha() for c in w) >= 2 for w in words)


def _literal_parts(node: ast.AST) -> Iterator[tuple[int, str]]:
    """The literal text in an expression, outside any call that marks it for translation."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name in MARKERS:
            return
        if name == "format" and isinstance(func, ast.Attribute):
            yield from _literal_parts(func.value)
        return  # another call's own arguments are checked where that call speaks, if it does
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.lineno, node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        yield node.lineno, text
    elif isinstance(node, ast.BinOp):
        yield from _literal_parts(node.left)
        yield from _literal_parts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _literal_parts(node.body)
        yield from _literal_parts(node.orelse)
    elif isinstance(node, ast.Tuple | ast.List):
        for element in node.elts:
            yield from _literal_parts(element)


def _spoken_arguments(call: ast.Call) -> Iterator[ast.AST]:
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    for which in SPEAKING_CALLS.get(name, ()):
        if isinstance(which, int):
            if which < len(call.args):
                yield call.args[which]
        else:
            yield from (k.value for k in call.keywords if k.arg == which)


def unmarked(path: Path) -> list[Miss]:
    """Literal words a person reads in this file that no `_()`/`ngettext()` marks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).as_posix()
    return [m for m in _misses(tree, rel) if (rel, m.text) not in ALLOWED]


def _misses(tree: ast.AST, name: str) -> list[Miss]:
    misses = []
    for node in ast.walk(tree):
        spoken: list[ast.AST] = []
        if isinstance(node, ast.Call):
            spoken += _spoken_arguments(node)
        elif isinstance(node, ast.Return) and node.value is not None:
            spoken.append(node.value)  # what a function that makes text gives back
        for argument in spoken:
            for line, text in _literal_parts(argument):
                if _has_words(text):
                    misses.append(Miss(name, line, text))
    return sorted(misses, key=lambda m: m.line)


def test_what_people_read_is_marked_for_translation() -> None:
    misses = [
        m
        for path in SPEAKING_FILES
        if path.relative_to(ROOT).as_posix() not in NOT_YET_MARKED
        for m in unmarked(path)
    ]
    assert misses == [], "mark these for translation (_(), ngettext):\n" + "\n".join(
        map(str, misses)
    )


def test_the_list_of_files_not_yet_marked_is_not_stale() -> None:
    for name in NOT_YET_MARKED:
        assert unmarked(ROOT / name), f"{name} has nothing unmarked left: take it off the list"


def test_the_walk_finds_what_it_is_meant_to(tmp_path: Path) -> None:
    """A miss of each kind is found; marked text, names and symbols are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(cli, n, Refused, Heading, Column, _, sub, Held, reason, error):\n"
        "    cli.say(f'Imported {n} rows')\n"
        "    raise Refused('cannot read the file')\n"
        "    Heading('Unit by unit')\n"
        "    Column(title='Members')\n"
        "    sub.add_parser('init', help='create the vote')\n"
        "    cli.say(_('Imported {n} rows').format(n=n))\n"
        "    cli.say(f'{n}: {n}')\n"
        "    Heading('–')\n"
        "    cli.say('  ' + _('marked'))\n"
        "    Held(reason, f'a setup of vote {n}')\n"
        "    error('E_X', 'union', 'names no union')\n",
        encoding="utf-8",
    )
    found = [m.text for m in unmarked_in(sample)]
    assert found == [
        "Imported  rows",
        "cannot read the file",
        "Unit by unit",
        "Members",
        "create the vote",
        "a setup of vote ",
        "names no union",
    ]


def unmarked_in(path: Path) -> list[Miss]:
    """`unmarked` for a file outside the repository (the walk's own test)."""
    return _misses(ast.parse(path.read_text(encoding="utf-8")), path.name)


def _format_mismatches(tree: ast.AST, name: str) -> list[str]:
    """`_("... {a} ...").format(b=...)`: placeholders the call does not fill, or fills and
    the sentence does not have (a KeyError only the path that says it would meet)."""
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Call)
        ):
            continue
        inner = node.func.value
        marker = inner.func.id if isinstance(inner.func, ast.Name) else ""
        texts = [
            a.value for a in inner.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        if marker not in MARKERS or not texts:
            continue
        if marker == "pgettext":
            texts = texts[1:]
        if marker == "ngettext":
            texts = texts[:2]
        wanted: set[str] = set()
        for text in texts:
            wanted |= set(re.findall(r"(?<!{){(\w+)}(?!})", text))
        given = {k.arg for k in node.keywords if k.arg}
        if any(k.arg is None for k in node.keywords):
            continue  # **fields: checked where they are made
        if wanted != given:
            found.append(f"{name}:{node.lineno}: {texts[0][:60]!r} wants {wanted}, gets {given}")
    return found


def test_every_sentence_gets_the_placeholders_it_names() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        found += _format_mismatches(ast.parse(path.read_text(encoding="utf-8")), rel)
    assert found == []


def test_the_placeholder_check_finds_a_wrong_name() -> None:
    tree = ast.parse("_('{size} bytes').format(data=1)\n_('{a} and {b}').format(a=1, b=2)")
    assert len(_format_mismatches(tree, "x")) == 1
