"""The whole desktop app over a real shop: open, back up, switch language, restore, quit."""

import json
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app import config, i18n
from app.main import make_launch
from app.services import sales
from app.session import open_session
from app.store import orders
from app.store.backup import make_backup
from app.ui.app import run_gui
from app.ui.controller import AppController
from app.ui.dialogs import RestoreDialog
from app.ui.main_window import MainWindow
from app.ui.models.products import ProductTableModel
from app.ui.pages.items import ItemsPage


def _started(qtbot, data_dir, shop) -> tuple[AppController, list[int]]:
    exits: list[int] = []
    controller = AppController(make_launch(data_dir, shop), exits.append)
    controller.start()
    qtbot.waitUntil(lambda: controller.window is not None and controller.window.isVisible(), timeout=10_000)
    return controller, exits


def test_opens_the_shop_backs_it_up_and_quits_cleanly(qtbot, ui_app, data_dir, shop):
    controller, exits = _started(qtbot, data_dir, shop)
    try:
        window = controller.window
        assert window.windowTitle() == "TAVYONIX — Sharma Kirana Store"
        # start_background made the first daily backup, and the window heard of it
        qtbot.waitUntil(lambda: any(b.kind == "daily" for b in controller.session.backups()), timeout=10_000)
        qtbot.waitUntil(lambda: window.status.backup_label.text().startswith("Last backup: today"))
        assert json.loads(data_dir.machine_config.read_text())[config.LAST_SHOP.key] == shop
        window.close()
        assert exits == [0]
    finally:
        controller.close_shop()
    reopened = open_session(data_dir, shop)  # the one-instance lock was released
    reopened.close()


def test_switching_to_hindi_persists_and_rebuilds_the_window(qtbot, ui_app, data_dir, shop):
    controller, exits = _started(qtbot, data_dir, shop)
    try:
        old = controller.window
        old.language_actions["hi"].trigger()
        assert controller.window is not old and controller.window.isVisible()
        assert i18n.language() == "hi"
        assert json.loads(data_dir.machine_config.read_text())[config.LANGUAGE.key] == "hi"
        page = controller.window.show_page(ItemsPage)
        qtbot.waitUntil(lambda: page.model.rowCount() == 5)
        row = page.model.row_of("SUGAR-LOOSE")
        assert page.model.index(row, ProductTableModel.NAME).data() == "चीनी (खुली)"
        assert exits == []  # replacing the window is not quitting
    finally:
        controller.close_shop()


def test_restore_from_the_menu_reopens_the_shop_as_it_was(qtbot, ui_app, data_dir, shop):
    controller, exits = _started(qtbot, data_dir, shop)
    try:
        session = controller.session
        make_backup(session.store.path, session.backup_dir, kind="manual")
        sales.record_sale(session.ctx, lines=[sales.SaleLine(sku="PARLE-G-80", qty_milli=1000)],
                          payments=[sales.PaymentIn(method="cash", amount_paise=1000)])
        today = session.ctx.today().isoformat()
        assert orders.day_totals(session.store.db(), today)[0] == 2
        controller.window.restore_action.trigger()
        dialog = controller.window.dialog
        assert isinstance(dialog, RestoreDialog)
        manual = next(i for i, b in enumerate(dialog.backups) if b.kind == "manual")
        dialog.list.setCurrentRow(manual)
        old_window = controller.window
        dialog.restore_selected()
        qtbot.waitUntil(lambda: controller.window is not None and controller.window is not old_window, timeout=10_000)
        assert controller.session is not session
        assert orders.day_totals(controller.session.store.db(), today)[0] == 1
        assert exits == []
    finally:
        controller.close_shop()


def test_run_gui_starts_and_ends_with_the_window(qtbot, ui_app, data_dir, shop):
    hook = sys.excepthook
    seen = []

    def close_main_window() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            seen.append(windows[0].windowTitle())
            windows[0].close()
        else:
            QTimer.singleShot(50, close_main_window)

    QTimer.singleShot(50, close_main_window)
    try:
        assert run_gui(make_launch(data_dir, shop)) == 0
    finally:
        sys.excepthook = hook
    assert seen == ["TAVYONIX — Sharma Kirana Store"]
    reopened = open_session(data_dir, shop)
    reopened.close()


def test_large_letters_persist_and_rebuild_the_window_on_the_same_page(qtbot, ui_app, data_dir, shop):
    from PySide6.QtWidgets import QApplication

    from app.ui.fonts import BASE_POINT_SIZE, apply_app_font, ui_font
    from app.ui.pages.settings import SettingsPage

    controller, exits = _started(qtbot, data_dir, shop)
    try:
        old = controller.window
        page = old.show_page(SettingsPage)
        page.large_font.setChecked(True)
        window = controller.window
        assert window is not old and window.isVisible() and isinstance(window.tabs.currentWidget(), SettingsPage)
        assert QApplication.font().pointSize() == round(BASE_POINT_SIZE * 1.3)
        assert ui_font(BASE_POINT_SIZE + 18).pointSize() == round((BASE_POINT_SIZE + 18) * 1.3)  # the bill's total
        assert json.loads(data_dir.machine_config.read_text())[config.LARGE_FONT.key] is True
        assert window.show_page(SettingsPage).large_font.isChecked()
        window.show_page(SettingsPage).large_font.setChecked(False)
        assert QApplication.font().pointSize() == BASE_POINT_SIZE and exits == []
    finally:
        apply_app_font(QApplication.instance())
        controller.close_shop()
