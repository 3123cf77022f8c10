"""The page list down the left side: every page reachable at once, in English and Hindi."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app import i18n
from app.ui.pages import PAGES, as_entry
from app.ui.pages.customers import CustomersPage
from app.ui.pages.items import ItemsPage


def _titles_fit(window) -> None:
    nav = window.page_list
    metrics = nav.fontMetrics()
    assert nav.count() == len(PAGES) == window.tabs.count()
    for row in range(nav.count()):
        text = nav.item(row).text()
        assert text == window.tabs.tabText(row) == as_entry(PAGES[row]).title()
        assert metrics.horizontalAdvance(text) < nav.width() - 8, text  # never cut off
    rows_height = sum(nav.sizeHintForRow(row) for row in range(nav.count()))
    assert rows_height <= 768 - 120  # every page shows at once on a 1366x768 screen, no scrolling


def test_every_page_is_listed_and_fits(window):
    _titles_fit(window)
    assert not window.tabs.tabBar().isVisible()


def test_choosing_a_row_shows_its_page_and_the_other_way_round(window, qtbot):
    nav = window.page_list
    row = window.page_index(ItemsPage)
    nav.setCurrentRow(row)
    assert isinstance(window.tabs.currentWidget(), ItemsPage)
    window.show_page(CustomersPage)
    assert nav.currentRow() == window.page_index(CustomersPage)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert nav.currentRow() == 0 and window.tabs.currentIndex() == 0


def test_the_list_in_hindi(make_window):
    i18n.set_language("hi")
    window = make_window()
    assert window.page_list.item(0).text() != "Counter"
    _titles_fit(window)


def test_ctrl_page_down_stays_with_the_counters_bills(window, qtbot):
    counter = window.page("CounterPage")
    counter.focus_target().setFocus()
    qtbot.keyClick(counter.command, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a second bill
    qtbot.keyClick(counter.command, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0  # the page did not change; the counter moved between its bills


def test_a_docked_panel_takes_the_lists_room_and_gives_it_back(window, qtbot):
    from PySide6.QtWidgets import QDockWidget, QLabel

    dock = QDockWidget("Assistant", window)
    dock.setWidget(QLabel("chat"))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.show()
    qtbot.waitUntil(lambda: not window.page_list.isVisible())
    dock.close()
    qtbot.waitUntil(window.page_list.isVisible)
