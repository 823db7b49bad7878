"""Hostile files against the real command line: refused, never a crash, a hang or a balloon.

    python -m bench.hostile_files [--folder bench/out/hostile] [--large 100000,250000]

Builds each file below, runs `python -m steward_app --db DB import FILE` (or `check-setup`,
`init`) on it in a child process with a time limit, and prints a table: the file, its size,
what the command said (the refusal code, "skipped", or what it imported), the exit status, the
child's peak memory (ru_maxrss) and its time. Then one folder import of all of them with a good
file, and legitimate large imports (bench.bench_sync's files of `--large` entries from 12 PCs:
by default 100,000, and 250,000, whose 126 MB of entries are near the 128 MB cap) for
comparison, and the largest of them with its last two lines swapped (refused as damaged once
every line is read: the most a file listing its lines out of order costs). POSIX only (named
pipes, devices, byte file names, ru_maxrss of a child).
docs/sync-format.md, "Hostile files", has the figures of a run.

The builders are also used by tests/sync/test_hostile_files.py.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from steward_app.domain.entries import canonical
from steward_app.sync import bundle, container, lines
from steward_app.sync.keys import Signer, signer_from_private

ENTRIES_CAP = container.CAPS["entries.jsonl"]
OUT = Path(__file__).resolve().parent / "out" / "hostile"
DEEP = 100_000
MB = 2**20
TIME_LIMIT = 120


def stranger() -> Signer:
    """A key of nobody's: any attacker can sign with one."""
    seed = hashlib.sha256(b"a stranger's key").digest()
    return signer_from_private(Ed25519PrivateKey.from_private_bytes(seed))


def signed(lines: list[bytes], *, signer: Signer | None = None) -> bytes:
    """A tally file of these lines, its manifest correctly signed by a stranger's key (every
    hash right), so a reader gets past every check that needs no database."""
    return bundle.build(
        vote="0" * 64,
        title="hostile",
        mode="official",
        exporter=signer or stranger(),
        steward="a stranger",
        pc="a PC",
        created="2025-05-01T21:00:00-04:00",
        lines=lines,
        checkpoints=[],
        state_code="",
    )


def with_manifest(manifest: bytes, entries: bytes = b"") -> bytes:
    """A file whose manifest is `manifest` (stored as is), with a signature of zeros."""
    return container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", manifest),
            container.stored("manifest.sig", b"\0" * 64),
            container.Member(
                "entries.jsonl",
                container.DEFLATED,
                container.deflate(entries),
                _crc(entries),
                len(entries),
            ),
        ]
    )


def _crc(data: bytes) -> int:
    import zlib

    return zlib.crc32(data)


def noise(size: int, seed: int = 1) -> bytes:
    """`size` bytes that pack about 16 to 1 (a random byte in every 64, zeros between, no
    line breaks): under the ZIP-bomb ratio (100 to 1)."""
    out = bytearray(size)
    out[::64] = random.Random(seed).randbytes(len(range(0, size, 64)))
    return bytes(out).replace(b"\n", b" ")


def deep_manifest() -> bytes:
    return with_manifest(b'{"format":' + b"[" * DEEP + b"]" * DEEP + b"}")


def letters(size: int, seed: int = 1) -> bytes:
    """Random letters: text that packs barely at all."""
    rng = random.Random(seed)
    return "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=size)).encode("ascii")


def deep_entry() -> bytes:
    """A signed line nested 100,000 deep (with 4 KB of letters, so that it packs under the
    ZIP-bomb ratio)."""
    line = b'{"v":1,"pad":"' + letters(4096) + b'","body":' + b"[" * DEEP + b"]" * DEEP + b"}"
    return signed([line])


def canonical_entry(**fields: object) -> bytes:
    """A count entry's line by a stranger's key, with `fields` set (None: left out)."""
    entry: dict[str, object] = {
        "author": {"pc": "a PC", "steward": "a stranger"},
        "body": {"challenged": 0, "final": False, "no": 1, "void": 0, "yes": 2},
        "key": {"kind": "count", "part": "", "q": "q", "unit": "a1"},
        "origin": stranger().origin,
        "prev": "0" * 64,
        "reason": None,
        "seq": 1,
        "supersedes": [],
        "type": "count.entered",
        "v": 1,
        "vote": "0" * 64,
        "wall": "2025-05-01T21:00:00-04:00",
    }
    for name, value in fields.items():
        if value is None:
            del entry[name]
        else:
            entry[name] = value
    return canonical(entry)


def entry_without_type() -> bytes:
    return signed([canonical_entry(type=None)])


