"""Print drafter's import graph, module by module, and any import cycle.  Run: ``python tests/import_graph.py``.

Every ``import drafter…`` / ``from drafter… import …`` of every module under ``drafter/`` counts, at the top
of a module or inside a function (an import inside a function is written ``name (lazy)``): a cycle through a
lazy import is still a cycle in the design. Imports under ``if TYPE_CHECKING:`` (for annotations only) do not. Exit status 1 when there is a cycle. tests/test_import_graph.py
runs the same analysis.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drafter"


def module_name(path: Path) -> str:
    """``drafter/compose/plan.py`` → ``drafter.compose.plan``; a package's ``__init__.py`` → the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(node: ast.ImportFrom, here: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = here.split(".")
    base = base if is_package else base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports(path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """The drafter modules ``path`` imports, each with whether the import is inside a function (lazy)."""
    here = module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out: list[tuple[str, bool]] = []

    def visit(node: ast.AST, lazy: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue  # names for type annotations only: never imported when drafter runs
            inner = lazy or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                out.extend((a.name, lazy) for a in child.names if a.name.split(".")[0] == "drafter")
            elif isinstance(child, ast.ImportFrom):
                base = _resolve(child, here, path.name == "__init__.py")
                if base.split(".")[0] != "drafter":
                    continue
                for alias in child.names:
                    sub = f"{base}.{alias.name}"
                    out.append((sub if sub in known else base, lazy))
            visit(child, inner)

    visit(tree, False)
    return out


def function_imports(path: Path, known: set[str]) -> list[tuple[int, str]]:
    """(line, module) of every import inside a function of ``path``, any package (``from a.b import c``
    counts as ``a.b.c`` when that is a drafter module, else as ``a.b``)."""
    here = module_name(path) if path.is_relative_to(ROOT) else path.stem
    out: list[tuple[int, str]] = []

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if inside and isinstance(child, ast.Import):
                out.extend((child.lineno, a.name) for a in child.names)
            elif inside and isinstance(child, ast.ImportFrom):
                base = _resolve(child, here, path.name == "__init__.py")
                out.extend((child.lineno, f"{base}.{a.name}" if f"{base}.{a.name}" in known else base)
                           for a in child.names)
            visit(child, inside or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return out


def graph() -> dict[str, dict[str, bool]]:
    """Module → {imported module: lazy (True only when every import of it is inside a function)}."""
    files = sorted(PACKAGE.rglob("*.py"))
    known = {module_name(f) for f in files}
    out: dict[str, dict[str, bool]] = {}
    for f in files:
        edges: dict[str, bool] = {}
        for target, lazy in imports(f, known):
            while target not in known and "." in target:
                target = target.rsplit(".", 1)[0]
            if target == module_name(f) or target not in known:
                continue
            edges[target] = edges.get(target, True) and lazy
        out[module_name(f)] = edges
    return out


def _package_of(module: str, g: dict) -> set[str]:
    """The packages whose ``__init__`` runs when ``module`` is imported (its ancestors)."""
    parts = module.split(".")
    return {".".join(parts[:i]) for i in range(1, len(parts)) if ".".join(parts[:i]) in g}


def cycles(g: dict[str, dict[str, bool]]) -> list[list[str]]:
    """Every cycle of the graph, once each (as found by a depth-first search), shortest first.

    A package's own ``__init__`` importing its submodules is not a cycle by itself, since importing a
    submodule runs its package's ``__init__`` first anyway: edges from a module to one of its
    ancestor packages are not followed.
    """
    found: list[list[str]] = []
    seen: set[frozenset] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def dfs(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(g.get(node, {})):
            if nxt in _package_of(node, g):
                continue
            if state.get(nxt) == 1:
                cyc = stack[stack.index(nxt):]
                key = frozenset(cyc)
                if key not in seen:
                    seen.add(key)
                    found.append(cyc + [nxt])
            elif state.get(nxt) is None:
                dfs(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(g):
        if state.get(node) is None:
            dfs(node)
    return sorted(found, key=len)


def main() -> int:
    g = graph()
    for mod in sorted(g):
        targets = ", ".join(f"{t} (lazy)" if lazy else t for t, lazy in sorted(g[mod].items()))
        print(f"{mod} -> {targets}" if targets else mod)
    found = cycles(g)
    for cyc in found:
        print("CYCLE: " + " -> ".join(cyc))
    print(f"{len(g)} modules, {sum(len(e) for e in g.values())} imports, {len(found)} cycles")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
