"""A read command imports only what it uses: no backups, no signing identity, no cryptography,
and no TOML parser once the database keeps its setup parsed; a report's PDF, no file exchange
and no other report's module (docs/performance.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD

NOT_LOADED = (
    "cryptography",
    "steward_app.services.backups",
    "steward_app.services.identity",
    "steward_app.sync.keys",
    "tomllib",
)

# runs a command through the real entry point, then lists what it loaded
PROBE = """
import contextlib, io, json, sys
from steward_app.__main__ import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _loaded(tmp_path: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "STEWARD_APP_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    store = VoteStore(path)
    try:
        load_demo(store, STEWARD)
    finally:
        store.close()
    return path


@pytest.mark.parametrize(
    "command", [["standings"], ["standings", "--json"], ["units"], ["history"]]
)
def test_a_read_command_does_not_load_backups_identity_or_cryptography(
    tmp_path: Path, demo_db: Path, command: list[str]
) -> None:
    result = _loaded(tmp_path, "--db", str(demo_db), *command)
    assert result["status"] == 0 and result["out"]
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "steward_app.store.vote_store" in modules  # it did read the database
    assert not modules & set(NOT_LOADED)


def test_standings_loads_nothing_that_writes(tmp_path: Path, demo_db: Path) -> None:
    """`standings` reads the declarations without the services that make them (signing
    rights, authors, merges), and not the JSON's state code."""
    result = _loaded(tmp_path, "--db", str(demo_db), "standings")
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "steward_app.services.standings_cache" in modules
    writing = {
        "steward_app.services.declarations",
        "steward_app.services.authors",
        "steward_app.services.permissions",
        "steward_app.services.merge",
        "steward_app.services.counting",
        "steward_app.services.state_code",
        "steward_app.cli.vote_commands",
    }
    assert modules & writing == {"steward_app.cli.vote_commands"}


def test_building_the_parsers_imports_no_command(tmp_path: Path) -> None:
    """Every command and the window's start build all the parsers: that loads neither the
    database layer nor SQLAlchemy nor any command's handlers (cli.context.LazyHandler)."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys\n"
            "from steward_app.cli.main import build_parser\n"
            "args = build_parser().parse_args(['standings'])\n"
            "print(json.dumps([[args.handler.module, args.handler.name], sorted(sys.modules)]))",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    handler, modules = json.loads(done.stdout.splitlines()[-1])
    assert handler == ["steward_app.cli.vote_commands", "standings"]
    heavy = [
        m
        for m in modules
        if m.split(".")[0] in ("sqlalchemy", "cryptography")
        or m.startswith(("steward_app.domain.vote", "steward_app.cli.vote"))
        # the store's errors only (the command line catches them)
        or (m.startswith("steward_app.store.") and m != "steward_app.store.errors")
    ]
    assert heavy == []


def test_a_command_that_writes_still_backs_up_first(tmp_path: Path, demo_db: Path) -> None:
    result = _loaded(
        tmp_path, "--db", str(demo_db), "count", "afscme-np4-391", "--yes", "5", "--no", "3"
    )
    assert result["status"] == 0
    assert "steward_app.services.backups" in set(result["modules"])  # type: ignore[call-overload]
    assert list((demo_db.parent / "backups").glob("*.sqlite"))


# what `report coalition --pdf` has no use for: file exchange (the state code is read without
# it), the CSV writer and the other reports
NOT_LOADED_BY_A_PDF = (
    *NOT_LOADED,
    "steward_app.services.exchange",
    "steward_app.services.export",
    "steward_app.sync.bundle",
    "steward_app.reports.csv_export",
    "steward_app.reports.notice",
    "steward_app.reports.tally_sheet",
)


def test_a_coalition_pdf_imports_neither_file_exchange_nor_the_other_reports(
    tmp_path: Path, demo_db: Path
) -> None:
    pdf = tmp_path / "coalition.pdf"
    result = _loaded(tmp_path, "--db", str(demo_db), "report", "coalition", "--pdf", str(pdf))
    assert result["status"] == 0 and pdf.read_bytes().startswith(b"%PDF")
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "steward_app.reports.summary" in modules  # it did build the coalition summary
    assert "steward_app.services.state_code" in modules  # and printed the state code
    assert not modules & set(NOT_LOADED_BY_A_PDF)


@pytest.mark.parametrize(
    ("kind", "module"),
    [
        (["union", "afscme"], "steward_app.reports.notice"),
        (["tally-sheets"], "steward_app.reports.tally_sheet"),
    ],
)
def test_each_report_loads_its_own_module(
    tmp_path: Path, demo_db: Path, kind: list[str], module: str
) -> None:
    csv = tmp_path / "out.csv"
    result = _loaded(tmp_path, "--db", str(demo_db), "report", *kind, "--csv", str(csv))
    assert result["status"] == 0 and csv.stat().st_size > 0
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert module in modules
    assert "steward_app.reports.summary" not in modules
