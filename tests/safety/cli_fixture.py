"""The headless commands called in-process (``app.main.run``), on a real shop in a temp folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.main import run

Cli = Callable[..., tuple[int, str, str]]


def make_cli(home: Path, capsys) -> Cli:
    def call(*argv: str, shop: str | None = "kirana") -> tuple[int, str, str]:
        args = ["--data-dir", str(home)] + (["--shop", shop] if shop else []) + list(argv)
        try:
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
