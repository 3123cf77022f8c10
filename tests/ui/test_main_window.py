import threading

from shops import KHATA_PAISE, PARLE_BARCODE, SALE_TOTAL_PAISE, SHOP_NAME

from app import i18n
from app.domain.money import format_inr
from app.services import catalog as catalog_service
from app.services import inventory
from app.ui.models.products import PAGE_SIZE, ProductTableModel
from app.ui.pages.activity import ActivityPage
from app.ui.pages.items import ItemsPage
from app.ui.pages.today import TodayPage


def _items(window, qtbot) -> ItemsPage:
    page = window.show_page(ItemsPage)
    assert isinstance(page, ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    return page


def _skus(model: ProductTableModel) -> list[str]:
    return [model.product_at(row).sku for row in range(model.rowCount())]


def _search(page: ItemsPage, qtbot, text: str, expected: list[str]) -> None:
    page.search.clear()
    if text.isascii():
        qtbot.keyClicks(page.search, text)
    else:  # QTest cannot type beyond Latin-1; Hindi arrives from the input method as whole text anyway
        page.search.insert(text)
    qtbot.waitUntil(lambda: page.model.searching and _skus(page.model) == expected)


def test_title_and_today_show_the_shops_numbers(window, qtbot):
    assert window.windowTitle() == f"TAVYONIX — {SHOP_NAME}"
    today = window.show_page(TodayPage)  # the counter is the first tab
    assert isinstance(today, TodayPage)
    qtbot.waitUntil(lambda: today.facts is not None)
    assert today.sales.value.text() == format_inr(SALE_TOTAL_PAISE) == "₹66.00"
    assert today.sales.detail.text() == "1 bill"
    assert today.items.value.text() == "5"
    assert today.low.value.text() == "2"
    assert "Aashirvaad Atta 5 kg: 3 pcs left, reorder at 4 pcs" in today.low.detail.text()
    assert "Amul Butter 100 g" in today.low.detail.text()
    assert today.khata.value.text() == format_inr(KHATA_PAISE) == "₹450.00"
    assert "Ramesh Kumar: ₹450.00" in today.khata.detail.text()
    assert today.sync.value.text() == "0"
    qtbot.waitUntil(lambda: today.backup.facts is not None)  # the backup card reads on its own
    assert today.backup.value.text() == "None yet"
    latest = today.latest.detail.text().splitlines()
    assert latest[0].endswith("·  Price of Tata Salt 1 kg changed from ₹28.00 to ₹27.00 — by seller")
    assert len(latest) == 8
    assert window.status.shop_label.text() == SHOP_NAME
    qtbot.waitUntil(lambda: window.status.sync_label.text() == "0 changes waiting to sync")


def test_today_follows_a_sale_made_elsewhere(window, session, qtbot):
    today = window.show_page(TodayPage)
    qtbot.waitUntil(lambda: today.facts is not None)
    from app.services import sales

    worker = threading.Thread(target=lambda: sales.record_sale(
        session.ctx, lines=[sales.SaleLine(sku="PARLE-G-80", qty_milli=3000)],
        payments=[sales.PaymentIn(method="upi", amount_paise=3000)]))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: today.sales.value.text() == "₹96.00")
    assert today.sales.detail.text() == "2 bills"


def test_items_lists_everything_with_prices_and_stock(window, qtbot):
    page = _items(window, qtbot)
    model = page.model
    assert _skus(model) == ["AASH-ATTA-5KG", "AMUL-BUTTER-100", "PARLE-G-80", "SUGAR-LOOSE", "TATA-SALT-1KG"]
    row = model.row_of("TATA-SALT-1KG")
    texts = [model.index(row, column).data() for column in range(model.columnCount())]
    assert texts == ["TATA-SALT-1KG", "Tata Salt 1 kg", "₹27.00", "₹28.00", "18 pcs"]
    sugar = model.row_of("SUGAR-LOOSE")
    assert model.index(sugar, ProductTableModel.MRP).data() == "—"
    assert model.index(sugar, ProductTableModel.STOCK).data() == "25 kg"
    assert page.summary.text() == "5 items"


def test_items_stock_reads_in_hindi(window, qtbot):
    i18n.set_language("hi")
    page = _items(window, qtbot)
    model = page.model
    # the unit in Hindi beside the count, as Approvals and the agents' orders say it ("18 pcs" before)
    assert model.index(model.row_of("TATA-SALT-1KG"), ProductTableModel.STOCK).data() == "18 नग"


def test_search_filters_by_english_hindi_keyword_code_and_barcode(window, qtbot):
    page = _items(window, qtbot)
    _search(page, qtbot, "aash at", ["AASH-ATTA-5KG"])
    _search(page, qtbot, "चीनी", ["SUGAR-LOOSE"])
    _search(page, qtbot, "namak", ["TATA-SALT-1KG"])
    _search(page, qtbot, "AMUL-BUTTER-100", ["AMUL-BUTTER-100"])
    _search(page, qtbot, PARLE_BARCODE, ["PARLE-G-80"])
    assert page.summary.text() == "1 item found"
    _search(page, qtbot, "zzzz", [])
    assert page.summary.text() == "0 items found"
    page.search.clear()
    qtbot.waitUntil(lambda: not page.model.searching and page.model.rowCount() == 5)


