"""Who may sign what (pure): keys and fingerprints, the setup in force, held entries, and
reading entries from other PCs."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steward_app.domain.authority import (
    Authority,
    HoldReason,
    hold_reason_text,
    legacy_coordinator,
    resolve_setups,
)
from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import (
    ACCEPT_KEY,
    GENESIS,
    SETUP_KEY,
    Entry,
    EntryKey,
    EntryTooNew,
    EntryType,
    make_entry,
    parse_entry,
    read_entry,
    values_body,
)
from steward_app.domain.entry_codec import read_canonical_count
from steward_app.domain.identity import (
    fingerprint,
    fingerprint_origin,
    key_bytes,
    key_text,
    origin_of,
)
from steward_app.domain.language import in_language
from steward_app.domain.setup_file import SetupError, parse_setup, setup_hash
from tests.domain.test_setup_file import BASE


def key(n: int) -> str:
    return key_text(hashlib.sha256(f"key {n}".encode()).digest())


def origin(n: int) -> str:
    return origin_of(key_bytes(key(n)))


def test_keys_and_fingerprints_read_back_however_they_are_typed() -> None:
    text = key(1)
    assert len(text) == 52
    assert key_text(key_bytes(text.lower())) == text
    grouped = " ".join(text[i : i + 4] for i in range(0, 52, 4))
    assert key_bytes(grouped) == key_bytes(text)
    assert len(origin(1)) == 16 and origin(1) != origin(2)
    shown = fingerprint(origin(1))
    assert shown.count("-") == 3 and fingerprint_origin(shown.lower()) == origin(1)
    for bad in ("", "not a key", text[:-4], text + "AAAA", text.replace(text[0], "1")):
        with pytest.raises(ValueError):
            key_bytes(bad)
    with pytest.raises(ValueError):
        fingerprint_origin("ABCD-EFGH")


# --- the roster in the setup --------------------------------------------------------------


def with_roster(coordinator: int | None, stewards: list[tuple[int, str]]) -> str:
    text = BASE
    if coordinator is not None:
        text += f'\n[coordinator]\nkey = "{key(coordinator)}"\nname = "Chair"\n'
    for n, unions in stewards:
        text += f'\n[[stewards]]\nkey = "{key(n)}"\nname = "steward {n}"\nunions = {unions}\n'
    return text


def test_the_setup_lists_the_coordinator_and_the_stewards_keys() -> None:
    vote = parse_setup(with_roster(0, [(1, '["alpha"]'), (2, '"all"')]))
    roster = vote.roster
    assert roster.coordinator_origin == origin(0) and roster.coordinator_name == "Chair"
    assert [s.name for s in roster.stewards] == ["steward 1", "steward 2"]
    assert roster.by_origin[origin(1)].may_report("alpha")
    assert not roster.by_origin[origin(1)].may_report("beta")
    assert roster.by_origin[origin(2)].may_report("beta")
    assert not roster.open and parse_setup(BASE).roster.open


@pytest.mark.parametrize(
    ("stewards", "says"),
    [
        ([(1, '["gamma"]')], "unions that do not exist"),
        ([(1, "[]")], "expected"),
        ([(1, '["alpha"]'), (1, '["beta"]')], "list a key once"),
        ([(0, '["alpha"]')], "coordinator's key"),
    ],
)
def test_mistakes_in_the_list_of_keys_are_reported(
    stewards: list[tuple[int, str]], says: str
) -> None:
    with pytest.raises(SetupError) as refused:
        parse_setup(with_roster(0, stewards))
    assert says in str(refused.value)


def test_a_key_that_is_not_a_key_is_reported_with_its_line() -> None:
    text = BASE + '\n[[stewards]]\nkey = "ABC"\nname = "x"\nunions = "all"\n'
    with pytest.raises(SetupError) as refused:
        parse_setup(text)
    (problem,) = refused.value.problems
    assert problem.key == "stewards[1].key" and problem.line is not None


# --- the setup in force -------------------------------------------------------------------


def entry(n: int, seq: int, kind: EntryType, key_: EntryKey, body: dict, **kw: object) -> Entry:
    return make_entry(
        vote=kw.pop("vote", VOTE),  # type: ignore[arg-type]
        type=kind,
        origin=origin(n),
        seq=seq,
        prev=GENESIS,
        key=key_,
        body=body,
        steward=f"steward {n}",
        pc=f"PC {n}",
        recorded_at="2025-05-01T20:00:00-04:00",
        **kw,  # type: ignore[arg-type]
    )


FIRST = with_roster(0, [(1, '["alpha"]')])
VOTE = setup_hash(FIRST)


def setup(n: int, text: str, supersedes: tuple[str, ...] = ()) -> Entry:
    return entry(n, 1, EntryType.SETUP, SETUP_KEY, {"toml": text}, supersedes=supersedes)


def test_the_first_setup_must_be_signed_by_the_coordinator_it_names() -> None:
    forged = setup(1, FIRST)
    chain = resolve_setups(VOTE, [forged])
    assert chain.current is None and chain.held[forged.id].reason is HoldReason.COORDINATOR_ONLY
    real = setup(0, FIRST)
    chain = resolve_setups(VOTE, [forged, real])
    assert chain.current == real and chain.coordinator == origin(0)


def test_setup_changes_follow_the_coordinator_in_any_order() -> None:
    first = setup(0, FIRST)
    changed = FIRST.replace("membership = 400", "membership = 450")
    change = setup(0, changed, (first.id,))
    rogue = setup(1, changed.replace("450", "999"), (first.id,))
    for order in ([first, change, rogue], [rogue, change, first], [change, first, rogue]):
        chain = resolve_setups(VOTE, order)
        assert chain.current == change
        assert chain.vote is not None and chain.vote.union_by_id["beta"].membership == 450
        assert chain.held[rogue.id].reason is HoldReason.COORDINATOR_ONLY
    orphan = resolve_setups(VOTE, [change])
    assert orphan.current is None and change.id in orphan.held


def test_a_change_may_hand_over_to_a_new_coordinator_but_not_change_the_vote() -> None:
    first = setup(0, FIRST)
    handover = setup(0, FIRST.replace(key(0), key(5)), (first.id,))
    by_new = setup(5, FIRST.replace(key(0), key(5)) + "\n# note\n", (handover.id,))
    chain = resolve_setups(VOTE, [first, handover, by_new])
    assert chain.current == by_new and chain.coordinator == origin(5)
    practice = setup(0, FIRST.replace('mode = "official"', 'mode = "practice"'), (first.id,))
    chain = resolve_setups(VOTE, [first, practice])
    assert chain.current == first and chain.held[practice.id].reason is HoldReason.BAD_SETUP


def test_a_first_setup_naming_no_coordinator_counts_only_for_the_pinned_key() -> None:
    """A vote made before the coordinator was bound into its id: whoever signs a copy of its
    setup, with whatever entry id, the coordinator stays the key pinned on this PC."""
    vote_id = setup_hash(BASE)
    real = setup(3, BASE)
    unpinned = resolve_setups(vote_id, [real])
    assert unpinned.current is None
    assert "--coordinator" in unpinned.held[real.id].detail
    copies = [entry(n, 1, EntryType.SETUP, SETUP_KEY, {"toml": BASE}) for n in range(4, 40)]
    assert min(c.id for c in copies) < real.id  # some copy sorts first: it used to win
    chain = resolve_setups(vote_id, [*copies, real], pinned=origin(3))
    assert chain.current == real and chain.coordinator == origin(3)
    for c in copies:
        assert chain.held[c.id].reason is HoldReason.COORDINATOR_ONLY
        assert fingerprint(c.origin) in chain.held[c.id].detail
    assert legacy_coordinator(vote_id, [*copies, real]) == min(copies, key=lambda e: e.id).origin
    assert legacy_coordinator(VOTE, [setup(0, FIRST)]) is None  # it names its coordinator


def test_a_copy_of_the_setup_signed_by_another_key_never_becomes_the_vote() -> None:
    real = setup(0, FIRST)
    copies = [entry(n, 1, EntryType.SETUP, SETUP_KEY, {"toml": FIRST}) for n in range(1, 30)]
    for pinned in (None, origin(7)):  # a pin never overrides the coordinator the text names
        chain = resolve_setups(VOTE, [*copies, real], pinned=pinned)
        assert chain.current == real and chain.coordinator == origin(0)
        assert all(chain.held[c.id].reason is HoldReason.COORDINATOR_ONLY for c in copies)


# --- held entries -------------------------------------------------------------------------


def count(n: int, unit: str, seq: int = 2) -> Entry:
    body = values_body(CountValues(5, 3))
    return entry(n, seq, EntryType.COUNT_ENTERED, EntryKey.count(SlotKey("main", unit)), body)


def authority(text: str = FIRST, accepted: frozenset[str] = frozenset()) -> Authority:
    return Authority(parse_setup(text), origin(0), accepted)


def test_counts_are_held_unless_the_key_may_report_that_union() -> None:
    a = authority()
    assert a.hold(count(1, "alpha-1")) is None
    not_allowed = a.hold(count(1, "beta-1"))
    assert not_allowed is not None and not_allowed.reason is HoldReason.NOT_ALLOWED
    assert '"beta"' in not_allowed.detail
    unknown = a.hold(count(7, "alpha-1"))
    assert unknown is not None and unknown.reason is HoldReason.UNKNOWN_KEY
    assert fingerprint(origin(7)) in unknown.detail
    assert a.hold(count(0, "beta-1")) is None  # the coordinator reports for every union
    missing = a.hold(count(1, "delta-9"))
    assert missing is not None and missing.reason is HoldReason.UNKNOWN_UNIT
    open_vote = Authority(parse_setup(BASE), origin(0))
    assert open_vote.hold(count(7, "beta-1")) is None


def test_acceptances_and_coalition_declarations_need_the_coordinator() -> None:
    a = authority()
    held = count(7, "alpha-1")
    accept = entry(1, 3, EntryType.ENTRIES_ACCEPTED, ACCEPT_KEY, {"entries": [held.id]})
    assert a.hold(accept).reason is HoldReason.COORDINATOR_ONLY  # type: ignore[union-attr]
    assert authority(accepted=frozenset({held.id})).hold(held) is None
    declared = entry(
        1,
        4,
        EntryType.OUTCOME_DECLARED,
        EntryKey("declared", "main", "", ""),
        {"outcome": "approved", "note": ""},
    )
    assert a.hold(declared).reason is HoldReason.COORDINATOR_ONLY  # type: ignore[union-attr]
    # with no list of stewards too: the coalition's outcome is the coordinator's to declare
    open_vote = Authority(parse_setup(BASE), origin(0))
    assert open_vote.hold(declared).reason is HoldReason.COORDINATOR_ONLY  # type: ignore[union-attr]
    by_coordinator = entry(0, 4, EntryType.OUTCOME_DECLARED, declared.key, dict(declared.body))
    assert open_vote.hold(by_coordinator) is None


def test_a_hold_says_why_in_the_language_spoken_when_it_is_judged() -> None:
    """The detail is made in the current language (and kept as made: the database stores it);
    the reason is a code, the same in every language, shown through hold_reason_text."""
    a = authority()
    english = a.hold(count(7, "alpha-1"))
    with in_language("es"):
        spanish = a.hold(count(7, "alpha-1"))
        spanish_label = hold_reason_text(HoldReason.UNKNOWN_KEY)
    assert english is not None and spanish is not None
    assert english.reason is spanish.reason is HoldReason.UNKNOWN_KEY  # the decision: the same
    assert english.detail.startswith("signed by a key the coordinator has not listed")
    assert spanish.detail.startswith("firmado por una clave que el coordinador no ha incluido")
    assert fingerprint(origin(7)) in spanish.detail  # the key and the names kept as they are
    assert hold_reason_text(HoldReason.UNKNOWN_KEY) == "unknown key" == HoldReason.UNKNOWN_KEY.value
    assert spanish_label == "clave desconocida"
    # every reason has a label of its own in Spanish, none left in English
    with in_language("es"):
        labels = {hold_reason_text(r) for r in HoldReason}
    assert len(labels) == len(HoldReason) and not labels & {r.value for r in HoldReason}
    # an entry's own checks (entry_checks, declaration_checks) speak the language too
    too_many = entry(
        1,
        2,
        EntryType.COUNT_ENTERED,
        EntryKey.count(SlotKey("main", "alpha-1")),
        values_body(CountValues(9, 3, 0, 0, 10)),
    )
    invalid = a.hold(too_many)
    with in_language("es"):
        invalido = a.hold(too_many)
    assert invalid is not None and invalido is not None
    assert invalid.reason is invalido.reason is HoldReason.INVALID
    assert invalid.detail.endswith("12 ballots but 10 eligible on the same count")
    assert invalido.detail.startswith("un registro count.entered para alpha-1 (main) por ")
    assert invalido.detail.endswith("12 papeletas pero 10 con derecho a voto en el mismo recuento")


# --- reading entries from another PC ------------------------------------------------------

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@settings(max_examples=100, deadline=None)
@given(
    unit=texts.filter(bool),
    part=texts,
    steward=texts.filter(bool),
    reason=st.none() | texts,
    numbers=st.tuples(*[st.integers(0, 10**6)] * 4),
    eligible=st.none() | st.integers(0, 10**6),
    final=st.booleans(),
    supersedes=st.lists(st.binary(min_size=32, max_size=32), max_size=3, unique=True),
    kind=st.sampled_from([t for t in EntryType if t.has_numbers]),
)
def test_the_fast_reader_and_the_json_reader_agree(
    unit: str,
    part: str,
    steward: str,
    reason: str | None,
    numbers: tuple[int, int, int, int],
    eligible: int | None,
    final: bool,
    supersedes: list[bytes],
    kind: EntryType,
) -> None:
    yes, no, void, challenged = numbers
    e = make_entry(
        vote="ab" * 32,
        type=kind,
        origin=origin(1),
        seq=17,
        prev="cd" * 32,
        key=EntryKey.count(SlotKey("q", unit[:64], part[:64])),
        body=values_body(CountValues(yes, no, void, challenged, eligible, final)),
        steward=steward,
        pc="PC",
        recorded_at="2025-05-01T20:00:00-04:00",
        supersedes=[s.hex() for s in supersedes],
        reason=reason,
    )
    read = read_entry(e.raw, e.id)
    assert read == e == parse_entry(e.raw)
    fast = read_canonical_count(e.raw.decode(), e.raw, e.id)
    assert fast is None or fast == e  # None: escaped characters, read by the JSON reader


def test_entries_this_version_cannot_read_are_refused() -> None:
    good = count(1, "alpha-1")
    obj = json.loads(good.raw)
    for change, error in [
        ({"v": 2}, EntryTooNew),
        ({"type": "count.split"}, EntryTooNew),  # a type a later version may add
        ({"seq": 0}, ValueError),
        ({"seq": 1.5}, ValueError),
        ({"prev": "xyz"}, ValueError),
        ({"body": {"yes": -1, "no": 0}}, ValueError),
        ({"body": {"yes": 10**16, "no": 0}}, ValueError),
        ({"body": {"yes": True, "no": 0}}, ValueError),
        ({"extra": 1}, ValueError),
        ({"supersedes": ["ab" * 32, "ab" * 32]}, ValueError),
        ({"key": {"kind": "setup", "q": "", "unit": "", "part": ""}}, ValueError),
    ]:
        raw = json.dumps({**obj, **change}, sort_keys=True, separators=(",", ":")).encode()
        with pytest.raises(error):
            read_entry(raw, hashlib.sha256(raw).hexdigest())
    with pytest.raises(ValueError, match="an entry is a JSON object"):
        read_entry(b"[1, 2]", "00" * 32)
    with in_language("es"), pytest.raises(ValueError, match="un registro es un objeto JSON"):
        read_entry(b"[1, 2]", "00" * 32)
    too_new = json.dumps({**obj, "v": 2}, sort_keys=True, separators=(",", ":")).encode()
    with in_language("es"), pytest.raises(EntryTooNew, match="versión de registro 2"):
        read_entry(too_new, hashlib.sha256(too_new).hexdigest())
    with pytest.raises(ValueError):
        read_entry(b"\xff\xfe", "00" * 32)


def test_doc_example_d_lists_the_coordinator_and_three_stewards() -> None:
    from tests.domain.test_setup_file import doc_toml_blocks

    vote = next(v for v in map(parse_setup, doc_toml_blocks()) if v.id == "harbour-2025")
    roster = vote.roster
    assert roster.coordinator_key is not None and not roster.open
    scopes = {s.name.split(",")[0]: s.unions for s in roster.stewards}
    assert scopes == {
        "dockers' steward": ("dockers",),
        "pilots' steward": ("pilots",),
        "central count steward": ("all",),
    }
    central = roster.stewards[2]
    assert central.may_report("dockers") and central.may_report("pilots")
