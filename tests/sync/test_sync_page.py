"""The Sync tab against the simulator: connect Shopify with a wrong token (said plainly), then the right
one (the channel is made and shown), through the app's real sync handle; and it reads in Hindi.

With ``TAVYONIX_SCREENSHOTS=<folder>`` the test also saves ``sync-en.png`` and ``sync-hi.png`` there."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from app import i18n
from app.sync.service import start_sync
from app.ui.app import setup_application
from app.ui.pages.sync import SyncPage

from .conftest import FAST

LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def sync_page(qapp, qtbot, session, credentials, sim) -> Iterator:
    setup_application(qapp)
    session.sync = start_sync(session.ctx, credentials, config=FAST)

    def make() -> SyncPage:
        page = SyncPage(session)
        qtbot.addWidget(page)
        page.resize(900, 480)
        page.show()
        page.refresh()
        return page

    yield make
    session.sync.stop()
    session.sync = None
    i18n.set_language("en")


def _shot(page: SyncPage, name: str) -> None:
    folder = os.environ.get("TAVYONIX_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.grab().save(str(Path(folder) / name))


def test_sync_page_connects_shopify_and_says_what_is_wrong(sync_page, qtbot, sim, session, memory_keyring):
    i18n.set_language("en")
    page = sync_page()
    assert "No marketplace is connected yet." in page.channels.text()
    page.market.setCurrentIndex(page.market.findData("shopify"))
    page.url.setText(sim.url)
    page.inputs["access_token"].setText("shpat-wrong")
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    assert "refused the sign-in details" in page.result.text()
    assert page.inputs["access_token"].text() == ""  # not left on screen
    page.inputs["access_token"].setText("shpat-test")
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    assert page.result.text() == "Shopify answered: the connection works."
    assert "Shopify (shopify): working" in page.channels.text()  # the test call set its health
    assert session.store.db().execute("SELECT kind FROM channel WHERE code = 'shopify'").fetchone() == (
        "marketplace",)
    _shot(page, "sync-en.png")


def test_sync_page_in_hindi_shows_no_english_but_names(sync_page, qtbot, sim):
    i18n.set_language("hi")
    page = sync_page()
    page.market.setCurrentIndex(page.market.findData("amazon"))
    page.url.setText(sim.url)
    page.inputs["seller_id"].setText("A1SELLER")
    page.inputs["refresh_token"].setText("good-refresh")
    page.inputs["client_secret"].setText("cs")
    qtbot.mouseClick(page.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton) if w.text()]
    allowed = {"Amazon", "Shopify", "WooCommerce", "ONDC", "Seller", "Central", "API", "https", "shpat", "amazon",
               "Settings", "Account", "Info"}
    english = [w for t in texts for w in LATIN_WORDS.findall(t) if w not in allowed]
    assert english == [], english
    assert "Amazon.in" in page.result.text() and "कनेक्शन ठीक है" in page.result.text()
    _shot(page, "sync-hi.png")