def test_price_changed_on_another_thread_updates_the_items_view(window, session, qtbot):
    page = _items(window, qtbot)
    model = page.model
    row = model.row_of("PARLE-G-80")
    assert model.index(row, ProductTableModel.PRICE).data() == "₹10.00"
    changed = []
    model.dataChanged.connect(lambda top, bottom: changed.append(top.row()))
    worker = threading.Thread(target=lambda: catalog_service.change_price(session.ctx, "PARLE-G-80", price_paise=900))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: model.index(row, ProductTableModel.PRICE).data() == "₹9.00")
    assert row in changed
    rect = page.table.visualRect(model.index(row, ProductTableModel.PRICE))
    assert rect.isValid()  # the row is on screen, so the view repaints it from the model


def test_stock_received_elsewhere_updates_the_items_view(window, session, qtbot):
    page = _items(window, qtbot)
    model = page.model
    row = model.row_of("AMUL-BUTTER-100")
    worker = threading.Thread(target=lambda: inventory.receive_stock(session.ctx, "AMUL-BUTTER-100", 10_000))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: model.index(row, ProductTableModel.STOCK).data() == "12 pcs")


def test_hindi_ui_shows_hindi_names(make_window, qtbot):
    i18n.set_language("hi")
    window = make_window()
    assert window.language_actions["hi"].isChecked()
    page = _items(window, qtbot)
    model = page.model
    row = model.row_of("TATA-SALT-1KG")
    assert model.index(row, ProductTableModel.NAME).data() == "टाटा नमक 1 किलो"
    assert model.index(row, ProductTableModel.NAME).data(3) == "Tata Salt 1 kg"  # tooltip: the other language
    activity = window.show_page(ActivityPage)
    qtbot.waitUntil(lambda: activity.model.rowCount() > 0)
    assert "टाटा नमक 1 किलो" in activity.model.sentence(0)


def test_activity_shows_the_log_newest_first_in_plain_words(window, session, qtbot):
    page = window.show_page(ActivityPage)
    assert isinstance(page, ActivityPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    assert page.model.sentence(0) == "Price of Tata Salt 1 kg changed from ₹28.00 to ₹27.00 — by seller"
    assert page.model.index(0, 0).data().startswith(("today, ", "yesterday, "))
    catalog_service.change_price(session.ctx, "SUGAR-LOOSE", price_paise=4500)
    expected = "Price of Sugar (loose) changed from ₹44.00 to ₹45.00 — by seller"
    qtbot.waitUntil(lambda: page.model.sentence(0) == expected)


def test_back_up_now_makes_a_backup_and_says_so(window, session, qtbot):
    assert session.backups() == []
    window.backup_action.trigger()
    qtbot.waitUntil(lambda: len(session.backups()) == 1)
    assert session.backups()[0].kind == "manual"
    qtbot.waitUntil(lambda: window.status.backup_label.text().startswith("Last backup: today, "))
    assert window.backup_action.isEnabled()


def test_keyboard_reaches_every_tab_and_the_search(window, qtbot):
    from PySide6.QtCore import Qt

    from app.ui.pages import PAGES

    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)  # Ctrl+<n> is the n-th page
    assert window.tabs.currentIndex() == 8
    for _ in range(PAGES.index(ActivityPage) - 8):  # the pages past the ninth: Ctrl+Tab, one at a time
        qtbot.keyClick(window, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.tabs.currentWidget(), ActivityPage)
    assert window.page_list.currentRow() == window.page_index(ActivityPage)
    qtbot.keyClick(window, Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentIndex() == PAGES.index(ActivityPage) - 1
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.tabs.currentWidget()
    assert isinstance(page, ItemsPage)
    qtbot.waitUntil(lambda: page.search.hasFocus())
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus() and page.table.currentIndex().row() == 0


def test_a_big_catalog_is_read_in_pages(make_window, session, qtbot):
    with session.store.write():  # one transaction for speed; each call is still the real service
        for n in range(450):
            catalog_service.create_product(session.ctx, sku=f"BULK-{n:04d}", name_en=f"Bulk item {n:04d}",
                                           price_paise=100 + n)
    window = make_window()
    page = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE)
    assert page.model.canFetchMore()
    assert page.summary.text() == "455 items"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE)
    while page.model.canFetchMore():
        page.model.fetchMore()
    assert page.model.rowCount() == 455
    assert len(set(_skus(page.model))) == 455


def test_damage_found_after_opening_offers_the_last_good_backup(window, session, qtbot):
    from app.events import ShopCheckFailed
    from app.ui.dialogs import RestoreDialog

    session.backup("daily")
    chosen = []
    window.restore_chosen.connect(chosen.append)
    worker = threading.Thread(target=lambda: session.bus.publish(ShopCheckFailed(problems=("page 7: bad",),
                                                                                 actor="system")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: isinstance(window.dialog, RestoreDialog) and window.dialog.isVisible())
    assert window.dialog.cancel_button.text() == "Not now"
    window.dialog.restore_selected()
    assert [b.kind for b in chosen] == ["daily"]
