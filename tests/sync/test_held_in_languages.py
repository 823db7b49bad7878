"""`steward-app held` in Spanish: the reason's label in the language asked for, the detail as
it was written when the entry was held (docs/translations.md, "What is never translated")."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.test_languages import steward_app
from tests.sync.helpers import setup_text
from tests.sync.test_cli_sync import key_of, ok


def test_held_shows_the_reason_in_spanish_and_the_detail_as_held(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    coord, listed, unlisted = (tmp_path / n / "v.sqlite" for n in ("coord", "steward2", "steward3"))
    setup = tmp_path / "setup.toml"
    setup.write_text(
        setup_text(
            coordinator=key_of(coord, "coord"),
            stewards=[(key_of(listed, "steward2"), "a steward", ["a"])],
        )
    )
    ok(coord, "coord", "init", str(setup))
    ok(coord, "coord", "export", str(share / "opening.tally"))
    ok(unlisted, "steward3", "import", str(share / "opening.tally"))

    # the third steward's key is not listed: their count is held on their PC (judged in English) ...
    counted = ok(unlisted, "steward3", "count", "b1", "--yes", "4", "--no", "1")
    assert "held apart, not counted" in counted
    ok(unlisted, "steward3", "export", str(share / "steward3.tally"))
    # ... and on the coordinator's, whose import is in Spanish
    imported = ok(coord, "coord", "--lang", "es", "import", "--hold", str(share / "steward3.tally"))
    assert "en cuarentena: 1" in imported

    spanish = steward_app(coord, "--lang", "es", "held")
    assert spanish.returncode == 0, spanish.stderr
    assert "[clave desconocida] firmado por una clave que el coordinador no ha incluido" in (
        spanish.stdout
    )
    assert "[unknown key]" not in spanish.stdout and "signed by a key" not in spanish.stdout
    # when it was held, as each language writes a date: 07/12/2026 14:05, 2026-12-07 14:05
    assert re.search(r"steward3\.tally, \d\d/\d\d/\d{4} \d\d:\d\d\)", spanish.stdout)

    # the detail stays in the language it was held in; the label follows the reader
    english = steward_app(coord, "--lang", "en", "held")
    assert english.returncode == 0, english.stderr
    assert "[unknown key] firmado por una clave que el coordinador no ha incluido" in (
        english.stdout
    )
    assert re.search(r"steward3\.tally, \d{4}-\d\d-\d\d \d\d:\d\d\)", english.stdout)
    held_by_steward3 = steward_app(unlisted, "--lang", "es", "held")
    assert held_by_steward3.returncode == 0, held_by_steward3.stderr
    assert "[clave desconocida] signed by a key the coordinator has not listed" in (
        held_by_steward3.stdout
    )
