"""The start-up flow against real shop files: damaged, missing, in use, and the demo being built."""

import threading

import pytest
from PySide6.QtCore import Qt
from shops import build_sample_shop

from app.main import make_launch
from app.paths import DataDir
from app.session import Launch, open_session
from app.store import catalog
from app.store.backup import make_backup
from app.ui.dialogs import ChoiceDialog, ProgressDialog, RestoreDialog
from app.ui.startup import EXIT_COULD_NOT_OPEN, StartupFlow
from app.ui.tasks import wait_for_tasks


def _corrupt(path) -> bytes:
    """Overwrite the SQLite header, as a failing disk or a half-copied file would."""
    data = bytearray(path.read_bytes())
    data[:100] = b"\x00garbage" * 12 + b"\x00" * 4
    path.write_bytes(bytes(data))
    return bytes(data)


def _flow(qtbot, launch: Launch) -> StartupFlow:
    flow = StartupFlow(launch)
    opened, gave_up = [], []
    flow.opened.connect(opened.append)
    flow.gave_up.connect(gave_up.append)
    flow.outcome = (opened, gave_up)  # type: ignore[attr-defined]
    return flow


@pytest.fixture
def launch(data_dir: DataDir, shop: str) -> Launch:
    return make_launch(data_dir, shop)


def test_a_healthy_shop_opens(qtbot, ui_app, launch):
    flow = _flow(qtbot, launch)
    with qtbot.waitSignal(flow.opened, timeout=10_000) as blocker:
        flow.start()
    session = blocker.args[0]
    try:
        assert catalog.count(session.store.db()) == 5
    finally:
        session.close()


def test_damaged_shop_offers_the_backups_and_restores_one(qtbot, ui_app, data_dir, shop, launch):
    shop_db = data_dir.shop_db(shop)
    make_backup(shop_db, data_dir.backups(shop), kind="manual")
    _corrupt(shop_db)
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, RestoreDialog), timeout=10_000)
    dialog = flow.dialog
    assert dialog.isVisible()
    assert dialog.list.count() == 1
    assert "backup made by hand" in dialog.list.item(0).text()
    assert dialog.cancel_button.text() == "Quit"
    with qtbot.waitSignal(flow.opened, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    session = blocker.args[0]
    try:
        assert catalog.count(session.store.db()) == 5
    finally:
        session.close()
    kept = [p.name for p in shop_db.parent.iterdir() if p.name.startswith(f"{shop_db.name}.damaged-")]
    assert len(kept) == 1  # the damaged file is kept aside, never deleted


def test_damaged_shop_without_backups_is_explained_and_never_replaced(qtbot, ui_app, data_dir, shop, launch):
    shop_db = data_dir.shop_db(shop)
    damaged = _corrupt(shop_db)
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, ChoiceDialog), timeout=10_000)
    dialog = flow.dialog
    assert dialog.message_label.text() == "The shop's data file is damaged and cannot be used safely."
    assert "There is no backup of this shop on this PC" in dialog.hint_label.text()
    assert str(shop_db) in dialog.hint_label.text()
    assert list(dialog.buttons) == ["quit"]
    with qtbot.waitSignal(flow.gave_up) as blocker:
        dialog.buttons["quit"].click()
    assert blocker.args == [EXIT_COULD_NOT_OPEN]
    assert shop_db.read_bytes() == damaged


def test_shop_in_use_is_explained_and_the_app_quits(qtbot, ui_app, data_dir, shop, launch):
    holder = open_session(data_dir, shop)  # another window has it
    try:
        flow = _flow(qtbot, launch)
        flow.start()
        qtbot.waitUntil(lambda: isinstance(flow.dialog, ChoiceDialog), timeout=10_000)
        assert flow.dialog.message_label.text() == "This shop is already open in another TAVYONIX window."
        assert flow.dialog.hint_label.text() == "Switch to that window, or close it and try again."
        with qtbot.waitSignal(flow.gave_up):
            flow.dialog.reject()  # Esc
        assert flow.outcome[0] == []
    finally:
        holder.close()


