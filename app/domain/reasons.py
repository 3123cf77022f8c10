"""Reasons the agents give, kept as a message and its values so they read in the language the seller reads now.

An agent writes ``reason("{name}: price {old} to {new}.", name=..., old=...)``: the result is the sentence in the
current language (a ``str``, so everything that joins, slices or logs reasons keeps working) that also remembers
its English message and its values. :func:`stored` turns a list of reasons into what a decision keeps
(``{"key": message, "params": values}`` for such a reason, plain text for any other), and :func:`rendered`
turns a kept entry back into a sentence in the language of the moment. A value may itself be a reason (a
translated word such as "none"); it is kept and rendered the same way. Records written before this (plain
text) read as they were written.
"""

from __future__ import annotations

import json
from typing import Any

from app.i18n import _

__all__ = ["Reason", "kept_text", "reason", "rendered", "stored", "text_of"]


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


def _value(value: Any) -> Any:
    if isinstance(value, Reason):
        return {"key": value.key, "params": {k: _value(v) for k, v in value.params.items()}}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def stored(reasons: Any) -> list[Any]:
    """What a record keeps of each reason: its message and values, or the plain text."""
    return [_value(r) if isinstance(r, Reason) else str(r) for r in reasons]


def _render_value(value: Any) -> Any:
    if isinstance(value, dict) and "key" in value:
        return rendered(value)
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
