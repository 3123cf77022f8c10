"""WhatsApp's 24-hour window, enforced by the simulator on 127.0.0.1: a purchase order or a customer's update to
a number that has not written in 24 hours goes as the approved template with the same content (once: the
refused text was never delivered); within the window the text goes as before; a template WhatsApp refuses too
fails the row with a message saying so and becomes a task for the seller."""

from __future__ import annotations

import pytest

from app.services import deliveries, purchasing, shop, suppliers
from app.services.deliveries import NewDelivery
from app.services.purchasing import PoLine
from app.services.sales import SaleLine
from app.sim.marketplace import whatsapp_templates
from app.store import outbox
from app.sync import setup

PHONE_ID = "1065551234"
SUPPLIER, CUSTOMER = "919876543210", "919822012345"


@pytest.fixture
def window(ctx, sim, credentials, make_product):
    """WhatsApp connected, the 24-hour window enforced; an item to order and to deliver."""
    setup.connect(ctx, channel="whatsapp", adapter="whatsapp", base_url=sim.url,
                  account={"phone_number_id": PHONE_ID}, secrets={"access_token": "wa-token"}, credentials=credentials)
    shop.update_shop(ctx, pincode="411038")
    make_product("ATTA", name_en="Aashirvaad Atta 5 kg", price_paise=26_000, mrp_paise=28_000, cost_paise=23_000,
                 hsn_code="1101")
    book = whatsapp_templates.book(sim.sim)
    book.window_hours = 24
    return book


def _po(ctx) -> str:
    supplier = suppliers.create_supplier(ctx, name="Gupta Traders", whatsapp="9876543210").id
    po = purchasing.create_purchase_order(ctx, supplier_id=supplier, lines=[PoLine(sku="ATTA", qty_milli=10_000)],
                                          confirmed=True).id
    purchasing.send_purchase_order(ctx, po)
    return outbox.rows(ctx.store.db(), channel="whatsapp")[-1].id


def _alerts(ctx, kind: str) -> list[str]:
    return [r[0] for r in ctx.store.db().execute("SELECT message FROM agent_alert WHERE kind = ? AND resolved_at IS"
                                                 " NULL", (kind,))]


def test_a_purchase_order_outside_the_window_goes_as_the_approved_template_once(ctx, sim, window, make_worker):
    row_id = _po(ctx)
    make_worker().drain(advance_clock=True)
    (message,) = sim.sim.delivered(SUPPLIER)
    assert message.body.startswith("[tavyonix_purchase_order/en] Gupta Traders | PO/")
    assert "Aashirvaad Atta 5 kg" in message.body and "\n" not in message.body
    sent = outbox.get(ctx.store.db(), row_id)
    assert sent.status == "applied" and sent.remote_ref == message.id
    assert sim.sim.requests["whatsapp.messages"] == 2  # the refused text, then the template


def test_within_the_window_the_text_goes_as_before(ctx, sim, window, make_worker):
    whatsapp_templates.wrote(sim.sim, SUPPLIER)  # the supplier wrote to the shop just now
    _po(ctx)
    make_worker().drain(advance_clock=True)
    (message,) = sim.sim.delivered(SUPPLIER)
    assert message.body.startswith("Order PO/") and "\n- Aashirvaad Atta 5 kg" in message.body  # the text itself


def test_a_customers_update_outside_the_window_goes_as_the_template_in_hindi(ctx, sim, window, make_worker):
    oid = deliveries.create(ctx, NewDelivery(customer_name="Sunita Patil", phone="9822012345", address="Flat 4",
                                             area="Kothrud", pin="411038", pay_by="upi", language="hi",
                                             lines=[SaleLine(sku="ATTA", qty_milli=1000)])).id
    deliveries.advance(ctx, oid, "accepted")
    make_worker().drain(advance_clock=True)
    (message,) = sim.sim.delivered(CUSTOMER)
    assert message.body.startswith(f"[tavyonix_order_update/hi] Sunita Patil | #{oid} | ")
    assert _alerts(ctx, "customer_message") == []


def test_a_refused_template_fails_the_row_and_becomes_a_task(ctx, sim, window, make_worker):
    del window.approved["tavyonix_purchase_order"]  # the shop never had the template approved
    row_id = _po(ctx)
    make_worker().drain(advance_clock=True)
    assert sim.sim.delivered(SUPPLIER) == []
    failed = outbox.get(ctx.store.db(), row_id)
    assert failed.status == "failed" and "more than 24 hours" in failed.last_error
    (task,) = _alerts(ctx, "supplier_message")
    assert "Gupta Traders" in task and "Send it yourself" in task


def test_an_update_that_cannot_be_sent_is_listed_to_tell_the_customer(ctx, sim, window, make_worker):
    del window.approved["tavyonix_order_update"]
    oid = deliveries.create(ctx, NewDelivery(customer_name="Sunita Patil", phone="9822012345", address="Flat 4",
                                             area="Kothrud", pin="411038", language="en",
                                             lines=[SaleLine(sku="ATTA", qty_milli=1000)])).id
    deliveries.advance(ctx, oid, "accepted")
    make_worker().drain(advance_clock=True)
    (task,) = _alerts(ctx, "customer_message")
    assert task.startswith("Tell Sunita Patil yourself") and "is confirmed" in task
    # then the customer writes to the shop: the next update goes as text
    whatsapp_templates.wrote(sim.sim, CUSTOMER)
    deliveries.advance(ctx, oid, "packed")
    make_worker().drain(advance_clock=True)
    (text,) = sim.sim.delivered(CUSTOMER)
    assert not text.body.startswith("[") and "packed" in text.body
