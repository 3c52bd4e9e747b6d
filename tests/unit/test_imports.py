"""The package's stages import one way: a stage may import the stages before it, none after it, and no module imports itself back."""

import ast
from pathlib import Path

import grantreports
from tests.fixtures import REPO

PACKAGE = REPO / "grantreports"
TOP = "top"  # __main__, docs, overview, preview/...: above every stage


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) >= 2 and parts[1] in grantreports.STAGES else TOP


def imported_modules(path: Path, modules: set[str]) -> set[str]:
    """Every grantreports module `path` imports, wherever the import is (functions and TYPE_CHECKING blocks included)."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            # `from grantreports.inputs import model` imports the module grantreports.inputs.model
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names}
    return {name for name in found if name in modules}


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imported_modules(path, modules) - {module_name(path)} for path in paths}


def backward_imports(graph: dict[str, set[str]]) -> list[str]:
    order = {stage: index for index, stage in enumerate(grantreports.STAGES)} | {TOP: len(grantreports.STAGES), None: -1}
    return [
        f"{module} ({stage_of(module)}) imports {target} ({stage_of(target)})"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if module != "grantreports" and order[stage_of(target)] > order[stage_of(module)]
    ]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once, as the modules around it."""
    found, state = [], {}  # state: 1 while on the path, 2 when done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                found.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, path + [target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def test_every_sub_package_is_a_stage_or_above_them_with_a_docstring_saying_what_it_may_import():
    sub_packages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert sub_packages == sorted(grantreports.STAGES + grantreports.ABOVE_STAGES)
    for stage in grantreports.STAGES + grantreports.ABOVE_STAGES:
        docstring = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and "Imports:" in docstring, stage


def test_every_module_starts_with_a_docstring():
    graph = import_graph()
    missing = [path for path in PACKAGE.rglob("*.py") if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert len(graph) > 40 and not missing


def test_no_stage_imports_a_later_stage():
    assert backward_imports(import_graph()) == []


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_checks_find_a_backward_import_and_a_cycle():
    graph = import_graph()
    graph["grantreports.inputs.model"] = graph["grantreports.inputs.model"] | {"grantreports.figures.context"}
    assert backward_imports(graph) == ["grantreports.inputs.model (inputs) imports grantreports.figures.context (figures)"]
    found = cycles(graph)
    assert found and all(cycle[0] == cycle[-1] and "grantreports.inputs.model" in cycle for cycle in found)
    assert any("grantreports.figures.context" in cycle for cycle in found)
    assert backward_imports({"grantreports.common.files": {"grantreports.docs"}, "grantreports.docs": set()}) != []
