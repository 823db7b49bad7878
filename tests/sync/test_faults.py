"""Damaged, altered and foreign files: each refused with its own code, the database unchanged
byte for byte (the file and its write-ahead log)."""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from steward_app.cli.main import run
from steward_app.domain.entries import canonical
from steward_app.domain.identity import fingerprint
from steward_app.services.authors import Author
from steward_app.services.counting import record_count
from steward_app.services.identity import signer_for
from steward_app.services.roster import held_entries, my_key
from steward_app.sync import container
from steward_app.sync.bundle import MANIFEST_DOMAIN
from steward_app.sync.errors import ImportRefused, Refusal
from steward_app.sync.keys import Signer, signer_from_private
from tests.sync.helpers import PC, SLOTS, setup_text

A2 = SLOTS[2]


@pytest.fixture
def world(tmp_path: Path, template: Path) -> Iterator[dict[str, PC]]:
    """A vote listing the coordinator's and one steward's keys; a receiving PC that joined."""
    pcs = {name: PC(tmp_path, name, template) for name in ("coord", "steward", "receiver")}
    keys = {name: pc.key() for name, pc in pcs.items()}
    text = setup_text(
        coordinator=keys["coord"],
        stewards=[(keys["steward"], "the steward", "all"), (keys["receiver"], "receiver", "all")],
    )
    pcs["coord"].create(text)
    pcs["steward"].take(pcs["coord"].export())
    pcs["receiver"].take(pcs["coord"].export())
    pcs["steward"].record(A2, 6, 3)
    yield pcs
    for pc in pcs.values():
        pc.close()


def refused(pc: PC, data: bytes) -> Refusal:
    """Import `data`; it must be refused and leave the database files exactly as they were."""
    before = pc.files_bytes()
    with pytest.raises(ImportRefused) as caught:
        pc.take(data, "suspect.tally")
    assert pc.files_bytes() == before
    return caught.value.code


def signer(pc: PC) -> Signer:
    with pc.store.transaction() as conn:
        return signer_for(conn, pc.author.steward, pc.author.pc)


def repack(
    data: bytes,
    *,
    payload: Callable[[bytes], bytes] | None = None,
    manifest: Callable[[dict[str, object]], None] | None = None,
    recompute: bool = False,
    sign: Signer | None = None,
) -> bytes:
    """Rebuild a file with its entries or manifest changed; checksums of the ZIP always
    right, the manifest's hashes and signature only when asked."""
    import hashlib

    members = container.unpack(data).contents
    entries = payload(members["entries.jsonl"]) if payload else members["entries.jsonl"]
    packed = container.deflate(entries)
    described = json.loads(members["manifest.json"])
    if recompute:
        lines = entries.count(b"\n")
        described["entries"].update(
            count=lines,
            bytes=len(entries),
            sha256=hashlib.sha256(entries).hexdigest(),
            packed_bytes=len(packed),
            packed_sha256=hashlib.sha256(packed).hexdigest(),
        )
    if manifest:
        manifest(described)
    raw = canonical(described) if (recompute or manifest) else members["manifest.json"]
    sig = sign.sign(MANIFEST_DOMAIN, raw) if sign else members["manifest.sig"]
    return container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", raw),
            container.stored("manifest.sig", sig),
            container.Member(
                "entries.jsonl", container.DEFLATED, packed, zlib.crc32(entries), len(entries)
            ),
        ]
    )


def test_every_truncation_of_a_small_file_is_incomplete(world: dict[str, PC]) -> None:
    data = world["steward"].export()
    receiver = world["receiver"]
    before = receiver.files_bytes()
    codes = set()
    for cut in range(len(data)):
        with pytest.raises(ImportRefused) as caught:
            receiver.take(data[:cut])
        codes.add(caught.value.code)
        if cut % 97 == 0:
            assert receiver.files_bytes() == before
    assert codes == {Refusal.INCOMPLETE}
    assert receiver.files_bytes() == before
    assert receiver.take(data).new == 1  # the whole file imports


def test_random_bit_flips_are_always_refused(world: dict[str, PC]) -> None:
    data = world["steward"].export()
    receiver = world["receiver"]
    before = receiver.files_bytes()
    rng = random.Random(2011)
    seen = set()
    for _ in range(400):
        flipped = bytearray(data)
        at = rng.randrange(len(data))
        flipped[at] ^= 1 << rng.randrange(8)
        with pytest.raises(ImportRefused) as caught:
            receiver.take(bytes(flipped))
        seen.add(caught.value.code)
    assert seen <= {
        Refusal.DAMAGED,
        Refusal.INCOMPLETE,
        Refusal.NOT_TALLY_FILE,
        Refusal.CHANGED,
        Refusal.TOO_LARGE,
        Refusal.UNSAFE_PATHS,
    }
    assert Refusal.DAMAGED in seen
    assert receiver.files_bytes() == before


