"""Export orders: their units are held until invoiced or cancelled, so the counter, home delivery and the
marketplaces never sell them; the invoice made from an order is an export invoice like any other (GSTR-1 ``exp``,
GSTR-3B 3.1 (b)); and, for any sequence of orders, sales, cancels and invoices, a held unit is sold once."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import config
from app.domain.gst_returns import parse_period
from app.errors import InputError, InvalidQuantity, InvalidState, NotFound
from app.services import catalog, export_orders, exports, gst_returns, sales, stock_holds
from app.services import settings as settings_service
from app.services.sales import PaymentIn, SaleLine
from app.store import stock as stock_store
from app.sync import allocation
from tests.conftest import table_snapshot
from trade.books import ARN, terms


def _on_hand(ctx, sku: str) -> int:
    return stock_store.on_hand(ctx.store.db(), sku)


def _held(ctx, sku: str) -> int:
    return stock_holds.held_many(ctx.store.db(), [sku])[sku]


def _counter_sale(ctx, sku: str, qty_milli: int, price: int = 25_000):
    return sales.record_sale(ctx, lines=[SaleLine(sku=sku, qty_milli=qty_milli)], confirmed=True,
                             payments=[PaymentIn(method="cash", amount_paise=price * qty_milli // 1000)])


@pytest.fixture
def tea(ctx, make_product):
    make_product("TEA", name_en="Assam tea 250 g", hsn_code="09023020", price_paise=25_000, mrp_paise=25_000,
                 cost_paise=18_000, opening_stock_milli=10_000)
    exports.record_lut(ctx, arn=ARN, fy="2026-27", filed_on=date(2026, 4, 2))
    return "TEA"


def test_an_export_order_holds_its_units_from_the_counter_and_the_marketplace(session, ctx, tea):
    catalog.add_channel(ctx, code="amazon", name="Amazon.in")
    catalog.list_on_channel(ctx, channel="amazon", sku=tea, remote_sku="AMZ-TEA")
    placed = export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=6000)], terms=terms())
    assert _on_hand(ctx, tea) == 10_000 and _held(ctx, tea) == 6000  # still on the shelf, but held
    db = session.store.db()
    newest = db.execute("SELECT payload_json FROM outbox WHERE op = 'listing.quantity' AND status = 'pending'"
                        " ORDER BY created_seq DESC").fetchone()
    assert json.loads(newest[0])["quantity"] == 4  # the marketplace is told 10 - 6
    assert allocation.channel_quantity(db, "amazon", tea) == 4  # and so is the worker, just before it sends
    with pytest.raises(InvalidQuantity, match="kept for export"):
        _counter_sale(ctx, tea, 5000)
    _counter_sale(ctx, tea, 4000)  # the free units sell
    with pytest.raises(InvalidQuantity, match="kept for export"):
        _counter_sale(ctx, tea, 1000)
    # allowing negative stock does not let the counter take held units either
    settings_service.set_setting(ctx, config.ALLOW_NEGATIVE_STOCK.key, True)
    with pytest.raises(InvalidQuantity, match="kept for export"):
        _counter_sale(ctx, tea, 1000)
    # a second export order cannot hold units the first holds
    with pytest.raises(InvalidQuantity, match="free to hold"):
        export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=1000)], terms=terms())
    order = export_orders.export_order(session.store, int(placed.id))  # type: ignore[arg-type]
    assert order["state"] == "open" and order["lines"][0]["qty_milli"] == 6000
    assert order["value_paise"] == 6 * 25_000


def test_invoicing_sells_the_held_units_once_at_the_agreed_price_into_the_returns(session, ctx, tea, clock):
    placed = export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=4000)], terms=terms())
    order_id = int(placed.id)  # type: ignore[arg-type]
    catalog.change_price(ctx, tea, price_paise=22_000)  # a price change after the order does not touch it
    invoiced = export_orders.invoice_export_order(ctx, order_id)
    assert _on_hand(ctx, tea) == 6000 and _held(ctx, tea) == 0  # the four units left once, by the invoice
    row = exports.export(session.store, int(invoiced.id))  # type: ignore[arg-type]
    assert row["invoice_no"].startswith("EXP/2627/") and row["mode"] == "lut" and row["lut_arn"] == ARN
    assert row["total_paise"] == 4 * 25_000 and row["igst_paise"] == 0
    assert row["currency"] == "AED" and row["fx_paise"] == 2290
    order = export_orders.export_order(session.store, order_id)
    assert order["state"] == "invoiced" and order["invoice_no"] == row["invoice_no"]
    event = next(e for e in invoiced.events if type(e).__name__ == "ExportInvoiced")
    assert event.export_order_id == order_id  # type: ignore[attr-defined]
    with pytest.raises(InvalidState, match="already invoiced"):
        export_orders.invoice_export_order(ctx, order_id)
    with pytest.raises(InvalidState):
        export_orders.cancel_export_order(ctx, order_id)
    # in the returns of its month: GSTR-1 exp WOPAY at the goods' rate with no IGST, GSTR-3B 3.1 (b)
    period = parse_period(ctx.today().strftime("%Y-%m"))
    prepared = gst_returns.prepare(session.store, period)
    doc = prepared.gstr1()
    assert gst_returns.schema_errors(doc) == []
    inv = next(i for g in doc["exp"] if g["exp_typ"] == "WOPAY" for i in g["inv"] if i["inum"] == row["invoice_no"])
    assert inv["val"] == 1000.0 and [(i["rt"], i["txval"], i["iamt"]) for i in inv["itms"]] == [(5, 1000.0, 0)]
    assert prepared.gstr3b().zero_rated.taxable_paise == 100_000


def test_with_igst_paid_the_order_is_invoiced_with_igst(session, ctx, tea):
    placed = export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=2000, unit_price_paise=21_000)],
                                              terms=terms(mode="igst", currency="USD", fx_paise=8410, country="US"))
    invoiced = export_orders.invoice_export_order(ctx, int(placed.id), pay="upi")  # type: ignore[arg-type]
    row = exports.export(session.store, int(invoiced.id))  # type: ignore[arg-type]
    assert row["mode"] == "igst" and row["total_paise"] == 42_000 and row["igst_paise"] == 2000  # 5 % inside
    doc = gst_returns.prepare(session.store, parse_period(ctx.today().strftime("%Y-%m"))).gstr1()
    assert [g["exp_typ"] for g in doc["exp"]] == ["WPAY"]


def test_cancel_frees_the_units_and_a_refused_invoice_keeps_the_hold(session, ctx, tea, clock):
    placed = export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=7000)], terms=terms())
    order_id = int(placed.id)  # type: ignore[arg-type]
    # the invoice date falls in a year without an LUT: refused, and nothing changes (the units stay held)
    clock.set(clock.now().replace(year=2027, month=5))
    with pytest.raises(InvalidState, match="no LUT"):
        export_orders.invoice_export_order(ctx, order_id)
    assert _held(ctx, tea) == 7000 and export_orders.export_order(session.store, order_id)["state"] == "open"
    assert session.store.db().execute("SELECT count(*) FROM export_invoice").fetchone()[0] == 0
    export_orders.cancel_export_order(ctx, order_id)
    assert _held(ctx, tea) == 0 and _on_hand(ctx, tea) == 10_000
    _counter_sale(ctx, tea, 9000)  # the freed units sell at the counter
    with pytest.raises(InvalidState, match="already cancelled"):
        export_orders.cancel_export_order(ctx, order_id)
    with pytest.raises(NotFound):
        export_orders.cancel_export_order(ctx, 999)


def test_an_order_is_refused_whole_when_a_line_is_wrong(session, ctx, tea):
    before = table_snapshot(session)
    for lines, error in (([SaleLine(sku=tea, qty_milli=11_000)], InvalidQuantity),
                         ([SaleLine(sku=tea, qty_milli=1000, unit_price_paise=30_000)], InputError),  # above MRP
                         ([SaleLine(sku="NOPE", qty_milli=1000)], NotFound),
                         ([], InputError)):
        with pytest.raises(error):
            export_orders.place_export_order(ctx, lines=lines, terms=terms())
    with pytest.raises(InputError, match="country"):
        export_orders.place_export_order(ctx, lines=[SaleLine(sku=tea, qty_milli=1000)], terms=terms(country="IN"))
    assert table_snapshot(session) == before


_OPS = st.lists(st.tuples(st.sampled_from(["order", "sell", "cancel", "invoice", "receive", "deliver"]),
                          st.integers(min_value=1, max_value=8), st.integers(min_value=0, max_value=5)),
                min_size=1, max_size=12)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS, opening=st.integers(min_value=0, max_value=12), negative_ok=st.booleans())
def test_property_a_held_unit_is_never_sold_twice(session, ctx, make_product, ops, opening, negative_ok):
    """Feature: tavyonix-seller-os, Property 8: Trade Opportunity Management (stock reserved for export orders):
    for any sequence of export orders, counter sales, home deliveries, stock received, cancels and invoices, the
    counter never takes a held unit, no order is invoiced twice, each invoice sells exactly its order's units,
    the marketplaces are never offered a held unit, and every unit is accounted for in the ledger."""
    db = ctx.store.db()
    sku = f"P{db.execute('SELECT count(*) FROM product').fetchone()[0]}"
    make_product(sku, price_paise=10_000, mrp_paise=10_000, cost_paise=8000, hsn_code="0902",
                 opening_stock_milli=opening * 1000)
    if not exports.lut_for(ctx.store, ctx.today()):
        exports.record_lut(ctx, arn=ARN, fy="2026-27", filed_on=date(2026, 4, 2))
    settings_service.set_setting(ctx, config.ALLOW_NEGATIVE_STOCK.key, negative_ok)
    received, sold_at_counter, invoiced_units = opening, 0, 0
    placed: dict[int, int] = {}  # export order id -> units, for every order taken
    invoiced: set[int] = set()
    for op, qty, pick in ops:
        open_ids = sorted(set(placed) - invoiced - {i for i in placed if
                                                     export_orders.export_order(ctx.store, i)["state"] == "cancelled"})
        free_before = stock_holds.free_many(db, [sku])[sku]
        held_before = _held(ctx, sku)
        try:
            if op == "order":
                placed[int(export_orders.place_export_order(  # type: ignore[arg-type]
                    ctx, lines=[SaleLine(sku=sku, qty_milli=qty * 1000)], terms=terms(), confirmed=True).id)] = qty
                assert free_before >= qty * 1000  # taken only when the units were free
            elif op == "sell":
                _counter_sale(ctx, sku, qty * 1000, price=10_000)
                sold_at_counter += qty
                assert held_before == 0 or free_before >= qty * 1000  # never into held units
                assert negative_ok or free_before >= qty * 1000
            elif op == "deliver":
                from app.services.deliveries import NewDelivery, create

                create(ctx, NewDelivery(customer_name="A. Rao", address="2 MG Road",
                                        lines=[SaleLine(sku=sku, qty_milli=qty * 1000)]), confirmed=True)
                sold_at_counter += qty
                assert held_before == 0 or free_before >= qty * 1000
            elif op == "receive":
                from app.services import inventory

                inventory.receive_stock(ctx, sku, qty_milli=qty * 1000)
                received += qty
            elif open_ids:
                target = open_ids[pick % len(open_ids)]
                if op == "cancel":
                    export_orders.cancel_export_order(ctx, target)
                else:
                    export_orders.invoice_export_order(ctx, target)
                    invoiced.add(target)
                    invoiced_units += placed[target]
        except InvalidQuantity:
            pass
        held = _held(ctx, sku)
        on_hand = _on_hand(ctx, sku)
        assert held == 0 or on_hand >= held  # what is held is always on the shelf
        assert on_hand == (received - sold_at_counter - invoiced_units) * 1000  # each unit left once
        assert held == sum(placed[i] * 1000 for i in open_ids_after(ctx, placed))
    for export_order_id in invoiced:  # each invoice sold exactly its order's units
        sold = db.execute("SELECT sum(l.qty_milli) FROM export_order o JOIN order_line l ON l.order_id = o.order_id"
                          " WHERE o.id = ?", (export_order_id,)).fetchone()[0]
        assert sold == placed[export_order_id] * 1000


def open_ids_after(ctx, placed: dict[int, int]) -> list[int]:
    return [i for i in placed if export_orders.export_order(ctx.store, i)["state"] == "open"]
