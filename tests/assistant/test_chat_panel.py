"""The chat panel with the real assistant behind it: questions answered off the GUI thread, tables and
charts, buttons that work once, the conversation back after a restart, what the assistant posts on its
own, and F9."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QTextEdit

from app.assistant import monitor
from app.ui.bridge import EventBridge
from app.ui.chat_panel import BarChart, ChatPanel, install_chat_dock

from .shop import TODAY, at


def wait_reply(qtbot, panel: ChatPanel, count: int) -> None:
    qtbot.waitUntil(lambda: len(panel.bubbles) >= count and not panel.busy, timeout=10_000)


def test_a_question_is_answered_with_a_table_and_a_chart(qtbot, shop):
    panel = ChatPanel(shop.assistant)
    qtbot.addWidget(panel)
    panel.input.setText("kal kitna becha?")
    qtbot.keyClick(panel.input, Qt.Key.Key_Return)
    wait_reply(qtbot, panel, 2)
    reply = panel.bubbles[-1]
    assert "bikri" in reply.text.text().lower()
    assert any("<table" in label.text() for label in reply.findChildren(QLabel))
    panel.input.setText("and last week?")
    panel.send()
    wait_reply(qtbot, panel, 4)
    assert panel.bubbles[-1].findChildren(BarChart)


def test_a_confirm_button_works_once_and_the_conversation_comes_back(qtbot, shop):
    panel = ChatPanel(shop.assistant)
    qtbot.addWidget(panel)
    panel.input.setText("Maggi ka daam 2 rupay kam karo")
    panel.send()
    wait_reply(qtbot, panel, 2)
    confirm = panel.bubbles[-1].findChildren(QPushButton)[0]
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    wait_reply(qtbot, panel, 3)
    assert not confirm.isEnabled()
    assert shop.scalar("SELECT price_paise FROM product WHERE sku = 'MAGGI70'") == 1200
    again = ChatPanel(shop.assistant)  # as after a restart: the shop keeps the conversation
    qtbot.addWidget(again)
    assert [b.text.text() for b in again.bubbles] == [b.text.text() for b in panel.bubbles]
    assert not any(button.isEnabled() for button in again.bubbles[1].findChildren(QPushButton))


def test_what_the_assistant_posts_on_its_own_reaches_the_panel(qtbot, shop):
    bridge = EventBridge(shop.ctx.bus)
    panel = ChatPanel(shop.assistant)
    qtbot.addWidget(panel)
    bridge.register(panel)
    before = len(panel.bubbles)
    shop.clock.set(at(TODAY, 21, 30))  # after the closing hour: the summary, then the alerts
    posted = monitor.tick(shop.assistant)
    assert posted and posted[0].intent == "daily_summary"
    qtbot.waitUntil(lambda: len(panel.bubbles) == before + len(posted), timeout=5_000)
    assert panel.bubbles[before].property("bubble") == "notice"
    assert monitor.tick(shop.assistant) == []  # each only once
    bridge.close()


def test_f9_brings_the_panel_and_the_keyboard(qtbot, shop):
    window = QMainWindow()
    counter = QTextEdit()
    window.setCentralWidget(counter)
    qtbot.addWidget(window)
    dock = install_chat_dock(window, shop.assistant, back=counter.setFocus)
    window.show()
    dock.hide()
    qtbot.waitExposed(window)
    counter.setFocus()
    f9 = next(s for s in window.findChildren(QShortcut) if s.key().toString() == "F9")
    f9.activated.emit()  # what pressing F9 anywhere in the window does
    assert dock.isVisible()
    qtbot.waitUntil(lambda: dock.widget().input.hasFocus(), timeout=2_000)
    f9.activated.emit()  # F9 again, from the panel: back to the counter
    qtbot.waitUntil(lambda: counter.hasFocus(), timeout=2_000)


def test_the_panel_scrolls_to_the_newest_answer(qtbot, shop):
    """A small panel, many long answers: after each one the newest answer is in view."""
    panel = ChatPanel(shop.assistant)
    qtbot.addWidget(panel)
    panel.resize(320, 360)
    panel.show()
    qtbot.waitExposed(panel)
    for count, text in enumerate(["who owes me money?", "help", "kal kitna becha?", "which items are running out?"]):
        panel.input.setText(text)
        panel.send()
        wait_reply(qtbot, panel, 2 * (count + 1))
        bar = panel.scroll.verticalScrollBar()
        newest = panel.bubbles[-1]
        viewport = panel.scroll.viewport()

        def newest_in_view(bubble=newest, bar=bar, viewport=viewport) -> bool:
            bottom = bubble.mapTo(panel.log, bubble.rect().bottomLeft()).y()
            return bar.value() <= bottom <= bar.value() + viewport.height() + 2

        qtbot.waitUntil(newest_in_view, timeout=5_000)
    assert panel.scroll.verticalScrollBar().maximum() > 0  # the answers did not fit: it really had to scroll


def test_an_order_is_shipped_from_the_panel_with_its_button(qtbot, shop):
    panel = ChatPanel(shop.assistant)
    qtbot.addWidget(panel)
    panel.input.setText("ऑर्डर AMZ-40211 भेज दो, डेल्हीवरी, AWB 4455667788")
    panel.send()
    wait_reply(qtbot, panel, 2)
    offer = panel.bubbles[-1]
    assert "4455667788" in offer.text.text()
    status = "SELECT status FROM orders WHERE id = ?"
    assert shop.scalar(status, (shop.built.amazon_order_id,)) == "pending"
    confirm = offer.findChildren(QPushButton)[0]
    assert confirm.text() == "भेजो"
    qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    wait_reply(qtbot, panel, 3)
    assert shop.scalar(status, (shop.built.amazon_order_id,)) == "shipped"
    assert "हो गया" in panel.bubbles[-1].text.text()