def test_a_missing_shop_offers_the_set_up_wizard_and_is_not_created_without_it(qtbot, ui_app, data_dir):
    from app.ui.setup import SetupWizard

    launch = make_launch(data_dir, "nosuch")
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, SetupWizard), timeout=10_000)  # issue 16: not a dead end
    with qtbot.waitSignal(flow.gave_up):
        flow.dialog.reject()  # Quit
    assert not data_dir.shop_db("nosuch").exists()


def test_a_missing_shop_that_may_not_be_made_again_is_explained(qtbot, ui_app, data_dir):
    launch = make_launch(data_dir, "nosuch")
    launch.create_shop = None  # as when a restore's kept-aside file is there
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, ChoiceDialog), timeout=10_000)
    assert flow.dialog.message_label.text().startswith("There is no shop at ")
    with qtbot.waitSignal(flow.gave_up):
        flow.dialog.buttons["quit"].click()
    assert not data_dir.shop_db("nosuch").exists()


def test_a_missing_shop_with_backups_offers_them(qtbot, ui_app, data_dir, shop, launch):
    shop_db = data_dir.shop_db(shop)
    make_backup(shop_db, data_dir.backups(shop), kind="daily")
    shop_db.unlink()
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, RestoreDialog), timeout=10_000)
    with qtbot.waitSignal(flow.opened, timeout=10_000) as blocker:
        flow.dialog.restore_selected()
    blocker.args[0].close()


def test_the_demo_is_built_off_the_gui_thread_with_progress_then_opened(qtbot, ui_app, data_dir):
    base = make_launch(data_dir, "demo-test")
    seen = {}

    def build_demo(progress) -> None:
        seen["thread"] = threading.get_ident()
        progress(0.1, "Adding items")
        build_sample_shop(data_dir, "demo-test")
        progress(1.0, "Done")

    launch = Launch(data=base.data, shop=base.shop, machine=base.machine, open_shop=base.open_shop,
                    restore=base.restore, backups=base.backups, build_demo=build_demo,
                    start_background=base.start_background)
    flow = _flow(qtbot, launch)
    with qtbot.waitSignal(flow.opened, timeout=20_000) as blocker:
        flow.start()
        assert isinstance(flow.dialog, ProgressDialog) and flow.dialog.isVisible()
    session = blocker.args[0]
    try:
        assert seen["thread"] != threading.get_ident()
        assert catalog.count(session.store.db()) == 5
    finally:
        wait_for_tasks()
        session.close()


def test_a_failed_demo_build_is_explained(qtbot, ui_app, data_dir):
    from app.errors import BackupError

    base = make_launch(data_dir, "demo-test")

    def build_demo(progress) -> None:
        raise BackupError("The disk is full.", hint="Free some space and start again.")

    launch = Launch(data=base.data, shop=base.shop, machine=base.machine, open_shop=base.open_shop,
                    restore=base.restore, backups=base.backups, build_demo=build_demo,
                    start_background=base.start_background)
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, ChoiceDialog), timeout=10_000)
    assert flow.dialog.message_label.text() == "The disk is full."
    assert flow.dialog.hint_label.text() == "Free some space and start again."
    with qtbot.waitSignal(flow.gave_up):
        flow.dialog.buttons["quit"].click()


def test_a_shop_from_a_newer_tavyonix_is_explained_and_its_backups_offered(qtbot, ui_app, data_dir, shop, launch):
    import sqlite3

    shop_db = data_dir.shop_db(shop)
    make_backup(shop_db, data_dir.backups(shop), kind="daily")
    conn = sqlite3.connect(shop_db)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                     " VALUES ('tavyonix', 'm9999_from_the_future', '2030-01-01')")
    conn.close()
    flow = _flow(qtbot, launch)
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, RestoreDialog), timeout=10_000)
    assert flow.dialog.list.count() == 1
    with qtbot.waitSignal(flow.gave_up):
        flow.dialog.cancel_button.click()
    assert flow.outcome[0] == []
