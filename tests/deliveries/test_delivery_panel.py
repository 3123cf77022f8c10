"""The Home delivery tab of the Orders page: a phone order taken in the form, sent out with the delivery
person, paid by UPI at the door, another refused at the door; the run sheet saved; and it reads in Hindi.

With ``TAVYONIX_SCREENSHOTS=<folder>`` the test also saves ``orders-delivery-en.png`` and
``orders-delivery-hi.png`` there."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app import i18n
from app.store import orders
from app.store import stock as stock_store
from app.ui.app import setup_application
from app.ui.deliveries.new_order import NewDeliveryDialog
from app.ui.pages.orders import OrdersPage
from app.ui.substitute_dialog import SubstituteDialog

LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def page(qapp, qtbot, session, make_product):
    from app.services import shop

    setup_application(qapp)
    shop.update_shop(session.ctx, pincode="411001")
    make_product("ATTA", name_en="Aashirvaad Atta 5 kg", name_hi="आशीर्वाद आटा 5 किलो", price_paise=26_000,
                 mrp_paise=28_000, cost_paise=23_000, hsn_code="1101", opening_stock_milli=10_000)
    make_product("MILK", name_en="Amul Taaza 1 l", price_paise=5600, mrp_paise=5600, cost_paise=5000,
                 hsn_code="0401", opening_stock_milli=40_000)

    def make() -> OrdersPage:
        shown = OrdersPage(session)
        qtbot.addWidget(shown)
        shown.resize(1200, 520)
        shown.show()
        shown.refresh()
        return shown

    return make


def _take(page: OrdersPage, session, name: str, area: str, items: list[tuple[str, str]], pay: str = "cash") -> int:
    form = NewDeliveryDialog(session, page)
    form.name.setText(name)
    form.phone.setText("98220 12345")
    form.address.setText("Flat 4, Shanti Niwas")
    form.area.setText(area)
    form.pin.setText("411038")
    form.pay_by.setCurrentIndex(form.pay_by.findData(pay))
    form.source.setCurrentIndex(form.source.findData("whatsapp"))
    for text, qty in items:
        form.item.setText(text)
        form.qty.setText(qty)
        form.add_item()
    assert form.error is None
    form.save()
    assert form.error is None and form.order_id is not None
    page.refresh()
    return form.order_id


def _select(panel, order_id: int) -> None:
    panel.table.selectRow([r.order_id for r in panel.rows].index(order_id))


def _shot(page: QWidget, name: str) -> None:
    folder = os.environ.get("TAVYONIX_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.grab().save(str(Path(folder) / name))


def test_a_whatsapp_order_goes_out_and_is_paid_by_upi(page, session, qtbot, tmp_path):
    shown = page()
    panel = shown.deliveries
    assert shown.tabs.currentWidget() is panel and panel.empty.isVisible()
    first = _take(shown, session, "Sunita Patil", "Kothrud", [("aashirvaad", "2"), ("MILK", "3")], pay="upi")
    second = _take(shown, session, "Ravi Kulkarni", "Erandwane", [("amul", "1")])
    db = session.store.db()
    assert stock_store.on_hand(db, "ATTA") == 8000 and stock_store.on_hand(db, "MILK") == 36_000
    assert panel.table.rowCount() == 2
    _select(panel, first)
    assert panel.table.item(panel.table.currentRow(), panel.TOTAL).text() == "₹688.00"
    plan = panel.plan.text()  # the operations agent's plan for the selected order
    assert panel.plan.isVisible() and "→ Own delivery: ₹20.00, same day" in plan and "Speed Post" in plan
    assert "waits for you" in plan  # the seller has not chosen the agents' limits
    qtbot.mouseClick(panel.confirm_button, Qt.MouseButton.LeftButton)
    # no WhatsApp connected: the confirmation cannot be sent, so the seller is asked to call
    assert panel.to_call.isVisible() and "Tell Sunita Patil yourself" in panel.to_call.text()
    qtbot.mouseClick(panel.told_button, Qt.MouseButton.LeftButton)
    assert not panel.to_call.isVisible()
    _select(panel, first)
    qtbot.mouseClick(panel.pack_button, Qt.MouseButton.LeftButton)
    panel.rider.setText("Raju")
    qtbot.mouseClick(panel.out_button, Qt.MouseButton.LeftButton)
    assert orders.get(db, first).status == "shipped" and orders.get(db, first).invoice_no
    assert not panel.plan.isVisible()  # on its way: nothing left to plan
    _select(panel, second)
    written = panel.save_run(str(tmp_path / "run.pdf"))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(written).pages).split())
    assert "Sunita Patil" in text and "Ravi Kulkarni" in text and "Raju" in text
    _shot(shown, "orders-delivery-en.png")
    _select(panel, first)
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert [(p.method, p.amount_paise) for p in orders.payments(db, first)] == [("upi", 68_800)]
    assert not panel.done_button.isEnabled() and not panel.cancel_button.isEnabled()
    _select(panel, second)
    panel.reason.setText("not at home")
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert orders.get(db, second).status == "cancelled" and stock_store.on_hand(db, "MILK") == 37_000


def test_the_form_refuses_in_words_and_saves_nothing(page, session):
    shown = page()
    form = NewDeliveryDialog(session, shown)
    form.item.setText("no such thing")
    form.add_item()
    assert form.error is not None and form.lines == []
    form.error.close()
    form.error = None
    form.name.setText("X")
    form.address.setText("Y")
    form.item.setText("MILK")
    form.add_item()
    form.pin.setText("12")
    form.save()
    assert form.error is not None and form.order_id is None
    assert orders.recent(session.store.db()) == []


def test_the_home_delivery_tab_in_hindi_shows_no_english_but_names(page, session):
    i18n.set_language("hi")
    shown = page()
    _take(shown, session, "सुनीता पाटील", "कोथरूड", [("ATTA", "1")])
    shown.refresh()
    panel = shown.deliveries
    texts = [re.sub(r"<[^>]+>", " ", w.text()) for w in panel.findChildren(QLabel) + panel.findChildren(QAbstractButton)
             if w.text()]
    texts += [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    texts += [panel.table.item(r, c).text() for r in range(panel.table.rowCount())
              for c in (panel.STATE, panel.PAY, panel.ITEMS)]  # items by their Hindi names
    texts += [shown.tabs.tabText(i) for i in range(shown.tabs.count())]
    english = [w for t in texts for w in LATIN_WORDS.findall(t)]
    assert english == [], english
    _shot(shown, "orders-delivery-hi.png")
    # the run sheet names the items as the seller reads them too (the Hindi name from the catalog)
    from app.services import deliveries
    from app.ui.printing.delivery_run import run_html

    (stop,) = deliveries.run_for(session.ctx)
    assert stop.items.startswith("आशीर्वाद आटा 5 किलो") and "Aashirvaad" not in stop.items
    assert "आशीर्वाद आटा 5 किलो" in run_html([stop], shop="Shop", day="today")
    i18n.set_language("en")
    assert deliveries.run_for(session.ctx)[0].items.startswith("Aashirvaad Atta 5 kg")


def test_a_substitute_asked_by_phone_and_accepted_from_the_orders_page(page, session, make_product, qtbot):
    """The Substitute… form: candidates with the price difference, the question, the answer; in Hindi too."""
    make_product("PILLS", name_en="Pillsbury Atta 5 kg", name_hi="पिल्सबरी आटा 5 किलो", category="staples",
                 price_paise=27_500, mrp_paise=29_000, cost_paise=24_000, hsn_code="1101", opening_stock_milli=5_000)
    with session.store.write() as db:
        db.execute("UPDATE product SET category = 'staples' WHERE sku = 'ATTA'")
    shown = page()
    panel = shown.deliveries
    first = _take(shown, session, "Sunita Patil", "Kothrud", [("ATTA", "2"), ("MILK", "1")])
    _select(panel, first)
    assert panel.courier.substitute_button.isEnabled()
    qtbot.mouseClick(panel.courier.substitute_button, Qt.MouseButton.LeftButton)
    dialog = panel.courier.dialog
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == "Pillsbury Atta 5 kg"
    assert dialog.table.item(0, 3).text() == "₹30.00 more"
    dialog.ask_by.setCurrentIndex(dialog.ask_by.findData("phone"))
    qtbot.mouseClick(dialog.ask_button, Qt.MouseButton.LeftButton)
    assert dialog.answer_box.isVisibleTo(dialog) and "Pillsbury Atta 5 kg at ₹275.00" in dialog.question.text()
    _select(panel, first)
    assert "substitute asked" in panel.table.item(panel.table.currentRow(), panel.STATE).text()
    _shot(dialog, "orders-substitute-en.png")
    qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)
    assert "now comes to ₹606.00" in dialog.message.text()  # 2 × ₹275 + ₹56
    db = session.store.db()
    assert [line.sku for line in orders.get(db, first).lines] == ["MILK", "PILLS"]
    assert stock_store.on_hand(db, "ATTA") == 10_000 and stock_store.on_hand(db, "PILLS") == 3000
    dialog.accept()
    i18n.set_language("hi")
    again = _take(shown, session, "सुनीता पाटील", "कोथरूड", [("ATTA", "1")])
    _select(panel, again)
    hindi = SubstituteDialog(session, again)
    qtbot.addWidget(hindi)
    texts = [w.text() for w in hindi.findChildren(QLabel) + hindi.findChildren(QAbstractButton) if w.text()]
    texts += [hindi.table.horizontalHeaderItem(c).text() for c in range(hindi.table.columnCount())]
    texts += [hindi.table.item(0, 3).text(), hindi.ask_by.itemText(0), hindi.ask_by.itemText(1)]
    english = [w for t in texts for w in LATIN_WORDS.findall(t) if w not in ("WhatsApp",)]
    assert english == [], english
    hindi.show()
    _shot(hindi, "orders-substitute-hi.png")
    hindi.ask_by.setCurrentIndex(hindi.ask_by.findData("phone"))
    qtbot.mouseClick(hindi.ask_button, Qt.MouseButton.LeftButton)  # the question and the answer buttons, in Hindi
    asked = [w.text() for w in hindi.answer_box.findChildren(QLabel) + hindi.answer_box.findChildren(QAbstractButton)]
    asked.append(hindi.message.text())
    assert hindi.answer_box.isVisibleTo(hindi) and [w for t in asked for w in LATIN_WORDS.findall(t)] == []


def test_a_marketplace_order_gets_no_substitute_in_plain_words(session, qtbot, make_product):
    from app.services import catalog, sales
    from app.services.sales import RemoteLine

    make_product("ATTA", price_paise=26_000, mrp_paise=28_000, cost_paise=23_000)
    catalog.add_channel(session.ctx, code="amazon", name="Amazon")
    oid = sales.import_marketplace_order(session.ctx, channel="amazon", remote_id="402-9", lines=[
        RemoteLine(sku="ATTA", qty_milli=1000, unit_price_paise=26_000, remote_line_id="402-9:1")]).id
    dialog = SubstituteDialog(session, oid)
    qtbot.addWidget(dialog)
    assert "does not allow" in dialog.intro.text() and not dialog.ask_box.isVisibleTo(dialog)
    assert not dialog.answer_box.isVisibleTo(dialog)
