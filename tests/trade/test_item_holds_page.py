"""The Items tab says, beside the selected item, how many of its units open export orders hold and how many
can still be sold; the badge follows the selection, the Trade page's orders and the language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from app import i18n
from app.services import export_orders, exports
from app.services.sales import SaleLine
from app.ui.app import setup_application
from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.pages.items import ItemsPage
from app.ui.pages.trade import TradePage
from app.ui.tasks import wait_for_tasks
from trade.books import ARN, terms


@pytest.fixture
def window(qtbot, qapp, session) -> Iterator[MainWindow]:
    setup_application(qapp)
    bridge = EventBridge(session.bus)
    made = MainWindow(session, bridge)
    qtbot.addWidget(made)
    made.show()
    yield made
    made.close_quietly()
    bridge.close()
    wait_for_tasks()
    i18n.set_language("en")


@pytest.fixture
def held(ctx, make_product) -> int:
    make_product("TEA", name_en="Assam tea 250 g", hsn_code="09023020", price_paise=25_000, mrp_paise=25_000,
                 cost_paise=18_000, opening_stock_milli=10_000)
    make_product("SALT1")
    exports.record_lut(ctx, arn=ARN, fy="2026-27", filed_on=date(2026, 4, 2))
    return export_orders.place_export_order(ctx, lines=[SaleLine(sku="TEA", qty_milli=6000)], terms=terms()).id


def _items(qtbot, window: MainWindow) -> ItemsPage:
    page = window.show_page(ItemsPage)
    assert isinstance(page, ItemsPage)
    qtbot.waitUntil(
        lambda: page.model.row_of("TEA") is not None and page.model.row_of("SALT1") is not None, timeout=15_000
    )
    return page


def test_the_selected_item_shows_its_held_units(qtbot, window, ctx, held):
    page = _items(qtbot, window)
    badge = page.held_for_export
    page.table.selectRow(page.model.row_of("TEA"))
    qtbot.waitUntil(badge.isVisible, timeout=15_000)
    assert badge.text() == ("Held for export: 6 pcs of the 10 pcs in stock (export order 1); 4 pcs can be sold at"
                            " the counter and online.")
    page.table.selectRow(page.model.row_of("SALT1"))  # nothing held: no badge
    qtbot.waitUntil(lambda: not badge.isVisible(), timeout=15_000)
    # a second order taken while the tab is elsewhere: the badge is right when the tab comes back
    window.show_page(TradePage)
    export_orders.place_export_order(ctx, lines=[SaleLine(sku="TEA", qty_milli=3000)], terms=terms())
    page = _items(qtbot, window)
    page.table.selectRow(page.model.row_of("TEA"))
    qtbot.waitUntil(lambda: "9 pcs of the 10 pcs" in badge.text() and badge.isVisible(), timeout=15_000)
    assert "(export order 1, 2); 1 pcs can be sold" in badge.text()
    # invoiced: the units are sold, nothing is held any more
    export_orders.invoice_export_order(ctx, held, confirmed=True)
    export_orders.cancel_export_order(ctx, 2)
    window.show_page(TradePage)
    page = _items(qtbot, window)
    page.table.selectRow(page.model.row_of("TEA"))
    qtbot.waitUntil(lambda: not badge.isVisible(), timeout=15_000)


def test_the_badge_in_hindi(qtbot, window, held):
    i18n.set_language("hi")
    page = _items(qtbot, window)
    page.table.selectRow(page.model.row_of("TEA"))
    badge = page.held_for_export
    qtbot.waitUntil(badge.isVisible, timeout=15_000)
    assert "निर्यात" in badge.text() and "6" in badge.text() and "Held" not in badge.text()
