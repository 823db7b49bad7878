"""The documentation stays true to the repository: every file it names exists, the README's
test command is the one CI runs, every doc is listed in the README, and every dependency has
its reason there."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = sorted([REPO / "README.md", *(REPO / "docs").rglob("*.md")])

# steward_app/domain/tally.py, or the same inside the package written short: ui/glance.py
_PACKAGE = r"(?:domain|store|sync|services|reports|ui|cli)"
FULL = re.compile(r"(?<![\w/.])steward_app/[\w/.]*[\w/]")
SHORT = re.compile(rf"(?<![\w/.]){_PACKAGE}/[\w/]*\w\.py")
OTHER = re.compile(r"(?<![\w/.])(?:(?:tests|bench)/[\w/]*\w\.py|docs/[\w/-]*\w\.md)")
# the prefixes hashed before an entry, a manifest, a checkpoint or the state code
# (docs/sync-format.md): names, not paths
HASH_PREFIX = re.compile(r"steward_app/v\d+/")


def named_paths(text: str) -> set[str]:
    """The repository paths a page names, as paths from the repository's root."""
    found = {m.group(0) for m in FULL.finditer(text) if not HASH_PREFIX.match(m.group(0))}
    found |= {f"steward_app/{m.group(0)}" for m in SHORT.finditer(text)}
    found |= {m.group(0) for m in OTHER.finditer(text)}
    return {p.rstrip(".") for p in found}


def test_the_path_finder_reads_the_forms_the_docs_use() -> None:
    text = (
        "See steward_app/domain/tally.py. Or `ui/glance.py`, tests/ui/test_glance.py, "
        "docs/checks.md and steward_app/store/migrations/versions/; not "
        '`"steward_app/v1/entry\\0"` nor services.merge nor bench/out/x.sqlite.'
    )
    assert named_paths(text) == {
        "steward_app/domain/tally.py",
        "steward_app/ui/glance.py",
        "tests/ui/test_glance.py",
        "docs/checks.md",
        "steward_app/store/migrations/versions/",
    }


def test_every_path_the_documentation_names_exists() -> None:
    missing = [
        f"{page.relative_to(REPO)}: {path}"
        for page in DOCS
        for path in sorted(named_paths(page.read_text(encoding="utf-8")))
        if not (REPO / path).exists()
    ]
    assert not missing, "paths named in the documentation that do not exist:\n" + "\n".join(missing)


def _readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def _command_after(text: str, comment: str) -> str:
    lines = text.splitlines()
    return lines[lines.index(comment) + 1].strip()


def test_the_readme_has_the_two_set_up_commands_and_ci_runs_its_test_command() -> None:
    readme = _readme()
    demo = _command_after(readme, "# start the application on the built-in demo vote")
    tests = _command_after(readme, "# run the tests")
    assert demo == "bash packaging/dev-setup.sh && .venv/bin/steward-app --demo"
    assert tests == "bash packaging/dev-setup.sh && .venv/bin/python -m pytest -q"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in [line.strip() for line in ci]


def test_the_readme_lists_every_doc() -> None:
    readme = _readme()
    pages = [p.relative_to(REPO).as_posix() for p in DOCS if p.name != "README.md"]
    assert pages
    assert [p for p in pages if p not in readme] == []


def test_the_readme_says_why_each_dependency_is_there() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted += extra
    names = {re.split(r"[=<>!~\[ ]", spec, maxsplit=1)[0].lower() for spec in wanted}
    table = _readme().split("## Dependencies and why", 1)[1].lower()
    listed = {
        name.strip()
        for row in table.splitlines()
        if row.startswith("| ") and not row.startswith("| package")
        for name in row.split("|")[1].split(",")
    }
    # a package's hooks are pinned with it, in its row (PyInstaller's)
    missing = {
        n for n in names if n not in listed and n.removesuffix("-hooks-contrib") not in listed
    }
    assert missing == set()
