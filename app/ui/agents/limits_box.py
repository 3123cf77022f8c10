"""The agents' switches and limits on the Agents page, saved through ``app.services.autonomy`` (as
``agents limits`` and ``agents switch`` are), with a live preview of what the limits mean on this shop."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError
from app.i18n import _, language
from app.services import autonomy
from app.session import Session
from app.ui.dialogs import show_error
from app.ui.tasks import LatestOnly

MAX_RUPEES = 100_000_000  # Rs 10 crore: far above any kirana's order, so the box never caps a real one


def limit_boxes(prefix: str) -> tuple[QDoubleSpinBox, QSpinBox, QSpinBox]:
    """The three limits as the seller types them (price move %, order and weekly budget in rupees), the same on
    the Agents page and in the first-run wizard; object names start with ``prefix``."""
    price_pct = QDoubleSpinBox()
    price_pct.setObjectName(f"{prefix}-price-pct")
    price_pct.setRange(0, 100)
    price_pct.setDecimals(1)
    price_pct.setSingleStep(0.5)
    price_pct.setSuffix(" %")
    money = []
    for name, step in (("po", 500), ("budget", 1000)):
        box = QSpinBox()
        box.setObjectName(f"{prefix}-{name}")
        box.setRange(0, MAX_RUPEES)
        box.setSingleStep(step)
        box.setPrefix("₹ ")
        box.setGroupSeparatorShown(True)
        money.append(box)
    money[1].setSpecialValueText(_("no weekly budget"))
    return price_pct, money[0], money[1]


def fresh_choices() -> dict[str, str]:
    """The words for each of ``autonomy.FRESH_STOCKING``'s choices, in the language of the moment."""
    return {
        "pays": _("stock what sells before it spoils (least thrown away)"),
        "fuller": _("keep the shelf fuller (a little more thrown away)"),
        "rarely_out": _("rarely run out (more thrown away)"),
    }


