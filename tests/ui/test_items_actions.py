"""The Items tab keeps the catalog: add an item, change its price (MRP and margin checked), move its stock."""

from PySide6.QtCore import Qt

from app.store import catalog
from app.store import events as event_log
from app.store import stock as stock_store
from app.ui.dialogs import ChoiceDialog
from app.ui.items.item_dialog import ItemDialog
from app.ui.items.stock_dialog import StockDialog
from app.ui.pages.items import ItemsPage


def _items(qtbot, window) -> ItemsPage:
    page = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    return page


def _select(page: ItemsPage, sku: str) -> None:
    page.table.selectRow(page.model.row_of(sku))


def test_a_new_item_from_the_keyboard(qtbot, window, session):
    page = _items(qtbot, window)
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.item_actions.dialog
    assert isinstance(dialog, ItemDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.sku, "HALDI-100")
    qtbot.keyClicks(dialog.name_en, "Everest Haldi 100 g")
    dialog.name_hi.setText("एवरेस्ट हल्दी 100 ग्राम")  # QtTest types ASCII only; Hindi comes by the IME
    qtbot.keyClicks(dialog.mrp, "36")
    qtbot.keyClicks(dialog.price, "38")
    assert dialog.margin.text() == "The price is above the MRP (₹36.00); it cannot be sold for more."
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "34")
    qtbot.keyClicks(dialog.cost, "33")
    assert dialog.margin.text() == "Margin 2.9% (₹1.00 on each) — below the shop's floor of 5%"
    dialog.cost.clear()
    qtbot.keyClicks(dialog.cost, "28")
    assert dialog.margin.text() == "Margin 17.6% (₹6.00 on each)"
    qtbot.keyClicks(dialog.stock, "30")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.error.text()
    haldi = catalog.get(session.store.db(), "HALDI-100")
    assert (haldi.price_paise, haldi.mrp_paise, haldi.cost_paise, haldi.name_hi) == (
        3400, 3600, 2800, "एवरेस्ट हल्दी 100 ग्राम")
    assert stock_store.on_hand(session.store.db(), "HALDI-100") == 30_000
    qtbot.waitUntil(lambda: page.model.row_of("HALDI-100") is not None)


def test_changing_the_price_and_mrp_asks_before_selling_below_cost(qtbot, window, session):
    page = _items(qtbot, window)
    _select(page, "AASH-ATTA-5KG")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.item_actions.dialog
    assert isinstance(dialog, ItemDialog) and dialog.price.text() == "245.00" and dialog.mrp.text() == "260.00"
    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "220")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "below the cost" in dialog.error.text()
    assert dialog.save_button.text() == "Save anyway"
    assert catalog.get(session.store.db(), "AASH-ATTA-5KG").price_paise == 24_500  # nothing yet
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    atta = catalog.get(session.store.db(), "AASH-ATTA-5KG")
    assert (atta.price_paise, atta.mrp_paise) == (22_000, 26_000)
    assert event_log.recent(session.store.db(), limit=1)[0].type == "PriceChanged"


def test_stock_received_counted_and_written_off_with_a_reason(qtbot, window, session):
    page = _items(qtbot, window)
    db = session.store.db()
    _select(page, "SUGAR-LOOSE")
    qtbot.mouseClick(page.item_actions.buttons["stock"], Qt.MouseButton.LeftButton)
    dialog = page.item_actions.dialog
    assert isinstance(dialog, StockDialog) and dialog.on_hand.text() == "In stock now: 25 kg"
    qtbot.keyClicks(dialog.qty, "10")
    qtbot.keyClicks(dialog.cost, "41")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert stock_store.on_hand(db, "SUGAR-LOOSE") == 35_000

    qtbot.mouseClick(page.item_actions.buttons["stock"], Qt.MouseButton.LeftButton)
    dialog = page.item_actions.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("wastage"))
    qtbot.keyClicks(dialog.qty, "0.5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Say why, so the shop's log shows it later." and dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "rats got into the bag")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert stock_store.on_hand(db, "SUGAR-LOOSE") == 34_500
    assert "rats got into the bag" in event_log.recent(db, limit=1)[0].reason + \
        event_log.recent(db, limit=1)[0].data_json

    qtbot.mouseClick(page.item_actions.buttons["stock"], Qt.MouseButton.LeftButton)
    dialog = page.item_actions.dialog
    dialog.kind.setCurrentIndex(dialog.kind.findData("count"))
    qtbot.keyClicks(dialog.qty, "33.25")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert stock_store.on_hand(db, "SUGAR-LOOSE") == 33_250
    assert stock_store.ledger_sum(db, "SUGAR-LOOSE") == 33_250


def test_archiving_asks_first(qtbot, window, session):
    page = _items(qtbot, window)
    _select(page, "AMUL-BUTTER-100")
    qtbot.mouseClick(page.item_actions.buttons["archive"], Qt.MouseButton.LeftButton)
    dialog = page.item_actions.dialog
    assert isinstance(dialog, ChoiceDialog) and dialog.message_label.text() == "Stop selling Amul Butter 100 g?"
    dialog.buttons["archive"].click()
    assert not catalog.get(session.store.db(), "AMUL-BUTTER-100").active
