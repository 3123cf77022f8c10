"""What an order to a supplier could hold: the supplier's items with their stock, what is on order and their
recent pace, and each item's other suppliers. Read when an approved order falls short of a minimum."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.store.sales_history import SOLD

__all__ = ["Candidate", "Source", "item_sources", "supplier_items"]


@dataclass(frozen=True)
class Candidate:
    sku: str
    name: str
    cost_paise: int  # the supplier's price, else the item's cost
    case_milli: int
    moq_milli: int
    shelf_life_days: int
    on_hand_milli: int
    on_order_milli: int  # in orders sent and not yet received in full
    sold_milli: int  # over the window asked for


@dataclass(frozen=True)
class Source:
    supplier_id: int
    name: str
    min_order_paise: int
    cost_paise: int
    case_milli: int
    moq_milli: int


def _on_order(db: Database) -> str:
    return ("SELECT l.sku, sum(l.qty_milli - l.received_milli) AS open_milli FROM purchase_order_line l"
            " JOIN purchase_order o ON o.id = l.po_id WHERE o.status IN ('sent', 'partly_received')"
            " GROUP BY l.sku")


def supplier_items(db: Database, supplier_id: int, since_on: str) -> list[Candidate]:
    """Every active item the supplier sells, with what the shop has, has coming and sold since ``since_on``."""
    rows = db.execute(
        "SELECT p.sku, p.name_en, coalesce(sp.cost_paise, p.cost_paise), sp.case_size_milli, sp.moq_milli,"
        " coalesce(p.shelf_life_days, 0), coalesce(s.on_hand_milli, 0), coalesce(oo.open_milli, 0),"
        " coalesce(sold.qty, 0)"
        " FROM supplier_product sp JOIN product p ON p.sku = sp.sku"
        " LEFT JOIN stock s ON s.sku = p.sku"
        f" LEFT JOIN ({_on_order(db)}) oo ON oo.sku = p.sku"
        " LEFT JOIN (SELECT l.sku, sum(l.sold_milli) AS qty FROM orders o JOIN order_line l ON l.order_id = o.id"
        f"  WHERE {SOLD} AND o.business_date >= ? GROUP BY l.sku) sold ON sold.sku = p.sku"
        " WHERE sp.supplier_id = ? AND p.active = 1 ORDER BY p.sku", (since_on, supplier_id)).fetchall()
    return [Candidate(*row) for row in rows]


def item_sources(db: Database, sku: str) -> list[Source]:
    """The suppliers that sell ``sku``, cheapest first."""
    rows = db.execute(
        "SELECT s.id, s.name, s.min_order_paise, coalesce(sp.cost_paise, p.cost_paise), sp.case_size_milli,"
        " sp.moq_milli FROM supplier_product sp JOIN supplier s ON s.id = sp.supplier_id"
        " JOIN product p ON p.sku = sp.sku WHERE sp.sku = ? AND s.active = 1 ORDER BY 4, s.id", (sku,)).fetchall()
    return [Source(*row) for row in rows]
