"""A legitimate large file imports in the command line under 150 MB at the peak: its entries
are judged and written a few thousand at a time, never all held (docs/sync-format.md, "What
the limits do not make small"). Before, 60,000 entries from 12 PCs peaked at about 250 MB."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench import hostile_files as hostile
from bench.bench_sync import signed_file

ENTRIES = 60_000


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="the peak of a child process (ru_maxrss)")
def test_a_large_legitimate_file_imports_under_150_mb(tmp_path: Path) -> None:
    data, _ = signed_file(ENTRIES, 12)
    path = tmp_path / "large.tally"
    path.write_bytes(data)
    outcome = hostile.run_cli(["--db", str(tmp_path / "v.sqlite"), "import", str(path)], "large")
    assert outcome.said == "imported" and outcome.status == 0
    assert outcome.peak_mb < 150
