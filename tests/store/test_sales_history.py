"""The one "what counts as sold" rule (``store.sales_history.SOLD``): every reader of sales agrees."""

from __future__ import annotations

from app.services import sales
from app.services.sales import PaymentIn, SaleLine
from app.store import orders, reports, sales_history


def _sell(ctx, qty_milli: int) -> int:
    quote = sales.quote_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=qty_milli)])
    return int(sales.record_sale(ctx, lines=[SaleLine(sku="SALT1", qty_milli=qty_milli)],
                                 payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)]).id)


def test_every_reader_of_sales_counts_the_same_bills(session, make_product):
    make_product("SALT1")
    ctx, db = session.ctx, session.store.db()
    first, second = _sell(ctx, 2000), _sell(ctx, 3000)
    day = db.execute("SELECT business_date FROM orders WHERE id = ?", (first,)).fetchone()[0]
    totals = {oid: db.execute("SELECT total_paise FROM orders WHERE id = ?", (oid,)).fetchone()[0]
              for oid in (first, second)}

    def readings():
        return (orders.day_totals(db, day), reports.sales_between(db, day, day),
                sales_history.sales_totals(db, day, day)[2], sales_history.item_sales_total(db, "SALT1", day, day)[0],
                sum(q for _d, q in sales_history.item_sales_by_day(db, "SALT1", day, day)))

    both = (2, totals[first] + totals[second])
    assert readings() == (both, both, 2, 5000, 5000)
    # a bill that did not complete (cancelled here; drafts and held bills alike) is not a sale to any reader
    with session.store.write() as wdb:
        wdb.execute("UPDATE orders SET status = 'cancelled' WHERE id = ?", (first,))
    one = (1, totals[second])
    assert readings() == (one, one, 1, 3000, 3000)
