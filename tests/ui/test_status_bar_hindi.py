"""In Hindi the status bar, sync status included, shows no English."""

from __future__ import annotations

import re
from types import SimpleNamespace

from PySide6.QtWidgets import QAbstractButton, QLabel

from app import i18n
from app.sync import status as sync_status
from app.ui.status_bar import ShopStatusBar

LATIN = re.compile(r"[A-Za-z]+")


def _texts(bar: ShopStatusBar) -> list[str]:
    widgets = bar.findChildren(QLabel) + bar.findChildren(QAbstractButton)
    return [w.text() for w in widgets if w.text()] + [w.toolTip() for w in widgets if w.toolTip()]


def _english(texts: list[str], allowed: set[str]) -> list[str]:
    return [word for text in texts for word in LATIN.findall(text) if word not in allowed]


def test_the_status_bar_shows_no_english_in_hindi(qtbot, ui_app, session):
    i18n.set_language("hi")
    bar = ShopStatusBar(session, "testshop")  # the shop's own name is the one Latin word allowed
    qtbot.addWidget(bar)
    bar.show()
    bar.refresh()
    qtbot.waitUntil(lambda: bool(bar.sync_label.text()) and bool(bar.backup_label.text()), timeout=5000)
    texts = _texts(bar)
    assert _english(texts, {"testshop"}) == [], texts

    handle = SimpleNamespace(status=lambda: sync_status.snapshot(session.store, "online"),
                             retry=lambda: sync_status.retry_failed(session.ctx))
    bar.attach_sync(handle)
    widget = bar.sync_widget
    assert widget is not None
    first = widget.label.text()
    qtbot.waitUntil(lambda: widget.label.text() != first, timeout=5000)  # the status read in the background
    texts = _texts(bar)
    assert any(re.search("[\u0900-\u097f]", t) for t in texts)  # Devanagari is shown ...
    assert _english(texts, {"testshop"}) == [], texts  # ... and no English word
    i18n.set_language("en")
    widget.timer.stop()
