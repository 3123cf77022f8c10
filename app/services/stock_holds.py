"""Stock a sale may take: what is on hand less what open export orders hold (reserve) for a buyer abroad.

Every path that sells from the shelf (the counter, home delivery) asks here before it takes stock, and the
quantity each marketplace is told excludes the held units too, so a reserved unit is sold once: by the export
invoice of its order (or it comes free when that order is cancelled). See docs/trade.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlite_utils import Database

from app.domain.qty import format_qty
from app.errors import InvalidQuantity
from app.i18n import _
from app.store import export_orders as export_order_store
from app.store import stock as stock_store

__all__ = ["ItemHold", "check_free", "free_many", "held_many", "hold_sentence", "item_hold"]


@dataclass(frozen=True)
class ItemHold:
    """What open export orders hold of one item, for the Items page and ``product show``."""

    sku: str
    on_hand_milli: int
    held_milli: int
    orders: tuple[int, ...]  # the open export orders that hold it, oldest first

    @property
    def free_milli(self) -> int:
        """What the counter, home delivery and the marketplaces may still sell (never below 0)."""
        return max(self.on_hand_milli - self.held_milli, 0)


def item_hold(db: Database, sku: str) -> ItemHold:
    holds = export_order_store.holds_of(db, sku)
    return ItemHold(sku=sku, on_hand_milli=stock_store.on_hand(db, sku), held_milli=sum(q for _o, q in holds),
                    orders=tuple(o for o, _q in holds))


def hold_sentence(hold: ItemHold, unit: str) -> str:
    """"Held for export: N ..." in the seller's words, or "" when no open export order holds the item."""
    if not hold.held_milli:
        return ""
    return _("Held for export: {held} of the {on_hand} in stock (export order {orders}); {free} can be sold"
             " at the counter and online.").format(
        held=format_qty(hold.held_milli, unit), on_hand=format_qty(hold.on_hand_milli, unit),
        orders=", ".join(str(o) for o in hold.orders), free=format_qty(hold.free_milli, unit))


def held_many(db: Database, skus: list[str]) -> dict[str, int]:
    """Milli-units of each item held by open export orders."""
    return export_order_store.reserved_many(db, skus)


def free_many(db: Database, skus: list[str]) -> dict[str, int]:
    """Milli-units of each item a sale may take: on hand less held (may be below 0 when stock ran short)."""
    held = held_many(db, skus)
    return {sku: have - held[sku] for sku, have in stock_store.on_hand_many(db, skus).items()}


def check_free(db: Database, wanted: Mapping[str, int], names: Mapping[str, str], *, negative_ok: bool) -> None:
    """Refuse a sale that would take units held for an export order (always), or more than is on hand (unless the
    shop allows negative stock). ``wanted``: milli-units by item; ``names``: the item names for the message."""
    skus = list(wanted)
    held = held_many(db, skus)
    for sku, have in stock_store.on_hand_many(db, skus).items():
        if held[sku] and have - held[sku] < wanted[sku]:
            raise InvalidQuantity(
                _("Only {free} of {name} can be sold: {held} are kept for export orders.").format(
                    free=max(have - held[sku], 0) // 1000, name=names.get(sku, sku), held=held[sku] // 1000),
                hint=_("Cancel the export order on the Trade page to free them, or sell fewer."))
        if not negative_ok and have < wanted[sku]:
            raise InvalidQuantity(_("Only {have} of {name} is in stock.").format(have=have // 1000,
                                                                                 name=names.get(sku, sku)))
