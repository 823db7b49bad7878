"""Two honest PCs and a hostile one exchanging files in random orders. The hostile PC holds a
real key (listed for union b) and a modified app: it signs counts under other stewards' names,
for units its key may not report, out of bounds, for units the setup does not have; it
re-signs honest counts as its own, undoes and overrides honest counts, declares outcomes no
steward can, signs setups and setup changes as if it coordinated the vote, accepts its own
held entries, and sends old files again. Whatever it does: the honest PCs' standings always
equal the reference over the honest entries they hold, none of its entries is ever applied on
an honest PC, and after a last round of files every one of them is held there, and both
honest PCs hold the same entries and standings."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import (
    ACCEPT_KEY,
    SETUP_KEY,
    Entry,
    EntryKey,
    EntryType,
    KeyKind,
)
from steward_app.services.authors import Author
from steward_app.services.roster import held_entries, my_key
from steward_app.store.vote_store import VoteStore
from tests.store.test_projection import reference_reports
from tests.sync.helpers import PC, SLOTS, setup_text
from tests.sync.test_forgeries import count_body, forge

HONEST = (0, 1)  # 0 coordinates, 1 reports for every union
HOSTILE = 2  # listed for union b only
B1 = SLOTS[3]
HOSTILE_KINDS = (
    "forged name",
    "not its union",
    "out of bounds",
    "unknown unit",
    "re-signed",
    "undo of another's",
    "override",
    "bad outcome",
    "coalition outcome",
    "setup change",
    "setup copy",
    "self acceptance",
)


@cache
def _template() -> Path:
    path = Path(tempfile.mkdtemp(prefix="steward-template-")) / "empty.sqlite"
    VoteStore(path).close()
    return path


class Hostile(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="steward-hostile-"))
        self.pcs = [PC(self.folder, f"pc{i}", _template()) for i in range(3)]
        self.origins = [my_key(pc.store, pc.author).origin for pc in self.pcs]
        self.honest: dict[str, Entry] = {}  # every entry an honest PC signed
        self.hostile: dict[str, Entry] = {}  # every entry the hostile PC signed
        self.old_files: list[bytes] = []

    @initialize()
    def open_the_vote(self) -> None:
        keys = [pc.key() for pc in self.pcs]
        text = setup_text(
            coordinator=keys[0],
            stewards=[(keys[1], "steward pc1, PC pc1", "all"), (keys[2], "steward pc2", ["b"])],
        ).replace('mode = "official"', 'mode = "official"\noverrides = "coordinator"')
        self.pcs[0].create(text)
        self.setup_text = text
        opening = self.pcs[0].export()
        for pc in self.pcs[1:]:
            assert pc.take(opening).outcome == "joined"
        self._collect()

    def _collect(self) -> None:
        for i, pc in enumerate(self.pcs):
            for e in pc.entries():
                if e.origin == self.origins[i]:
                    (self.hostile if i == HOSTILE else self.honest)[e.id] = e

    # --- the honest PCs -------------------------------------------------------------------

    @rule(
        pc=st.sampled_from(HONEST),
        slot=st.sampled_from(SLOTS[1:]),
        yes=st.integers(0, 3),
        correct=st.booleans(),
    )
    def enter(self, pc: int, slot: SlotKey, yes: int, correct: bool) -> None:
        self.pcs[pc].record(slot, yes, 1, correct=correct)
        self._collect()

    @rule(source=st.integers(0, 2), to=st.integers(0, 2))
    def exchange(self, source: int, to: int) -> None:
        if source == to:
            return
        data = self.pcs[source].export()
        self.old_files.append(data)
        self.pcs[to].take(data)
        self._collect()

    @rule(to=st.sampled_from(HONEST), data=st.data())
    def replay(self, to: int, data: st.DataObject) -> None:
        """An old file sent again (by anyone): nothing changes, or it brings what it held."""
        if self.old_files:
            self.pcs[to].take(data.draw(st.sampled_from(self.old_files)))

    # --- the hostile PC -------------------------------------------------------------------

    @rule(kind=st.sampled_from(HOSTILE_KINDS), data=st.data())
    def attack(self, kind: str, data: st.DataObject) -> None:
        pc = self.pcs[HOSTILE]
        honest_counts = [
            e for e in pc.entries() if e.type.has_numbers and e.origin != self.origins[HOSTILE]
        ]
        coalition = EntryKey(KeyKind.DECLARED.value, "q", "", "")
        if kind == "forged name":
            posing = Author("steward pc1", "PC pc1")
            forge(
                pc, EntryType.COUNT_ENTERED, EntryKey.count(SLOTS[2]), count_body(9), author=posing
            )
        elif kind == "not its union":
            forge(pc, EntryType.COUNT_ENTERED, EntryKey.count(SLOTS[0]), count_body(2))
        elif kind == "out of bounds":
            yes = data.draw(st.sampled_from([10_000_001, 999_999_999_999_999]))
            forge(pc, EntryType.COUNT_ENTERED, EntryKey.count(B1), count_body(yes))
        elif kind == "unknown unit":
            forge(pc, EntryType.COUNT_ENTERED, EntryKey.count(SlotKey("q", "zz")), count_body(1))
        elif kind == "re-signed" and honest_counts:
            e = data.draw(st.sampled_from(honest_counts))
            if e.key.unit != B1.unit:  # a copy of an honest count, as its own, elsewhere
                forge(pc, EntryType.COUNT_ENTERED, e.key, dict(e.body))
            else:  # in its union: as a correction of the honest one
                forge(pc, EntryType.COUNT_CORRECTED, e.key, dict(e.body), (e.id,), "mine")
        elif kind == "undo of another's" and honest_counts:
            e = data.draw(st.sampled_from(honest_counts))
            forge(pc, EntryType.COUNT_RETRACTED, e.key, {}, (e.id,), "undone")
        elif kind == "override":
            theirs = [e for e in honest_counts if e.key.unit == B1.unit]
            if theirs:
                e = data.draw(st.sampled_from(theirs))
                forge(pc, EntryType.COUNT_CORRECTED, e.key, count_body(0, 9), (e.id,), "fix")
        elif kind == "bad outcome":
            key = EntryKey(KeyKind.DECLARED.value, "q", "b", "")
            forge(pc, EntryType.OUTCOME_DECLARED, key, {"outcome": "MAYBE", "note": ""})
        elif kind == "coalition outcome":
            forge(pc, EntryType.OUTCOME_DECLARED, coalition, {"outcome": "approved", "note": ""})
        elif kind == "setup change":
            current = [e for e in pc.entries() if e.type is EntryType.SETUP]
            lowered = self.setup_text.replace("min_unions = 2", "min_unions = 1")
            body = {"toml": lowered}
            forge(pc, EntryType.SETUP, SETUP_KEY, body, (current[-1].id,), "quorum")
        elif kind == "setup copy":
            forge(pc, EntryType.SETUP, SETUP_KEY, {"toml": self.setup_text})
        elif kind == "self acceptance" and self.hostile:
            ids = sorted(self.hostile)[:3]
            forge(pc, EntryType.ENTRIES_ACCEPTED, ACCEPT_KEY, {"entries": ids}, (), "ok")
        self._collect()

    # --- what must hold ---------------------------------------------------------------------

    @invariant()
    def honest_pcs_apply_only_honest_entries_and_match_the_reference(self) -> None:
        for i in HONEST:
            pc = self.pcs[i]
            applied = pc.entries()
            assert {e.id for e in applied} <= set(self.honest)
            vote = pc.store.vote()
            assert vote is not None and vote.coalition_rule.min_unions == 2
            assert pc.reports() == reference_reports(vote, applied)

    def teardown(self) -> None:
        try:
            for _ in range(2):  # a last round: every PC's latest file to every other
                finals = [pc.export() for pc in self.pcs]
                for i in HONEST:
                    for j, data in enumerate(finals):
                        if i != j:
                            self.pcs[i].take(data)
            self._collect()
            codes = {self.pcs[i].state() for i in HONEST}
            assert len(codes) == 1, codes
            vote = self.pcs[0].store.vote()
            assert vote is not None
            expected = reference_reports(vote, list(self.honest.values()))
            for i in HONEST:
                pc = self.pcs[i]
                assert {e.id for e in pc.entries()} == set(self.honest)
                assert pc.reports() == expected
                held = {h.entry.id for h in held_entries(pc.store)}
                assert set(self.hostile) <= held, set(self.hostile) - held
        finally:
            for pc in self.pcs:
                pc.close()
            shutil.rmtree(self.folder, ignore_errors=True)


Hostile.TestCase.settings = settings(
    max_examples=8,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestHostile = Hostile.TestCase
