"""The owner's PIN and the staff role: prices, settings and throwing bills away ask for the PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.main import run
from app.services import owner_pin, shop
from app.ui import access
from app.ui.access import PinDialog
from app.ui.items.item_dialog import ItemDialog
from app.ui.pages.counter import CounterPage
from app.ui.pages.items import ItemsPage
from app.ui.pages.settings import SettingsPage


def _type_pin(qtbot, dialog, pin: str) -> None:
    assert isinstance(dialog, PinDialog) and dialog.isVisible()
    dialog.pin.clear()
    qtbot.keyClicks(dialog.pin, pin)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_staff_asks_for_the_owners_pin(qtbot, window, session):
    settings = window.show_page(SettingsPage)
    form = settings.pin_form
    assert not owner_pin.has_pin(session.store) and not form.lock_button.isEnabled()
    qtbot.keyClicks(form.new, "12")
    qtbot.mouseClick(form.set_button, Qt.MouseButton.LeftButton)
    assert "4 to 8 digits" in form.note.text() and not owner_pin.has_pin(session.store)
    form.new.clear()
    qtbot.keyClicks(form.new, "4321")
    qtbot.mouseClick(form.set_button, Qt.MouseButton.LeftButton)
    assert owner_pin.check_pin(session.store, "4321") and not owner_pin.check_pin(session.store, "1234")
    assert access.is_owner(session)  # who set it stays the owner
    qtbot.mouseClick(form.lock_button, Qt.MouseButton.LeftButton)
    assert not access.is_owner(session) and "staff role" in form.state.text()

    counter = window.show_page(CounterPage)
    qtbot.keyClicks(counter.command, "atta")
    qtbot.keyClick(counter.command, Qt.Key.Key_Return)
    qtbot.keyClick(counter.command, Qt.Key.Key_F3)  # change the rate: the owner's
    assert counter.mode != "rate"
    _type_pin(qtbot, counter.dialog, "1111")
    assert counter.dialog.isVisible() and "not the owner's PIN" in counter.dialog.error.text()
    _type_pin(qtbot, counter.dialog, "4321")
    assert not counter.dialog.isVisible() and counter.mode == "rate" and access.is_owner(session)
    qtbot.keyClick(counter.command, Qt.Key.Key_Escape)

    access.lock(session)
    qtbot.keyClick(counter.command, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)  # throw the bill away
    pin = counter.dialog
    assert isinstance(pin, PinDialog)
    pin.reject()  # staff cannot: the bill stays
    assert len(counter.bill.lines) == 1

    items = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: items.model.rowCount() == 5)
    items.table.selectRow(0)
    qtbot.mouseClick(items.item_actions.buttons["edit"], Qt.MouseButton.LeftButton)
    _type_pin(qtbot, items.item_actions.dialog, "4321")  # the PIN dialog, then the item's
    qtbot.waitUntil(lambda: isinstance(items.item_actions.dialog, ItemDialog))
    items.item_actions.dialog.reject()

    access.lock(session)
    settings = window.show_page(SettingsPage)
    settings.shop_form.edits["phone"].setText("9822012345")
    settings.shop_form.save()
    assert shop.profile(session.store).phone != "9822012345"
    assert not access.is_owner(session)
    access.unlock(session)
    settings.shop_form.save()
    assert shop.profile(session.store).phone == "9822012345"
    access.lock(session)


def test_pin_command(session, data_dir, capsys):
    session.close()
    call = ["--data-dir", str(data_dir.root), "--shop", "testshop", "pin"]
    assert run([*call, "status"]) == 0 and "No owner's PIN" in capsys.readouterr().out
    assert run([*call, "set", "2468"]) == 0
    assert run([*call, "set", "1357"]) == 2  # changing it needs the current one
    assert "not the owner's PIN" in capsys.readouterr().err
    assert run([*call, "set", "1357", "--current", "2468"]) == 0
    assert run([*call, "clear", "--current", "1357"]) == 0
    assert run([*call, "status"]) == 0 and "No owner's PIN" in capsys.readouterr().out.splitlines()[-1]


def test_staff_cannot_answer_approvals_without_the_pin(qtbot, make_window, session):
    from datetime import timedelta

    from app.agents.engine import DecisionEngine
    from app.services import decisions
    from app.ui.pages.approvals import ApprovalsPage

    session.engine = DecisionEngine(session.ctx, [], sleep=lambda _s: None)
    decision = decisions.record_decision(
        session.ctx, agent="pricing", decision_type="reprice", status="awaiting_approval", reasoning=["raise"],
        actions=[{"kind": "set_price", "params": {"sku": "AASH-ATTA-5KG", "price_paise": 25_500}}])
    decisions.request_approval(session.ctx, int(decision.id), summary="Raise atta", kind="reprice",
                               expires=session.ctx.now() + timedelta(days=3))
    owner_pin.set_pin(session.ctx, "4321")
    page = make_window().show_page(ApprovalsPage)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    db = session.store.db()
    assert db.execute("SELECT price_paise FROM product WHERE sku = 'AASH-ATTA-5KG'").fetchone()[0] == 24_500
    _type_pin(qtbot, page.pin_dialog, "4321")
    qtbot.waitUntil(lambda: page.status_line.text() == "Approved: the new price is set.")
    assert db.execute("SELECT price_paise FROM product WHERE sku = 'AASH-ATTA-5KG'").fetchone()[0] == 25_500
    access.lock(session)
