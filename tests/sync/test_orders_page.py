"""The Orders tab against the simulator: orders from two marketplaces, ours beside theirs, Ship with a
courier and tracking reaches Shopify, an Amazon order is not cancelled only here, and it reads in Hindi.

With ``TAVYONIX_SCREENSHOTS=<folder>`` the test also saves ``orders-en.png`` and ``orders-hi.png`` there."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from app import i18n
from app.ui.app import setup_application
from app.ui.pages.orders import OrdersPage

LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def page_with_orders(qapp, qtbot, ctx, session, sim, connect, list_item, make_worker, clock):
    setup_application(qapp)
    for market, sku in (("shopify", "ATTA5"), ("amazon", "DAL1")):
        code = connect(market)
        list_item(sku, code, market, stock_milli=10_000)
    make_worker().drain(advance_clock=True)
    sim.sim.place_order("shopify", "ATTA5", 2)
    sim.sim.place_order("amazon", "DAL1", 1)
    make_worker().drain(advance_clock=True)

    def make() -> OrdersPage:
        page = OrdersPage(session)
        qtbot.addWidget(page)
        page.resize(1100, 420)
        page.show()
        page.refresh()
        return page

    return make


def _select(page: OrdersPage, channel: str) -> None:
    row = next(i for i, r in enumerate(page.rows) if r.channel.startswith(channel))
    page.table.selectRow(row)


def _shot(page: OrdersPage, name: str) -> None:
    folder = os.environ.get("TAVYONIX_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.grab().save(str(Path(folder) / name))


def test_orders_page_ships_to_the_marketplace_and_refuses_a_local_only_cancel(
        page_with_orders, qtbot, sim, make_worker):
    page = page_with_orders()
    assert page.table.rowCount() == 2
    assert {page.table.item(r, page.CHANNEL).text() for r in range(2)} == {"Shopify", "Amazon"}
    _select(page, "shopify")
    assert page.ship_button.isEnabled() and not page.return_button.isEnabled()
    page.carrier.setText("Delhivery")
    page.tracking.setText("DL998877IN")
    qtbot.mouseClick(page.ship_button, Qt.MouseButton.LeftButton)
    assert "Order" in page.status_line.text() and "next sync" in page.status_line.text()
    make_worker().drain(advance_clock=True)
    (shipped,) = sim.sim.orders["shopify"].values()
    assert shipped.status == "shipped" and shipped.tracking == "DL998877IN"
    page.refresh()
    _select(page, "shopify")
    row = page.selected()
    assert row is not None and row.status == row.channel_status == "shipped"
    assert page.return_button.isEnabled() and not page.cancel_button.isEnabled()

    _select(page, "amazon")
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.dialog is not None  # Amazon takes cancellations in Seller Central only: said, nothing changed
    page.dialog.close()
    page.refresh()
    _select(page, "amazon")
    assert page.selected().status == "accepted"
    _shot(page, "orders-en.png")


def test_orders_page_in_hindi_shows_no_english_but_names(page_with_orders):
    i18n.set_language("hi")
    page = page_with_orders()
    texts = [re.sub(r"<[^>]+>", " ", w.text()) for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)
             if w.text()]
    texts += [page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())]
    texts += [page.table.item(r, c).text() for r in range(page.table.rowCount()) for c in (page.OURS, page.THEIRS)]
    allowed = {"Amazon", "Shopify", "AWB", "Delhivery", "India", "Post", "Item", "ATTA", "DAL"}  # + item names
    english = [w for t in texts for w in LATIN_WORDS.findall(t) if w not in allowed]
    assert english == [], english
    _shot(page, "orders-hi.png")
