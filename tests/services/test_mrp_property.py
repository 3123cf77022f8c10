"""No line is ever priced above MRP, whatever prices and MRPs are attempted."""

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.domain.clock import ManualClock
from app.errors import InputError, PriceAboveMrp
from app.paths import DataDir
from app.services import catalog, sales, shop
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session

prices = st.integers(min_value=1, max_value=20_000)
attempt = st.one_of(
    st.tuples(st.just("price"), prices, st.one_of(st.none(), prices)),
    st.tuples(st.just("sell"), prices, st.integers(1, 5)),
)


@given(mrp=prices, attempts=st.lists(attempt, min_size=1, max_size=12))
def test_no_line_is_priced_above_mrp(mrp, attempts):
    tmp = Path(tempfile.mkdtemp())
    s = open_session(DataDir(tmp).ensure(), "mrp", create=True,
                     clock=ManualClock(datetime(2026, 6, 15, 4, 30, tzinfo=UTC)))
    try:
        ctx = s.ctx
        shop.create_shop(ctx, name="MRP Store", state_code="27", gstin="27AAPFU0939F1ZV")
        catalog.create_product(ctx, sku="A", name_en="Item", price_paise=max(1, mrp // 2), mrp_paise=mrp,
                               cost_paise=1, hsn_code="1905")
        for kind, price, extra in attempts:
            try:
                if kind == "price":
                    catalog.change_price(ctx, "A", price_paise=price, mrp_paise=extra, confirmed=True)
                else:
                    quote = sales.quote_sale(ctx, lines=[SaleLine(sku="A", qty_milli=extra * 1000,
                                                                  unit_price_paise=price)])
                    sales.record_sale(ctx, lines=[SaleLine(sku="A", qty_milli=extra * 1000, unit_price_paise=price)],
                                      payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)],
                                      confirmed=True)
            except PriceAboveMrp:
                pass
            except InputError as exc:  # e.g. a zero total after rounding: refused for another reason
                assert "MRP" not in str(exc)
        db = s.store.db()
        assert db.execute("SELECT count(*) FROM product WHERE mrp_paise IS NOT NULL AND price_paise > mrp_paise"
                          ).fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM order_line WHERE mrp_paise IS NOT NULL"
                          " AND unit_price_paise > mrp_paise").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM price_history WHERE mrp_paise IS NOT NULL"
                          " AND price_paise > mrp_paise").fetchone()[0] == 0
    finally:
        s.close()
        shutil.rmtree(tmp, ignore_errors=True)
