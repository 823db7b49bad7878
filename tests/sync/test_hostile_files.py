"""Hostile files: each refused with its code, never a crash, a hang or a balloon.

The files are built by bench/hostile_files.py (which runs them all through the command line
and measures them); these tests check each case, the memory ones through tracemalloc or the
peak of a child process.
"""

from __future__ import annotations

import io
import os
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import hostile_files as hostile
from steward_app.cli.main import run
from steward_app.services import exchange
from steward_app.sync import container, lines
from steward_app.sync.errors import ImportRefused, Refusal
from tests.sync.helpers import PC, setup_text

POSIX_ONLY = pytest.mark.skipif(
    sys.platform == "win32", reason="named pipes, device files and byte file names are POSIX"
)
MB = 2**20


@pytest.fixture
def receiver(tmp_path: Path, template: Path) -> Iterator[PC]:
    pc = PC(tmp_path, "receiver", template)
    yield pc
    pc.close()


def refusal(pc: PC, data: bytes) -> Refusal:
    """Import `data`: it must be refused, changing nothing."""
    before = pc.files_bytes()
    with pytest.raises(ImportRefused) as caught:
        pc.take(data, "hostile.tally")
    assert pc.files_bytes() == before
    return caught.value.code


def peak_while(action: object) -> tuple[Refusal, int]:
    """The refusal of `action()` and the most Python memory allocated meanwhile."""
    tracemalloc.start()
    try:
        with pytest.raises(ImportRefused) as caught:
            action()  # type: ignore[operator]
        return caught.value.code, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


# --- nesting --------------------------------------------------------------------------------


def test_a_manifest_nested_100000_deep_is_damaged(receiver: PC) -> None:
    assert refusal(receiver, hostile.deep_manifest()) is Refusal.DAMAGED


def test_an_entry_nested_100000_deep_is_damaged(receiver: PC) -> None:
    with pytest.raises(ImportRefused, match="nests more than 32 levels"):
        receiver.take(hostile.deep_entry())


@pytest.mark.parametrize("kind", ["arrays", "tables", "dotted-keys"])
def test_a_setup_nested_deep_is_a_setup_error_in_every_command(tmp_path: Path, kind: str) -> None:
    deep = tmp_path / "deep.toml"
    text = hostile.deep_setup(kind)
    if kind == "dotted-keys":  # 100,000 deep takes tomllib minutes: 1,000 shows the check
        text = ".".join(["a"] * 1000) + " = 1\n"
    deep.write_text(text, encoding="utf-8")
    db = tmp_path / "v.sqlite"
    for args in (["check-setup", str(deep)], ["--db", str(db), "init", str(deep)]):
        code, _, err = cli(*args)
        assert code == 1 and "nests more than 32 levels deep" in err, err
    good = tmp_path / "setup.toml"
    good.write_text(setup_text(), encoding="utf-8")
    assert cli("--db", str(db), "init", str(good))[0] == 0
    code, _, err = cli("--db", str(db), "setup-change", str(deep), "--reason", "deeper")
    assert code == 1 and "nests more than 32 levels deep" in err, err


# --- entry lines: damaged, not newer --------------------------------------------------------


def test_a_signed_line_without_a_type_is_damaged_not_newer(receiver: PC) -> None:
    assert refusal(receiver, hostile.entry_without_type()) is Refusal.DAMAGED
    line = hostile.canonical_entry(type=5)
    assert refusal(receiver, hostile.signed([line])) is Refusal.DAMAGED
    line = hostile.canonical_entry(type="count.frobbed")  # present, unknown: a later version
    assert refusal(receiver, hostile.signed([line])) is Refusal.TOO_NEW
    line = hostile.canonical_entry(type="count.entered", v=2)
    assert refusal(receiver, hostile.signed([line])) is Refusal.TOO_NEW


# --- nothing unpacked before the signature; memory ------------------------------------------


def test_a_zip_bomb_under_every_cap_is_refused_before_anything_is_unpacked(receiver: PC) -> None:
    bomb = hostile.bomb_unsigned(40 * MB)  # unpacks to 40 MB at under 100 to 1
    code, peak = peak_while(lambda: receiver.take(bomb))
    assert code is Refusal.CHANGED  # its manifest is not signed by the key it shows
    assert peak < 8 * MB


def test_a_signed_bomb_is_unpacked_only_to_its_first_overlong_line(receiver: PC) -> None:
    bomb = hostile.bomb_signed(40 * MB)
    code, peak = peak_while(lambda: receiver.take(bomb))
    assert code is Refusal.DAMAGED
    assert peak < 16 * MB


def test_a_million_short_lines_stop_at_the_first(receiver: PC) -> None:
    data = hostile.tiny_lines(1_000_000)
    code, peak = peak_while(lambda: receiver.take(data))
    assert code is Refusal.DAMAGED
    assert peak < 8 * MB


def test_a_manifest_over_its_cap_is_too_large_and_never_parsed(receiver: PC) -> None:
    data = hostile.big_manifest(2 * MB)  # over the manifest's cap of 1 MB
    code, peak = peak_while(lambda: receiver.take(data))
    assert code is Refusal.TOO_LARGE
    assert peak < 4 * MB


