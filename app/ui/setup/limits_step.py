"""The first-run wizard's step "What may the agents do alone?": ask me for everything (the default), or act
alone within a price move in percent, an order value and a weekly budget, with the limits read back in plain
words. The answers are saved after the shop is made, through ``app.services.autonomy.choose_limits`` (as the
Agents page and ``agents limits`` save them); "ask me for everything" saves nothing, so every price change
and purchase order waits in Approvals until the seller chooses.

The shop has no items yet when the wizard runs, so the words speak of an item sold at Rs 100 and of the
amounts typed here; the Agents page later shows the same limits on the shop's own best seller."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import config
from app.i18n import _
from app.services import autonomy
from app.ui.agents.limits_box import limit_boxes

EXAMPLE_PRICE_PAISE = 10_000  # "an item you sell at Rs 100"


def limits_words(*, ask_everything: bool, price_pct: float, po_rupees: int, budget_rupees: int) -> list[str]:
    """What the choice means, one sentence each (shown live, and the test reads it)."""
    if ask_everything:
        return [_("Nothing that spends money or changes a price happens without you: every price change and every "
                  "purchase order waits in Approvals for your yes or no. Messages and warnings still come."),
                _("You can let the agents do more later, on the Agents page.")]
    bp = round(price_pct * 100)
    # the new shop starts with the settings' defaults for couriers and marketing (Settings page to change them)
    return autonomy.limit_sentences(
        max_price_change_bp=bp, band=autonomy.price_band(None, EXAMPLE_PRICE_PAISE, bp) if bp > 0 else None,
        max_po_paise=po_rupees * 100, weekly_budget_paise=budget_rupees * 100,
        courier_limit_paise=config.OPERATIONS_AUTO_SHIP_LIMIT_PAISE.default,
        marketing_budget_paise=config.MARKETING_WEEKLY_BUDGET_PAISE.default,
        marketing_risk_paise=config.MARKETING_UNPROVEN_RISK_PAISE.default)


class AgentLimitsPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("What may the agents do alone?"))
        self.setSubTitle(_("The agents can order stock and set prices for you. Choose what they may do without "
                           "asking; everything else waits for your approval."))
        layout = QVBoxLayout(self)
        self.choices = QButtonGroup(self)
        self.ask = QRadioButton(_("Ask me for everything (you can change this later)"))
        self.ask.setObjectName("limits-ask")
        self.alone = QRadioButton(_("Let them act alone within these limits:"))
        self.alone.setObjectName("limits-alone")
        for button in (self.ask, self.alone):
            self.choices.addButton(button)
            layout.addWidget(button)
        self.ask.setChecked(True)
        self.box = QWidget()
        form = QFormLayout(self.box)
        form.setContentsMargins(24, 0, 0, 0)
        self.price_pct, self.po, self.budget = limit_boxes("limits")
        self.price_pct.setValue(5)
        self.po.setValue(5000)
        form.addRow(_("A price may move by at most"), self.price_pct)
        form.addRow(_("Orders go without asking up to"), self.po)
        form.addRow(_("All orders together, a week, at most"), self.budget)
        layout.addWidget(self.box)
        self.words = QLabel()
        self.words.setObjectName("limits-words")
        self.words.setWordWrap(True)
        # the wizard opens at 640x480, where the Hindi sentences ran past its bottom edge: they scroll instead
        words_scroll = QScrollArea()
        words_scroll.setObjectName("limits-words-scroll")
        words_scroll.setWidgetResizable(True)
        words_scroll.setFrameShape(QFrame.Shape.NoFrame)
        words_scroll.setWidget(self.words)
        self.words.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(words_scroll, 1)
        self.choices.buttonToggled.connect(lambda *_args: self.refresh())
        for box in (self.price_pct, self.po, self.budget):
            box.valueChanged.connect(lambda *_args: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        alone = self.alone.isChecked()
        self.box.setEnabled(alone)
        self.words.setText("\n".join(limits_words(ask_everything=not alone, price_pct=self.price_pct.value(),
                                                  po_rupees=self.po.value(), budget_rupees=self.budget.value())))

    def answers(self) -> dict[str, Any]:
        """``agent_limits``: None for "ask me for everything", else the limits for ``autonomy.choose_limits``."""
        if not self.alone.isChecked():
            return {"agent_limits": None}
        return {"agent_limits": {"max_price_change_bp": round(self.price_pct.value() * 100),
                                 "max_po_paise": self.po.value() * 100,
                                 "weekly_budget_paise": self.budget.value() * 100}}


def add_limits_step(wizard: QWizard) -> AgentLimitsPage:
    """Append the step; the page before it may still finish the wizard (the default, ask for everything, holds)."""
    ids = wizard.pageIds()
    if ids:
        wizard.page(ids[-1]).setFinalPage(True)
    page = AgentLimitsPage()
    wizard.addPage(page)
    return page
