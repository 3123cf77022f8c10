"""Start-up builds only the first page; the others are imported and built when first shown (issue 16)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES, as_entry
from app.ui.pages.counter import CounterPage
from app.ui.pages.customers import CustomersPage
from app.ui.pages.items import ItemsPage

ROOT = Path(__file__).resolve().parents[2]

# what a fresh process may not have imported once the window is up on the Counter
HEAVY = ["openpyxl", "onnxruntime", "sklearn", "app.agents.engine", "app.assistant", "apscheduler",
         "app.ui.pages.items", "app.ui.reports.page", "app.ui.pages.agents", "app.ui.chat_panel",
         "numpy", "holidays", "importlib.metadata",  # numpy came through sqlite-utils (app/__init__.py)
         "pygments", "rich",  # through httpx's command-line tool (app.httpx_without_its_cli)
         "segno", "app.services.campaigns", "app.ui.deliveries.new_order"]  # the Counter's QR, offer codes, delivery

CHILD = """
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from pathlib import Path
from PySide6.QtWidgets import QApplication
from app.main import make_launch
from app.paths import DataDir
from app.ui.app import setup_application
from app.ui.controller import AppController
app = QApplication([])
setup_application(app)
controller = AppController(make_launch(DataDir(Path(sys.argv[1])), sys.argv[2]), lambda code: None)
shown = {}
show_window = controller._show_window

def show_and_look():  # the moment the window is up, before the engine and assistant are attached behind it
    show_window()
    shown.update({name: name in sys.modules for name in json.loads(sys.argv[3])})

controller._show_window = show_and_look
controller.start()
deadline = time.monotonic() + 120
while controller.window is None or not controller.window.isVisible():
    app.processEvents()
    assert time.monotonic() < deadline
    time.sleep(0.001)
built = [type(page).__name__ for page in controller.window.pages]
while not controller.helpers_ready.is_set() or controller.window.chat_dock is None:
    app.processEvents()
    assert time.monotonic() < deadline
    time.sleep(0.001)
items = type(controller.window.page("ItemsPage")).__name__
print(json.dumps({"imported": shown, "built": built, "later": items,
                  "engine": controller.session.engine is not None}), flush=True)
controller.close_shop()
os._exit(0)
"""


def test_only_the_counter_is_built_and_the_rest_come_when_asked(make_window, qtbot):
    window = make_window()
    window.activateWindow()  # Ctrl+<n> reaches the active window only
    qtbot.waitUntil(window.isActiveWindow)
    assert [type(p) for p in window.pages] == [CounterPage]
    assert window.tabs.count() == len(PAGES) and window.page_list.count() == len(PAGES)
    assert [window.tabs.tabText(i) for i in range(len(PAGES))] == [as_entry(p).title() for p in PAGES]
    window.page_list.setCurrentRow(window.page_index(CustomersPage))  # by mouse: the list
    customers = window.tabs.currentWidget()
    assert isinstance(customers, CustomersPage) and customers.isVisible()
    assert window.page_list.currentRow() == window.page_index(CustomersPage) == window.tabs.currentIndex()
    key = Qt.Key(Qt.Key.Key_1.value + window.page_index(ItemsPage))
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)  # by keyboard: Ctrl+<n>
    items = window.tabs.currentWidget()
    assert isinstance(items, ItemsPage) and window.page("ItemsPage") is items
    assert window.page_list.currentRow() == window.page_index(ItemsPage)
    qtbot.waitUntil(lambda: items.model.rowCount() == 5)
    assert [type(p) for p in window.pages] == [CounterPage, CustomersPage, ItemsPage]
    assert items in window.bridge.listeners  # it hears of sales from now on


def test_opening_each_page_later_shows_no_window_of_its_own(make_window, qtbot):
    """A page built after the window is up must not flash a label of its own as a top-level window (a
    widget shown before it is put in a layout is one): it took the keyboard from the main window."""
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for index in range(len(PAGES)):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        others = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
        assert window.isActiveWindow() and not others, (as_entry(PAGES[index]).name, others)


def test_every_entry_names_its_page_and_title():
    for entry in map(as_entry, PAGES):
        page = entry.load()
        assert entry.matches(page) and entry == page and entry.title() == page.title()


def test_a_page_opened_before_the_engine_is_ready_waits_for_it(session, qtbot, ui_app):
    ready = threading.Event()
    bridge = EventBridge(session.bus)
    window = MainWindow(session, bridge, helpers_ready=ready)
    qtbot.addWidget(window)
    marker = object()
    threading.Timer(0.3, lambda: (setattr(session, "engine", marker), ready.set())).start()
    page = window.page("AgentsPage")  # it reads session.engine as it is built
    assert session.engine is marker and page.plan_button.isEnabled()
    session.engine = None
    window.close_quietly()
    bridge.close()


def test_a_fresh_start_imports_no_other_page_and_no_heavy_module(data_dir, shop):
    out = subprocess.run([sys.executable, "-c", CHILD, str(data_dir.root), shop, json.dumps(HEAVY)], cwd=ROOT,
                         capture_output=True, text=True, timeout=240, check=True).stdout
    found = json.loads(out.strip().splitlines()[-1])
    assert found["built"] == ["CounterPage"]
    assert [name for name, loaded in found["imported"].items() if loaded] == []
    assert found["later"] == "ItemsPage" and found["engine"]  # and then the engine and the chat panel came


def test_the_trade_page_brings_no_spreadsheet_library_until_a_document_is_made():
    """openpyxl (for an export's XLSX documents) took a second of the Trade page's first show on a shop with no
    export to make documents for."""
    code = "import sys; import app.ui.pages.trade; print('openpyxl' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}).stdout
    assert out.strip().splitlines()[-1] == "False"
