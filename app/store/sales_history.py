"""What the shop sold: bulk reads of sales history the agents learn and plan from, in a few queries.

:data:`SOLD` is the one rule for "what counts as sold": a completed sale (``orders.kind = 'sale'``) that
is not a draft, a held bill or cancelled. Returned and refunded sales still count (returns are their own
orders of kind ``return``). Units cancelled after a part of a marketplace order shipped were never sold: quantities
and amounts read ``order_line.sold_milli``, ``sold_taxable_paise``, ``sold_total_paise`` and order totals
:data:`SOLD_TOTAL` (tax figures stay the invoice's). Every query of sales, here and in ``store.reports`` and
``store.orders``, uses it. These return plain rows (tuples), never one record per item: a 100,000-item shop is read in
seconds and the agents turn the rows into arrays themselves.
"""

from __future__ import annotations

from sqlite_utils import Database

# the one "sold" rule, over the ``orders`` table aliased ``o``
SOLD = "o.kind = 'sale' AND o.status NOT IN ('draft', 'held', 'cancelled')"
# what an order sold, in paise: its total less the money of units cancelled after a part shipped (the lines'
# ``sold_*`` columns do the same per line)
SOLD_TOTAL = "(o.total_paise - o.cancelled_paise)"
BATCH_ITEMS = 400  # items named in one query (SQLite's older builds allow 999 parameters)

__all__ = ["SOLD", "SOLD_TOTAL", "category_sales", "daily_sales", "item_sales_by_day", "item_sales_total",
           "items_sold_days", "money_in_and_out", "sales_totals"]


def daily_sales(db: Database, since_on: str, until_on: str) -> list[tuple[str, str, int, int]]:
    """(sku, business date, quantity sold, amount before tax) per item and day."""
    return db.execute(
        "SELECT l.sku, o.business_date, sum(l.sold_milli), sum(l.sold_taxable_paise) FROM orders o"
        f" JOIN order_line l ON l.order_id = o.id WHERE {SOLD} AND o.business_date BETWEEN ? AND ?"
        " GROUP BY l.sku, o.business_date", (since_on, until_on)).fetchall()


def sales_totals(db: Database, since_on: str, until_on: str) -> tuple[int, int, int]:
    """(amount before tax, cost of the goods sold, bills) over the dates."""
    row = db.execute(
        "SELECT coalesce(sum(l.sold_taxable_paise), 0), coalesce(sum(l.cost_paise * l.sold_milli / 1000), 0),"
        f" count(DISTINCT o.id) FROM orders o JOIN order_line l ON l.order_id = o.id WHERE {SOLD}"
        " AND o.business_date BETWEEN ? AND ?", (since_on, until_on)).fetchone()
    return int(row[0]), int(row[1]), int(row[2])


def money_in_and_out(db: Database) -> tuple[int, int]:
    """(payments received other than khata, value of purchase orders not cancelled): the cash estimate."""
    received = db.execute("SELECT coalesce(sum(amount_paise), 0) FROM payment WHERE status = 'received'"
                          " AND method != 'khata'").fetchone()[0]
    spent = db.execute("SELECT coalesce(sum(total_paise), 0) FROM purchase_order WHERE status != 'cancelled'"
                       ).fetchone()[0]
    return int(received), int(spent)


def item_sales_by_day(db: Database, sku: str, since_on: str, until_on: str) -> list[tuple[str, int]]:
    """(business date, quantity sold) of one item."""
    return db.execute(
        "SELECT o.business_date, sum(l.sold_milli) FROM orders o JOIN order_line l ON l.order_id = o.id"
        f" WHERE {SOLD} AND l.sku = ? AND o.business_date BETWEEN ? AND ? GROUP BY o.business_date",
        (sku, since_on, until_on)).fetchall()


def items_sold_days(db: Database, skus: list[str], since_on: str, until_on: str) -> list[tuple[str, str, int]]:
    """(sku, business date, quantity sold) of the given items on the days each sold more than nothing: one query per
    ``BATCH_ITEMS`` items, not one per item."""
    rows: list[tuple[str, str, int]] = []
    for first in range(0, len(skus), BATCH_ITEMS):
        chunk = skus[first:first + BATCH_ITEMS]
        rows += db.execute(
            "SELECT l.sku, o.business_date, sum(l.sold_milli) FROM orders o JOIN order_line l ON l.order_id = o.id"
            f" WHERE {SOLD} AND l.sku IN ({','.join('?' * len(chunk))}) AND o.business_date BETWEEN ? AND ?"
            " GROUP BY l.sku, o.business_date HAVING sum(l.sold_milli) > 0", (*chunk, since_on, until_on)).fetchall()
    return rows


def item_sales_total(db: Database, sku: str, start_on: str, end_on: str) -> tuple[int, int, int]:
    """(quantity in milli-units, amount in paise, bills) of one item over the days."""
    row = db.execute(
        f"SELECT coalesce(sum(l.sold_milli), 0), coalesce(sum(l.sold_total_paise), 0), count(DISTINCT o.id)"
        f" FROM order_line l JOIN orders o ON o.id = l.order_id WHERE {SOLD} AND l.sku = ?"
        " AND o.business_date BETWEEN ? AND ?", (sku, start_on, end_on)).fetchone()
    return row[0], row[1], row[2]


def category_sales(db: Database, category: str, since_on: str, until_on: str,
                   exclude: tuple[str, ...] = ()) -> int:
    """Quantity of a category sold over the dates (milli-units, summed across items)."""
    marks = ",".join("?" * len(exclude)) or "''"
    row = db.execute(
        "SELECT coalesce(sum(l.sold_milli), 0) FROM orders o JOIN order_line l ON l.order_id = o.id"
        f" JOIN product p ON p.sku = l.sku WHERE {SOLD} AND p.category = ? AND o.business_date BETWEEN ? AND ?"
        f" AND l.sku NOT IN ({marks})", (category, since_on, until_on, *exclude)).fetchone()
    return int(row[0])


