"""An import reads its entries twice and writes them a part at a time (sync.arrivals.Incoming,
services.import_run): whatever the size of the parts, the database ends exactly as one import
of them all at once leaves it, row for row. A file listing its lines in another order than
every version writes them is refused."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from steward_app.domain.entries import parse_entry
from steward_app.domain.identity import fingerprint
from steward_app.services import exchange, import_run
from steward_app.services.identity import signer_for
from steward_app.sync import arrivals, bundle
from steward_app.sync.errors import ImportRefused, Refusal
from tests.small_vote import setup_text
from tests.sync.helpers import PC
from tests.sync.test_arrival_counts import _evening

NOW = "2025-05-01T21:00:00-04:00"
TABLES = (
    "SELECT * FROM entries ORDER BY id",
    "SELECT target, by_entry, key_id FROM supersessions ORDER BY target, by_entry",
    "SELECT * FROM slots ORDER BY key_id",
    "SELECT * FROM entry_keys ORDER BY id",
    "SELECT origin, steward, pc, local, public_key FROM origins ORDER BY id",
    "SELECT vote, hash, origin, seq, type, raw, reason, detail, held_at, source "
    "FROM held_entries ORDER BY rowid",
    "SELECT hashes FROM import_entries ORDER BY hashes",
    "SELECT name, value FROM settings WHERE name NOT LIKE '%instance%' ORDER BY name",
)


def rows(pc: PC) -> list[list[tuple[object, ...]]]:
    with pc.store.reading() as conn:
        return [[tuple(r) for r in conn.exec_driver_sql(sql)] for sql in TABLES]


def copy(pc: PC, folder: Path, name: str) -> PC:
    """Another PC holding a copy of this one's database (its own key: no key file copied)."""
    folder.mkdir(parents=True, exist_ok=True)
    source, target = sqlite3.connect(pc.path), sqlite3.connect(folder / f"{name}.sqlite")
    with target:
        source.backup(target)
    source.close()
    target.close()
    return PC(folder, name)


@pytest.fixture(scope="module")
def evening(tmp_path_factory: pytest.TempPathFactory, template: Path) -> Iterator[list[PC]]:
    """Three PCs after an evening of counts, corrections, undos, redos, resolutions, declared
    outcomes and setup changes, files passed between them now and then."""
    folder = tmp_path_factory.mktemp("evening")
    pcs = [PC(folder, f"pc{i}", template) for i in range(3)]
    pcs[0].create(setup_text())
    pcs[0].join(pcs[1:])
    _evening(pcs, random.Random(3), 400)
    pcs[0].take(pcs[2].export())  # pc0 now holds more than pc1 does
    yield pcs
    for pc in pcs:
        pc.close()


def take(pc: PC, data: bytes, **kw: object) -> exchange.ImportReport:
    return exchange.import_bytes(pc.store, data, name="f.tally", clock=lambda: NOW, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [1, 3, 50])
