"""Customer segments from the shop's own bills: who comes back, who stopped coming, who spends, who owes.

A visit is a completed sale to a named customer (``orders.customer_id``); dates are business dates.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlite_utils import Database

__all__ = ["SEGMENTS", "members"]

SEGMENTS = ("all", "regulars", "lapsed", "high_value", "khata_dues", "category_fans", "new")

RHYTHM = 3  # away this many of their own usual gaps, a customer has stopped coming (not merely a slow one)
_VISITS = "FROM orders WHERE kind = 'sale' AND status = 'completed' AND customer_id IS NOT NULL"


def members(db: Database, segment: str, today: date, *, arg: str = "", lapsed_weeks: int = 4,
            rhythm: int = RHYTHM) -> list[int]:
    """Customer ids in ``segment`` on ``today``.

    - ``regulars``: 4 or more visits in the last 8 weeks;
    - ``lapsed``: 2 or more visits ever, none in the last ``lapsed_weeks`` weeks (``arg`` overrides N) nor in
      ``rhythm`` times the customer's own mean gap between visits (``marketing.lapsed_rhythm``);
    - ``high_value``: the top fifth by spend over the last 90 days (at least one visit);
    - ``khata_dues``: owes money on the khata;
    - ``category_fans``: bought from category ``arg`` in the last 90 days;
    - ``new``: first visit in the last 14 days; ``all``: every active customer.
    """
    if segment == "regulars":
        since = (today - timedelta(days=56)).isoformat()
        sql = f"SELECT customer_id {_VISITS} AND business_date >= ? GROUP BY customer_id HAVING COUNT(*) >= 4"
        return [r[0] for r in db.execute(sql, (since,))]
    if segment == "lapsed":
        weeks = int(arg) if arg.strip().isdigit() else lapsed_weeks
        cut = (today - timedelta(days=7 * weeks)).isoformat()
        # overdue by the customer's own rhythm too: a customer who comes once a fortnight has not stopped
        # coming after four weeks; away RHYTHM times their usual gap, a steady visitor is gone (e^-3 < 5 %)
        sql = (f"SELECT customer_id {_VISITS} GROUP BY customer_id"
               " HAVING COUNT(*) >= 2 AND MAX(business_date) < ? AND julianday(?) - julianday(MAX(business_date))"
               " >= ? * (julianday(MAX(business_date)) - julianday(MIN(business_date))) / (COUNT(*) - 1)")
        return [r[0] for r in db.execute(sql, (cut, today.isoformat(), rhythm))]
    if segment == "high_value":
        since = (today - timedelta(days=90)).isoformat()
        rows = db.execute(f"SELECT customer_id, SUM(total_paise) AS spent {_VISITS} AND business_date >= ?"
                          " GROUP BY customer_id ORDER BY spent DESC, customer_id", (since,)).fetchall()
        return [r[0] for r in rows[: max(1, len(rows) // 5)]] if rows else []
    if segment == "khata_dues":
        return [r[0] for r in db.execute("SELECT id FROM customer WHERE active = 1 AND khata_balance_paise > 0"
                                         " ORDER BY id")]
    if segment == "category_fans":
        since = (today - timedelta(days=90)).isoformat()
        sql = ("SELECT DISTINCT o.customer_id FROM orders o JOIN order_line l ON l.order_id = o.id"
               " JOIN product p ON p.sku = l.sku WHERE o.kind = 'sale' AND o.status = 'completed'"
               " AND o.customer_id IS NOT NULL AND o.business_date >= ? AND p.category = ? ORDER BY 1")
        return [r[0] for r in db.execute(sql, (since, arg))]
    if segment == "new":
        since = (today - timedelta(days=14)).isoformat()
        sql = f"SELECT customer_id {_VISITS} GROUP BY customer_id HAVING MIN(business_date) >= ?"
        return [r[0] for r in db.execute(sql, (since,))]
    if segment == "all":
        return [r[0] for r in db.execute("SELECT id FROM customer WHERE active = 1 ORDER BY id")]
    raise ValueError(segment)
