"""Problems while fulfilling, against the simulator on 127.0.0.1: stock short at picking (books corrected so
no marketplace can sell the missing units, the agent stops, the seller gets the proposal), and a damaged
return (stock back once, then written off with the reason)."""

from __future__ import annotations

import pytest

from app import config
from app.agents import fulfilment_cycle
from app.errors import InputError, InvalidState
from app.services import fulfilment_tasks, order_flow, order_issues, shop
from app.services import settings as settings_service
from app.store import orders
from app.store import stock as stock_store


@pytest.fixture
def placed(ctx, sim, connect, list_item, make_worker, credentials):
    """One Amazon and one Shopify order for 3 soaps each, pulled in; a courier account that works."""
    from app.services import couriers

    shop.update_shop(ctx, pincode="411038")
    couriers.save_account(ctx, url=sim.url, email="seller@example.com", password="courier-pass")
    sim.courier.carriers[24] = ("Xpressbees Surface", 40.0, 30.0, 120)
    for market in ("amazon", "shopify"):
        code = connect(market)
        list_item("SOAP", code, market, stock_milli=10_000, name_en="Dettol soap 125 g", hsn_code="3401")
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("amazon", "SOAP", 3, pin="560001")
    sim.sim.place_order("shopify", "SOAP", 3)
    make_worker().drain(advance_clock=True)
    return {row.channel: row.order_id for row in order_flow.board(ctx)}


def _alert(ctx, kind: str, order_id: int) -> str:
    row = ctx.store.db().execute("SELECT message FROM agent_alert WHERE kind = ? AND subject = ? AND resolved_at IS"
                                 " NULL", (kind, f"order:{order_id}")).fetchone()
    return row[0] if row else ""


def test_none_found_corrects_the_books_stops_the_agent_and_proposes_the_cancel(ctx, sim, placed, make_worker):
    settings_service.set_setting(ctx, config.AGENT_LIMITS_CHOSEN.key, True)
    amazon = placed["amazon_in"]
    db = ctx.store.db()
    before = stock_store.on_hand(db, "SOAP")
    report = order_issues.report_short(ctx, amazon, "SOAP", 0)
    assert stock_store.on_hand(db, "SOAP") == before - 3000  # the 3 the books thought were there are not
    assert "seller portal" in report.proposal  # Amazon takes no cancellation from us: cancel there
    assert report.proposal.startswith("None left") and "ship the 0" not in report.proposal
    assert "seller portal" in _alert(ctx, "stock_short", amazon)
    assert fulfilment_tasks.task(ctx, amazon).status == "escalated"
    result = fulfilment_cycle.run(ctx)
    assert amazon not in result.booked and all(s.order_id != f"amazon_in-{amazon}" for s in
                                               sim.courier.shipments.values())
    make_worker().drain(advance_clock=True)  # every marketplace hears the real quantity
    assert sim.sim.listing("shopify", "SOAP").quantity == stock_store.on_hand(db, "SOAP") // 1000


def test_part_found_proposes_calling_the_customer(ctx, placed):
    shopify = placed["shopify"]
    report = order_issues.report_short(ctx, shopify, "SOAP", 1000)
    assert "call the customer" in report.proposal and "Orders page" in report.proposal
    with pytest.raises(InputError):
        order_issues.report_short(ctx, shopify, "SOAP", 3000)  # found all: nothing is short


def test_a_damaged_return_comes_back_once_and_is_written_off_with_the_reason(ctx, placed):
    shopify = placed["shopify"]
    db = ctx.store.db()
    order_flow.ship_order(ctx, shopify, carrier="Delhivery", tracking="DL1")
    before = stock_store.on_hand(db, "SOAP")
    with pytest.raises(InputError):
        order_issues.receive_damaged_return(ctx, shopify, reason="  ")
    assert orders.get(db, shopify).status == "shipped"  # a refusal writes nothing
    order_issues.receive_damaged_return(ctx, shopify, reason="soap boxes crushed")
    assert orders.get(db, shopify).status == "returned"
    assert stock_store.on_hand(db, "SOAP") == before  # back, then written off
    moves = db.execute("SELECT reason, qty_milli FROM stock_move WHERE sku = 'SOAP' ORDER BY id DESC LIMIT 2")
    assert sorted(moves.fetchall()) == [("return", 3000), ("wastage", -3000)]
    with pytest.raises(InvalidState):
        order_issues.receive_damaged_return(ctx, shopify, reason="again")
    assert stock_store.on_hand(db, "SOAP") == before
