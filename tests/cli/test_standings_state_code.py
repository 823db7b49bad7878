"""`standings --json` carries the state code that `state` prints (docs/standings-json.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from steward_app.cli.main import EXIT_OK
from tests.cli.test_cli import cli, demo_db  # noqa: F401  (the fixture)


def test_the_json_state_code_is_the_one_state_prints(demo_db: Path) -> None:  # noqa: F811
    for step in range(2):
        code, out, _ = cli(demo_db, "state")
        assert code == EXIT_OK
        printed = re.search(r"State (\w{4}-\w{4}) ", out)
        assert printed is not None, out
        code, out, _ = cli(demo_db, "standings", "--json")
        assert code == EXIT_OK
        data = json.loads(out)
        assert data["state_code"] == printed.group(1)  # null before
        if step == 0:  # a new count changes the code, and the JSON follows it
            code, _, _ = cli(demo_db, "count", "aru-p5", "--yes", "10", "--no", "5")
            assert code == EXIT_OK
