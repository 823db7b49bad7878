"""Every command end to end through run([...]): output, exit status, and refusals that leave
the database file byte-for-byte unchanged."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, run
from steward_app.services.vote_setup import demo_setup_text


def cli(db: Path, *args: str, steward: str = "a steward") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", steward, "--pc", "hall PC", *args], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite"
    code, out, _ = cli(db, "demo")
    assert code == EXIT_OK and "Loaded the demo vote" in out
    return db


def unchanged(db: Path, *args: str) -> tuple[int, str]:
    """Run a command that must be refused; assert the file did not change at all."""
    before = db.read_bytes()
    code, _, err = cli(db, *args)
    assert db.read_bytes() == before
    return code, err


def test_init_from_a_setup_file_and_refuse_to_replace(tmp_path: Path) -> None:
    setup = tmp_path / "setup.toml"
    setup.write_text(demo_setup_text(), encoding="utf-8")
    db = tmp_path / "v.sqlite"
    code, out, _ = cli(db, "init", str(setup))
    assert code == EXIT_OK and "15 unions" in out
    code, err = unchanged(db, "init", str(setup))
    assert code == EXIT_REFUSED and "--replace" in err
    code, out, _ = cli(db, "init", str(setup), "--replace")
    assert code == EXIT_OK and "saved to" in out
    assert list((tmp_path / "backups").glob("v-before-replace-*.sqlite"))


def test_a_setup_with_mistakes_changes_nothing(demo_db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        demo_setup_text()
        .replace("eligible = 4000", "eligible = -4000")
        .replace('mode = "practice"', 'mode = "rehearsal"'),
        encoding="utf-8",
    )
    code, err = unchanged(demo_db, "init", str(bad), "--replace")
    assert code == EXIT_REFUSED
    assert "2 problems" in err
    assert "unions[1].units[1].eligible" in err and "vote.mode" in err
    assert "line " in err
    code, _, err = cli(tmp_path / "x.sqlite", "check-setup", str(bad))
    assert code == EXIT_REFUSED and "eligible" in err


def test_count_correct_confirm_conflict_and_history(demo_db: Path) -> None:
    args = ["afscme-np4-391", "--yes", "1340", "--no", "500", "--void", "4", "--final"]
    code, out, _ = cli(demo_db, "count", *args)
    assert code == EXIT_OK and "recorded" in out
    code, out, _ = cli(demo_db, "count", *args, steward="a second steward")
    assert code == EXIT_OK and "confirms" in out
    code, err = unchanged(demo_db, "count", "afscme-np4-391", "--yes", "1341", "--no", "500")
    assert code == EXIT_REFUSED and "E_ALREADY_ENTERED" in err
    code, out, _ = cli(
        demo_db,
        "correct",
        "afscme-np4-391",
        "--yes",
        "1341",
        "--no",
        "500",
        "--void",
        "4",
        "--final",
        "--reason",
        "one more yes in the mail tray",
    )
    assert code == EXIT_OK and "corrects" in out
    code, out, _ = cli(demo_db, "history", "afscme-np4-391")
    assert code == EXIT_OK
    lines = out.strip().splitlines()
    assert len(lines) == 3
    assert "by a steward on hall PC" in lines[0] and "superseded" in lines[0]
    assert "by a second steward on hall PC" in lines[1] and "superseded" in lines[1]
    assert "[current]" in lines[2] and "reason: one more yes in the mail tray" in lines[2]


def test_refused_counts_change_nothing_and_exit_1(demo_db: Path) -> None:
    for args, code_word in [
        (["count", "no-such-unit", "--yes", "1", "--no", "1"], "E_UNKNOWN_UNIT"),
        (["count", "afscme-np4-391", "--yes", "-3", "--no", "1"], "E_NEGATIVE"),
        (["count", "afscme-np4-391", "--yes", "12.5", "--no", "1"], "E_NOT_WHOLE_NUMBER"),
        (["count", "afscme-np4-391", "--yes", "1900", "--no", "100"], "W_TURNOUT_OVER_100"),
        (["count", "afscme-np4-391", "--yes", "0", "--no", "0"], "W_ALL_ZERO"),
        (["count", "ceui-511-service", "--yes", "1", "--no", "1"], "E_PART_REQUIRED"),
        (
            ["correct", "aft-ct-staff", "--yes", "1", "--no", "1", "--reason", "x"],
            "E_NOTHING_TO_CORRECT",
        ),
        (["declare", "ratified"], "E_UNKNOWN_OUTCOME"),
        (["history", "no-such-unit"], "no unit"),
    ]:
        code, err = unchanged(demo_db, *args)
        assert code == EXIT_REFUSED, args
        assert code_word in err, (args, err)


def test_usage_errors_exit_2(demo_db: Path) -> None:
    code, err = unchanged(demo_db, "count", "afscme-np4-391", "--yes", "1")
    assert code == EXIT_USAGE and "--no" in err
    code, _, err = cli(demo_db, "frobnicate")
    assert code == EXIT_USAGE


def test_import_counts_from_csv(demo_db: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "counts.csv"
    csv_file.write_text(
        "unit,part,yes,no,void,final\naft-ct-staff,,1500,600,9,yes\n"
        "seiu-1199-health,day-2,700,400,5,yes\n",
        encoding="utf-8",
    )
    code, out, _ = cli(demo_db, "import-counts", str(csv_file))
    assert code == EXIT_OK and "2 new" in out
    code, out, _ = cli(demo_db, "import-counts", str(csv_file))
    assert code == EXIT_OK and "0 new" in out and "2 already recorded" in out
    broken = tmp_path / "broken.csv"
    broken.write_text("unit,yes,no\naru-p5,10,x\ncspu-troopers,5,5\n", encoding="utf-8")
    code, err = unchanged(demo_db, "import-counts", str(broken))
    assert code == EXIT_REFUSED and "row 2" in err and "nothing was imported" in err
    code, err = unchanged(demo_db, "import-counts", str(tmp_path / "missing.csv"))
    assert code == EXIT_REFUSED and "cannot read" in err


def test_standings_text_and_json(demo_db: Path) -> None:
    code, out, _ = cli(demo_db, "standings")
    assert code == EXIT_OK
    assert "COALITION: PENDING" in out
    assert "needs 1,326 yes of the 1,850 still to vote (71.7%)" in out
    assert "REJECTED (DECIDED)" in out
    code, out, _ = cli(demo_db, "standings", "--json")
    data = json.loads(out)
    assert out == json.dumps(data, separators=(",", ":")) + "\n"  # compact, on one line
    assert data["schema_version"] == 2
    q = data["questions"][0]
    assert q["coalition"]["outcome"] == "pending"
    assert {t["kind"] for t in q["coalition"]["tests"]} == {"min_unions", "membership"}
    afscme = next(u for u in q["unions"] if u["id"] == "afscme")
    assert afscme["needed"]["yes_full_turnout"] == 1326
    assert afscme["numbers"]["margin"] == -800


def test_declared_outcome_shows_beside_the_computed_one(demo_db: Path) -> None:
    code, _, _ = cli(demo_db, "declare", "approved", "--note", "announced at the hall")
    assert code == EXIT_OK
    _, out, _ = cli(demo_db, "standings")
    assert "Declared by the coalition on concessions: APPROVED  (computed: pending)" in out
    _, out, _ = cli(demo_db, "standings", "--json")
    assert json.loads(out)["declared"][0]["outcome"] == "approved"


def test_commands_without_a_vote_explain_what_to_do(tmp_path: Path) -> None:
    code, _, err = cli(tmp_path / "empty.sqlite", "standings")
    assert code == EXIT_REFUSED and "steward-app init" in err


def test_units_lists_ids(demo_db: Path) -> None:
    code, out, _ = cli(demo_db, "units")
    assert code == EXIT_OK and "afscme-np4-391" in out and "parts: hartford, statewide-mail" in out


def test_the_installed_command_runs_as_a_process(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    done = subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(db), "demo"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "steward_app",
            "--db",
            str(db),
            "count",
            "nope",
            "--yes",
            "1",
            "--no",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "E_UNKNOWN_UNIT" in done.stderr and done.stdout == ""
