"""The home-delivery customer hears of each step on WhatsApp, in their language, once per step; a message
that cannot be sent becomes a visible task (an alert, or a failed send with its reason), never a silent loss."""

from __future__ import annotations

import pytest

from app.services import deliveries, shop
from app.services.deliveries import NewDelivery
from app.services.sales import SaleLine
from app.store import outbox
from app.sync import setup

PHONE_ID = "1065551234"


@pytest.fixture
def items(ctx, make_product):
    shop.update_shop(ctx, pincode="411038")
    make_product("ATTA", name_en="Aashirvaad Atta 5 kg", price_paise=26_000, mrp_paise=28_000, cost_paise=23_000,
                 hsn_code="1101")


def _connect(ctx, sim, credentials) -> None:
    setup.connect(ctx, channel="whatsapp", adapter="whatsapp", base_url=sim.url,
                  account={"phone_number_id": PHONE_ID}, secrets={"access_token": "wa-token"}, credentials=credentials)


def _order(ctx, *, phone="9822012345", language="hi") -> int:
    return deliveries.create(ctx, NewDelivery(customer_name="Sunita Patil", phone=phone, address="Flat 4",
                                              area="Kothrud", pin="411038", pay_by="upi", language=language,
                                              lines=[SaleLine(sku="ATTA", qty_milli=1000)])).id


def _alerts(ctx) -> list[tuple[str, str]]:
    return ctx.store.db().execute("SELECT subject, message FROM agent_alert WHERE kind = 'customer_message'"
                                  " AND resolved_at IS NULL").fetchall()


def test_each_step_reaches_the_customer_once_in_hindi(ctx, sim, credentials, items, make_worker):
    _connect(ctx, sim, credentials)
    oid = _order(ctx)
    deliveries.advance(ctx, oid, "accepted")
    deliveries.advance(ctx, oid, "accepted")  # a second tap sends nothing more
    deliveries.advance(ctx, oid, "packed")
    deliveries.advance(ctx, oid, "shipped", rider="Raju")
    deliveries.deliver(ctx, oid)
    make_worker().drain(advance_clock=True)
    sent = [m for m in sim.sim.messages if m.to == "919822012345"]
    assert len(sent) == 4, [m.body for m in sent]
    confirmed, packed, out, delivered = (m.body for m in sent)
    assert "पैक" in packed
    assert f"#{oid}" in confirmed and "₹260.00" in confirmed and "पक्का" in confirmed
    assert "Raju" in out and "UPI" in out and "निकल" in out
    assert "पहुँच" in delivered
    assert _alerts(ctx) == []


def test_english_for_a_customer_who_reads_english(ctx, sim, credentials, items, make_worker):
    _connect(ctx, sim, credentials)
    oid = _order(ctx, language="en")
    deliveries.advance(ctx, oid, "accepted")
    make_worker().drain(advance_clock=True)
    (message,) = sim.sim.messages
    assert message.body.startswith("Test Kirana: your order") and "is confirmed" in message.body


def test_without_whatsapp_or_a_phone_the_seller_is_told_to_call(ctx, items):
    oid = _order(ctx)
    deliveries.advance(ctx, oid, "accepted")
    deliveries.advance(ctx, oid, "packed")
    ((subject, message),) = _alerts(ctx)  # one task per order, refreshed with the latest step
    assert subject == f"order:{oid}" and "Sunita Patil" in message and "WhatsApp" in message
    assert outbox.rows(ctx.store.db(), channel="whatsapp") == []


def test_a_number_whatsapp_refuses_fails_with_its_reason(ctx, sim, credentials, items, make_worker):
    _connect(ctx, sim, credentials)
    sim.sim.not_on_whatsapp.add("919822012345")
    oid = _order(ctx)
    deliveries.advance(ctx, oid, "accepted")
    make_worker().drain(advance_clock=True)
    (row,) = outbox.rows(ctx.store.db(), channel="whatsapp")
    assert row.status == "failed" and "Sunita Patil" in (row.last_error or "")


