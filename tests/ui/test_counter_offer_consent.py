"""The counter's "Agrees to offers" button: the cashier reads the question out and records the customer's yes
to offers on WhatsApp (method "counter"), only on a yes; no customer, no phone and an earlier yes are said."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.i18n import set_language
from app.services import khata
from app.store import campaigns as store
from app.ui.pages.counter import CounterPage


def _page(window, qtbot) -> CounterPage:
    page = window.page(CounterPage)
    page.command.setFocus()
    qtbot.waitUntil(page.command.hasFocus)
    return page


def _choose_customer(page, qtbot, text: str) -> None:
    qtbot.keyClick(page.command, Qt.Key.Key_F6)
    qtbot.keyClicks(page.command, text)
    qtbot.keyClick(page.command, Qt.Key.Key_Return)


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_a_yes_at_the_counter_is_recorded_and_a_no_is_not(window, session, qtbot, lang):
    set_language(lang)
    ctx = session.ctx
    sunita = int(khata.create_customer(ctx, name="Sunita Consent", phone="9812300011").id)
    page = _page(window, qtbot)
    qtbot.mouseClick(page.offer_consent, Qt.MouseButton.LeftButton)
    assert page.message.text().startswith("Choose the customer first" if lang == "en" else "पहले")
    _choose_customer(page, qtbot, "sunita consent")
    assert page.bill.customer_id == sunita
    qtbot.mouseClick(page.offer_consent, Qt.MouseButton.LeftButton)
    dialog = page.offer_consent.dialog
    assert "9812300011" in dialog.message_label.text() and "STOP" in dialog.message_label.text()
    dialog.choose("no")
    assert store.current_consent(session.store.db(), sunita) is None  # nothing recorded on a no
    qtbot.mouseClick(page.offer_consent, Qt.MouseButton.LeftButton)
    page.offer_consent.dialog.choose("yes")
    found = store.current_consent(session.store.db(), sunita)
    assert found is not None and found.granted and found.method == "counter" and found.phone == "9812300011"
    assert [r.customer_id for r in store.reachable(session.store.db(), [sunita])] == [sunita]
    qtbot.mouseClick(page.offer_consent, Qt.MouseButton.LeftButton)
    assert "9812300011" in page.message.text()  # already agreed: said, not asked again
    assert len(store.consent_log(session.store.db(), sunita)) == 1


def test_a_customer_without_a_phone_is_told_what_to_do(window, session, qtbot):
    set_language("en")
    khata.create_customer(session.ctx, name="Nophone Person")
    page = _page(window, qtbot)
    _choose_customer(page, qtbot, "nophone")
    qtbot.mouseClick(page.offer_consent, Qt.MouseButton.LeftButton)
    assert "has no phone number" in page.message.text() and page.offer_consent.dialog is None
