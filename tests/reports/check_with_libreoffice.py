"""Open the CSV exports with LibreOffice Calc, as a steward would, in an English and a German
locale, and say what came back (docs/exports.md, "Checked with real programs").

    .venv/bin/python -m tests.reports.check_with_libreoffice

A manual check, not a test: it needs LibreOffice (`apt-get install libreoffice-calc-nogui`)
and the en_US.UTF-8 and de_DE.UTF-8 locales, which CI does not have. For each locale it:

1. writes the coalition summary, a union notice and the tally-sheet template of a vote whose
   names and notes try to run as formulas (a union named `=1+2`, a unit named
   `=HYPERLINK(...)`, a steward named `+cmd|...`, a declared note `-2+3+cmd|...`);
2. opens each CSV in Calc with formulas evaluated (the Text Import dialog's "Evaluate
   formulas") and reads the saved spreadsheet back: every cell that is a number in the CSV
   must be a number, every other cell the same text, and no cell a formula;
3. fills two rows of the template, lets Calc save it as CSV (with `;` in the German locale,
   `,` in the English one) and imports that file with `steward-app import-counts`.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from steward_app.cli.main import run
from steward_app.services.vote_setup import demo_setup_text

LOCALES = {"en_US": ",", "de_DE": ";"}
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
TABLE, OFFICE = "{" + NS["table"] + "}", "{" + NS["office"] + "}"
# separator, quote, charset (76: UTF-8), first line, column formats, language (0: the
# locale's), quoted as text, special numbers, -, -, trim spaces, sheet, evaluate formulas
IMPORT = "CSV:44,34,76,1,,0,false,false,false,false,false,-1,true"


def cli(db: Path, *args: str) -> str:
    out = io.StringIO()
    code = run(["--db", str(db), *args], out, out)
    if code:
        raise SystemExit(f"steward-app {' '.join(args)}: exit {code}\n{out.getvalue()}")
    return out.getvalue()


def hostile_vote(folder: Path) -> Path:
    setup = folder / "setup.toml"
    setup.write_text(
        demo_setup_text()
        .replace('name = "AFSCME Council 4"', 'name = "=1+2"')
        .replace(
            'name = "P-2 Human and Social Services"',
            'name = "=HYPERLINK(\\"http://example.invalid\\",\\"click\\")"',
        )
        .replace('name = "NP-2 Maintenance and Service"', 'name = "Agrícolas · Ünité -5"'),
        encoding="utf-8",
    )
    db = folder / "vote.sqlite"
    cli(db, "--steward", "a steward", "--pc", "hall PC", "init", str(setup))
    planter = ["--steward=+cmd|' /C calc'!A0", "--pc=@evil PC"]
    cli(db, *planter, "count", "afscme-p2", "--yes", "1420", "--no", "1570", "--final")
    cli(db, *planter, "declare", "approved", "--note", "-2+3+cmd|' /C calc'!A0")
    return db


def soffice(locale: str, profile: Path, *args: str) -> None:
    env = {**os.environ, "LC_ALL": f"{locale}.UTF-8", "LANG": f"{locale}.UTF-8"}
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )


def ods_cells(path: Path) -> list[list[tuple[str, str, str | None]]]:
    """Each row's cells as (value type, value, formula)."""
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    sheet = root.find(".//table:table", NS)
    assert sheet is not None
    rows = []
    for row in sheet.findall("table:table-row", NS):
        cells: list[tuple[str, str, str | None]] = []
        for c in row:
            kind = c.get(OFFICE + "value-type") or ""
            text = "\n".join("".join(p.itertext()) for p in c.findall("text:p", NS))
            value = c.get(OFFICE + "value") or "" if kind == "float" else text
            repeat = min(int(c.get(TABLE + "number-columns-repeated", "1")), 64)
            cells += [(kind, value, c.get(TABLE + "formula"))] * repeat
        rows.append(cells)
    return rows


def compare(csv_path: Path, ods_path: Path) -> str:
    source = list(csv.reader(csv_path.open(encoding="utf-8-sig", newline="")))
    got = ods_cells(ods_path)
    numbers = texts = 0
    wrong = []
    for r, row in enumerate(source):
        for c, cell in enumerate(row):
            kind, value, formula = got[r][c] if c < len(got[r]) else ("", "", None)
            is_number = cell.lstrip("-").replace(".", "", 1).isdigit()
            if formula:
                wrong.append(f"row {r + 1} col {c + 1}: {cell!r} became the formula {formula}")
            elif not cell:
                continue
            elif is_number and kind == "float" and float(value) == float(cell):
                numbers += 1
            elif not is_number and kind == "string" and value == cell:
                texts += 1
            else:
                wrong.append(f"row {r + 1} col {c + 1}: {cell!r} came back as {kind} {value!r}")
    lines = [f"{numbers} numbers came back as numbers, {texts} texts intact, {len(wrong)} not"]
    return "\n      ".join(lines + wrong[:8] + (["..."] if len(wrong) > 8 else []))


def template_round_trip(db: Path, folder: Path, locale: str, profile: Path) -> str:
    template = folder / "template.csv"
    cli(db, "report", "tally-sheets", "--csv", str(template))
    rows = list(csv.reader(template.open(encoding="utf-8-sig", newline="")))
    fill = {"aft-ct-staff": ["2900", "1500", "600", "9", "0", "yes"]}
    fill["aru-p5"] = ["", "1000", "400", "6", "", "no"]
    filled = folder / "filled.csv"
    with filled.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(rows[0])
        w.writerows(r[:3] + fill.get(r[0], r[3:]) for r in rows[1:])
    soffice(locale, profile, "--convert-to", "ods", "--outdir", str(folder), str(filled))
    saved = folder / "saved"
    saved.mkdir()
    separator = ord(LOCALES[locale])
    out = f"csv:Text - txt - csv (StarCalc):{separator},34,76,1"
    soffice(
        locale, profile, "--convert-to", out, "--outdir", str(saved), str(folder / "filled.ods")
    )
    text = (saved / "filled.csv").read_text(encoding="utf-8")
    first = text.splitlines()[1]
    said = cli(db, "--steward", "a second steward", "--pc", "hall PC", "import-counts",
               str(saved / "filled.csv"), "--confirm-warnings")  # fmt: skip
    return f"Calc saved rows such as {first!r}; import-counts: " + " / ".join(said.splitlines())


def main() -> int:
    if shutil.which("soffice") is None:
        print("LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for locale in LOCALES:
            folder = base / locale
            folder.mkdir()
            profile = base / f"profile-{locale}"
            db = hostile_vote(folder)
            print(f"== {locale}")
            for name, args in (
                ("coalition.csv", ("report", "coalition")),
                ("union.csv", ("report", "union", "afscme")),
                ("template.csv", ("report", "tally-sheets")),
            ):
                path = folder / name
                cli(db, *args, "--csv", str(path))
                soffice(locale, profile, "--infilter=" + IMPORT, "--convert-to", "ods",
                        "--outdir", str(folder), str(path))  # fmt: skip
                print(f"  {name}: {compare(path, path.with_suffix('.ods'))}")
            print(f"  template round trip: {template_round_trip(db, folder, locale, profile)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
