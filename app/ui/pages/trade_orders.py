"""The Trade page's export orders: take an order for a buyer abroad (its units are held from the counter and the
marketplaces), make its export invoice, or cancel it to free the units. See docs/trade.md."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.domain.money import format_inr
from app.domain.qty import format_qty
from app.domain.trade import terms as trade_terms
from app.errors import InputError
from app.i18n import _
from app.services import export_orders, exports
from app.session import Session
from app.ui.pages.trade_forms import Field, FieldsDialog, export_fields, terms_from
from app.ui.tables import filling

__all__ = ["ExportOrdersPanel", "order_state"]


class TradeHost(Protocol):
    session: Session
    status_line: QLabel

    def _attempt(self, work) -> bool: ...

    def _open(self, dialog: FieldsDialog) -> FieldsDialog: ...


def order_state(row: dict) -> str:
    if row["state"] == "open":
        return _("open: hold proposed to the agents") if row.get("hold_pending") else _("open: units held")
    if row["state"] == "invoiced":
        return _("invoiced {no}").format(no=row["invoice_no"])
    return _("cancelled")


class ExportOrdersPanel(QWidget):
    """Export orders, newest first; the buttons act on the chosen open order."""

    def __init__(self, host: TradeHost, make_table) -> None:
        super().__init__()
        self.host = host
        self.rows: list[dict] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        title = QLabel(_("Export orders: their units are held from the counter and the marketplaces until the "
                         "order is invoiced or cancelled."))
        title.setWordWrap(True)
        top.addWidget(title, 1)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("trade-order-new", _("New export &order..."), self.open_order_form),
                                ("trade-order-invoice", _("Make its &invoice"), self.invoice_chosen),
                                ("trade-order-cancel", _("Ca&ncel order"), self.cancel_chosen)):
            button = QPushButton(text)
            button.setObjectName(key)
            button.clicked.connect(slot)
            top.addWidget(button)
            self.buttons[key] = button
        layout.addLayout(top)
        self.table: QTableWidget = make_table(
            [_("Order"), _("Date"), _("Buyer"), _("Country"), _("Items"), _("Value"), _("State")],
            "trade-orders", select=True)
        self.table.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.table)

    def refresh(self) -> None:
        chosen = self.chosen_id()
        self.rows = export_orders.export_orders(self.host.session.store)
        with filling(self.table):
            self.table.setRowCount(len(self.rows))
            for r, row in enumerate(self.rows):
                items = ", ".join(f"{line['name']} × {format_qty(line['qty_milli'], line['unit'])}"
                                  for line in row["lines"])
                cells = [str(row["id"]), datetime.fromisoformat(row["created_at"]).strftime("%d-%m-%Y"),
                         row["buyer_name"], trade_terms.COUNTRY_NAMES.get(row["country"], row["country"]), items,
                         format_inr(row["value_paise"]), order_state(row)]
                for c, text in enumerate(cells):
                    self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if chosen is not None:
            self.choose(chosen)
        self._enable()

    def chosen_id(self) -> int | None:
        picked = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not picked or picked[0].row() >= len(self.rows):
            return None
        return int(self.rows[picked[0].row()]["id"])

    def choose(self, export_order_id: int) -> None:
        for r, row in enumerate(self.rows):
            if row["id"] == export_order_id:
                self.table.selectRow(r)
                return

    def _enable(self) -> None:
        chosen = self.chosen_id()
        is_open = chosen is not None and any(r["id"] == chosen and r["state"] == "open" for r in self.rows)
        self.buttons["trade-order-invoice"].setEnabled(is_open)
        self.buttons["trade-order-cancel"].setEnabled(is_open)

    # --- acting ---------------------------------------------------------------------------------
    def place(self, values: dict[str, str]) -> bool:
        def work() -> None:
            lines = [exports.parse_line(x) for x in values["lines"].replace(",", "\n").splitlines() if x.strip()]
            if not lines:
                raise InputError(_("Write at least one item as CODE:QUANTITY."))
            through = values.get("hold") == "agents"
            changes = export_orders.place_export_order(self.host.session.ctx, lines=lines, terms=terms_from(values),
                                                       confirmed=True, through_agents=through)
            self.host.status_line.setText(
                (_("Export order {id} taken: the trade agent proposes holding its units and the agents' engine "
                   "decides (within your limits, or it asks you in Approvals).") if through else
                 _("Export order {id} taken: its units are held.")).format(id=changes.id))
            self.refresh()
            self.choose(int(changes.id))  # type: ignore[arg-type]
        return self.host._attempt(work)

    def invoice_chosen(self) -> bool:
        chosen = self.chosen_id()
        if chosen is None:
            return False

        def work() -> None:
            changes = export_orders.invoice_export_order(self.host.session.ctx, chosen)
            row = exports.export(self.host.session.store, int(changes.id))  # type: ignore[arg-type]
            self.host.status_line.setText(_("Export invoice {no} made from order {id}: {total}.").format(
                no=row["invoice_no"], id=chosen, total=format_inr(row["total_paise"])))
        return self.host._attempt(work)

    def cancel_chosen(self) -> bool:
        chosen = self.chosen_id()
        if chosen is None:
            return False

        def work() -> None:
            export_orders.cancel_export_order(self.host.session.ctx, chosen)
            self.host.status_line.setText(_("Export order {id} cancelled: its units can be sold again.").format(
                id=chosen))
        return self.host._attempt(work)

    def open_order_form(self) -> FieldsDialog:
        has_lut = exports.lut_for(self.host.session.store, self.host.session.ctx.today()) is not None
        hold = Field("hold", _("Hold the units"), "now", choices=[
            ("now", _("Now")), ("agents", _("Through the agents (decided within your limits)"))])
        return self.host._open(FieldsDialog(self, _("New export order"), [*export_fields(has_lut), hold], self.place,
                                            note=_("The units are held at once, or by the agents' engine at its next "
                                                   "run; make the invoice when the goods are ready to go.")))