def test_parts_of_any_size_leave_what_one_part_leaves(
    evening: list[PC], tmp_path: Path, template: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    data = evening[0].export()
    whole = [
        PC(tmp_path / "whole", "joining", template),
        copy(evening[1], tmp_path / "whole", "pc1"),
    ]
    parts = [
        PC(tmp_path / "parts", "joining", template),
        copy(evening[1], tmp_path / "parts", "pc1"),
    ]
    try:
        reports = [take(pc, data) for pc in whole]
        monkeypatch.setattr(import_run, "CHUNK", size)
        assert [take(pc, data) for pc in parts] == reports
        assert reports[0].outcome == "joined" and reports[1].outcome == "imported"
        assert reports[1].new + reports[1].superseded + reports[1].conflicting > 0
        assert reports[0].superseded > 0 and reports[0].conflicting > 0  # a real mix
        for a, b in zip(whole, parts, strict=True):
            assert rows(a) == rows(b)
    finally:
        for pc in [*whole, *parts]:
            pc.close()


def reordered(pc: PC, data: bytes, move: tuple[int, int]) -> tuple[bytes, list[bytes]]:
    """The same file signed again by its exporter (`pc`), line `move[0]` moved to `move[1]`;
    with its lines."""
    lines = list(bundle.open_file(data, None, None).read_lines())
    lines.insert(move[1], lines.pop(move[0]))
    return bundle.build(**_fields(pc, data), lines=lines), lines


@pytest.mark.parametrize(
    ("move", "at", "said"),
    [  # `at`: the first line out of order (0-based)
        ((5, 6), 6, "entry #{seq} of {key} comes after its entry #{last}"),
        ((-1, 1), 2, "the entries of {key} come after those of {last_key}"),
    ],
)
def test_a_file_listing_its_lines_out_of_order_is_refused_as_damaged_changing_nothing(
    evening: list[PC],
    tmp_path: Path,
    template: Path,
    move: tuple[int, int],
    at: int,
    said: str,
) -> None:
    """Every version writes a file's entries by origin then seq; a file listing them
    otherwise (made by another program) is refused, saying where, before anything is
    written: it is no longer read once per part (docs/sync-format.md, "Hostile files")."""
    data = evening[0].export()
    mixed, lines = reordered(evening[0], data, move)
    assert bundle.open_file(mixed, None, None).count == len(lines)  # signed as it is
    entry, before = parse_entry(lines[at]), parse_entry(lines[at - 1])
    assert (entry.origin == before.origin) == (move == (5, 6))  # each case as it says
    expected = said.format(
        seq=entry.seq,
        key=fingerprint(entry.origin),
        last=before.seq,
        last_key=fingerprint(before.origin),
    )
    pc = PC(tmp_path, "joining", template)
    try:
        with pytest.raises(ImportRefused) as refused:
            take(pc, mixed)
        assert refused.value.code is Refusal.DAMAGED
        assert str(refused.value) == (
            "The file is damaged: its entries are not listed in the order steward-app "
            f"writes them, each key's together and by number (line {at + 1}: {expected}). "
            "Get a fresh copy from the steward who exported it."
        )
        assert rows(pc) == [[] for _ in TABLES]  # nothing written
        assert take(pc, data).outcome == "joined"  # the file as exported
    finally:
        pc.close()


def test_a_file_out_of_order_is_refused_by_a_pc_holding_part_of_it(
    evening: list[PC], tmp_path: Path
) -> None:
    """The order is checked on the lines a PC does not hold yet (the others are not read)."""
    data = evening[0].export()
    lines = list(bundle.open_file(data, None, None).read_lines())
    backwards = bundle.build(**_fields(evening[0], data), lines=lines[::-1])
    pc = copy(evening[1], tmp_path, "pc1")
    try:
        kept = rows(pc)
        with pytest.raises(ImportRefused) as refused:
            take(pc, backwards)
        assert refused.value.code is Refusal.DAMAGED
        assert "not listed in the order steward-app writes them" in str(refused.value)
        assert rows(pc) == kept
        report = take(pc, data)  # the file as exported
        assert report.outcome == "imported" and report.known > 0
    finally:
        pc.close()


def test_a_broken_chain_is_refused(evening: list[PC], tmp_path: Path, template: Path) -> None:
    data = evening[0].export()
    lines = list(bundle.open_file(data, None, None).read_lines())
    middle = len(lines) // 2  # an entry in the middle of its chain: the next one follows nothing
    broken = bundle.build(  # signed again by its exporter, one line left out
        **_fields(evening[0], data), lines=[x for i, x in enumerate(lines) if i != middle]
    )
    pc = PC(tmp_path, "r", template)
    try:
        with pytest.raises(ImportRefused) as refused:
            take(pc, broken)
        assert "do not follow on from one another" in str(refused.value)
        assert rows(pc)[0] == []  # nothing written
    finally:
        pc.close()


def _fields(pc: PC, data: bytes) -> dict[str, Any]:
    m = bundle.open_file(data, None, None).manifest
    with pc.store.reading() as conn:
        signer = signer_for(conn, m.exporter.steward, m.exporter.pc)
    return {
        "vote": m.vote,
        "title": m.title,
        "mode": m.mode,
        "exporter": signer,
        "steward": m.exporter.steward,
        "pc": m.exporter.pc,
        "created": m.created,
        "checkpoints": list(m.checkpoints.values()),
        "state_code": m.state_code,
    }


def test_parts_are_cut_by_bytes_too(evening: list[PC]) -> None:
    data = evening[0].export()
    opened = bundle.open_file(data, None, None)
    incoming = arrivals.new_entries(opened, lambda ids: ([], 0), lambda origins: {})
    parts = list(incoming.chunks(10_000, budget=2_000))
    assert len(parts) > 1 and all(sum(len(e.raw) for e in p[:-1]) < 2_000 for p in parts)
    assert [e.id for p in parts for e in p] == [e.id for p in incoming.chunks(10_000) for e in p]


def test_the_file_names_the_origin_of_its_own_entries_only(evening: list[PC]) -> None:
    opened = bundle.open_file(evening[0].export(), None, None)
    incoming = arrivals.new_entries(opened, lambda ids: ([], 0), lambda origins: {})
    entries = [e for p in incoming.chunks(10_000) for e in p]
    assert incoming.origins_of(e.id for e in entries) == {e.id: e.origin for e in entries}
    same_prefix = entries[0].id[:16] + "0" * 48  # the first 8 bytes of a real id, then others
    assert incoming.origins_of([same_prefix, "ab" * 32]) == {}
