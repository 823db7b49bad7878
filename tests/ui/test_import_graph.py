"""No import circle among steward_app's modules.

The graph is read with ast from steward_app/**/*.py: an edge for every import written at a
module's top level, those under `if TYPE_CHECKING:` included (a circle there is one for the
type checker and for a reader), imports inside functions left out (they run when first used).

The window's modules (steward_app.ui) have none at all. Elsewhere no circle runs at import
time, and none remains under `if TYPE_CHECKING:` either: the list of known ones below is
empty (issue 14's domain and command-line items removed them) and stays so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import steward_app

PACKAGE = Path(steward_app.__file__).parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


# circles only the type checker follows, outside the window, each as its modules sorted: none
KNOWN_TYPE_CHECKING_CIRCLES: set[tuple[str, ...]] = set()


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def top_level_imports(
    tree: ast.Module, type_checking: bool = True
) -> list[ast.Import | ast.ImportFrom]:
    """The imports run when the module is imported (or read by the type checker): at the top
    level or in a top-level `if`/`try`, not inside a function or class. Without
    `type_checking`, those under `if TYPE_CHECKING:` are left out."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.stmt] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If):
            if type_checking or not _is_type_checking(node.test):
                pending.extend(node.body)
            pending.extend(node.orelse)
        elif isinstance(node, ast.Try):
            pending.extend(node.body + node.orelse + node.finalbody)
            for handler in node.handlers:
                pending.extend(handler.body)
    return found


def import_graph(type_checking: bool = True) -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in paths}
    for name, path in paths.items():
        is_package = path.name == "__init__.py"
        for node in top_level_imports(ast.parse(path.read_text(encoding="utf-8")), type_checking):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    here = name.split(".") if is_package else name.split(".")[:-1]
                    here = here[: len(here) - (node.level - 1)]
                    base = ".".join(here + ([base] if base else []))
                # `from package import module` imports the module; `from module import name`
                # the module itself
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in paths else base
                    for alias in node.names
                ]
            graph[name].update(t for t in targets if t in paths and t != name)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle (its modules in order, the first repeated at the end), or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    color = dict.fromkeys(graph, WHITE)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        color[node] = GREY
        stack.append(node)
        for target in sorted(graph[node]):
            if color[target] == GREY:
                return [*stack[stack.index(target) :], target]
            if color[target] == WHITE:
                cycle = visit(target)
                if cycle is not None:
                    return cycle
        stack.pop()
        color[node] = BLACK
        return None

    for node in sorted(graph):
        if color[node] == WHITE:
            cycle = visit(node)
            if cycle is not None:
                return cycle
    return None


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other (strongly connected, more than one)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = stack[stack.index(node) :]
            del stack[stack.index(node) :]
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_the_imports_it_should() -> None:
    graph = import_graph()
    # an import at the top level, one under TYPE_CHECKING, and one inside a function
    assert "steward_app.ui.database_lane" in graph["steward_app.ui.main_window"]
    assert "steward_app.ui.session" in graph["steward_app.ui.lane_dialog"]
    assert "steward_app.ui.about" not in graph["steward_app.ui.main_window"]
    assert "steward_app.ui.session" not in import_graph(False)["steward_app.ui.lane_dialog"]


def test_find_cycle_names_the_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None
    two = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c", "e"}, "e": set()}
    assert circles(two) == [["a", "b"], ["c", "d"]]


def test_no_import_circle_at_import_time() -> None:
    cycle = find_cycle(import_graph(type_checking=False))
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_no_import_circle_among_the_window_modules() -> None:
    graph = import_graph()
    window = {
        name: {t for t in targets if t.startswith("steward_app.ui")}
        for name, targets in graph.items()
        if name.startswith("steward_app.ui")
    }
    cycle = find_cycle(window)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_no_new_import_circle_for_the_type_checker() -> None:
    found = {tuple(group) for group in circles(import_graph())}
    new = found - KNOWN_TYPE_CHECKING_CIRCLES
    assert not new, "new import circles: " + "; ".join(" <-> ".join(g) for g in sorted(new))


def test_only_the_start_up_code_imports_the_main_window() -> None:
    """The controllers get the window's context (ui/window_context.py), not the window."""
    importers = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            if "steward_app.ui.main_window" in names:
                importers.add(module_name(path))
    # the start-up code: the entry point, the first view's settling, --exit-after-paint
    start_up = {"steward_app.ui.app", "steward_app.ui.start_up", "steward_app.ui.exit_after_paint"}
    assert importers <= start_up, importers - start_up