def test_a_substitute_is_asked_on_whatsapp_in_hindi_and_the_new_total_told(ctx, sim, credentials, make_product,
                                                                           make_worker):
    from app.services import substitutions

    shop.update_shop(ctx, pincode="411038")
    make_product("ATTA", name_en="Aashirvaad Atta 5 kg", name_hi="आशीर्वाद आटा 5 किलो", category="staples",
                 price_paise=26_000, mrp_paise=28_000, cost_paise=23_000, hsn_code="1101")
    make_product("PILLS", name_en="Pillsbury Atta 5 kg", name_hi="पिल्सबरी आटा 5 किलो", category="staples",
                 price_paise=27_500, mrp_paise=29_000, cost_paise=24_000, hsn_code="1101")
    _connect(ctx, sim, credentials)
    oid = _order(ctx)
    substitutions.propose(ctx, oid, 1, "PILLS")
    substitutions.answer(ctx, oid, yes=True)
    make_worker().drain(advance_clock=True)
    ask, told = (m.body for m in sim.sim.messages if m.to == "919822012345")
    assert "पिल्सबरी आटा 5 किलो" in ask and "आशीर्वाद आटा 5 किलो" in ask and "₹275.00" in ask and "₹15.00" in ask
    assert "पिल्सबरी" in told and "₹275.00" in told  # the order now comes to the substitute's price
    assert _alerts(ctx) == []


def test_a_substitute_question_without_a_phone_becomes_a_call_to_make(ctx, make_product):
    from app.services import substitutions

    for sku, price in (("ATTA", 26_000), ("PILLS", 27_500)):
        make_product(sku, category="staples", price_paise=price, mrp_paise=29_000, cost_paise=20_000)
    oid = _order(ctx, phone="")
    assert substitutions.propose(ctx, oid, 1, "PILLS").outbox == 0
    ((_subject, message),) = _alerts(ctx)
    assert "Item PILLS" in message and "YES" in message and "₹275.00" in message


def test_the_customers_whatsapp_yes_or_no_is_recorded_once(ctx, sim, credentials, make_product):
    """The reply comes through WhatsApp's webhook: a plain yes (in Hindi too) changes the order once however often
    Meta retries it; a no sends the rest; an unclear reply is left to the seller."""
    from app.services import substitutions, whatsapp_webhooks
    from app.sim.marketplace.whatsapp_webhooks import reply
    from app.store import orders

    shop.update_shop(ctx, pincode="411038")
    for sku, price in (("ATTA", 26_000), ("PILLS", 27_500)):
        make_product(sku, category="staples", price_paise=price, mrp_paise=29_000, cost_paise=20_000)
    make_product("SALT", category="spices", price_paise=2800, mrp_paise=2800, cost_paise=2400)
    _connect(ctx, sim, credentials)
    first = _order(ctx)
    substitutions.propose(ctx, first, 1, "PILLS")
    at = ctx.now_iso()
    _changes, got = whatsapp_webhooks.receive(ctx, reply(PHONE_ID, "919822012345", "kal le aana", at=at))
    assert got.answered == 0 and substitutions.open_question(ctx, first) is not None  # unclear: the seller's
    for _retry in range(2):  # Meta retries until answered
        whatsapp_webhooks.receive(ctx, reply(PHONE_ID, "919822012345", "हाँ", at=at))
    assert [line.sku for line in orders.get(ctx.store.db(), first).lines] == ["PILLS"]
    second = deliveries.create(ctx, NewDelivery(customer_name="Sunita Patil", phone="9822012345", address="Flat 4",
                                                pin="411038", lines=[SaleLine(sku="ATTA", qty_milli=1000),
                                                                     SaleLine(sku="SALT", qty_milli=1000)])).id
    substitutions.propose(ctx, second, 1, "PILLS")
    _changes, got = whatsapp_webhooks.receive(ctx, reply(PHONE_ID, "919822012345", "No.", at=ctx.now_iso()))
    assert got.answered == 1 and [line.sku for line in orders.get(ctx.store.db(), second).lines] == ["SALT"]
    assert [substitutions.read_reply(t) for t in ("Yes!", "haan", "NAHI", "ok ji", "")] == [True, True, False,
                                                                                          None, None]
