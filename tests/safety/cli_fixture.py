"""The headless commands called in-process (``app.main.run``), on a real shop in a temp folder."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from app import commands, i18n
from app.main import run

Cli = Callable[..., tuple[int, str, str]]

_build_parser = commands.build_parser
_parsers: dict[tuple[bool, str], argparse.ArgumentParser] = {}


def _parser_built_once(*, with_commands: bool = True) -> argparse.ArgumentParser:
    """``commands.build_parser``, built once per kind and language and then reused. Building the whole parser
    (about 180 sub-parsers, each of argparse's labels looked up through the stdlib ``gettext``) was four
    fifths of a refused command's CPU time, and the hostile-value tests run thousands of commands. The parser
    holds no state between ``parse_args`` calls (no handler changes a parsed default list), and every command
    still goes through ``run``: options, parsing, dispatch, the shop file and the messages. The language is
    part of the key because the help texts are translated when the parser is built. The parser holds the
    handler functions it was built with: a test that replaces a handler in ``app.commands`` must clear
    ``_parsers`` first."""
    key = (with_commands, i18n.language())
    if key not in _parsers:
        _parsers[key] = _build_parser(with_commands=with_commands)
    return _parsers[key]


def make_cli(home: Path, capsys) -> Cli:
    def call(*argv: str, shop: str | None = "kirana") -> tuple[int, str, str]:
        args = ["--data-dir", str(home)] + (["--shop", shop] if shop else []) + list(argv)
        try:
            with mock.patch.object(commands, "build_parser", _parser_built_once):
                code = run(args)
        except SystemExit as exc:  # argparse refusing an option
            code = exc.code if isinstance(exc.code, int) else 2
        out, err = capsys.readouterr()
        return code, out, err

    return call


def open_kirana(call: Cli) -> None:
    assert call("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV",
                "--upi", "sharma@okhdfcbank")[0] == 0
    assert call("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "28", "--cost", "24",
                "--hsn", "2501", "--stock", "200")[0] == 0
    assert call("product", "add", "SUGAR", "Sugar loose", "--price", "46", "--cost", "42", "--unit", "kg",
                "--hsn", "1701", "--stock", "50")[0] == 0
