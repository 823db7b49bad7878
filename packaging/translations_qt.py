"""The window's Qt translations: update the .ts from the sources, compile the .qm.

    .venv/bin/python packaging/translations_qt.py          # lupdate, then lrelease
    .venv/bin/python packaging/translations_qt.py --check  # lrelease into a temporary folder
                                                           # and compare (what the test does)

pyside6-lupdate reads every steward_app/ui/*.py for self.tr(), QCoreApplication.translate()
and QT_TRANSLATE_NOOP(); it keeps the translations already made and marks new sentences
unfinished. English, the source language, has a file too, with only the sentences that have
plural forms ("%n file(s)" -> "1 file", "2 files"; lupdate -pluralonly). Translate the
unfinished ones in steward_app/locale/qt/steward_app_<code>.ts (Qt Linguist,
pyside6-linguist, or a text editor), then run this again to compile the .qm the window loads.
Both files are committed, so a source checkout runs without this step (docs/translations.md).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "steward_app" / "ui"
QT_LOCALE = ROOT / "steward_app" / "locale" / "qt"
LANGUAGES = ("en", "es")
PLURAL_ONLY = ("en",)  # the source language: only the plural forms need writing


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python (the venv), else on the PATH."""
    folder = Path(sys.executable).parent
    for candidate in (folder / name, folder / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the dev dependencies (PySide6 brings it)")
    return found


def sources() -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted(UI.glob("*.py"))]


def ts_file(code: str) -> Path:
    return QT_LOCALE / f"steward_app_{code}.ts"


def lupdate(code: str, ts: Path) -> None:
    """Bring `ts` up to date with the sources (no obsolete entries kept)."""
    only = ["-pluralonly"] if code in PLURAL_ONLY else []
    subprocess.run(
        [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none", *only, *sources()]
        + ["-target-language", code, "-ts", str(ts)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, change nothing")
    args = parser.parse_args(argv)
    QT_LOCALE.mkdir(parents=True, exist_ok=True)
    stale = []
    for code in LANGUAGES:
        ts = ts_file(code)
        qm = ts.with_suffix(".qm")
        if args.check:
            with tempfile.TemporaryDirectory() as folder:
                fresh = Path(folder) / qm.name
                lrelease(ts, fresh)
                if not qm.exists() or fresh.read_bytes() != qm.read_bytes():
                    stale.append(str(qm.relative_to(ROOT)))
            continue
        lupdate(code, ts)
        lrelease(ts, qm)
        print(f"updated {ts.relative_to(ROOT)} and {qm.relative_to(ROOT)}")
    if stale:
        print("not compiled from its .ts: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
