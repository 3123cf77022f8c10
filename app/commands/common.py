"""Shared pieces of the headless commands: opening the shop, reading amounts and quantities the way
a shopkeeper types them, and printing results as text or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from app.domain.money import format_inr, parse_inr
from app.domain.qty import to_milli
from app.errors import InputError
from app.i18n import _
from app.paths import DataDir
from app.session import Session, open_session

DEFAULT_SHOP = "demo"


def common_options() -> argparse.ArgumentParser:
    """Options every command accepts after its name."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parent.add_argument("--yes", action="store_true", help="confirm an action that needs confirming")
    return parent


def shop_name(args: argparse.Namespace, data: DataDir) -> str:
    if args.shop:
        return args.shop
    from app import config
    from app.config import MachineConfig

    return MachineConfig(data.machine_config).get(config.LAST_SHOP) or DEFAULT_SHOP


@contextmanager
def session(args: argparse.Namespace, data: DataDir, *, exclusive: bool = False) -> Iterator[Session]:
    """The shop named by --shop (or the last one), opened for one command and closed after it."""
    opened = open_session(data, shop_name(args, data), exclusive=exclusive)
    try:
        yield opened
    finally:
        opened.close()


def money(text: str) -> int:
    return parse_inr(text)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(_("'{day}' is not a date; write it like 2026-03-31.").format(day=text)) from None


def qty_for(text: str, unit: str) -> int:
    """'2' -> 2 of the item's unit; '250g' or '0.5kg' for loose goods."""
    return to_milli(text, unit)


def split_item(spec: str) -> tuple[str, str | None, str | None]:
    """'SKU', 'SKU:QTY' or 'SKU:QTY@PRICE' -> (sku, qty text or None, price text or None)."""
    price = None
    if "@" in spec:
        spec, price = spec.rsplit("@", 1)
    sku, _sep, qty = spec.partition(":")
    if not sku:
        raise InputError(_("'{spec}' does not name an item; write CODE:QTY, for example SALT1:2.").format(spec=spec))
    return sku, (qty or None), price


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def emit(args: argparse.Namespace, data: Any, text: str) -> None:
    """Print ``text`` for people, or ``data`` as JSON with --json."""
    if getattr(args, "json", False):
        json.dump(to_jsonable(data), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(text)


def rupees(paise: int | None) -> str:
    return "-" if paise is None else format_inr(paise)


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)] if rows else \
        [len(h) for h in headers]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)
