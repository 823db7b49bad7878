"""Keys, not names: who signed an entry is shown by its key's fingerprint beside the names it
carries, a name the coordinator's list gives that key otherwise is flagged, and an override
(a count replacing another key's) is always shown as one."""

from __future__ import annotations

import io
from pathlib import Path

from steward_app.cli.main import EXIT_OK, run
from steward_app.domain.entries import EntryKey, EntryType
from steward_app.domain.identity import fingerprint
from steward_app.reports.document import Table
from steward_app.reports.summary import coalition_summary
from steward_app.services.authors import Author
from steward_app.services.conflicts import list_conflicts
from steward_app.services.counting import current_counts
from steward_app.services.overrides import list_overrides
from steward_app.services.roster import my_key, roster_lines
from tests.sync.helpers import PC, SLOTS, setup_text
from tests.sync.test_forgeries import count_body, forge

A2, B1 = SLOTS[2], SLOTS[3]


def cli_of(pc: PC, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    code = run(
        ["--db", str(pc.path), "--steward", pc.author.steward, "--pc", pc.author.pc, *args],
        out,
        err,
    )
    assert code == EXIT_OK, err.getvalue()
    return out.getvalue()


def test_a_name_the_list_gives_another_key_is_flagged_everywhere(
    tmp_path: Path, template: Path
) -> None:
    coord, other = PC(tmp_path, "coord", template), PC(tmp_path, "other", template)
    text = setup_text(
        coordinator=coord.key(), stewards=[(other.key(), "steward other, hall PC", "all")]
    )
    coord.create(text)
    coord.record(A2, 6, 3)
    other.take(coord.export())
    # a modified app on the other PC signs with its own key but the coordinator's names
    posing = Author("steward coord", "PC coord")
    forge(other, EntryType.COUNT_ENTERED, EntryKey.count(A2), count_body(2, 7), author=posing)
    report = coord.take(other.export())
    fp = fingerprint(my_key(other.store, other.author).origin)
    history = cli_of(coord, "history", "a2")
    line = next(x for x in history.splitlines() if "2 yes 7 no" in x)
    assert f"steward coord on PC coord ({fp})" in line
    assert f"signed by key {fp}, which the list names 'steward other, hall PC'" in line
    (conflict,) = list_conflicts(coord.store)
    flagged = [h for h in conflict.heads if fp in h.flag]
    assert len(flagged) == 1 and flagged[0].values.yes == 2
    assert "[!" in cli_of(coord, "conflicts")
    assert fp in report.exporter  # the import line names the exporter's key
    _, lines = roster_lines(coord.store)
    (listed,) = [x for x in lines if x.role == "steward"]
    assert listed.fingerprint == fp and listed.seen_as == "steward coord on PC coord"
    assert "[! this key signs as steward coord on PC coord]" in cli_of(coord, "keys", "list")
    coord.close()
    other.close()


def test_an_override_is_shown_in_history_window_text_and_printed_summary(
    tmp_path: Path, template: Path
) -> None:
    coord, other = PC(tmp_path, "coord", template), PC(tmp_path, "other", template)
    coord.create(setup_text())
    coord.record(A2, 6, 3)
    other.take(coord.export())
    assert other.record(A2, 9, 0, correct=True) is not None  # "union" (default): allowed
    coord.take(other.export())
    theirs = fingerprint(my_key(other.store, other.author).origin)
    mine = fingerprint(my_key(coord.store, coord.author).origin)
    history = cli_of(coord, "history", "a2")
    line = next(x for x in history.splitlines() if "count.corrected" in x)
    assert "OVERRIDE" in line and theirs in line and mine in line
    (override,) = list_overrides(coord.store)
    assert theirs in override.by and mine in override.replaced[0]
    (shown,) = current_counts(coord.store, "a2")
    assert shown.fingerprint == theirs and mine in shown.replaced
    from tests.reports.conftest import report_data

    data = report_data(coord.store)
    doc = coalition_summary(type(data)(**{**data.__dict__, "overrides": [override]}))
    table = next(b for b in doc.blocks if isinstance(b, Table) and b.title == "Overrides")
    assert theirs in table.rows[0].cells[1] and mine in table.rows[0].cells[2]
    assert "Overrides" not in [
        b.title for b in coalition_summary(data).blocks if isinstance(b, Table)
    ]
    coord.close()
    other.close()


def test_init_of_an_official_vote_with_no_stewards_listed_warns(tmp_path: Path) -> None:
    setup = tmp_path / "setup.toml"
    for mode, warned in (("official", True), ("practice", False)):
        setup.write_text(setup_text(mode=mode))
        out, err = io.StringIO(), io.StringIO()
        db = tmp_path / mode / "v.sqlite"
        code = run(["--db", str(db), "--steward", "c", "--pc", "p", "init", str(setup)], out, err)
        assert code == EXIT_OK
        text = out.getvalue()
        assert ("every PC's counts count" in text) is warned
        assert "[[stewards]]" in text or not warned
        assert "now names this PC's key" in text