def _edit_count(payload: bytes) -> bytes:
    assert b'"yes":6' in payload
    return payload.replace(b'"yes":6', b'"yes":9')


def test_edited_counts_with_a_stale_signature_are_refused(world: dict[str, PC]) -> None:
    data = world["steward"].export()
    receiver = world["receiver"]
    # the numbers changed, the ZIP's checksums made right: the signed hashes differ
    assert refused(receiver, repack(data, payload=_edit_count)) is Refusal.CHANGED
    # the manifest's hashes made right too: its signature no longer matches
    assert refused(receiver, repack(data, payload=_edit_count, recompute=True)) is Refusal.CHANGED
    # a listed PC re-signs the whole file: the steward's own signature over the entry fails
    forged = repack(data, payload=_edit_count, recompute=True, sign=signer(world["steward"]))
    assert refused(receiver, forged) is Refusal.CHANGED  # the steward's checkpoint no longer fits
    world["coord"].take(data)
    relayed = repack(
        world["coord"].export(),
        payload=_edit_count,
        recompute=True,
        sign=signer(world["coord"]),
    )
    assert refused(receiver, relayed) is Refusal.CHANGED  # a relaying PC cannot alter it either


def test_a_file_of_another_vote_or_mode(
    world: dict[str, PC], tmp_path: Path, template: Path
) -> None:
    receiver = world["receiver"]
    other = PC(tmp_path, "other", template)
    practice = PC(tmp_path, "practice", template)
    try:
        other.create(setup_text().replace('title = "Small vote"', 'title = "Another vote"'))
        practice.create(setup_text(mode="practice"))
        assert refused(receiver, other.export()) is Refusal.DIFFERENT_VOTE
        assert refused(receiver, practice.export()) is Refusal.WRONG_MODE
        assert refused(practice, receiver.export()) is Refusal.WRONG_MODE
    finally:
        other.close()
        practice.close()


def test_a_file_signed_by_a_foreign_key(
    world: dict[str, PC], tmp_path: Path, template: Path
) -> None:
    receiver = world["receiver"]
    stranger = PC(tmp_path, "stranger", template)
    try:
        stranger.take(world["coord"].export())
        stranger.record(SLOTS[3], 1, 1)
        assert refused(receiver, stranger.export()) is Refusal.UNKNOWN_SIGNER
        # a foreign key signing a file that claims to come from a listed PC
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        foreign = signer_from_private(Ed25519PrivateKey.generate())
        posing = repack(world["steward"].export(), manifest=lambda m: None, sign=foreign)
        assert refused(receiver, posing) is Refusal.CHANGED
    finally:
        stranger.close()


def test_a_file_from_a_newer_version(world: dict[str, PC]) -> None:
    data = world["steward"].export()
    receiver = world["receiver"]

    def newer(m: dict[str, object]) -> None:
        m["format_version"] = [2, 0]
        m["app_version"] = "9.0.0"

    assert refused(receiver, repack(data, manifest=newer)) is Refusal.TOO_NEW
    assert refused(receiver, repack(data, manifest=newer, sign=signer(world["steward"]))) is (
        Refusal.TOO_NEW
    )

    def newer_entry(payload: bytes) -> bytes:
        last = payload.rstrip(b"\n").split(b"\n")[-1]
        return payload + last.replace(b'"v":1', b'"v":2').replace(b'"seq":', b'"seq":9') + b"\n"

    future = repack(data, payload=newer_entry, recompute=True, sign=signer(world["steward"]))
    assert refused(receiver, future) is Refusal.TOO_NEW