def test_a_file_over_the_cap_is_not_read(tmp_path: Path, receiver: PC) -> None:
    huge = tmp_path / "huge.tally"
    with huge.open("wb") as f:
        f.truncate(container.MAX_FILE_BYTES + 1)  # sparse
    code, peak = peak_while(lambda: exchange.import_file(receiver.store, huge))
    assert code is Refusal.TOO_LARGE
    assert peak < 4 * MB


KEPT = lines.KEEP_LINES_BYTES


@POSIX_ONLY
@pytest.mark.parametrize("size", [KEPT - MB, hostile.ENTRIES_CAP - MB], ids=["kept", "cap"])
def test_the_worst_files_under_the_caps_stay_under_150_mb_in_the_command_line(
    tmp_path: Path, size: int
) -> None:
    """Signed junk lines, as many as a reader keeps whole, and up to the entries' cap (read
    twice instead): the most a file that is not a real export makes a reader hold."""
    path = tmp_path / "junk.tally"
    path.write_bytes(hostile.junk_lines(size))
    outcome = hostile.run_cli(["--db", str(tmp_path / "v.sqlite"), "import", str(path)], "junk")
    assert outcome.said == "refused (damaged)" and outcome.status == 1
    assert outcome.peak_mb < 150


# --- only regular files; names that are not UTF-8 -------------------------------------------


@POSIX_ONLY
def test_a_named_pipe_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.tally"
    os.mkfifo(fifo)
    outcome = hostile.run_cli(
        ["--db", str(tmp_path / "v.sqlite"), "import", str(fifo)], "pipe", limit=30
    )
    assert outcome.said == "refused (cannot be read)" and outcome.status == 1
    assert outcome.seconds < 30


@POSIX_ONLY
def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path, receiver: PC) -> None:
    zero = tmp_path / "zero.tally"
    zero.symlink_to("/dev/zero")
    code, peak = peak_while(lambda: exchange.import_file(receiver.store, zero))
    assert code is Refusal.UNREADABLE
    assert peak < 4 * MB


@POSIX_ONLY
@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file names are always UTF-8")
def test_a_file_name_that_is_not_utf8_is_imported_and_shown_escaped(
    tmp_path: Path, template: Path
) -> None:
    coord = PC(tmp_path / "coord", "coord", template)
    try:
        coord.create(setup_text())
        data = coord.export()
    finally:
        coord.close()
    odd = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.tally"))
    odd.write_bytes(data)
    db = tmp_path / "v.sqlite"
    code, out, err = cli("--db", str(db), "import", str(odd))
    assert code == 0, err
    assert "caf\\xe9.tally: joined the vote" in out
    code, out, err = cli("--db", str(db), "imports")
    assert code == 0 and "caf\\xe9.tally" in out


@POSIX_ONLY
def test_a_folder_import_reports_each_bad_entry_and_imports_the_rest(
    tmp_path: Path, template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coord = PC(tmp_path / "coord", "coord", template)
    try:
        coord.create(setup_text())
        data = coord.export()
    finally:
        coord.close()
    folder = tmp_path / "share"
    folder.mkdir()
    os.mkfifo(folder / "a-pipe.tally")
    (folder / "b-zero.tally").symlink_to("/dev/zero")
    (tmp_path / "elsewhere.tally").write_bytes(data)
    (folder / "c-outside.tally").symlink_to(tmp_path / "elsewhere.tally")
    (folder / "d-deep.tally").write_bytes(hostile.deep_manifest())
    (folder / "e-crash.tally").write_bytes(b"whatever")
    (folder / "f-nowhere.tally").symlink_to(tmp_path / "missing.tally")
    (folder / "z-good.tally").write_bytes(data)
    original = exchange.import_file

    def import_file(store: object, path: Path, **kw: object) -> exchange.ImportReport:
        if path.name == "e-crash.tally":  # any error from one file: the next still imports
            raise MemoryError("out of memory")
        return original(store, path, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(exchange, "import_file", import_file)
    started = time.monotonic()
    code, out, err = cli("--db", str(tmp_path / "v.sqlite"), "import", str(folder))
    assert time.monotonic() - started < 30
    assert code == 1
    assert "z-good.tally: joined the vote" in out
    assert "a-pipe.tally: skipped: it is a named pipe" in err
    assert "b-zero.tally: skipped: it is a device" in err
    assert "c-outside.tally: skipped: it is a link to a file outside the folder" in err
    assert "f-nowhere.tally: skipped: it is a link that leads nowhere" in err
    assert "d-deep.tally: refused (damaged)" in err
    assert "e-crash.tally: not imported: it could not be read (MemoryError" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("cap", ["MAX_ENTRIES_BYTES", "MAX_FILE_BYTES"])
def test_an_export_over_the_caps_is_refused_before_writing(
    tmp_path: Path, template: Path, monkeypatch: pytest.MonkeyPatch, cap: str
) -> None:
    """A file other PCs would refuse as too large is not written (it was written, then found
    unreadable)."""
    from steward_app.services.errors import Refused

    coord = PC(tmp_path / "coord", "coord", template)
    share = tmp_path / "share"
    share.mkdir()
    try:
        coord.create(setup_text())
        monkeypatch.setattr(container, cap, 200)
        with pytest.raises(Refused, match="more than a tally file may"):
            exchange.export_file(coord.store, coord.author, share)
        assert list(share.iterdir()) == []
    finally:
        coord.close()
