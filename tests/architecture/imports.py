"""Every import between victimcare's own modules, read from the source with ast.

Run `python -m tests.architecture.imports` to print the imports between parts of apps (see
victimcare/layers.py), or `python -m tests.architecture.imports --modules` for module cycles.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from victimcare.layers import part_of

ROOT = Path(__file__).resolve().parents[2] / "victimcare"


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    line: int
    type_checking: bool

    def __str__(self) -> str:
        kind = " (TYPE_CHECKING)" if self.type_checking else ""
        return f"{self.source}:{self.line} -> {self.target}{kind}"


def _module_name(path: Path, root: Path) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = ROOT) -> dict[str, Path]:
    return {_module_name(p, root): p for p in sorted(root.rglob("*.py")) if "migrations" not in p.parts}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _names(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, *([node.module] if node.module else [])])
    return [base, *(f"{base}.{alias.name}" for alias in node.names)]


def _walk(tree: ast.AST, type_checking: bool = False) -> Iterable[tuple[ast.Import | ast.ImportFrom, bool]]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, type_checking
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                yield from _walk(ast.Module(body=[child], type_ignores=[]), True)
            for child in node.orelse:
                yield from _walk(ast.Module(body=[child], type_ignores=[]), type_checking)
        else:
            yield from _walk(node, type_checking)


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imports(root: Path = ROOT) -> list[Import]:
    """Each import of one of our modules by another (`from a import b` of a module b counts as
    importing a.b; of a name in a, as importing a). The root package is left out: it is empty."""
    found_modules = modules(root)
    found: set[Import] = set()
    for source, path in found_modules.items():
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node, type_checking in _walk(ast.parse(path.read_text())):
            for name in _names(node, package):
                target = _resolve(name, found_modules)
                if target and target not in (source, root.name):
                    found.add(Import(source, target, node.lineno, type_checking))
    return sorted(found, key=lambda i: (i.source, i.line, i.target))


def module_graph(found: Iterable[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for imp in found:
        graph[imp.source].add(imp.target)
    return graph


def part_graph(found: Iterable[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for imp in found:
        source, target = ":".join(part_of(imp.source)), ":".join(part_of(imp.target))
        if source != target:
            graph[source].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def main(argv: list[str]) -> None:
    found = imports()
    if "--modules" in argv:
        for cycle in cycles(module_graph(i for i in found if not i.type_checking)):
            print("cycle:", " <-> ".join(cycle))
        return
    for source, targets in sorted(part_graph(found).items()):
        print(f"{source} -> {' '.join(sorted(targets))}")
    for cycle in cycles(part_graph(found)):
        print("cycle:", " <-> ".join(cycle))


if __name__ == "__main__":
    main(sys.argv[1:])