class LimitsBox(QWidget):
    """Switches on top, limits below; emits ``saved`` after a change is stored."""

    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: QWidget | None = None  # the last error shown (tests read it)
        self._loading = False
        self._previewer = LatestOnly(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        switches = QGroupBox(_("Who may act"))
        column = QVBoxLayout(switches)
        self.master = QCheckBox(_("Let the agents work (off: they do nothing, not even suggest)"))
        self.master.setObjectName("agents-master")
        self.switches = {
            "inventory": QCheckBox(_("Inventory agent: orders stock from your suppliers")),
            "pricing": QCheckBox(_("Pricing agent: sets selling prices, never above the MRP")),
        }
        column.addWidget(self.master)
        for name, box in self.switches.items():
            box.setObjectName(f"agents-switch-{name}")
            column.addWidget(box)
            box.toggled.connect(lambda on, agent=name: self._switch(agent, on))
        self.master.toggled.connect(lambda on: self._switch("all", on))
        fresh_label = QLabel(_("Goods that expire (milk, bread, vegetables):"))
        fresh_label.setWordWrap(True)  # on its own line: beside the wide list it was squeezed to a word a line
        self.fresh = QComboBox()
        self.fresh.setObjectName("agents-fresh")
        for key, text in fresh_choices().items():
            self.fresh.addItem(text, autonomy.FRESH_STOCKING[key])
        self.fresh.setToolTip(_(
            "A fuller shelf serves more customers and throws more away. 'Fuller' is where the agents start; with "
            "it, an item that was out of stock on at least half of the last four weeks is stocked as deep as "
            "'rarely run out' would stock it, if it is among the few that turned away the most customers (together "
            "up to 2 in every hundred of the shop's). On 14 simulated shops over a year 'fuller' served up to 7 more "
            "customers in every hundred than 'stock what sells' and changed profit by between +0.3% and -4.4%. The "
            "agents never buy more than sells before it expires at the rate you choose."))
        fresh_label.setBuddy(self.fresh)
        self.fresh.currentIndexChanged.connect(self._fresh_chosen)
        column.addWidget(fresh_label)
        column.addWidget(self.fresh)
        layout.addWidget(switches)

        limits = QGroupBox(_("What they may do without asking"))
        # the preview and the save row under the form, not in it: QFormLayout misjudged the wrapped preview's
        # height, which was then cut on a short screen
        limits_column = QVBoxLayout(limits)
        form = QFormLayout()
        limits_column.addLayout(form)
        self.price_pct, self.po, self.budget = limit_boxes("agents")
        form.addRow(_("A price may move by at most"), self.price_pct)
        form.addRow(_("Orders go without asking up to"), self.po)
        form.addRow(_("All orders in a week, at most"), self.budget)
        self.preview = QLabel()
        self.preview.setObjectName("agents-preview")
        self.preview.setWordWrap(True)
        limits_column.addWidget(self.preview)
        row = QHBoxLayout()
        self.save_button = QPushButton(_("&Save these limits"))
        self.save_button.setObjectName("agents-save")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.saved_line = QLabel()
        self.saved_line.setObjectName("agents-saved")
        self.saved_line.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.saved_line, 1)
        limits_column.addLayout(row)
        layout.addWidget(limits)
        layout.addStretch(1)
        self.price_pct.valueChanged.connect(self.update_preview)
        self.po.valueChanged.connect(self.update_preview)
        self.budget.valueChanged.connect(self.update_preview)

    # --- reading -------------------------------------------------------------------------------
    def load(self) -> None:
        now = autonomy.controls(self.session.store)
        self._loading = True
        try:
            self.master.setChecked(now.enabled)
            for name, box in self.switches.items():
                box.setChecked(now.switched_on.get(name, True))
                box.setEnabled(now.enabled)
            self.price_pct.setValue(now.max_price_change_bp / 100)
            self.po.setValue(now.max_po_paise // 100)
            self.budget.setValue(now.weekly_budget_paise // 100)
            self._show_fresh(now.fresh_service_bp)
            self.fresh.setEnabled(now.enabled)
        finally:
            self._loading = False
        self.update_preview()

    def values(self) -> tuple[int, int, int]:
        """(price move in basis points, order limit in paise, weekly budget in paise) as typed."""
        return round(self.price_pct.value() * 100), self.po.value() * 100, self.budget.value() * 100

    def update_preview(self) -> None:
        """Say the limits as typed in words, read on a worker thread: the preview finds the shop's best seller in
        its sales, most of a second in a year of a big shop's, which froze the window once per arrow click and
        three times as the page opened (each limit set on loading asked again)."""
        if self._loading:
            return  # load() asks once, when every limit is set
        pct_bp, po, budget = self.values()
        store, enabled, lang, today = self.session.store, self.master.isChecked(), language(), self.session.ctx.today()
        self._previewer.run(lambda: autonomy.preview(store, enabled=enabled, max_price_change_bp=pct_bp,
                                                     max_po_paise=po, weekly_budget_paise=budget, language=lang,
                                                     today=today),
                            self._show_preview)

    def _show_preview(self, lines: list[str]) -> None:
        self.preview.setText("\n".join(lines))

    # --- writing -------------------------------------------------------------------------------
    def save(self) -> None:
        pct_bp, po, budget = self.values()
        try:
            autonomy.choose_limits(self.session.ctx, max_price_change_bp=pct_bp, max_po_paise=po,
                                   weekly_budget_paise=budget)
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Agents"))
            return
        self.saved_line.setText(_("Saved. The agents act within these limits from their next run."))
        self.saved.emit()

    def _show_fresh(self, fresh_service_bp: int) -> None:
        index = self.fresh.findData(fresh_service_bp)
        if index < 0:  # set from the command line to a value the list does not offer
            while self.fresh.count() > len(autonomy.FRESH_STOCKING):
                self.fresh.removeItem(self.fresh.count() - 1)
            self.fresh.addItem(_("your own setting: {pct}% of deliveries last until they expire").format(
                pct=f"{fresh_service_bp / 100:g}"), fresh_service_bp)
            index = self.fresh.count() - 1
        self.fresh.setCurrentIndex(index)

    def _fresh_chosen(self, _index: int) -> None:
        if self._loading:
            return
        try:
            autonomy.choose_fresh_stocking(self.session.ctx, int(self.fresh.currentData()))
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Agents"))
            return
        self.saved.emit()

    def _switch(self, agent: str, on: bool) -> None:
        if self._loading:
            return
        try:
            autonomy.switch_agent(self.session.ctx, agent, on)
        except AppError as error:
            self.dialog = show_error(self, error, title=_("Agents"))
            return
        if agent == "all":
            for box in self.switches.values():
                box.setEnabled(on)
            self.fresh.setEnabled(on)
            self.update_preview()
        self.saved.emit()
