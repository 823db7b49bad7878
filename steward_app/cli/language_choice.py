"""Which language the command line speaks: `--lang CODE`, else the environment as gettext
programs read it (LANGUAGE, LC_ALL, LC_MESSAGES, LANG; domain/language.py).

The language is chosen before the parser is built, so `--help` is in it too; argparse's own
words ("usage:", "options", its error messages) are translated through the same catalogue.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence

from steward_app.domain import language
from steward_app.domain.language import N_, _

# argparse's own sentences that a person meets (Python's argparse marks them with gettext's
# `_`; they are in our catalogue so one .po carries every word the command line prints)
ARGPARSE_SENTENCES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
)


def given(argv: Sequence[str]) -> str | None:
    """The value of `--lang CODE` or `--lang=CODE` anywhere before `--`, if given."""
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def choose(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """Set the process's language from `--lang` or the environment; returns its code.

    Raises ValueError naming the languages shipped when `--lang` names another.
    """
    code = given(argv)
    chosen = language.from_environment(environ) if code is None else code
    language.set_default(chosen)  # ValueError for a language not shipped
    setattr(argparse, "_", _)  # noqa: B010  (argparse looks its `_` up when it speaks)
    return language.current()


def lang_help() -> str:
    shipped = ", ".join(language.LANGUAGES)
    return _(
        "the language of the messages and reports ({shipped}; default: from LANGUAGE, "
        "LC_ALL, LC_MESSAGES or LANG)"
    ).format(shipped=shipped)
