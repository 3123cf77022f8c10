"""What each channel may sell (inventory counts; docs/sync.md).

``channel_qty = max(0, on_hand - safety_buffer - held for export orders) // 1 unit``, at most the
channel's allocation cap.
Remote sales reach the ledger only as imported orders, so the number is recomputed from the ledger
just before it is sent (after pulling orders), never merged with a remote count. For absolute-only
channels the cap bounds the worst oversell during an outage; a negative ledger is an "oversold" issue.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from app.domain.qty import MILLI
from app.store import channels
from app.store import export_orders as export_order_store
from app.store import stock as stock_store


def channel_settings(db: Database, channel: str) -> tuple[int | None, int]:
    """(allocation cap in milli-units or None, safety buffer in milli-units) of a channel."""
    row = channels.allocation_row(db, channel)
    if row is None:
        return None, 0
    try:
        buffer = int(json.loads(row[1] or "{}").get("safety_buffer_milli", 0))
    except (ValueError, TypeError, AttributeError):
        buffer = 0
    return row[0], max(0, buffer)


def channel_quantity(db: Database, channel: str, sku: str) -> int:
    """Whole units ``channel`` may offer of ``sku`` now (never below 0, never above its cap)."""
    cap, buffer = channel_settings(db, channel)
    held = export_order_store.reserved_many(db, [sku])[sku]  # kept for an export order (docs/trade.md)
    available = max(0, stock_store.on_hand(db, sku) - buffer - held) // MILLI
    if cap is not None:
        available = min(available, cap // MILLI)
    return available
