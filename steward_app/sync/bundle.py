"""A tally file's content: the signed manifest, the entries, and the checks on both.

`build()` makes the bytes of a file from entries and checkpoints. `open_file()` checks a file
on its own (container, manifest, the exporter's signature, the vote, the payload's hashes);
sync.arrivals then checks the entries this PC does not hold yet against what it holds. Neither
touches a database; services.exchange supplies what the database holds and writes the result
in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from steward_app import __version__
from steward_app.domain.entries import (
    canonical,
)
from steward_app.domain.identity import key_bytes, key_text, origin_of
from steward_app.domain.language import _
from steward_app.domain.nesting import MAX_DEPTH, json_too_deep
from steward_app.sync import container
from steward_app.sync.errors import ImportRefused, Refusal
from steward_app.sync.keys import Signer, verify
from steward_app.sync.lines import EntryLines, check_lines

FORMAT = "steward-app-tally"
FORMAT_VERSION = (1, 0)
MANIFEST_DOMAIN = b"steward_app/v1/manifest\0"
CHECKPOINT_DOMAIN = b"steward_app/v1/checkpoint\0"


@dataclass(frozen=True)
class Checkpoint:
    """An origin's signature over the end of its chain: (vote, origin, seq, head)."""

    origin: str
    key: bytes  # the origin's public key
    seq: int
    head: str  # hex id of the origin's entry `seq`
    sig: bytes


def checkpoint_message(vote: str, origin: str, seq: int, head: str) -> bytes:
    return canonical({"vote": vote, "origin": origin, "seq": seq, "head": head})


def sign_checkpoint(signer: Signer, vote: str, seq: int, head: str) -> Checkpoint:
    message = checkpoint_message(vote, signer.origin, seq, head)
    return Checkpoint(
        signer.origin, signer.public, seq, head, signer.sign(CHECKPOINT_DOMAIN, message)
    )


def checkpoint_valid(vote: str, cp: Checkpoint) -> bool:
    if origin_of(cp.key) != cp.origin:
        return False
    message = checkpoint_message(vote, cp.origin, cp.seq, cp.head)
    return verify(cp.key, cp.sig, CHECKPOINT_DOMAIN, message)


@dataclass(frozen=True)
class Exporter:
    origin: str
    key: bytes
    steward: str
    pc: str


@dataclass(frozen=True)
class Manifest:
    vote: str
    title: str
    mode: str
    app_version: str
    exporter: Exporter
    created: str
    count: int
    state_code: str
    checkpoints: Mapping[str, Checkpoint]  # by origin


def build(
    *,
    vote: str,
    title: str,
    mode: str,
    exporter: Signer,
    steward: str,
    pc: str,
    created: str,
    lines: Sequence[bytes],
    checkpoints: Iterable[Checkpoint],
    state_code: str,
) -> bytes:
    """The bytes of a tally file holding `lines` (stored entries, sorted by origin and seq)."""
    payload = b"".join(line + b"\n" for line in lines)
    packed = container.deflate(payload)
    manifest = canonical(
        {
            "format": FORMAT,
            "format_version": list(FORMAT_VERSION),
            "app_version": __version__,
            "vote": vote,
            "title": title,
            "mode": mode,
            "exporter": {
                "origin": exporter.origin,
                "key": key_text(exporter.public),
                "steward": steward,
                "pc": pc,
            },
            "created": created,
            "entries": {
                "count": len(lines),
                "bytes": len(payload),
                "sha256": hashlib.sha256(payload).hexdigest(),
                "packed_bytes": len(packed),
                "packed_sha256": hashlib.sha256(packed).hexdigest(),
            },
            "origins": [
                {
                    "origin": cp.origin,
                    "key": key_text(cp.key),
                    "seq": cp.seq,
                    "head": cp.head,
                    "sig": cp.sig.hex(),
                }
                for cp in sorted(checkpoints, key=lambda c: c.origin)
            ],
            "state_code": state_code,
        }
    )
    signature = exporter.sign(MANIFEST_DOMAIN, manifest)
    return container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", manifest),
            container.stored("manifest.sig", signature),
            container.Member(
                "entries.jsonl", container.DEFLATED, packed, _crc(payload), len(payload)
            ),
        ]
    )


def _crc(data: bytes) -> int:
    return zlib.crc32(data)


# --- reading -------------------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(_("the key {key} appears twice").format(key=repr(k)))
        out[k] = v
    return out


def _no_float(text: str) -> Any:
    raise ValueError(_("{text} is not a whole number").format(text=text))


class _Shape(ValueError):
    pass


