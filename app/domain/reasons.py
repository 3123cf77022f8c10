"""Reasons the agents give, kept as a message and its values so they read in the language the seller reads now.

An agent writes ``reason("{name}: price {old} to {new}.", name=..., old=...)``: the result is the sentence in the
current language (a ``str``, so everything that joins, slices or logs reasons keeps working) that also remembers
its English message and its values. :func:`stored` turns a list of reasons into what a decision keeps
(``{"key": message, "params": values}`` for such a reason, plain text for any other), and :func:`rendered`
turns a kept entry back into a sentence in the language of the moment. A value may itself be a reason (a
translated word such as "none"); it is kept and rendered the same way. Records written before this (plain
text) read as they were written.

An item and a quantity named in a reason are kept with what the renderer needs to write them in the seller's
language (issue 14's fourteenth session): ``named_item(sku, name)`` keeps the sku and English name, and the Hindi name
once the engine fills it in (:func:`items_in`, before the decision is recorded); ``quantity(qty_milli, unit)`` keeps
the number and the unit, read with the unit word of the moment. Both read as the English text they replace, so
an agent's reason text (and every decision made on it) is what it was.
"""

from __future__ import annotations

import json
from typing import Any

from app.domain.qty import format_qty, qty_words
from app.i18n import _, language

__all__ = ["Item", "Qty", "Reason", "items_in", "kept_text", "named_item", "quantity", "reason", "rendered", "stored",
           "text_of"]


class Reason(str):
    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, params: dict[str, Any]) -> Reason:
        text = _(key).format(**params) if params else _(key)
        obj = super().__new__(cls, text)
        obj.key, obj.params = key, params
        return obj


def reason(message: str, **params: Any) -> Reason:
    """``message`` in the current language with ``params`` filled in; remembers both (extracted like ``_``)."""
    return Reason(message, params)


class Item(str):
    """An item's English name that remembers its sku (and its Hindi name, once filled in)."""

    sku: str
    name_hi: str

    def __new__(cls, sku: str, name: str) -> Item:
        obj = super().__new__(cls, name)
        obj.sku, obj.name_hi = sku, ""
        return obj


def named_item(sku: str, name: str) -> Item:
    """The item ``sku`` named ``name`` (English) in a reason: it reads in Hindi by its Hindi name when it has one."""
    return Item(sku, name)


class Qty(str):
    """``format_qty(qty_milli, unit)`` that remembers its number and unit, to be read with the unit word of the
    moment."""

    qty_milli: int
    unit: str

    def __new__(cls, qty_milli: int, unit: str) -> Qty:
        obj = super().__new__(cls, format_qty(qty_milli, unit))
        obj.qty_milli, obj.unit = int(qty_milli), unit
        return obj


def quantity(qty_milli: int, unit: str) -> Qty:
    """A quantity in a reason (milli-units of ``unit``)."""
    return Qty(qty_milli, unit)


def items_in(values: Any) -> list[Item]:
    """Every item named in ``values`` (reasons, and the lists and dicts that hold them), to fill in their Hindi
    names in one look-up before they are kept."""
    found: list[Item] = []
    stack = [values]
    while stack:
        value = stack.pop()
        if isinstance(value, Item):
            found.append(value)
        elif isinstance(value, Reason):
            stack.extend(value.params.values())
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return found


def _value(value: Any) -> Any:
    if isinstance(value, Reason):
        return {"key": value.key, "params": {k: _value(v) for k, v in value.params.items()}}
    if isinstance(value, Item):
        return {"sku": value.sku, "name": str(value), "name_hi": value.name_hi}
    if isinstance(value, Qty):
        return {"qty_milli": value.qty_milli, "unit": value.unit}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def stored(reasons: Any) -> list[Any]:
    """What a record keeps of each reason: its message and values, or the plain text."""
    return [_value(r) if isinstance(r, Reason) else str(r) for r in reasons]


def _render_value(value: Any) -> Any:
    if isinstance(value, dict) and "key" in value:
        return rendered(value)
    if isinstance(value, dict) and "sku" in value:
        return (value.get("name_hi") if language() == "hi" else "") or value.get("name") or value["sku"]
    if isinstance(value, dict) and "qty_milli" in value:
        return qty_words(int(value["qty_milli"]), str(value.get("unit", "")))
    return value


def rendered(entry: Any) -> str:
    """A kept reason as a sentence in the current language (plain text as it was written)."""
    if isinstance(entry, dict) and "key" in entry:
        params = {k: _render_value(v) for k, v in (entry.get("params") or {}).items()}
        try:
            return _(str(entry["key"])).format(**params)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: the English reads
            return str(entry["key"]).format(**params)
    return str(entry)


def kept_text(text: str) -> str:
    """What a one-text column (an alert's message, an approval's summary) keeps: the message and its values as
    JSON for a reason, so it reads in the language of the moment; plain text as it is."""
    if isinstance(text, Reason):
        return json.dumps(_value(text), ensure_ascii=False)
    return str(text)


def text_of(kept: str) -> str:
    """A column written by :func:`kept_text` as a sentence in the current language (older plain text as it was)."""
    if kept.startswith('{"key"'):
        try:
            return rendered(json.loads(kept))
        except ValueError:
            return kept
    return kept
