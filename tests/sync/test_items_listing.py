"""Listing items on a marketplace from the Items tab: the selected item, or every item shown; an item the
marketplace could not bill (no HSN code) is refused by name with nothing queued; hidden without a marketplace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.store import outbox
from app.ui.app import setup_application
from app.ui.pages.items import ItemsPage


@pytest.fixture
def page(qapp, qtbot, session, make_product):
    setup_application(qapp)
    make_product("ATTA5", name_en="Aashirvaad Atta 5 kg", hsn_code="1101")
    make_product("SALT1", name_en="Tata Salt 1 kg", hsn_code="2501")

    def make() -> ItemsPage:
        shown = ItemsPage(session)
        qtbot.addWidget(shown)
        shown.resize(1100, 500)
        shown.show()
        shown.refresh()
        qtbot.waitUntil(lambda: shown.model.rowCount() >= 2)
        return shown

    return make


def _listed(ctx) -> set[tuple[str, str]]:
    return set(ctx.store.db().execute("SELECT channel, sku FROM channel_listing WHERE status = 'active'"))


def test_hidden_until_a_marketplace_is_connected(page, ctx):
    shown = page()
    assert not shown.listing.isVisible()


def test_the_selected_item_then_all_shown_are_listed(page, ctx, connect, qtbot):
    code = connect("shopify")
    shown = page()
    assert shown.listing.isVisible() and shown.listing.channel.currentData() == code
    row = next(n for n in range(shown.model.rowCount()) if shown.model.product_at(n).sku == "SALT1")
    shown.table.selectRow(row)
    qtbot.mouseClick(shown.listing.one, Qt.MouseButton.LeftButton)
    assert _listed(ctx) == {(code, "SALT1")} and "next sync" in shown.listing.status.text()
    qtbot.mouseClick(shown.listing.all, Qt.MouseButton.LeftButton)
    assert _listed(ctx) == {(code, "SALT1"), (code, "ATTA5")}
    assert outbox.rows(ctx.store.db(), channel=code)


def test_an_item_without_hsn_is_refused_by_name_and_nothing_is_queued(page, ctx, connect, make_product, qtbot):
    code = connect("shopify")
    make_product("LOOSE", name_en="Loose jaggery", hsn_code="", unit="kg")
    shown = page()
    before = len(outbox.rows(ctx.store.db(), channel=code))
    qtbot.mouseClick(shown.listing.all, Qt.MouseButton.LeftButton)
    assert shown.listing.dialog is not None and _listed(ctx) == set()
    assert len(outbox.rows(ctx.store.db(), channel=code)) == before
