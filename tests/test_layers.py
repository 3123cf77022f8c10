"""The room table of docs/design.md, held by a test: which rooms of ``app`` may import which.

Kernel modules (``errors``, ``i18n``, ``config``, ``paths``, ``log``, ``events``, ``bus``) import nothing of
ours above them and may be imported by every room: user-facing errors and translated messages are
needed everywhere, the domain included. The composition layer (``main``, ``cli``, ``session``,
``housekeeping``, ``commands``) wires rooms together and may import anything.
"""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"
KERNEL = {"errors", "i18n", "config", "paths", "log", "events", "bus"}
COMPOSITION = {"main", "wiring", "cli", "session", "housekeeping", "commands", "__main__", "__init__"}

# room -> rooms of ours it may import (besides the kernel)
ALLOWED = {
    "domain": set(),
    "store": {"domain"},
    "ml": {"domain"},
    "services": {"domain", "store"},
    "agents": {"services", "store", "domain", "ml", "onboarding"},
    "onboarding": {"services", "store", "domain", "ml"},
    "assistant": {"services", "store", "domain", "ml"},
    "api": {"assistant", "services", "store", "domain"},
    "sync": {"services", "store", "domain"},
    "ui": {"services", "store", "domain", "session"},
    # the simulated shop (demo history, policy harness, marketplace simulator) drives every room below the UI
    "sim": {"agents", "assistant", "sync", "api", "onboarding", "services", "store", "domain", "ml"},
}
# third-party packages a room must never touch
FORBIDDEN_PACKAGES = {
    "domain": {"PySide6", "sqlite3", "sqlite_utils", "httpx", "onnxruntime", "apscheduler"},
    "store": {"PySide6", "httpx", "onnxruntime", "apscheduler"},
    "ml": {"PySide6", "sqlite3", "sqlite_utils", "httpx", "torch"},
    "services": {"PySide6", "httpx", "apscheduler"},
    "agents": {"PySide6", "httpx"},
    "onboarding": {"PySide6", "httpx", "apscheduler"},
    "assistant": {"PySide6", "httpx"},
    "api": {"PySide6", "apscheduler", "onnxruntime"},
    "sync": {"PySide6"},
    "ui": {"httpx", "apscheduler"},
    "sim": {"PySide6", "httpx"},
}
KERNEL_ALLOWED = {"errors": {"i18n"}, "i18n": set(), "config": {"errors", "i18n"}, "paths": {"errors", "i18n"},
                  "log": set(), "events": {"bus"}, "bus": set()}


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            raise AssertionError(f"{path}: use absolute imports (from app.x import y)")
    return found


def room_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "app" and len(parts) > 1 else None


def all_modules():
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(APP)
        yield rel.parts[0].removesuffix(".py"), path


@pytest.mark.parametrize(("room", "path"), list(all_modules()), ids=lambda v: str(v).split("/app/")[-1])
def test_imports_follow_the_room_table(room, path):
    imported = imports_of(path)
    ours = {room_of(m) for m in imported} - {None, room}
    if room in COMPOSITION:
        return
    if room in KERNEL:
        assert ours <= KERNEL_ALLOWED[room], f"kernel module {room} imports {ours - KERNEL_ALLOWED[room]}"
        return
    assert room in ALLOWED, f"app/{room} is a new room: add it to docs/design.md and to this table"
    illegal = ours - ALLOWED[room] - KERNEL
    assert not illegal, f"{path.relative_to(APP.parent)} imports {sorted(illegal)}, against the room table"
    packages = {m.split(".")[0] for m in imported}
    banned = packages & FORBIDDEN_PACKAGES[room]
    assert not banned, f"{path.relative_to(APP.parent)} imports {banned}"


def test_only_the_composition_layer_imports_sim():
    """A simulated shop is built by a command, a test or the first run; production rooms never need one."""
    for room, path in all_modules():
        if room in COMPOSITION or room == "sim":
            continue
        assert "sim" not in {room_of(m) for m in imports_of(path)}, f"{path.relative_to(APP.parent)} imports app.sim"


def test_no_import_cycle_between_rooms():
    edges: dict[str, set[str]] = {}
    for room, path in all_modules():
        if room in COMPOSITION:
            continue
        edges.setdefault(room, set()).update({room_of(m) for m in imports_of(path)} - {None, room})

    def reach(start: str, seen: set[str]) -> set[str]:
        for nxt in edges.get(start, ()):
            if nxt not in seen:
                seen.add(nxt)
                reach(nxt, seen)
        return seen

    for room in edges:
        assert room not in reach(room, set()), f"app/{room} can reach itself through imports"


# the import name of each runtime dependency in pyproject.toml (shiboken6 comes with PySide6, win32print with
# pywin32); anything else third-party that app imports would be missing from a fresh install and the installer
RUNTIME_IMPORTS = {"PIL", "PySide6", "shiboken6", "apscheduler", "cryptography", "escpos", "filelock", "holidays",
                   "httpx", "jsonschema", "keyring", "numpy", "onnxruntime", "openpyxl", "segno", "sqlite_utils",
                   "stdnum", "win32print"}


def test_app_imports_only_the_runtime_dependencies():
    """scipy and statsforecast come with the bench extra only: the sixteenth session's sold-out demand read
    imported scipy in app/agents/demand.py, which passed on a developer's environment and failed on a fresh one."""
    import sys

    stray = {}
    for _room, path in all_modules():
        for module in imports_of(path):
            top = module.split(".")[0]
            if top != "app" and top not in sys.stdlib_module_names and top not in RUNTIME_IMPORTS:
                stray.setdefault(top, str(path.relative_to(APP)))
    assert not stray, stray
