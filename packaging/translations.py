"""The gettext catalogues of the domain, the command line and the reports (docs/translations.md).

    .venv/bin/python packaging/translations.py update    # the code's sentences into every .po
    .venv/bin/python packaging/translations.py compile   # every .po to its .mo (committed)
    .venv/bin/python packaging/translations.py check     # what the tests check, as a command

`update` extracts every sentence marked with _, ngettext, pgettext or N_ from steward_app (the
window's own strings go through Qt's tools instead: steward_app/locale/qt), adds the new ones
to each language's .po with an empty translation, marks changed ones fuzzy and drops the ones
no longer in the code. A translator fills in the msgstr lines, then `compile` writes the .mo
that the app reads. Babel is a development dependency only: the app reads the .mo with the
standard library's gettext.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "steward_app"
LOCALE = PACKAGE / "locale"
DOMAIN = "steward_app"
# the window speaks through Qt's translations (tr()), not through these catalogues
SKIPPED = ("ui",)
KEYWORDS = {
    "_": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
}
COMMENT_TAGS = ("TRANSLATORS:",)


def languages() -> list[str]:
    return sorted(p.name for p in LOCALE.iterdir() if (p / "LC_MESSAGES").is_dir())


def po_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(code: str) -> Path:
    return LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def _extracted() -> Iterator[tuple[str, int, object, list[str], object]]:
    def wanted(path: str) -> bool:
        parts = Path(path).relative_to(PACKAGE).parts
        return parts[0] not in SKIPPED and path.endswith(".py")

    for filename, lineno, message, comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        if wanted(str(PACKAGE / filename)):
            yield filename, lineno, message, comments, context


def template() -> Catalog:
    """Every sentence the code marks, with where it is and its translator comments."""
    catalog = Catalog(project="steward-app", domain=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in _extracted():
        location = (f"steward_app/{Path(filename).as_posix()}", lineno)
        catalog.add(
            message,  # type: ignore[arg-type]
            None,
            [location],
            auto_comments=comments,
            context=context,  # type: ignore[arg-type]
        )
    return catalog


def read(code: str) -> Catalog:
    with po_path(code).open("rb") as f:
        return read_po(f, locale=code, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    for m in catalog:
        if m.id and not _percent_format(m.id):
            m.flags.discard("python-format")  # "% of members" is not a %-format
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=False, omit_header=False, include_previous=True)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def update() -> None:
    pot = template()
    for code in languages():
        catalog = read(code)
        catalog.update(pot, no_fuzzy_matching=False, update_header_comment=False)
        catalog.obsolete.clear()  # sentences gone from the code leave the catalogue
        po_path(code).write_bytes(po_bytes(catalog))
        print(f"{po_path(code).relative_to(ROOT)}: {len(catalog)} sentences")


def compile_all() -> None:
    for code in languages():
        mo_path(code).write_bytes(mo_bytes(read(code)))
        print(f"{mo_path(code).relative_to(ROOT)} written")


def problems() -> list[str]:
    """What is wrong with the catalogues: a sentence in the code but not in a .po, one not
    translated or fuzzy, a .mo that is not the compiled .po."""
    found: list[str] = []
    pot = template()
    wanted = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in pot if m.id}
    for code in languages():
        catalog = read(code)
        have = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
        for context, msgid in sorted(wanted - have, key=str):
            found.append(f"{code}: not in the catalogue: {msgid!r} (context {context!r})")
        for context, msgid in sorted(have - wanted, key=str):
            found.append(f"{code}: no longer in the code: {msgid!r} (context {context!r})")
        for m in catalog:
            if not m.id:
                continue
            if m.fuzzy:
                found.append(f"{code}: fuzzy: {m.id!r}")
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            if not all(strings):
                found.append(f"{code}: not translated: {m.id!r}")
        for m in catalog:
            if m.id:
                found += _placeholder_problems(code, m.id, m.string)
        for m, errors in catalog.check():
            # Babel reads "% of members" as a %-format; only argparse's sentences are one
            if _percent_format(m.id):
                found += [f"{code}: {m.id!r}: {e}" for e in errors]
        if not mo_path(code).is_file() or mo_path(code).read_bytes() != mo_bytes(catalog):
            found.append(f"{code}: {mo_path(code).name} is not the compiled .po; run compile")
    return found


def _percent_format(msgid: object) -> bool:
    ids = msgid if isinstance(msgid, tuple) else (msgid,)
    return any(re.search(r"%(\(\w+\))?[sdr]", str(i)) for i in ids)


def _names(text: str) -> set[str]:
    return set(re.findall(r"{(\w*)}", text))


def _placeholder_problems(code: str, msgid: object, msgstr: object) -> list[str]:
    """A translation must use the {named} placeholders of its sentence: none lost, none made up
    (a plural's singular may leave out the count, as "la unidad" for "1 unit")."""
    ids = msgid if isinstance(msgid, tuple) else (msgid,)
    strs = msgstr if isinstance(msgstr, tuple) else (msgstr,)
    wanted = set().union(*(_names(i) for i in ids))
    out = []
    for form, text in enumerate(strs):
        if not text:
            continue
        have = _names(text)
        if have - wanted:
            out.append(f"{code}: {ids[0]!r} form {form}: unknown placeholders {have - wanted}")
        lost = wanted - have
        if form > 0 or len(strs) == 1:
            if lost:
                out.append(f"{code}: {ids[0]!r} form {form}: placeholders left out {lost}")
        elif lost - {"count", "n"}:
            out.append(f"{code}: {ids[0]!r} form {form}: placeholders left out {lost}")
    return out


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
