"""`steward-app report ...` end to end through run([...])."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from tests.cli.test_cli import cli, demo_db  # noqa: F401  (the fixture)
from tests.reports.conftest import pdf_info, read_pdf


def test_each_report_to_pdf(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "c.pdf"
    code, said, err = cli(demo_db, "report", "coalition", "--pdf", str(out), "--page-size", "a4")
    assert code == EXIT_OK, err
    assert "PRACTICE · UNOFFICIAL" in said and "state code" in said
    fingerprint = said.rsplit("state code ", 1)[1].strip()
    # the code the PCs compare aloud (`steward-app state`, the status bar) is the one printed
    _, state, _ = cli(demo_db, "state")
    assert state.startswith(f"State {fingerprint} (")
    pdf = read_pdf(out)
    assert "(A4)" in pdf_info(out)["Page size"]
    assert f"page 1 of {len(pdf.pages)}" in pdf.pages[0]
    assert all(f"state code {fingerprint}" in p for p in pdf.pages)
    assert "PENDING · NOT DECIDED" in pdf.pages[0]

    out = tmp_path / "u.pdf"
    code, said, _ = cli(demo_db, "report", "union", "ceui-511", "--pdf", str(out), "--landscape")
    assert code == EXIT_OK
    width, _, height = pdf_info(out)["Page size"].split()[:3]
    assert float(width) > float(height)  # landscape (Letter or A4 by the locale)
    assert "REJECTED · DECIDED" in read_pdf(out).pages[0]

    out = tmp_path / "t.pdf"
    code, said, _ = cli(
        demo_db,
        "report",
        "tally-sheets",
        "aru-p5",
        "cspu-troopers",
        "--pdf",
        str(out),
        "--page-size",
        "letter",
    )
    assert code == EXIT_OK and "2 pages" in said
    pages = read_pdf(out).pages
    assert "aru-p5" in pages[0] and "cspu-troopers" in pages[1]


def test_csv_output(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "c.csv"
    code, _, _ = cli(demo_db, "report", "coalition", "--csv", str(out))
    assert code == EXIT_OK
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert ["report", "Coalition summary"] in rows
    assert any(r[:2] == ["afscme", "AFSCME Council 4"] for r in rows)
    out = tmp_path / "t.csv"
    code, _, _ = cli(demo_db, "report", "tally-sheets", "ceui-511-service", "--csv", str(out))
    assert code == EXIT_OK
    rows = list(csv.reader(out.open(encoding="utf-8-sig", newline="")))
    assert rows[1:] == [
        ["ceui-511-service", "hartford", "concessions", "", "", "", "", "", ""],
        ["ceui-511-service", "statewide-mail", "concessions", "", "", "", "", "", ""],
    ]


def test_refusals_and_usage_errors(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "x.pdf"
    code, _, err = cli(demo_db, "report", "union", "local-99", "--pdf", str(out))
    assert code == EXIT_REFUSED and 'no union "local-99"' in err and not out.exists()
    code, _, err = cli(demo_db, "report", "tally-sheets", "afscme-p2", "nope", "--pdf", str(out))
    assert code == EXIT_REFUSED and 'no unit "nope"' in err
    code, _, err = cli(demo_db, "report", "coalition", "--pdf", str(tmp_path / "no" / "x.pdf"))
    assert code == EXIT_REFUSED and "cannot write" in err
    code, _, err = cli(demo_db, "report", "coalition")
    assert code == EXIT_USAGE and "--pdf" in err
    code, _, _ = cli(demo_db, "report", "coalition", "--pdf", "a.pdf", "--csv", "a.csv")
    assert code == EXIT_USAGE
    code, _, _ = cli(demo_db, "report", "coalition", "--pdf", str(out), "--page-size", "legal")
    assert code == EXIT_USAGE
    code, _, _ = cli(demo_db, "report")
    assert code == EXIT_USAGE
    code, _, err = cli(tmp_path / "empty.sqlite", "report", "coalition", "--pdf", str(out))
    assert code == EXIT_REFUSED and "steward-app init" in err


def test_other_commands_do_not_load_qt(demo_db: Path) -> None:  # noqa: F811
    script = (
        "import io, sys\n"
        "from steward_app.cli.main import run\n"
        f"code = run(['--db', {str(demo_db)!r}, 'standings'], io.StringIO(), io.StringIO())\n"
        "print(code, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["0", "False"]


def test_report_as_a_process_without_a_display(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "p.pdf"
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "steward_app",
            "--db",
            str(demo_db),
            "report",
            "union",
            "afscme",
            "--pdf",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "AFSCME Council 4" in read_pdf(out).pages[0]