def test_zips_that_escape_their_folder_or_explode(world: dict[str, PC]) -> None:
    receiver = world["receiver"]
    for name in ("../../evil.txt", "/etc/passwd", "..\\windows\\evil.dll", "C:/evil"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("mimetype", container.MIMETYPE)
            z.writestr(name, b"x")
        assert refused(receiver, buffer.getvalue()) is Refusal.UNSAFE_PATHS, name
    # a member declaring 4 GB
    bomb = container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", b"{}"),
            container.stored("manifest.sig", b"s" * 64),
            container.Member("entries.jsonl", container.DEFLATED, b"\x03\x00", 0, 4_000_000_000),
        ]
    )
    assert refused(receiver, bomb) is Refusal.TOO_LARGE
    # 50 MB of zeros packed into 50 KB, declared honestly
    zeros = b"\0" * 50_000_000
    real_bomb = container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", b"{}"),
            container.stored("manifest.sig", b"s" * 64),
            container.Member(
                "entries.jsonl",
                container.DEFLATED,
                container.deflate(zeros),
                zlib.crc32(zeros),
                len(zeros),
            ),
        ]
    )
    assert refused(receiver, real_bomb) is Refusal.TOO_LARGE
    # the same, declaring a small size: its manifest is read (and refused) before anything
    # is unpacked (tests/sync/test_hostile.py: a signed one stops at its signed size)
    lying = real_bomb.replace(len(zeros).to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    assert refused(receiver, lying) is Refusal.NOT_TALLY_FILE


def test_files_that_are_not_tally_files(world: dict[str, PC]) -> None:
    receiver = world["receiver"]
    assert refused(receiver, b"") is Refusal.INCOMPLETE
    assert refused(receiver, b"unit,yes,no\na2,1,2\n") is Refusal.NOT_TALLY_FILE
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("report.pdf", b"%PDF-1.4")
    assert refused(receiver, buffer.getvalue()) is Refusal.NOT_TALLY_FILE
    data = world["steward"].export()
    members = container.unpack(data).contents
    extra = container.pack(
        [container.stored(n, members[n]) for n in ("mimetype", "manifest.json")]
        + [container.stored("manifest.sig", members["manifest.sig"])]
        + [container.stored("entries.jsonl", members["entries.jsonl"])]
        + [container.stored("extra.txt", b"x")]
    )
    assert refused(receiver, extra) in {Refusal.DAMAGED, Refusal.NOT_TALLY_FILE}


def test_a_cloned_database_writing_a_second_history_is_survived(
    world: dict[str, PC], tmp_path: Path
) -> None:
    """Two histories of one key: the receiver keeps the one it had, leaves the other out, takes
    everything else in the file, and says how to recover (once refused whole: every file
    between the two PCs, and so everything else in them, was refused for good)."""
    steward = world["steward"]
    steward.close()
    clone_folder = tmp_path / "clone"
    clone_folder.mkdir()
    for suffix in ("", ".key"):  # the database copied together with its key file
        shutil.copy(str(steward.path) + suffix, str(clone_folder / steward.path.name) + suffix)
    reopened = PC(tmp_path, "steward")
    clone = PC(clone_folder, "steward")
    try:
        reopened.record(SLOTS[3], 1, 2)
        clone.record(SLOTS[3], 2, 1)  # the same key, the same entry number, other numbers
        clone.record(SLOTS[3], 3, 1, correct=True)  # and on, further from the original
        second = Author("a second steward", clone.author.pc)  # another key on the copy
        record_count(clone.store, second, SLOTS[2], {"yes": 4, "no": 4}, clock=clone.clock)
        receiver = world["receiver"]
        receiver.take(reopened.export())
        before = receiver.reports()[("q", "b1")].numbers
        report = receiver.take(clone.export())
        (note,) = [n for n in report.notes if "two histories" in n]
        origin = my_key(reopened.store, reopened.author).origin
        assert fingerprint(origin) in note and "2 entries" in note and "key file" in note
        assert "setup-change" in note and "keys trust" in note
        assert receiver.reports()[("q", "b1")].numbers == before  # its own history kept
        kept = [*receiver.entries(), *(h.entry for h in held_entries(receiver.store))]
        theirs = [e for e in kept if e.steward == second.steward]
        assert [e.body["yes"] for e in theirs] == [4]  # the rest of the file came in
        # and the other way round: the copy keeps its history, takes the rest
        again = clone.take(receiver.export())
        assert any("two histories" in n for n in again.notes)
        assert clone.reports()[("q", "b1")].numbers.yes == 3
    finally:
        reopened.close()
        clone.close()


def test_the_command_line_reports_a_refusal_and_changes_nothing(
    world: dict[str, PC], tmp_path: Path
) -> None:
    receiver = world["receiver"]
    receiver.close()
    bad = tmp_path / "results (2).tally"
    bad.write_bytes(repack(world["steward"].export(), payload=_edit_count))
    good = tmp_path / "results.tally"
    good.write_bytes(world["steward"].export())
    before = receiver.files_bytes()
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(receiver.path), "import", str(bad)], out, err)
    assert code == 1
    assert "refused (changed after export)" in err.getvalue()
    assert receiver.files_bytes() == before
    code = run(["--db", str(receiver.path), "import", str(bad), str(good)], out, err)
    assert code == 1  # one file refused, the other imported
    assert "results.tally: from steward steward on PC steward" in out.getvalue()
    assert "1 new" in out.getvalue() and "State now" in out.getvalue()