def bomb_unsigned(size: int = ENTRIES_CAP - MB) -> bytes:
    """Entries that unpack to `size` bytes at under 100 to 1, a manifest whose signature does
    not match: under every cap. (Today's code unpacks nothing of it.)"""
    members = container.unpack(signed([b"x" * 300]))
    payload = noise(size)
    return container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", members.contents["manifest.json"]),
            container.stored("manifest.sig", members.contents["manifest.sig"]),
            container.Member(
                "entries.jsonl",
                container.DEFLATED,
                container.deflate(payload),
                _crc(payload),
                len(payload),
            ),
        ]
    )


def bomb_signed(size: int = ENTRIES_CAP - MB) -> bytes:
    """The same, correctly signed by a stranger: one endless line."""
    return signed([noise(size)])


def junk_lines(size: int = ENTRIES_CAP - MB, line: int = 300) -> bytes:
    """Signed, under every cap, `size` bytes of lines that look like entries' lengths: the
    most a file can make a reader hold before any entry is read."""
    payload = noise(size)
    lines = [payload[at : at + line] for at in range(0, len(payload) - line + 1, line)]
    return signed(lines)


def tiny_lines(count: int = 4_000_000) -> bytes:
    """Signed: millions of 8-byte lines claimed as entries (packing under 100 to 1)."""
    payload = letters(8 * count)
    return signed([payload[at : at + 8] for at in range(0, len(payload), 8)])


def big_manifest(size: int = 64 * MB) -> bytes:
    return with_manifest(b'{"format":"' + b"x" * size + b'"}')


def deep_setup(kind: str) -> str:
    if kind == "arrays":
        return "a = " + "[" * DEEP + "]" * DEEP + "\n"
    if kind == "tables":
        return "a = " + "{b = " * DEEP + "1" + "}" * DEEP + "\n"
    return ".".join(["a"] * DEEP) + " = 1\n"


# --- running the command line ------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    name: str
    size: int
    said: str
    status: int
    peak_mb: float
    seconds: float


def said(err: str, out: str) -> str:
    """What the command said, in a few words."""
    codes = re.findall(r"refused \(([^)]+)\)", err)
    skipped = re.findall(r"skipped: it is ([^\n]+)", err)
    parts = [f"refused ({c})" for c in codes] + [f"skipped ({s})" for s in skipped]
    parts += [f"not imported ({m})" for m in re.findall(r"not imported: [^(]*\((\w+)", err)]
    if "imported" not in err and "joined the vote" in out:
        parts.append("imported")
    if "problem(s)" in err:
        deep = "nests more than" in err
        parts.append("setup refused" + (" (nested too deep)" if deep else ""))
    if "Traceback" in err:
        parts.append("TRACEBACK")
    if len(parts) > 3:  # a folder: how many of each
        counted = Counter(p.split(" (")[0] for p in parts)
        parts = [f"{n} {what}" for what, n in sorted(counted.items())]
    return "; ".join(parts) or (err.strip().splitlines() or out.strip().splitlines() or ["-"])[-1]