def _get(obj: Any, name: str, kind: type) -> Any:
    if not isinstance(obj, dict) or name not in obj:
        raise _Shape(f"{name} is missing")
    value = obj[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Shape(f"{name} is not a {kind.__name__}")
    return value


def _parse_manifest(raw: bytes) -> tuple[dict[str, Any], Manifest]:
    damaged = _("The file is damaged (its manifest cannot be read: {why}).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(Refusal.DAMAGED, damaged.format(why=exc)) from exc
    if json_too_deep(text):  # before the JSON reader, which recurses per level
        raise ImportRefused(
            Refusal.DAMAGED,
            damaged.format(why=_("it nests more than {depth} levels deep").format(depth=MAX_DEPTH)),
        )
    try:
        obj = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=_no_float,
            parse_constant=_no_float,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportRefused(Refusal.DAMAGED, damaged.format(why=exc)) from exc
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ImportRefused(Refusal.NOT_TALLY_FILE, _("This is not a tally file."))
    version = obj.get("format_version")
    if (
        not isinstance(version, list)
        or len(version) != 2
        or not all(type(v) is int for v in version)
    ):
        raise ImportRefused(Refusal.DAMAGED, damaged.format(why=_("no format version")))
    if version[0] > FORMAT_VERSION[0]:
        made_by = obj.get("app_version")
        raise ImportRefused(
            Refusal.TOO_NEW,
            _(
                "The file was made by a newer version of steward-app (file format {made}); "
                "this version ({version}) reads format {reads}.x."
            ).format(
                made=f"{version[0]}.{version[1]}"
                + (f", steward-app {made_by}" if isinstance(made_by, str) else ""),
                version=__version__,
                reads=FORMAT_VERSION[0],
            ),
        )
    try:
        exporter = _get(obj, "exporter", dict)
        entries = _get(obj, "entries", dict)
        checkpoints: dict[str, Checkpoint] = {}
        for item in _get(obj, "origins", list):
            cp = Checkpoint(
                _get(item, "origin", str),
                key_bytes(_get(item, "key", str)),
                _get(item, "seq", int),
                _get(item, "head", str),
                bytes.fromhex(_get(item, "sig", str)),
            )
            if cp.origin in checkpoints:
                raise _Shape(f"origin {cp.origin} is listed twice")
            checkpoints[cp.origin] = cp
        manifest = Manifest(
            vote=_get(obj, "vote", str),
            title=_get(obj, "title", str),
            mode=_get(obj, "mode", str),
            app_version=_get(obj, "app_version", str),
            exporter=Exporter(
                _get(exporter, "origin", str),
                key_bytes(_get(exporter, "key", str)),
                _get(exporter, "steward", str),
                _get(exporter, "pc", str),
            ),
            created=_get(obj, "created", str),
            count=_get(entries, "count", int),
            state_code=_get(obj, "state_code", str),
            checkpoints=checkpoints,
        )
        for name, kind in (("bytes", int), ("sha256", str), ("packed_bytes", int)):
            _get(entries, name, kind)
        _get(entries, "packed_sha256", str)
    except ValueError as exc:
        raise ImportRefused(Refusal.DAMAGED, damaged.format(why=exc)) from exc
    return obj, manifest


@dataclass(frozen=True)
class Opened:
    """A file that passed every check that needs no database."""

    manifest: Manifest
    lines: EntryLines  # the entries' ids, and the lines when read

    @property
    def count(self) -> int:
        return self.lines.count

    def read_lines(self) -> Iterator[bytes]:
        return self.lines.read()


def open_file(data: bytes, expect_vote: str | None, expect_mode: str | None) -> Opened:
    """Check a file on its own: raises ImportRefused with the first problem found.

    Nothing is unpacked before the manifest's signature and the packed entries' signed hash
    are checked; the entries are then unpacked a piece at a time up to their signed size,
    each line checked and hashed as it comes (sync.lines)."""
    members = container.open_members(data)
    obj, manifest = _parse_manifest(members.contents["manifest.json"])
    ex = manifest.exporter
    if origin_of(ex.key) != ex.origin or not verify(
        ex.key, members.contents["manifest.sig"], MANIFEST_DOMAIN, members.contents["manifest.json"]
    ):
        raise ImportRefused(
            Refusal.CHANGED,
            _("The file was changed after it was exported: its signature does not match."),
        )
    if expect_mode is not None and manifest.mode != expect_mode:
        raise ImportRefused(
            Refusal.WRONG_MODE,
            _("The file holds {mode} counts and this PC holds the {expect_mode} vote.").format(
                mode=manifest.mode, expect_mode=expect_mode
            ),
        )
    if expect_vote is not None and manifest.vote != expect_vote:
        raise ImportRefused(
            Refusal.DIFFERENT_VOTE,
            _(
                'The file belongs to a different vote ("{title}", {vote}), not the one on this PC '
                "({expect_vote})."
            ).format(title=manifest.title, vote=manifest.vote[:12], expect_vote=expect_vote[:12]),
        )
    described = obj["entries"]
    changed = ImportRefused(
        Refusal.CHANGED,
        _("The file was changed after it was exported: its entries differ from what was signed."),
    )
    packed = members.packed_entries
    if (
        described["packed_sha256"] != hashlib.sha256(packed).hexdigest()
        or described["packed_bytes"] != len(packed)
        or described["bytes"] != members.entries_size
    ):
        # damage (a flipped bit) or an edit: unpacking, within the caps, tells which
        for _chunk in container.inflate(packed, members.entries_size, members.entries_crc):
            pass
        raise changed
    lines, payload_sha = check_lines(
        packed, members.entries_size, members.entries_crc, manifest.count
    )
    if described["sha256"] != payload_sha:
        raise changed
    if lines.count != manifest.count:
        raise ImportRefused(
            Refusal.CHANGED,
            _("The file was changed after it was exported: it does not hold the entries it lists."),
        )
    return Opened(manifest, lines)
