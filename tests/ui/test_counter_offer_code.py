"""The counter's offer-code field: a code typed or scanned while a bill is rung up ties that bill, once paid,
to the campaign and variant (what the Thompson sampling counts); a code no offer gave out, an ended offer or a
paused one is refused in plain words. English and Hindi."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services import campaigns, consent, khata
from app.services.context import Origin
from app.store import campaigns as store
from app.ui.counter.payment import PaymentDialog
from app.ui.pages.counter import CounterPage

SHOTS = os.environ.get("TAVYONIX_SCREENSHOTS")  # a folder: the screens are saved there to be looked at


@pytest.fixture
def offer(session):
    """Campaign 1: Tata Salt to everyone who agreed, one message sent (click-to-chat), code ....-1A."""
    ctx = session.ctx
    asha = int(khata.create_customer(ctx, name="Asha", phone="9812345678").id)
    consent.grant(ctx, asha, method="counter")
    campaign_id = int(campaigns.plan_campaign(ctx, sku="TATA-SALT-1KG", segment="all", styles=("plain",),
                                              seed=4).id)
    campaigns.send_campaign(ctx, campaign_id, seed=4)
    [variant] = store.variants(ctx.store.db(), campaign_id)
    return campaign_id, variant


def _page(window, qtbot) -> CounterPage:
    page = window.page(CounterPage)
    page.command.setFocus()
    qtbot.waitUntil(page.command.hasFocus)
    return page


def _enter(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _pay_cash(page, qtbot, amount: str) -> int:
    qtbot.keyClick(page.command, Qt.Key.Key_F12)
    dialog = page.dialog
    assert isinstance(dialog, PaymentDialog)
    qtbot.keyClicks(dialog.cash, amount)
    qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.last_order_id is not None)
    return int(page.last_order_id)


def test_a_typed_code_ties_the_paid_bill_to_its_campaign_and_variant(window, session, offer, qtbot):
    campaign_id, variant = offer
    page = _page(window, qtbot)
    _enter(qtbot, page.command, "2*namak")
    field = page.offer_code
    _enter(qtbot, field.edit, variant.code.lower().replace("-", " "))  # as a cashier types it
    assert field.held is not None and field.held[1].campaign_id == campaign_id
    assert field.status.text() == f"Offer {variant.code}: Tata Salt 1 kg at ₹27.00; this bill counts for it."
    assert page.command.hasFocus()  # back to ringing up
    if SHOTS:
        window.resize(1366, 768)
        qtbot.wait(50)
        window.grab().save(str(Path(SHOTS) / "counter-offer-code-en.png"))
    order_id = _pay_cash(page, qtbot, "100")
    qtbot.waitUntil(lambda: field.redeemed == [(variant.code, order_id)])
    db = session.store.db()
    assert db.execute("SELECT order_id FROM campaign_redemption").fetchall() == [(order_id,)]
    # the variant's redemption is what the allocation between variants counts
    assert store.variant_counts(db, campaign_id)[variant.id] == (1, 1)
    assert field.status.text() == f"Code {variant.code} counted for the bill." and field.held is None


def test_a_code_typed_in_the_item_box_goes_to_the_field(window, session, offer, qtbot):
    _campaign_id, variant = offer
    page = _page(window, qtbot)
    _enter(qtbot, page.command, variant.code)  # typed where the items go
    assert page.offer_code.held is not None and page.dialog is None  # not "add a new item?"
    assert "Put Tata Salt 1 kg on the bill if the customer takes it." in page.offer_code.status.text()


def test_wrong_ended_and_paused_codes_are_refused_in_plain_words(window, session, offer, qtbot):
    campaign_id, variant = offer
    page = _page(window, qtbot)
    field = page.offer_code
    _enter(qtbot, field.edit, "ZZZZ-99A")
    assert field.held is None
    assert "'ZZZZ-99A' is not a code from any of this shop's offers" in field.status.text()
    field.edit.clear()
    campaigns.set_status(session.ctx, campaign_id, "paused", origin=Origin(actor="seller", reason="stock"))
    _enter(qtbot, field.edit, variant.code)
    assert field.held is None and f"The offer of code {variant.code} is paused" in field.status.text()
    field.edit.clear()
    campaigns.set_status(session.ctx, campaign_id, "done")
    _enter(qtbot, field.edit, variant.code)
    assert field.held is None and "has ended; it cannot be used any more" in field.status.text()
    _enter(qtbot, page.command, "namak")
    _pay_cash(page, qtbot, "50")
    qtbot.wait(50)
    assert session.store.db().execute("SELECT COUNT(*) FROM campaign_redemption").fetchone()[0] == 0


def test_a_code_held_for_one_bill_waits_while_another_is_paid(window, session, offer, qtbot):
    _campaign_id, variant = offer
    page = _page(window, qtbot)
    _enter(qtbot, page.command, "namak")
    _enter(qtbot, page.offer_code.edit, variant.code)
    qtbot.keyClick(page.command, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a second customer
    _enter(qtbot, page.command, "namak")
    _pay_cash(page, qtbot, "50")
    qtbot.wait(50)
    assert page.offer_code.held is not None  # still waiting for its own bill
    assert session.store.db().execute("SELECT COUNT(*) FROM campaign_redemption").fetchone()[0] == 0


def test_the_field_in_hindi(make_window, session, offer, qtbot):
    _campaign_id, variant = offer
    set_language("hi")
    try:
        window = make_window()
        page = _page(window, qtbot)
        _enter(qtbot, page.command, "namak")
        _enter(qtbot, page.offer_code.edit, variant.code)
        assert page.offer_code.label.text() == "ऑफ़र कोड:"
        assert page.offer_code.status.text().startswith(f"ऑफ़र {variant.code}:")
        if SHOTS:
            window.resize(1366, 768)
            qtbot.wait(50)
            window.grab().save(str(Path(SHOTS) / "counter-offer-code-hi.png"))
    finally:
        set_language("en")
