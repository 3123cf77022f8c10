"""Fulfilment commands for marketplace orders: the state machine lives in ``app.services.order_flow``;
this module tells it which commands each connected marketplace takes (its adapter's ``covers``) and
keeps the names the sync tests and callers use."""

from __future__ import annotations

from sqlite_utils import Database

from app.services import order_flow
from app.services.order_flow import accept_order, cancel_order, receive_return, ship_order
from app.store import sync_state
from app.sync.marketplaces import adapter_class

__all__ = ["accept_order", "cancel_order", "hears", "receive_return", "register", "ship_order"]


def hears(db: Database, channel: str, op: str) -> bool:
    """Whether the channel is connected and its marketplace takes ``op`` from us."""
    ch = sync_state.get_channel(db, channel)
    return ch is not None and bool(adapter_class(ch.adapter).covers.get(op))


def register() -> None:
    order_flow.set_channel_commands(hears)
