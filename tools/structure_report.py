"""Print the shape of ``app/``: rooms, large files, import cycles, room-table breaks, repeated names.

    .venv/bin/python tools/structure_report.py

Evidence anyone can rerun after a regrouping: module counts and lines per room, the largest files,
import cycles between modules (with the path of each), imports that break the room table of
``tests/test_layers.py`` (the same table the test holds, imported from it), top-level names defined in
more than one room, files over 500 lines, modules named by a capability prefix, the share of private
names and of modules with ``__all__``, and SQL strings outside ``app/store``. Reads the source only;
imports nothing from ``app``.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
MAX_LINES = 500
CAPABILITY_PREFIXES = ("agents_", "assistant_", "migrations_", "forecast_")
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|PRAGMA|ALTER|DROP|REPLACE)\s", re.S)


def load_room_table():
    """The room table lives in tests/test_layers.py; load that module by path (tests is no package)."""
    spec = importlib.util.spec_from_file_location("test_layers", ROOT / "tests" / "test_layers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def room_of(path: Path) -> str:
    return path.relative_to(APP).parts[0].removesuffix(".py")


def resolve(name: str, modules: set[str]) -> str | None:
    """The module of ours that ``name`` (a module, or a module's attribute) refers to."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imported_modules(tree: ast.AST, modules: set[str]) -> set[str]:
    """Every module of ours imported anywhere in the file (function-local imports too)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = resolve(name, modules)
            if target:
                found.add(target)
    return found


def find_cycles(edges: dict[str, set[str]]) -> list[tuple[list[str], list[str]]]:
    """For each strongly connected component of more than one module (Tarjan): a shortest cycle through
    its first module, and all its modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []
    counter = [0]
    sys.setrecursionlimit(10_000)

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(edges):
        if node not in index:
            visit(node)
    cycles = []
    for component in components:
        start = min(component)
        # shortest way back to start inside the component (breadth first)
        paths = {start: [start]}
        queue = [start]
        cycle = None
        while queue and cycle is None:
            node = queue.pop(0)
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    cycle = [*paths[node], start]
                    break
                if nxt in component and nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    queue.append(nxt)
        cycles.append((cycle or sorted(component), sorted(component)))
    return cycles


def main() -> int:
    layers = load_room_table()
    files = sorted(APP.rglob("*.py"))
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in files}
    lines = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in files}
    modules = {module_name(path): path for path in files}
    names = set(modules)

    print(f"# Structure of app/ ({len(files)} modules, {sum(lines.values())} lines)\n")
    per_room: dict[str, list[Path]] = defaultdict(list)
    for path in files:
        per_room[room_of(path)].append(path)
    print("## Rooms (modules, lines)")
    for room, paths in sorted(per_room.items(), key=lambda kv: -sum(lines[p] for p in kv[1])):
        print(f"  {room:<14} {len(paths):>4} {sum(lines[p] for p in paths):>7}")

    print("\n## 15 largest files")
    for path in sorted(files, key=lambda p: -lines[p])[:15]:
        print(f"  {lines[path]:>5}  {path.relative_to(ROOT)}")

    edges = {module_name(path): imported_modules(tree, names) - {module_name(path)} for path, tree in trees.items()}
    # importing app.x.y runs app/x/__init__.py first; a package is not counted as importing its own modules
    cycles = find_cycles(edges)
    print(f"\n## Import cycles between modules: {len(cycles)}")
    for cycle, component in cycles:
        print("  " + " -> ".join(cycle))
        if len(component) > len(cycle) - 1:
            print(f"    (all {len(component)} modules of this knot: {', '.join(component)})")

    breaks = []
    for path, tree in trees.items():
        room = room_of(path)
        if room in layers.COMPOSITION:
            continue
        ours = {target.split(".")[1] for target in imported_modules(tree, names) if target.count(".") >= 1}
        ours -= {room}
        if room in layers.KERNEL:
            illegal = ours - layers.KERNEL_ALLOWED[room]
        elif room not in layers.ALLOWED:
            breaks.append(f"{path.relative_to(ROOT)}: room {room!r} is not in the room table")
            continue
        else:
            illegal = ours - layers.ALLOWED[room] - layers.KERNEL
        breaks.extend(f"{path.relative_to(ROOT)} imports app.{other}" for other in sorted(illegal))
    print(f"\n## Imports that break the room table (tests/test_layers.py): {len(breaks)}")
    for line in breaks:
        print("  " + line)

    defined: dict[str, set[str]] = defaultdict(set)
    public = private = 0
    with_all = 0
    for path, tree in trees.items():
        for node in tree.body:
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                defined[node.name].add(room_of(path))
                if node.name.startswith("_"):
                    private += 1
                else:
                    public += 1
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                    for t in node.targets):
                with_all += 1
    repeated = {name: rooms for name, rooms in defined.items() if len(rooms) > 1 and not name.startswith("_")}
    print(f"\n## Public top-level names defined in more than one room: {len(repeated)}")
    for name, rooms in sorted(repeated.items()):
        print(f"  {name}: {', '.join(sorted(rooms))}")

    big = [path for path in files if lines[path] > MAX_LINES]
    print(f"\n## Files over {MAX_LINES} lines: {len(big)}")
    for path in sorted(big, key=lambda p: -lines[p]):
        print(f"  {lines[path]:>5}  {path.relative_to(ROOT)}")

    prefixed = [path for path in files if path.stem.startswith(CAPABILITY_PREFIXES)]
    print(f"\n## Modules named by a capability prefix {CAPABILITY_PREFIXES}: {len(prefixed)}")
    for path in prefixed:
        print(f"  {path.relative_to(ROOT)}")

    total = public + private
    print("\n## Public surface")
    print(f"  top-level classes and functions: {total}, private: {private} ({100 * private / max(total, 1):.0f}%)")
    print(f"  modules with __all__: {with_all} of {len(files)}")

    sql_outside: dict[str, int] = defaultdict(int)
    for path, tree in trees.items():
        if room_of(path) == "store":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
                sql_outside[room_of(path)] += 1
    print(f"\n## SQL strings outside app/store: {sum(sql_outside.values())}")
    for room, count in sorted(sql_outside.items(), key=lambda kv: -kv[1]):
        print(f"  {room:<14} {count:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
