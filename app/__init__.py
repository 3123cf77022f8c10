"""TAVYONIX: an offline-first Seller Operating System for small sellers in India."""

from __future__ import annotations

import sys


def _sqlite_utils_without_numpy() -> None:
    """sqlite-utils imports numpy (and pandas) as it is imported, only to map their number types to column types
    of tables it creates from Python values; every table here is made by SQL in the migrations, and values are
    bound by sqlite3 itself. numpy was most of sqlite-utils' import time on the way to the first window (0.1 s
    of CPU, 0.4 s on the loaded 2-core machine), so sqlite-utils is imported with them hidden; numpy still
    imports as usual afterwards, for the forecasts."""
    if "sqlite_utils.db" in sys.modules or "numpy" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" raises ImportError meanwhile
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


_sqlite_utils_without_numpy()


def httpx_without_its_cli() -> None:
    """Import httpx (the marketplace adapters, registered when a shop opens) without its command-line tool:
    ``httpx/__init__`` tries ``httpx._main`` for the ``httpx`` command, which imports pygments' lexer tables and
    rich (a third of a second on the loaded 2-core machine, on the way to the first window) and falls back to a
    stub when they are missing. The app never runs that command, so they are hidden while httpx is imported;
    they import as usual afterwards (the tests' own use of pygments)."""
    if "httpx" in sys.modules:
        return
    hidden = [name for name in ("pygments", "rich") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import httpx  # noqa: F401
    except ImportError:  # httpx itself missing: the adapters' own import says so where it is needed
        pass
    finally:
        for name in hidden:
            if sys.modules.get(name) is None:
                del sys.modules[name]


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("tavyonix")
    except Exception:  # running from a folder without installed metadata (the Windows installer build)
        import re
        from pathlib import Path

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        if pyproject.exists():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text(encoding="utf-8"), re.M)
            if match:
                return match.group(1)
        return "0+unknown"


def __getattr__(name: str) -> str:
    """``app.__version__`` is looked up when first asked for (the About box, ``--version``, the self-check):
    reading the installed metadata is not on the way to the first window."""
    if name == "__version__":
        found = _version()
        globals()["__version__"] = found
        return found
    raise AttributeError(f"module 'app' has no attribute {name!r}")
