"""Headless commands, one module per family. Each module has ``register(subparsers)`` that adds its
parsers with ``set_defaults(handler=...)``; a handler is ``handler(args, data: DataDir) -> int``.

:mod:`app.commands.parser` lists the modules in ``COMMAND_MODULES``, builds the parser and dispatches.
Commands are the composition layer: like ``main`` they may use every room, and each is also what a
button or the assistant does. They get long-lived handles (the assistant, the API server) from
:mod:`app.wiring`, never from ``app.main``.
"""

from app.commands.parser import COMMAND_MODULES, EXIT_BUG, EXIT_CONFIRM, EXIT_INPUT, EXIT_OK, build_parser, dispatch

__all__ = ["COMMAND_MODULES", "EXIT_BUG", "EXIT_CONFIRM", "EXIT_INPUT", "EXIT_OK", "build_parser", "dispatch"]
