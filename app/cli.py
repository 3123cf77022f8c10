"""The installed ``tavyonix`` command (``[project.scripts]`` in pyproject.toml): the same as ``python -m app``.

The parser and the commands live in :mod:`app.commands`; the wiring in :mod:`app.main`.
"""

from __future__ import annotations

__all__ = ["main"]


def main() -> None:
    from app.main import run

    raise SystemExit(run())
