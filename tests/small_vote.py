"""The small vote most store and sync tests use: two unions, three units, one with parts."""

from __future__ import annotations

from steward_app.domain.counts import SlotKey

SETUP = """\
format = 1

[vote]
id = "small"
title = "Small vote"
mode = "{mode}"

[coalition]
name = "Two unions"

[coalition.rule]
min_unions = 2

[[questions]]
id = "q"
text = "Approve?"

[[unions]]
id = "a"
name = "Union A"
membership = 20
membership_source = "test"
membership_as_of = 2020-01-01

[[unions.units]]
id = "a1"
name = "A one"
eligible = 10
parts = ["x", "y"]

[[unions.units]]
id = "a2"
name = "A two"
eligible = 10

[[unions]]
id = "b"
name = "Union B"
membership = 10
membership_source = "test"
membership_as_of = 2020-01-01

[[unions.units]]
id = "b1"
name = "B one"
eligible = 10
"""
SLOTS = [SlotKey("q", "a1", "x"), SlotKey("q", "a1", "y"), SlotKey("q", "a2"), SlotKey("q", "b1")]


def setup_text(
    mode: str = "official",
    coordinator: str | None = None,
    stewards: list[tuple[str, str, list[str] | str]] | None = None,
) -> str:
    """The small vote; with a coordinator key and stewards (key, name, unions) when given."""
    text = SETUP.format(mode=mode)
    if coordinator:
        text += f'\n[coordinator]\nkey = "{coordinator}"\nname = "the coordinator"\n'
    for key, name, unions in stewards or []:
        listed = f'"{unions}"' if isinstance(unions, str) else str(unions).replace("'", '"')
        text += f'\n[[stewards]]\nkey = "{key}"\nname = "{name}"\nunions = {listed}\n'
    return text