# The command runs as a grandchild: Linux counts into a process's peak memory (ru_maxrss) the
# memory of the process it was forked from, so it is forked from this small launcher, not
# from the large process that built the files; the launcher reports its child's own peak.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status) % 256)
"""


def run_cli(args: list[str], name: str, size: int = 0, limit: float = TIME_LIMIT) -> Outcome:
    """Run `python -m steward_app ARGS` in a child, its output in files, with its peak memory
    (ru_maxrss). A child still running after `limit` seconds is killed: a hang."""
    env = dict(os.environ, PYTHONUTF8="1")
    command = [sys.executable, "-m", "steward_app", *args]
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak_file = Path(scratch) / "peak"
        started = time.perf_counter()
        launcher = subprocess.Popen(
            [sys.executable, "-c", LAUNCHER, str(peak_file), *command],
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
        )
        try:
            status = launcher.wait(timeout=limit)
            hung = False
        except subprocess.TimeoutExpired:
            os.killpg(launcher.pid, signal.SIGKILL)
            status = launcher.wait()
            hung = True
        seconds = time.perf_counter() - started
        peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else 0.0  # KiB
        out.seek(0)
        err.seek(0)
        text_out, text_err = (f.read().decode(errors="replace") for f in (out, err))
    return Outcome(
        name,
        size,
        "HUNG (killed)" if hung else said(text_err, text_out),
        status,
        peak,
        seconds,
    )


def build_all(folder: Path) -> dict[str, Path]:
    """Write every hostile file into `folder`; returns them by name."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(name: str, build: Callable[[], bytes]) -> None:
        path = folder / name
        path.write_bytes(build())
        made[name] = path

    put("deep-manifest.tally", deep_manifest)
    put("deep-entry.tally", deep_entry)
    put("entry-without-type.tally", entry_without_type)
    put("bomb-unsigned.tally", bomb_unsigned)
    put("bomb-signed.tally", bomb_signed)
    put("junk-lines-signed.tally", junk_lines)
    put("junk-lines-signed-kept.tally", lambda: junk_lines(lines.KEEP_LINES_BYTES - MB))
    put("tiny-lines-signed.tally", tiny_lines)
    put("manifest-64MB.tally", big_manifest)
    huge = folder / "huge-300MB.tally"
    with huge.open("wb") as f:
        f.truncate(300 * MB)  # sparse: nothing written, 300 MB to read
    made[huge.name] = huge
    fifo = folder / "named-pipe.tally"
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    made[fifo.name] = fifo
    zero = folder / "dev-zero.tally"
    zero.unlink(missing_ok=True)
    zero.symlink_to("/dev/zero")
    made[zero.name] = zero
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=OUT)
    parser.add_argument(
        "--large",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[100_000, 250_000],
        help="entries of each large file, separated by commas",
    )
    a = parser.parse_args(argv)
    from bench.bench_sync import signed_file

    folder: Path = a.folder
    shutil.rmtree(folder, ignore_errors=True)
    files = folder / "files"
    made = build_all(files)
    small, _ = signed_file(40, 2, units=10)
    good = folder / "good.tally"
    good.write_bytes(small)
    truncated = files / "truncated.tally"
    truncated.write_bytes(small[: len(small) // 2])
    flipped = bytearray(small)
    flipped[len(small) // 2] ^= 4
    (files / "flipped-bit.tally").write_bytes(bytes(flipped))
    made["truncated.tally"] = truncated
    made["flipped-bit.tally"] = files / "flipped-bit.tally"
    odd = Path(os.fsdecode(bytes(files) + b"/caf\xe9-not-utf8.tally"))
    odd.write_bytes(small)
    made["caf\\xe9-not-utf8.tally"] = odd
    outside = files / "link-outside.tally"
    outside.symlink_to(good)

    results: list[Outcome] = []
    for name, path in sorted(made.items()):
        db = folder / "db" / f"{len(results)}.sqlite"
        db.parent.mkdir(parents=True, exist_ok=True)
        size = path.stat().st_size if path.is_file() else 0
        results.append(run_cli(["--db", str(db), "import", str(path)], name, size))
    db = folder / "db" / "folder.sqlite"
    shutil.copy(good, files / "zz-good.tally")
    results.append(run_cli(["--db", str(db), "import", str(files)], "the whole folder"))
    setups = folder / "setups"
    setups.mkdir()
    for kind in ("arrays", "tables", "dotted-keys"):
        path = setups / f"deep-{kind}.toml"
        path.write_text(deep_setup(kind), encoding="utf-8")
        for command in ("check-setup", "init"):
            db = folder / "db" / f"setup-{kind}-{command}.sqlite"
            results.append(
                run_cli(
                    ["--db", str(db), command, str(path)],
                    f"{path.name} ({command})",
                    path.stat().st_size,
                )
            )
    for entries in a.large:
        large, _ = signed_file(entries, 12)
        large_path = folder / f"large-{entries}.tally"
        large_path.write_bytes(large)
        unpacked = container.open_members(large).entries_size
        del large
        results.append(
            run_cli(
                ["--db", str(folder / "db" / f"large-{entries}.sqlite"), "import", str(large_path)],
                f"legitimate: {entries:,} entries, 12 PCs ({unpacked / MB:,.0f} MB unpacked)",
                large_path.stat().st_size,
            )
        )
    if a.large:  # signed by its maker, lines out of order only at its very end: the worst case
        entries = max(a.large)
        mixed, _ = signed_file(entries, 12, order="last-swapped")
        mixed_path = folder / f"out-of-order-{entries}.tally"
        mixed_path.write_bytes(mixed)
        del mixed
        results.append(
            run_cli(
                ["--db", str(folder / "db" / "out-of-order.sqlite"), "import", str(mixed_path)],
                f"out of order: {entries:,} entries, its last two lines swapped",
                mixed_path.stat().st_size,
            )
        )
    print("| file | size | what the command said | exit | peak MB | s |")
    print("|---|---:|---|---:|---:|---:|")
    for r in results:
        shown = f"{r.size / MB:,.1f} MB" if r.size >= MB else f"{r.size:,} B"
        print(
            f"| {r.name} | {shown} | {r.said} | {r.status} | {r.peak_mb:,.0f} | {r.seconds:.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
