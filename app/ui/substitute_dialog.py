"""The "Substitute…" form of an order (under the selected order on both Orders tabs): for a home delivery, which
item is short, the items that could take its place (same kind, price near it, in stock) with the price
difference, and how to ask the customer (WhatsApp, or the seller on the phone); once asked, the customer's
answer: yes (the line changes), no and send the rest, or no and cancel the order. For a marketplace order it
says plainly that the marketplace allows no substitution. Everything goes through
``app.services.substitutions``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _
from app.services import substitutions
from app.session import Session
from app.store import orders as order_store
from app.ui.order_buttons import action_button

__all__ = ["SubstituteDialog"]


class SubstituteDialog(QDialog):
    """``on_done`` runs after the customer was asked or their answer recorded."""

    def __init__(self, session: Session, order_id: int, *, on_done: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.order_id, self.on_done = session, order_id, on_done
        self.found: list[substitutions.Candidate] = []
        self.setWindowTitle(_("Substitute an item: order {id}").format(id=order_id))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setObjectName("substitute-intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.ask_box = QWidget()
        ask = QVBoxLayout(self.ask_box)
        ask.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.item = QComboBox()
        self.item.setObjectName("substitute-item")
        self.item.currentIndexChanged.connect(self.show_candidates)
        form.addRow(_("Item that is short:"), self.item)
        self.qty = QLineEdit()
        self.qty.setObjectName("substitute-qty")
        self.qty.setPlaceholderText(_("all of it"))
        self.qty.setMaximumWidth(160)
        self.qty.editingFinished.connect(self.show_candidates)
        form.addRow(_("How many to replace:"), self.qty)
        ask.addLayout(form)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("substitute-candidates")
        self.table.setHorizontalHeaderLabels([_("Item"), _("Price"), _("In stock"), _("Difference")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        ask.addWidget(self.table, 1)
        self.none = QLabel(_("No item of the same or a neighbouring kind, priced near it and in stock, can take its "
                             "place: send the rest without it, or cancel the order."))
        self.none.setObjectName("substitute-none")
        self.none.setWordWrap(True)
        ask.addWidget(self.none)
        row = QHBoxLayout()
        self.ask_by = QComboBox()
        self.ask_by.setObjectName("substitute-ask-by")
        self.ask_by.addItem(_("Ask on WhatsApp"), "whatsapp")
        self.ask_by.addItem(_("I ask by phone"), "phone")
        self.ask_button = action_button(_("&Ask the customer"), "substitute-ask", self.ask)
        row.addWidget(self.ask_by)
        row.addWidget(self.ask_button)
        row.addStretch(1)
        ask.addLayout(row)
        layout.addWidget(self.ask_box, 1)

        self.answer_box = QWidget()
        answer = QVBoxLayout(self.answer_box)
        answer.setContentsMargins(0, 0, 0, 0)
        self.question = QLabel()
        self.question.setObjectName("substitute-question")
        self.question.setWordWrap(True)
        answer.addWidget(self.question)
        buttons = QHBoxLayout()
        self.yes_button = action_button(_("&Yes: change the item"), "substitute-yes", lambda: self.answer(True))
        self.drop_button = action_button(_("No: send the &rest"), "substitute-drop",
                                         lambda: self.answer(False, "drop"))
        self.cancel_button = action_button(_("No: &cancel the order"), "substitute-cancel",
                                           lambda: self.answer(False, "cancel"))
        for button in (self.yes_button, self.drop_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        answer.addLayout(buttons)
        layout.addWidget(self.answer_box)

        self.message = QLabel()
        self.message.setObjectName("substitute-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        close = QHBoxLayout()
        close.addStretch(1)
        close.addWidget(action_button(_("Close"), "substitute-close", self.accept))
        layout.addLayout(close)
        self.refresh()

    def refresh(self) -> None:
        ctx = self.session.ctx
        why = substitutions.refusal(ctx, self.order_id)
        asked = None if why else substitutions.open_question(ctx, self.order_id)
        self.intro.setText(why or (_("The customer decides: nothing changes on the order until they say yes. If the "
                                     "shelf holds fewer than the order needs, tell it first with “Short at "
                                     "picking…”: that corrects the books.") if asked is None else ""))
        self.intro.setVisible(bool(self.intro.text()))
        self.ask_box.setVisible(why is None and asked is None)
        self.answer_box.setVisible(asked is not None)
        if asked is not None:
            self.question.setText(asked.message)
        if why is None and asked is None:
            self.item.blockSignals(True)
            self.item.clear()
            for line_no, label in substitutions.lines(ctx, self.order_id):
                self.item.addItem(label, line_no)
            self.item.blockSignals(False)
            self.show_candidates()

    def show_candidates(self) -> None:
        line_no = self.item.currentData()
        try:
            self.found = substitutions.candidates(self.session.ctx, self.order_id, line_no,
                                                  self._qty(line_no)) if line_no else []
        except AppError as exc:
            self._say(exc.message, ok=False)
            self.found = []
        self.table.setRowCount(len(self.found))
        for n, c in enumerate(self.found):
            cells = [substitutions.shown_name(c), format_inr(c.unit_price_paise), f"{c.free_milli // 1000}",
                     substitutions.difference_label(c.difference_paise)]
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if self.found:
            self.table.selectRow(0)
        self.ask_button.setEnabled(bool(self.found))
        self.table.setVisible(bool(self.found))
        self.none.setVisible(not self.found)

    def _qty(self, line_no: int) -> int | None:
        text = self.qty.text().strip()
        return substitutions.qty_for_line(self.session.ctx, self.order_id, line_no, text) if text else None

    def ask(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.found:
            return
        chosen = self.found[rows[0].row()]
        how = self.ask_by.currentData()
        try:
            line_no = self.item.currentData()
            changes = substitutions.propose(self.session.ctx, self.order_id, line_no, chosen.sku, ask_by=how,
                                            qty_milli=self._qty(line_no))
        except AppError as exc:
            self._say(exc.message, ok=False)
            return
        if how == "phone":
            self._say(_("Call the customer now, then press their answer below."), ok=True)
        elif changes.outbox:
            self._say(_("The question is on its way on WhatsApp. Press the customer's answer when it comes."), ok=True)
        else:
            self._say(_("The question could not go on WhatsApp (see the calls to make); call the customer."), ok=False)
        self._changed()

    def answer(self, yes: bool, then: str = "drop") -> None:
        try:
            substitutions.answer(self.session.ctx, self.order_id, yes=yes, then=then)
        except AppError as exc:
            self._say(exc.message, ok=False)
            return
        order = order_store.get(self.session.store.db(), self.order_id, with_lines=False)
        if order is not None and order.status == "cancelled":
            self._say(_("Order {id} cancelled; its stock is back.").format(id=self.order_id), ok=True)
        elif order is not None:
            self._say(_("Order {id} now comes to {total}.").format(id=self.order_id,
                                                                  total=format_inr(order.total_paise)), ok=True)
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        if self.on_done is not None:
            self.on_done()

    def _say(self, text: str, *, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("" if ok else "color: #b00020")
