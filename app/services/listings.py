"""Tell the marketplaces: outbox rows for listed products, written inside the caller's transaction.

Only state is enqueued here (price, content, available quantity); each newer row supersedes the
older pending one for the same listing, so a backlog after weeks offline sends each value once.
"""

from __future__ import annotations

from sqlite_utils import Database

from app.domain.qty import MILLI
from app.domain.records import Product
from app.store import catalog, channels, outbox
from app.store import export_orders as export_order_store
from app.store import stock as stock_store


def _listings(db: Database, sku: str) -> list[tuple[str, str | None, int | None]]:
    return channels.active_listings(db, sku)


def enqueue_quantity(db: Database, sku: str, *, at: str, event_id: int | None = None,
                     except_channel: str | None = None) -> int:
    """Queue the quantity each channel may sell: whole units on hand less those held for export orders, never
    below 0, at most its cap."""
    rows = _listings(db, sku)
    if not rows:
        return 0
    on_hand = stock_store.on_hand(db, sku)
    held = export_order_store.reserved_many(db, [sku])[sku]  # units kept for an export order are not for sale here
    count = 0
    for channel, remote_sku, cap in rows:
        if channel == except_channel:
            continue
        available = max(0, on_hand - held) // MILLI
        if cap is not None:
            available = min(available, cap // MILLI)
        outbox.enqueue(db, channel=channel, kind="state", op="listing.quantity", entity_id=sku,
                       payload={"sku": sku, "remote_sku": remote_sku or sku, "quantity": available,
                                "on_hand_milli": on_hand},
                       at=at, order_key=f"sku:{sku}", event_id=event_id)
        count += 1
    return count


def enqueue_price(db: Database, product: Product, *, at: str, event_id: int | None = None) -> int:
    count = 0
    for channel, remote_sku, _cap in _listings(db, product.sku):
        outbox.enqueue(db, channel=channel, kind="state", op="listing.price", entity_id=product.sku,
                       payload={"sku": product.sku, "remote_sku": remote_sku or product.sku,
                                "price_paise": product.price_paise, "mrp_paise": product.mrp_paise},
                       at=at, order_key=f"sku:{product.sku}", event_id=event_id)
        count += 1
    return count


def enqueue_content(db: Database, product: Product, *, at: str, event_id: int | None = None) -> int:
    count = 0
    for channel, remote_sku, _cap in _listings(db, product.sku):
        outbox.enqueue(db, channel=channel, kind="state", op="listing.content", entity_id=product.sku,
                       payload={"sku": product.sku, "remote_sku": remote_sku or product.sku,
                                "title": product.name_en, "title_hi": product.name_hi, "brand": product.brand,
                                "category": product.category, "hsn_code": product.hsn_code,
                                "barcode": product.barcode, "unit": product.unit, "pack_size": product.pack_size,
                                "mrp_paise": product.mrp_paise, "active": product.active},
                       at=at, order_key=f"sku:{product.sku}", event_id=event_id)
        count += 1
    return count


def is_listed(db: Database, sku: str) -> bool:
    return bool(catalog.listed_channels(db, sku))
