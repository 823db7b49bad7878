"""The writing half of an import, and of setup changes and acceptances: which entries apply.

`reconcile` re-judges every entry this PC holds after the setup in force or the coordinator's
acceptances changed, so held and applied entries are always what the setup allows, on every
PC alike (docs/sync-format.md, "Held entries").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection

from steward_app.domain.authority import Authority, Held, SetupChain
from steward_app.domain.entries import Entry, EntryType, KeyKind, parse_entry
from steward_app.store import entry_log, entry_reads, exchange_log, signers, slots, supersessions


def accepted_ids(coordinator: str, entries: Iterable[Entry]) -> frozenset[str]:
    accepting = EntryType.ENTRIES_ACCEPTED  # looked up once: an import walks 100,000 entries
    return frozenset(
        target
        for e in entries
        if e.type is accepting and e.origin == coordinator
        for target in e.body["entries"]
    )


def held_row(e: Entry, why: Held, now: str, source: str) -> exchange_log.HeldRow:
    return exchange_log.HeldRow(
        bytes.fromhex(e.id),
        e.origin,
        e.seq,
        e.type.value,
        e.raw,
        why.reason.value,
        why.detail,
        now,
        source,
    )


def reconcile(
    conn: Connection,
    vote_key: str,
    chain: SetupChain,
    authority: Authority,
    now: str,
    source: str,
) -> tuple[list[Entry], list[Entry]]:
    """After the setup in force or the acceptances changed: apply the held entries it now
    allows, hold the applied ones it no longer allows. Returns (applied, held)."""
    release: list[Entry] = []
    still: list[tuple[bytes, str, str]] = []
    rows = exchange_log.held_rows(conn, vote_key)
    held = [(row, parse_entry(row.raw)) for row in rows]
    replacing = signers.applied_replacements(conn)
    targets = signers.origins_of(
        conn, [t for e in (*(e for _, e in held), *replacing) for t in e.supersedes]
    )
    for row, e in held:
        why = chain.held.get(e.id) if e.type is EntryType.SETUP else authority.hold(e, targets)
        if why is None:
            release.append(e)
        elif (why.reason.value, why.detail) != (row.reason, row.detail):
            still.append((row.hash, why.reason.value, why.detail))
    exchange_log.update_held(conn, still)
    exchange_log.release_held(conn, [bytes.fromhex(e.id) for e in release])
    entry_log.append(conn, release)
    withdraw: list[tuple[str, Held]] = []
    for facts in exchange_log.applied_facts(conn):
        setup = facts.type is EntryType.SETUP
        why = chain.held.get(facts.id) if setup else authority.hold(facts)
        if why is not None:
            withdraw.append((facts.id, why))
    judged = {i for i, _ in withdraw}
    for e in replacing:  # the overrides the setup in force no longer allows
        if e.id not in judged:
            why = authority.hold(e, targets)
            if why is not None:
                withdraw.append((e.id, why))
    if withdraw:
        hashes = [bytes.fromhex(i) for i, _ in withdraw]
        raws = exchange_log.raw_of(conn, hashes)
        exchange_log.withdraw(conn, hashes)
        exchange_log.add_held(
            conn,
            vote_key,
            [
                held_row(parse_entry(raws[bytes.fromhex(i)]), why, now, source)
                for i, why in withdraw
            ],
        )
    return release, [parse_entry(raws[bytes.fromhex(i)]) for i, _ in withdraw] if withdraw else []


def arrival_counts(
    conn: Connection, arrived: Sequence[Entry], keys: Sequence[int], old_rows: int
) -> tuple[int, int]:
    """Of the entries just appended: how many are superseded (by one of them, or by an entry
    held before, row id <= `old_rows`), and how many are current counts of a slot in
    conflict. Worked out without a query per entry: a first import brings 100,000 of them."""
    if not arrived:
        return 0, 0
    if old_rows == 0:
        return _counts_of_first(conn, arrived, keys)
    return _counts_in_memory(conn, arrived, keys, old_rows)


def _counts_of_first(
    conn: Connection, arrived: Sequence[Entry], keys: Sequence[int]
) -> tuple[int, int]:
    """arrival_counts when nothing was stored before them (a PC joining from a file): every
    head in the slot table the append just filled is an arrived count entry, and every other
    count entry (a retraction included) is superseded. Only the few entries of other keys
    (setups, declared outcomes) are looked at one by one: an entry is only ever superseded by
    one of its own key. Saves two passes over 100,000 entries; tests/sync/test_arrival_counts.py
    checks it against `_counts_in_memory`."""
    heads, in_conflict = slots.head_totals(conn)
    count = KeyKind.COUNT.value
    one_per_key = dict(zip(keys, arrived, strict=True))  # a few thousand keys
    other_keys = {k for k, e in one_per_key.items() if e.key.kind != count}
    others = [i for i, k in enumerate(keys) if k in other_keys] if other_keys else []
    of_others, their_keys = [arrived[i] for i in others], [keys[i] for i in others]
    replaced = _replaced(conn, of_others, their_keys)
    superseded = sum((e.id, k) in replaced for e, k in zip(of_others, their_keys, strict=True))
    return len(arrived) - len(others) - heads + superseded, in_conflict


def _counts_in_memory(
    conn: Connection, arrived: Sequence[Entry], keys: Sequence[int], old_rows: int
) -> tuple[int, int]:
    """arrival_counts from what the arrived entries supersede and the supersessions stored."""
    replaced = _replaced(conn, arrived, keys)
    replaced.update(entry_reads.supersessions_through(conn, old_rows))
    conflicted = slots.conflicted_keys(conn)
    superseded = conflicting = 0  # a retraction is never current: counted as superseded
    for e, k in zip(arrived, keys, strict=True):
        if (e.id, k) in replaced:
            superseded += 1
        elif k in conflicted and e.key.kind == "count":
            conflicting += 1
    return superseded, conflicting


def _replaced(
    conn: Connection, arrived: Sequence[Entry], keys: Sequence[int]
) -> set[tuple[str, int]]:
    """(id, key row) that the arrived entries supersede in effect (domain.entries.heads)."""
    void = supersessions.void_in_batch(conn.connection.driver_connection, arrived, keys)
    return {(t, keys[i]) for i, t in supersessions.effective_claims(arrived, keys, void)}
