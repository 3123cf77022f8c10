"""The second backup place in the window: the Today card (last backup here, last copy there, the place's
state, a warning in red), Settings → Backups (choose the folder, back up and copy now), and the start-up
screen offering the copy on the place when the shop and this PC's backups are gone."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from app import config, i18n
from app.housekeeping import copy_to_second_place
from app.main import make_launch
from app.store.second_copy import place_backups
from app.ui.dialogs import RestoreDialog
from app.ui.pages.settings import SettingsPage
from app.ui.pages.today import TodayPage
from app.ui.startup import StartupFlow


def _card_shows(qtbot, window, text: str):
    page = window.show_page(TodayPage)
    page.mark_stale()
    qtbot.waitUntil(lambda: text in page.backup.detail.text(), timeout=10_000)
    return page.backup


def test_today_card_shows_the_copy_and_warns_when_the_drive_is_out(qtbot, window, session, tmp_path):
    card = _card_shows(qtbot, window, "No second place is chosen")
    assert not card.facts.warning
    usb = tmp_path / "usb"
    usb.mkdir()
    session.machine.set(config.BACKUP_SECOND_PLACE, str(usb))
    session.backup("daily")
    assert copy_to_second_place(session).ok  # publishes BackupCopied: the Today page reads again
    card = _card_shows(qtbot, window, "is ready")
    assert "backup kept on this PC" in card.detail.text()
    assert "Last copy on the second place: " in card.detail.text() and "never" not in card.detail.text()
    assert card.detail.styleSheet() == ""
    shutil.rmtree(usb)  # the USB drive is pulled out
    assert copy_to_second_place(session).state == "missing"
    card = _card_shows(qtbot, window, "is not there (is the USB drive plugged in?)")
    assert card.facts.warning and "b42318" in card.detail.styleSheet()


def test_today_card_in_hindi(qtbot, make_window, session, tmp_path):
    session.machine.set(config.BACKUP_SECOND_PLACE, str(tmp_path / "usb-not-plugged"))
    i18n.set_language("hi")
    window = make_window()
    card = _card_shows(qtbot, window, "क्या USB ड्राइव लगी है?")
    assert "दूसरी जगह पर पिछली कॉपी" in card.detail.text()
    assert card.caption.text() == i18n._("Last backup") != "Last backup"


def test_settings_chooses_the_place_and_copies_now(qtbot, window, session, tmp_path):
    from app.ui.settings.backup_form import BackupForm

    form = window.show_page(SettingsPage).findChild(BackupForm)
    form.place.setText("usb")  # not a full path
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert "is not a full folder path" in form.note.text()
    assert session.machine.get(config.BACKUP_SECOND_PLACE) == ""
    usb = tmp_path / "usb"
    form.place.setText(str(usb))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # saved although it is out now
    assert "is not there" in form.note.text()
    assert session.machine.get(config.BACKUP_SECOND_PLACE) == str(usb)
    usb.mkdir()
    qtbot.mouseClick(form.copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.copies == 1, timeout=20_000)
    assert form.note.text() == f"Copied and checked on {usb}."
    assert len(place_backups(usb, session.shop)) == 1
    form.browse()
    assert form.picker is not None and form.picker.isVisible()
    form.picker.reject()


def test_startup_offers_the_copy_on_the_second_place(qtbot, ui_app, data_dir, shop, tmp_path):
    """The shop's file and this PC's backups are gone: the start-up screen offers the USB drive's copy
    instead of a new, empty shop."""
    from app.config import MachineConfig
    from app.session import open_session

    usb = tmp_path / "usb"
    usb.mkdir()
    MachineConfig(data_dir.machine_config).set(config.BACKUP_SECOND_PLACE, str(usb))
    session = open_session(data_dir, shop)
    session.backup("daily")
    assert copy_to_second_place(session).ok
    session.close()
    shutil.rmtree(data_dir.backups(shop))
    for suffix in ("", "-wal", "-shm"):
        (data_dir.shops / f"{shop}.db{suffix}").unlink(missing_ok=True)
    flow = StartupFlow(make_launch(data_dir, shop))
    flow.start()
    qtbot.waitUntil(lambda: isinstance(flow.dialog, RestoreDialog), timeout=10_000)
    dialog = flow.dialog
    assert dialog.list.count() == 1
    assert "on the second place (USB drive or folder)" in dialog.list.item(0).text()
    with qtbot.waitSignal(flow.opened, timeout=20_000) as blocker:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    reopened = blocker.args[0]
    try:
        assert reopened.store.db().execute("SELECT count(*) FROM product").fetchone()[0] == 5
    finally:
        reopened.close()


def test_today_card_says_when_the_log_cannot_be_written(qtbot, window, monkeypatch):
    from app import log as app_log

    monkeypatch.setattr(app_log, "_TROUBLE", "[Errno 28] No space left on device")
    card = _card_shows(qtbot, window, "The log file cannot be written")
    assert "No space left on device" in card.detail.text() and card.facts.warning


def test_today_page_names_records_out_of_bounds_instead_of_failing(qtbot, window, session):
    """A shop holding bills written before the bounds existed: the Today page says which, in words."""
    from app.services import sales
    from tests.safety.test_absurd_records import spoil

    for _ in range(2):
        lines = [sales.SaleLine(sku="PARLE-G-80", qty_milli=1000)]
        total = sales.quote_sale(session.ctx, lines=lines).total_paise
        sales.record_sale(session.ctx, lines=lines, payments=[sales.PaymentIn(method="cash", amount_paise=total)])
    invoices = spoil(session.store.path)
    page = window.show_page(TodayPage)
    page.mark_stale()
    qtbot.waitUntil(lambda: "beyond any real shop's" in page.heading.text(), timeout=10_000)
    assert invoices[0] in page.heading.text()


def test_a_new_pc_finds_the_shop_on_a_plugged_in_drive(qtbot, ui_app, data_dir, tmp_path):
    """The old PC died: a fresh install (no settings, no shop, no backups) finds the copy on a USB drive
    mounted under /mnt and offers it on the start-up screen (needs a writable /mnt: root on Linux).

    The shop has a name of its own: /mnt is shared with the tests running beside this one, and a damaged
    "testshop" elsewhere would otherwise be offered this copy too (a CI failure, session 11)."""
    import uuid
    from pathlib import Path

    from shops import build_sample_shop

    from app.paths import DataDir
    from app.session import open_session
    from app.store.second_copy import plugged_places

    tag = uuid.uuid4().hex[:8]
    shop = f"usbshop{tag}"
    build_sample_shop(data_dir, shop)
    drive = Path("/mnt") / f"tavyonix-test-usb-{tag}"
    try:
        drive.mkdir()
    except OSError:
        import pytest

        pytest.skip("/mnt is not writable here")
    try:
        session = open_session(data_dir, shop)
        session.machine.set(config.BACKUP_SECOND_PLACE, str(drive))
        session.backup("daily")
        assert copy_to_second_place(session).ok
        session.close()
        fresh = DataDir(tmp_path / "new-pc").ensure()  # nothing of the old PC
        assert plugged_places(shop) == [drive]
        flow = StartupFlow(make_launch(fresh, shop))
        flow.start()
        qtbot.waitUntil(lambda: isinstance(flow.dialog, RestoreDialog), timeout=10_000)
        assert "on the second place" in flow.dialog.list.item(0).text()
        with qtbot.waitSignal(flow.opened, timeout=20_000) as blocker:
            qtbot.mouseClick(flow.dialog.restore_button, Qt.MouseButton.LeftButton)
        reopened = blocker.args[0]
        try:
            assert reopened.store.path == fresh.shop_db(shop)
            assert reopened.store.db().execute("SELECT count(*) FROM product").fetchone()[0] == 5
        finally:
            reopened.close()
    finally:
        shutil.rmtree(drive, ignore_errors=True)
