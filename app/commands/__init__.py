"""Headless commands, one module per family. Each module has ``register(subparsers)`` that adds its
parsers with ``set_defaults(handler=...)``; a handler is ``handler(args, data: DataDir) -> int``.

``app.cli`` lists the modules in ``COMMAND_MODULES``. Commands are the composition layer: like
``main`` they may use every room, and each is also what a button or the assistant does.
"""
