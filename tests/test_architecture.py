"""The package's shape: no module imports, even lazily, a module that imports it back."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def runtime_imports(tree: ast.AST, known: set[str]) -> set[str]:
    """The package's modules a module imports when it runs (not under `if TYPE_CHECKING`)."""
    found: set[str] = set()
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & known


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    known = set(paths)
    return {
        name: runtime_imports(ast.parse(path.read_text(encoding="utf-8")), known) - {name}
        for name, path in paths.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle, as the path that closes it (depth-first; every cycle found once)."""
    found, state = [], {}

    def visit(name: str, path: list[str]) -> None:
        state[name] = "open"
        for other in sorted(graph[name]):
            if state.get(other) == "open":
                found.append([*path[path.index(other) :], other])
            elif other not in state:
                visit(other, [*path, other])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return found


def test_the_cycle_finder_finds_a_cycle_and_a_typing_only_import_is_not_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    known = {"generator.x", "generator.y"}
    tree = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from generator.x import X\n"
        "def f():\n    from generator.y import g\n"
    )
    assert runtime_imports(tree, known) == {"generator.y"}


def test_the_generator_has_no_import_cycle():
    graph = import_graph()
    assert graph.get("generator.build")
    assert cycles(graph) == []


# The stages in the order an article goes through them: a stage may import the ones before it.
STAGES = ("ingest", "analyse", "corpus", "render", "write", "build", "plugin")


def later_stage_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    def stage(module: str) -> int | None:
        parts = module.split(".")
        return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else None

    return [
        (module, imported)
        for module, imports in sorted(graph.items())
        for imported in sorted(imports)
        if stage(module) is not None
        and stage(imported) is not None
        and stage(imported) > stage(module)
    ]


def test_a_stage_imports_only_the_stages_before_it():
    graph = import_graph()
    assert later_stage_imports({"generator.ingest.seeds": {"generator.render.pages"}}) == [
        ("generator.ingest.seeds", "generator.render.pages")
    ]
    assert {"generator.ingest.seeds", "generator.render.pages", "generator.write"} <= set(graph)
    assert later_stage_imports(graph) == []
