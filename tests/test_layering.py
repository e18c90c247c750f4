"""The architecture's rules, checked on the source (no import is executed).

- ``app/core`` imports no Qt, and nothing of ``app.ui``, ``app.commands`` or ``app.bench``;
- ``app/ui`` never imports ``app.commands`` (the CLI is a sibling, not a library);
- no module inside ``app/`` takes part in an import cycle (module level and function level alike:
  a local import still ties the two modules together).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[1] / "app"


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, as absolute dotted names (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # "from app.core import outline" imports the module app.core.outline
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in APP.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name}
    return graph


def _sources(folder: str) -> list[Path]:
    return sorted((APP / folder).rglob("*.py"))


@pytest.mark.parametrize("path", _sources("core"), ids=lambda p: str(p.relative_to(APP)))
def test_core_imports_no_qt_and_nothing_above_it(path):
    banned = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "app.ui", "app.commands", "app.bench", "app.cli")
    bad = sorted(m for m in _imports(path) if m.split(".")[0] in banned[:4] or m.startswith(banned[4:]))
    assert not bad, f"{path.relative_to(APP)} imports {bad}"


@pytest.mark.parametrize("path", _sources("ui"), ids=lambda p: str(p.relative_to(APP)))
def test_ui_never_imports_the_commands(path):
    bad = sorted(m for m in _imports(path) if m.startswith(("app.commands", "app.cli")))
    assert not bad, f"{path.relative_to(APP)} imports {bad}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_inside_app():
    graph = _graph()
    # a package's __init__ importing its own submodules is not a cycle of design
    for name in graph:
        graph[name] = {m for m in graph[name] if not (name + ".").startswith(m + ".")}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    """The check above would be worthless if _cycles could not see one."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_local_and_relative_imports(tmp_path):
    source = APP / "core" / "services.py"
    assert "app.core.warmup" in _imports(source)
    assert "app.core.phrases.ranking" in _imports(source)
