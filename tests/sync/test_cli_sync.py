"""The file exchange commands through run([...]): their output and exit status."""

from __future__ import annotations

import io
import re
from pathlib import Path

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from tests.sync.helpers import setup_text


def cli(db: Path, who: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", who, "--pc", f"{who}'s PC", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def ok(db: Path, who: str, *args: str) -> str:
    code, out, err = cli(db, who, *args)
    assert code == EXIT_OK, err
    return out


def key_of(db: Path, who: str) -> str:
    found = re.search(r"public key\s+(\S+)", ok(db, who, "keys", "show"))
    assert found is not None
    return found.group(1)


def test_keys_roster_held_entries_acceptance_and_setup_changes(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    coord, listed, unlisted = (tmp_path / n / "v.sqlite" for n in ("coord", "steward2", "steward3"))
    shown = ok(listed, "steward2", "keys", "show")
    assert "No vote yet" in shown and "[[stewards]]" in shown and "fingerprint" in shown
    setup = tmp_path / "setup.toml"
    setup.write_text(
        setup_text(
            coordinator=key_of(coord, "coord"),
            stewards=[(key_of(listed, "steward2"), "a steward", ["a"])],
        )
    )
    ok(coord, "coord", "init", str(setup))
    assert "coordinator's key" in ok(coord, "coord", "keys", "show")
    ok(coord, "coord", "export", str(share / "opening.tally"))
    for db, who in ((listed, "steward2"), (unlisted, "steward3")):
        ok(db, who, "import", str(share / "opening.tally"))
    assert "Listed by the coordinator as a steward, for a." in ok(
        listed, "steward2", "keys", "show"
    )
    assert "Not on the coordinator's list" in ok(unlisted, "steward3", "keys", "show")

    # the third steward is not listed: their count is kept but held; their file is refused,
    # or held with --hold
    out = ok(unlisted, "steward3", "count", "b1", "--yes", "4", "--no", "1")
    assert "held apart, not counted" in out
    assert "[unknown key]" in ok(unlisted, "steward3", "held")
    ok(unlisted, "steward3", "export", str(share / "steward3.tally"))
    code, _, err = cli(listed, "steward2", "import", str(share / "steward3.tally"))
    assert code == EXIT_REFUSED and "refused (unknown signer)" in err
    out = ok(coord, "coord", "import", "--hold", str(share / "steward3.tally"))
    assert "1 quarantined" in out
    held = ok(coord, "coord", "held")
    held_id = held.split()[0]
    code, _, err = cli(listed, "steward2", "accept", held_id, "--reason", "ok")
    assert code == EXIT_REFUSED
    assert "Accepted 1 held entry" in ok(
        coord, "coord", "accept", held_id, "--reason", "the third steward's tally sheet checked"
    )
    assert "No entries are held apart." in ok(coord, "coord", "held")
    listing = ok(coord, "coord", "keys", "list")
    assert "coordinator" in listing and "a steward" in listing and "not listed" in listing

    # listing the third steward's key is a setup change, signed by the coordinator, that
    # reaches every PC
    fingerprint = re.search(r"(\S+)\s+not listed", listing)
    assert fingerprint is not None
    out = ok(
        coord,
        "coord",
        "keys",
        "trust",
        fingerprint.group(1),
        "--unions",
        "b",
        "--name",
        "a third steward",
    )
    assert "Listed a third steward" in out
    changed = tmp_path / "changed.toml"
    changed.write_text(setup.read_text().replace("membership = 10\n", "membership = 11\n"))
    code, _, err = cli(listed, "steward2", "setup-change", str(changed), "--reason", "fix")
    assert code == EXIT_REFUSED and "only the coordinator" in err
    ok(coord, "coord", "export", str(share / "after.tally"))
    out = ok(unlisted, "steward3", "import", str(share / "after.tally"))
    assert "1 held entries applied" in out or "held entries applied" in out
    assert "Listed by the coordinator as a third steward" in ok(
        unlisted, "steward3", "keys", "show"
    )
    assert ok(unlisted, "steward3", "state") == ok(coord, "coord", "state")
    assert "No conflicts." in ok(unlisted, "steward3", "conflicts")


def test_import_of_nothing_and_commands_without_a_vote(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".half.tally.1a2b.partial").write_bytes(b"PK")
    db = tmp_path / "v.sqlite"
    code, _, err = cli(db, "x", "import", str(empty))
    assert code == EXIT_REFUSED and "no tally file" in err
    code, _, err = cli(db, "x", "state")
    assert code == EXIT_REFUSED and "init" in err
    code, _, err = cli(db, "x", "export", str(empty))
    assert code == EXIT_REFUSED and "init" in err
