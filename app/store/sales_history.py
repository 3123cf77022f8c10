"""What the shop sold, and the other bulk reads the agents learn and plan from, in a few queries.

:data:`SOLD` is the one rule for "what counts as sold": a completed sale (``orders.kind = 'sale'``) that
is not a draft, a held bill or cancelled. Returned and refunded sales still count (returns are their own
orders of kind ``return``). Every query of sales, here and in ``store.reports`` and ``store.orders``,
uses it. These return plain rows (tuples), never one record per item: a 100,000-item shop is read in
seconds and the agents turn the rows into arrays themselves.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

# the one "sold" rule, over the ``orders`` table aliased ``o``
SOLD = "o.kind = 'sale' AND o.status NOT IN ('draft', 'held', 'cancelled')"

__all__ = ["SOLD", "catalog_rows", "category_sales", "daily_moves", "daily_sales", "dated_receipts", "item_moves",
           "item_sales_by_day", "item_sales_total", "late_orders", "money_in_and_out", "open_po_lines",
           "price_changed_on", "promoted_between", "purchase_order_state", "purchase_spend", "rate_before",
           "receipts_of_po", "sales_totals", "supplier_links", "wastage_cost"]


def catalog_rows(db: Database) -> list[tuple]:
    """(sku, category, cost, price, mrp or None, unit, shelf life days or None, preferred supplier, on hand,
    name) of every active item, by sku."""
    return db.execute(
        "SELECT p.sku, coalesce(p.category, ''), p.cost_paise, p.price_paise, p.mrp_paise, p.unit,"
        " p.shelf_life_days, p.preferred_supplier_id, coalesce(s.on_hand_milli, 0), p.name_en"
        " FROM product p LEFT JOIN stock s ON s.sku = p.sku WHERE p.active = 1 ORDER BY p.sku").fetchall()


def open_po_lines(db: Database) -> list[tuple]:
    """(po id, supplier id, status, expected_on, sent_at, sku, quantity still due) of orders not yet
    received in full, drafts included (a draft is an order the seller is about to send)."""
    return db.execute(
        "SELECT o.id, o.supplier_id, o.status, o.expected_on, o.sent_at, l.sku, l.qty_milli - l.received_milli"
        " FROM purchase_order o JOIN purchase_order_line l ON l.po_id = o.id"
        " WHERE o.status IN ('draft', 'sent', 'partly_received') AND l.qty_milli > l.received_milli").fetchall()


def supplier_links(db: Database) -> list[tuple]:
    """(sku, supplier id, cost or None, case size, moq, lead time or None) for active suppliers."""
    return db.execute(
        "SELECT sp.sku, sp.supplier_id, sp.cost_paise, sp.case_size_milli, sp.moq_milli, sp.lead_time_days"
        " FROM supplier_product sp JOIN supplier s ON s.id = sp.supplier_id WHERE s.active = 1").fetchall()


def daily_sales(db: Database, since_on: str, until_on: str) -> list[tuple[str, str, int, int]]:
    """(sku, business date, quantity sold, amount before tax) per item and day."""
    return db.execute(
        "SELECT l.sku, o.business_date, sum(l.qty_milli), sum(l.taxable_paise) FROM orders o"
        f" JOIN order_line l ON l.order_id = o.id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?"
        " GROUP BY l.sku, o.business_date", (since_on, until_on)).fetchall()


def daily_moves(db: Database, since_at: str, offset_minutes: int) -> list[tuple[str, str, int]]:
    """(sku, local date, net quantity moved) per item and day since ``since_at`` (UTC ISO)."""
    return db.execute(
        f"SELECT sku, date(at, '{int(offset_minutes):+d} minutes'), sum(qty_milli) FROM stock_move"
        " WHERE at >= ? GROUP BY 1, 2", (since_at,)).fetchall()


def dated_receipts(db: Database, since_at: str) -> list[tuple[str, int, str, str]]:
    """(sku, quantity, expires_on, at) of receipts carrying an expiry date, newest first."""
    return db.execute(
        "SELECT sku, qty_milli, expires_on, at FROM stock_move WHERE expires_on IS NOT NULL AND qty_milli > 0"
        " AND at >= ? ORDER BY id DESC", (since_at,)).fetchall()


def sales_totals(db: Database, since_on: str, until_on: str) -> tuple[int, int, int]:
    """(amount before tax, cost of the goods sold, bills) over the dates."""
    row = db.execute(
        "SELECT coalesce(sum(l.taxable_paise), 0), coalesce(sum(l.cost_paise * l.qty_milli / 1000), 0),"
        f" count(DISTINCT o.id) FROM orders o JOIN order_line l ON l.order_id = o.id WHERE {SOLD}"
        " AND o.business_date BETWEEN ? AND ?", (since_on, until_on)).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def wastage_cost(db: Database, since_at: str, until_at: str) -> int:
    """Cost of the goods written off as waste between the two moments (at the item's current cost)."""
    row = db.execute(
        "SELECT coalesce(sum(-m.qty_milli * p.cost_paise / 1000), 0) FROM stock_move m JOIN product p"
        " ON p.sku = m.sku WHERE m.reason = 'wastage' AND m.at >= ? AND m.at < ?", (since_at, until_at)).fetchone()
    return int(row[0])


def purchase_spend(db: Database, since_at: str) -> int:
    """Value of the purchase orders created since ``since_at`` and not cancelled."""
    row = db.execute("SELECT coalesce(sum(total_paise), 0) FROM purchase_order WHERE created_at >= ?"
                     " AND status != 'cancelled'", (since_at,)).fetchone()
    return int(row[0])


def money_in_and_out(db: Database) -> tuple[int, int]:
    """(payments received other than khata, value of purchase orders not cancelled): the cash estimate."""
    received = db.execute("SELECT coalesce(sum(amount_paise), 0) FROM payment WHERE status = 'received'"
                          " AND method != 'khata'").fetchone()[0]
    spent = db.execute("SELECT coalesce(sum(total_paise), 0) FROM purchase_order WHERE status != 'cancelled'"
                       ).fetchone()[0]
    return int(received), int(spent)


def price_changed_on(db: Database, since_at: str) -> dict[str, str]:
    """{sku: last time its price changed} for changes since ``since_at``."""
    return dict(db.execute("SELECT sku, max(at) FROM price_history WHERE at >= ? GROUP BY sku", (since_at,)))


def receipts_of_po(db: Database, po_no: str) -> list[tuple[str, int, str]]:
    """(sku, quantity, at) received against one purchase order."""
    return db.execute("SELECT sku, qty_milli, at FROM stock_move WHERE source = 'po' AND source_ref LIKE ? || ':%'"
                      " ORDER BY id", (po_no,)).fetchall()


def item_sales_by_day(db: Database, sku: str, since_on: str, until_on: str) -> list[tuple[str, int]]:
    """(business date, quantity sold) of one item."""
    return db.execute(
        "SELECT o.business_date, sum(l.qty_milli) FROM orders o JOIN order_line l ON l.order_id = o.id"
        f" WHERE {SOLD} AND l.sku = ? AND o.business_date BETWEEN ? AND ? GROUP BY o.business_date",
        (sku, since_on, until_on)).fetchall()


def item_sales_total(db: Database, sku: str, start_on: str, end_on: str) -> tuple[int, int, int]:
    """(quantity in milli-units, amount in paise, bills) of one item over the days."""
    row = db.execute(
        f"SELECT coalesce(sum(l.qty_milli), 0), coalesce(sum(l.total_paise), 0), count(DISTINCT o.id)"
        f" FROM order_line l JOIN orders o ON o.id = l.order_id WHERE {SOLD} AND l.sku = ?"
        " AND o.business_date BETWEEN ? AND ?", (sku, start_on, end_on)).fetchone()
    return row[0], row[1], row[2]


def rate_before(db: Database, skus: list[str], before_on: str, days: int = 28) -> dict[str, float]:
    """Units a day each item sold over the ``days`` up to its last sale before ``before_on`` (items never
    sold before then are left out): what it sold when it was last on the shelf."""
    out: dict[str, float] = {}
    for sku in skus:
        last = db.execute(f"SELECT max(o.business_date) FROM orders o JOIN order_line l ON l.order_id = o.id"
                          f" WHERE {SOLD} AND l.sku = ? AND o.business_date < ?", (sku, before_on)).fetchone()[0]
        if last is None:
            continue
        first = (date.fromisoformat(last) - timedelta(days=days - 1)).isoformat()
        out[sku] = sum(qty for _day, qty in item_sales_by_day(db, sku, first, last)) / 1000.0 / days
    return out


def item_moves(db: Database, sku: str, since_at: str, offset_minutes: int) -> list[tuple[str, int]]:
    """(local date, net quantity moved) of one item since ``since_at``."""
    return db.execute(
        f"SELECT date(at, '{int(offset_minutes):+d} minutes'), sum(qty_milli) FROM stock_move"
        " WHERE sku = ? AND at >= ? GROUP BY 1", (sku, since_at)).fetchall()


def category_sales(db: Database, category: str, since_on: str, until_on: str,
                   exclude: tuple[str, ...] = ()) -> int:
    """Quantity of a category sold over the dates (milli-units, summed across items)."""
    marks = ",".join("?" * len(exclude)) or "''"
    row = db.execute(
        "SELECT coalesce(sum(l.qty_milli), 0) FROM orders o JOIN order_line l ON l.order_id = o.id"
        f" JOIN product p ON p.sku = l.sku WHERE {SOLD} AND p.category = ? AND o.business_date BETWEEN ? AND ?"
        f" AND l.sku NOT IN ({marks})", (category, since_on, until_on, *exclude)).fetchone()
    return int(row[0])


def purchase_order_state(db: Database, po_id: int) -> tuple[str, str, str | None, str | None, int] | None:
    """(status, po number, sent_at, expected_on, supplier id) of one purchase order."""
    return db.execute("SELECT status, po_no, sent_at, expected_on, supplier_id FROM purchase_order WHERE id = ?",
                      (po_id,)).fetchone()


def late_orders(db: Database, before_on: str) -> list[tuple[int, int, str, str]]:
    """(po id, supplier id, sent_at, expected_on) of sent orders expected before ``before_on`` and not received."""
    return db.execute("SELECT id, supplier_id, sent_at, expected_on FROM purchase_order WHERE status = 'sent'"
                      " AND expected_on < ? AND sent_at IS NOT NULL", (before_on,)).fetchall()


def promoted_between(db: Database, sku: str, since_on: str, until_on: str) -> bool:
    """Whether a promotion of the item ran on any day of the range."""
    return db.execute("SELECT 1 FROM promotion WHERE sku = ? AND status IN ('active', 'ended')"
                      " AND starts_on <= ? AND ends_on >= ? LIMIT 1", (sku, until_on, since_on)).fetchone() is not None
