"""The first-run wizard's step "What may the agents do alone?": ask for everything by default, or limits read back
in plain words and saved through the same service as ``agents limits``, end to end from the wizard to the shop."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app import i18n
from app.main import make_launch
from app.services import autonomy
from app.ui.controller import AppController
from app.ui.setup import SetupWizard
from app.ui.setup.limits_step import AgentLimitsPage


def _to_limits_step(qtbot, controller: AppController) -> SetupWizard:
    controller.start()
    qtbot.waitUntil(lambda: isinstance(controller.flow.dialog, SetupWizard), timeout=10_000)
    wizard = controller.flow.dialog
    qtbot.keyClicks(wizard.shop_page.name, "Verma Kirana")
    wizard.shop_page.state.setCurrentIndex(wizard.shop_page.state.findData("09"))
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    wizard.tax_page.scheme_buttons["unregistered"].setChecked(True)  # no GSTIN to type
    while not isinstance(wizard.currentPage(), AgentLimitsPage):
        assert next_button.isEnabled(), type(wizard.currentPage()).__name__
        qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    return wizard


def test_the_default_asks_for_everything_and_saves_no_limits(qtbot, ui_app, data_dir):
    controller = AppController(make_launch(data_dir, "verma"), lambda _code: None)
    try:
        wizard = _to_limits_step(qtbot, controller)
        page = wizard.limits_page
        assert page.ask.isChecked() and not page.box.isEnabled()
        assert "every price change and every purchase order waits in Approvals" in page.words.text()
        assert wizard.answers()["agent_limits"] is None
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.session is not None, timeout=15_000)
        assert autonomy.controls(controller.session.store).chosen is False
    finally:
        controller.close_shop()


def test_limits_read_back_in_plain_words_and_are_saved_with_the_shop(qtbot, ui_app, data_dir):
    controller = AppController(make_launch(data_dir, "verma"), lambda _code: None)
    try:
        wizard = _to_limits_step(qtbot, controller)
        page = wizard.limits_page
        page.alone.setChecked(True)
        assert page.box.isEnabled()
        page.price_pct.setValue(3)
        page.po.setValue(8000)
        page.budget.setValue(20000)
        words = page.words.text()
        assert "an item you sell at ₹100 may move to anything between ₹97 and ₹103 without asking" in words
        assert "orders up to ₹8,000 go to the supplier without asking" in words
        assert "within ₹20,000 a week" in words
        # the marketing agent's risk on paid messages is shown where the limits are chosen (default ₹0)
        assert "Marketing risk: none." in words and "messages you send yourself" in words
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: controller.session is not None, timeout=15_000)
        now = autonomy.controls(controller.session.store)
        assert (now.chosen, now.max_price_change_bp, now.max_po_paise, now.weekly_budget_paise) == (
            True, 300, 800_000, 2_000_000)
    finally:
        controller.close_shop()


def test_the_step_in_hindi(qtbot, ui_app):
    i18n.set_language("hi")
    page = AgentLimitsPage()
    qtbot.addWidget(page)
    assert page.title() != "What may the agents do alone?"
    assert "Approvals" not in page.words.text() and "without you" not in page.words.text()
    page.alone.setChecked(True)
    assert "₹100" in page.words.text() and "without asking" not in page.words.text()
    assert "Marketing risk" not in page.words.text() and "WhatsApp" in page.words.text()
