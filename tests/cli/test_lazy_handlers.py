"""Every handler the parsers name by module (cli.context.LazyHandler) resolves to a function,
and lives where the application bundle collects it: PyInstaller cannot see a module imported
by name, so packaging/steward-app.spec collects steward_app.cli's submodules whole."""

from __future__ import annotations

import argparse
from pathlib import Path

from steward_app.cli.context import LazyHandler
from steward_app.cli.main import build_parser

SPEC = Path(__file__).resolve().parents[2] / "packaging" / "steward-app.spec"


def _handlers(parser: argparse.ArgumentParser) -> list[object]:
    found = [parser.get_default("handler")]
    for action in parser._actions:  # argparse keeps its subparsers among its actions
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _handlers(sub)
    return [h for h in found if h is not None]


def test_every_lazy_handler_resolves_to_a_function_in_the_command_line_package() -> None:
    handlers = _handlers(build_parser())
    lazy = [h for h in handlers if isinstance(h, LazyHandler)]
    assert len(lazy) >= 10  # the vote's commands, history and the report
    for handler in lazy:
        assert handler.module.startswith("steward_app.cli."), handler.module
        assert callable(handler.resolve()), (handler.module, handler.name)


def test_the_bundle_collects_the_command_line_package_whole() -> None:
    assert 'collect_submodules("steward_app.cli")' in SPEC.read_text(encoding="utf-8")
