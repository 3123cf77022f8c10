"""The "Trade" tab: exports done right. This year's LUT, export sales (under the LUT or with IGST paid), each
export's documents (commercial invoice, packing list, CSB-V / postal bill data) checked for every required
field, and the 3-month deadline under the LUT until the proof of export is recorded. See docs/trade.md."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.domain import fy as fy_rules
from app.domain.money import format_inr, parse_inr
from app.domain.trade import terms as trade_terms
from app.domain.trade.lut import export_deadline, pay_by
from app.errors import AppError, InputError
from app.i18n import _
from app.services import exports
from app.services.sales import PaymentIn, quote_sale
from app.session import Session
from app.ui.dialogs import show_error
from app.ui.page_scroll import scrolling_body
from app.ui.pages.base import Page
from app.ui.pages.trade_forms import Field, FieldsDialog, export_fields, terms_from
from app.ui.pages.trade_orders import ExportOrdersPanel
from app.ui.pages.trade_routes import RoutesPanel
from app.ui.tables import filling

COLUMNS = ("invoice", "date", "buyer", "country", "total", "tax", "deadline", "state")


def _table(headers: list[str], name: str, *, select: bool) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection if select
                           else QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def export_state(row: dict, today: date) -> str:
    """Where an export stands, in words: exported, IGST paid, days left, or overdue."""
    day = date.fromisoformat(row["business_date"])
    if row["status"] == "cancelled":
        return _("cancelled")
    if row["proof_on"]:
        late = row["mode"] == "lut" and date.fromisoformat(row["proof_on"]) > export_deadline(day)
        return (_("exported {day} (after the deadline)") if late else _("exported {day}")).format(
            day=date.fromisoformat(row["proof_on"]).strftime("%d-%m-%Y"))
    if row["mode"] != "lut":
        return _("IGST paid; record the proof of export when it leaves")
    left = (export_deadline(day) - today).days
    if left >= 0:
        return _("{days} days left to export").format(days=left)
    return _("OVERDUE: pay the IGST with interest by {day}").format(day=pay_by(day).strftime("%d-%m-%Y"))


class TradePage(Page):
    STALE_ON = frozenset({"ExportOrderPlaced", "ExportOrderHeld", "ExportOrderCancelled", "SaleRecorded",
                          "ExportInvoiced", "ExportProofRecorded", "ExportPackagesSaved", "ExportCarriageSaved",
                          "LutRecorded", "SettingChanged", "OrderCancelled", "ReturnRecorded", "ProductUpdated"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.rows: list[dict] = []
        self.dialog: QWidget | None = None  # the last dialog or error shown (tests read it)
        # the page scrolls when it is shorter than its parts need (1366x768): squeezed, the routes' sources were
        # drawn over the routes table, which showed a sliver of one row
        self.page_scroll, layout = scrolling_body(self, "trade-scroll")
        top = QHBoxLayout()
        self.lut_label = QLabel()
        self.lut_label.setObjectName("trade-lut")
        self.lut_label.setWordWrap(True)
        top.addWidget(self.lut_label, 1)
        for name, text, slot in (("trade-lut-button", _("Record &LUT..."), self.open_lut_form),
                                 ("trade-sell", _("New &export sale..."), self.open_sale_form)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            top.addWidget(button)
        layout.addLayout(top)
        note = QLabel(_("An export under the LUT carries no IGST, but the goods must leave India within 3 months "
                        "of the invoice (Rule 96A); record the shipping bill, postal bill of export or CSB-V when "
                        "they go."))
        note.setWordWrap(True)
        note.setProperty("role", "caption")
        layout.addWidget(note)
        self.orders = ExportOrdersPanel(self, _table)
        layout.addWidget(self.orders, 2)
        self.table = _table([_("Invoice"), _("Date"), _("Buyer"), _("Country"), _("Total"), _("Tax"),
                             _("Export by"), _("State")], "trade-exports", select=True)
        self.table.itemSelectionChanged.connect(self._show_checks)
        layout.addWidget(self.table, 3)
        actions = QHBoxLayout()
        self.action_buttons = []
        buttons: tuple[tuple[str, str, Callable[[], object]], ...] = (
            ("trade-packages", _("&Packages..."), self.open_packages_form),
            ("trade-freight", _("&Freight and insurance..."), self.open_freight_form),
            ("trade-proof", _("P&roof of export..."), self.open_proof_form),
            ("trade-pdf", _("Save documents (&PDF)..."), lambda: self._ask_save("pdf")),
            ("trade-xlsx", _("Save documents (&XLSX)..."), lambda: self._ask_save("xlsx")))
        for key, label, act in buttons:
            button = QPushButton(label)
            button.setObjectName(key)
            button.clicked.connect(act)
            actions.addWidget(button)
            self.action_buttons.append(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.checks_title = QLabel()
        self.checks_title.setObjectName("trade-checks-title")
        self.checks_title.setWordWrap(True)
        layout.addWidget(self.checks_title)
        self.checks = _table([_("Missing for the documents"), _("Documents")], "trade-checks", select=False)
        layout.addWidget(self.checks, 2)
        self.routes = RoutesPanel(self, _table)
        layout.addWidget(self.routes, 3)
        self.status_line = QLabel()
        self.status_line.setObjectName("trade-status")
        self.status_line.setWordWrap(True)
        layout.addWidget(self.status_line)

    @classmethod
    def title(cls) -> str:
        return _("Trade")

    def focus_target(self) -> QWidget:
        return self.table

    # --- reading --------------------------------------------------------------------------------
    def refresh(self) -> None:
        store, today = self.session.store, self.session.ctx.today()
        year = fy_rules.financial_year(today)
        lut = exports.lut_for(store, today)
        self.lut_label.setText(_("LUT for {fy}: ARN {arn}. Exports under it carry no IGST.").format(fy=year, arn=lut[1])
                               if lut else _("No LUT for {fy}: exports can only be invoiced with IGST paid. File "
                                             "form RFD-11 on the GST portal and record its ARN here.").format(fy=year))
        self.orders.refresh()
        self.routes.refresh()
        chosen = self.selected_order_id()
        self.rows = exports.exports(store)
        with filling(self.table):
            self.table.setRowCount(len(self.rows))
            for r, row in enumerate(self.rows):
                day = date.fromisoformat(row["business_date"])
                cells = [row["invoice_no"], day.strftime("%d-%m-%Y"), row["buyer_name"],
                         trade_terms.COUNTRY_NAMES.get(row["country"], row["country"]), format_inr(row["total_paise"]),
                         _("LUT, no IGST") if row["mode"] == "lut" else _("IGST {amount}").format(
                             amount=format_inr(row["igst_paise"])),
                         export_deadline(day).strftime("%d-%m-%Y") if row["mode"] == "lut" else "-",
                         export_state(row, today)]
                for c, text in enumerate(cells):
                    self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        if chosen is not None:
            self.select_order(chosen)
        elif self.rows:
            self.table.selectRow(0)
        self._show_checks()

    def selected_order_id(self) -> int | None:
        picked = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not picked or picked[0].row() >= len(self.rows):
            return None
        return int(self.rows[picked[0].row()]["order_id"])

    def select_order(self, order_id: int) -> None:
        for r, row in enumerate(self.rows):
            if row["order_id"] == order_id:
                self.table.selectRow(r)
                return

    def _show_checks(self) -> None:
        order_id = self.selected_order_id()
        for button in self.action_buttons:
            button.setEnabled(order_id is not None)
        if order_id is None:
            self.checks_title.setText(_("Choose an export to see whether its documents can be made."))
            self.checks.setRowCount(0)
            return
        names = {"invoice": _("commercial invoice"), "packing": _("packing list"), "shipping": _("CSB-V / PBE data")}
        from app.services import export_documents  # here: it brings openpyxl, a second of the page's first show

        issues = export_documents.check(export_documents.read(self.session.store, order_id))
        self.checks_title.setText(_("{count} field(s) missing before the documents can be made:").format(
            count=len(issues)) if issues else _("Every required field is there: the documents can be saved."))
        self.checks.setRowCount(len(issues))
        for r, issue in enumerate(issues):
            self.checks.setItem(r, 0, QTableWidgetItem(issue.message))
            self.checks.setItem(r, 1, QTableWidgetItem(", ".join(names[d] for d in issue.documents)))
        self.checks.resizeRowsToContents()

    # --- acting ---------------------------------------------------------------------------------
    def _attempt(self, work) -> bool:
        try:
            work()
        except AppError as exc:
            self.dialog = show_error(self, exc)
            return False
        self.refresh()
        return True

    def record_lut(self, values: dict[str, str]) -> bool:
        def work() -> None:
            exports.record_lut(self.session.ctx, arn=values["arn"], fy=values["fy"].strip(),
                               filed_on=self.session.ctx.today())
            self.status_line.setText(_("LUT recorded for {fy}.").format(fy=values["fy"].strip()))
        return self._attempt(work)

    def sell(self, values: dict[str, str]) -> bool:
        ctx = self.session.ctx

        def work() -> None:
            lines = [exports.parse_line(x) for x in values["lines"].replace(",", "\n").splitlines() if x.strip()]
            if not lines:
                raise InputError(_("Write at least one item as CODE:QUANTITY."))
            terms = terms_from(values)
            total = quote_sale(ctx, lines=lines, place_of_supply="96").total_paise
            changes = exports.record_export_sale(ctx, lines=lines, terms=terms, confirmed=True,
                                                 payments=[PaymentIn(method="bank", amount_paise=total)])
            row = exports.export(self.session.store, int(changes.id))  # type: ignore[arg-type]
            self.status_line.setText(_("Export invoice {no} recorded: {total}.").format(
                no=row["invoice_no"], total=format_inr(row["total_paise"])))
            self.refresh()
            self.select_order(int(changes.id))  # type: ignore[arg-type]
        return self._attempt(work)

    def set_packages(self, order_id: int, text: str) -> bool:
        def work() -> None:
            packages = [exports.parse_package(x) for x in text.splitlines() if x.strip()]
            exports.record_packages(self.session.ctx, order_id, packages)
            self.status_line.setText(_("{count} package(s) recorded.").format(count=len(packages)))
        return self._attempt(work)

    def set_freight(self, order_id: int, values: dict[str, str]) -> bool:
        def work() -> None:
            freight, insurance = parse_inr(values["freight"] or "0"), parse_inr(values["insurance"] or "0")
            exports.record_carriage(self.session.ctx, order_id, freight_paise=freight, insurance_paise=insurance)
            from app.services import export_documents

            fob = export_documents.read(self.session.store, order_id).fob_paise
            self.status_line.setText(_("Freight {freight} and insurance {insurance} recorded; FOB value {fob}.").format(
                freight=format_inr(freight), insurance=format_inr(insurance), fob=format_inr(fob or 0)))
        return self._attempt(work)

    def record_proof(self, order_id: int, values: dict[str, str]) -> bool:
        def work() -> None:
            try:
                day = date.fromisoformat(values["date"].strip())
            except ValueError:
                raise InputError(_("'{day}' is not a date; write it like 2026-03-31.").format(
                    day=values["date"])) from None
            exports.record_proof(self.session.ctx, order_id, number=values["number"], on=day,
                                 port_code=values.get("port", ""))
            self.status_line.setText(_("Proof of export recorded."))
        return self._attempt(work)

    def save_documents(self, order_id: int, kind: str, path: Path) -> Path | None:
        """Write the export's commercial invoice, packing list and CSB-V / PBE data as a PDF or XLSX."""
        from app.services import export_documents

        try:
            docs = export_documents.read(self.session.store, order_id)
            if kind == "pdf":
                from app.ui.printing.export_pdf import write_export_pdf

                write_export_pdf(export_documents.ready(docs), path, title=docs.invoice_no)
            else:
                export_documents.write_xlsx(docs, path)
        except (AppError, OSError) as exc:
            self.dialog = show_error(self, exc)
            return None
        self.status_line.setText(_("Saved: {path}").format(path=str(path)))
        return path

    # --- forms ----------------------------------------------------------------------------------
    def _open(self, dialog: FieldsDialog) -> FieldsDialog:
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_lut_form(self) -> FieldsDialog:
        year = fy_rules.financial_year(self.session.ctx.today())
        return self._open(FieldsDialog(self, _("Record the LUT"), [
            Field("arn", _("ARN of the LUT (RFD-11)"), hint="AD2703260123456"),
            Field("fy", _("Financial year"), year)], self.record_lut))

    def open_sale_form(self) -> FieldsDialog:
        has_lut = exports.lut_for(self.session.store, self.session.ctx.today()) is not None
        return self._open(FieldsDialog(self, _("New export sale"), export_fields(has_lut), self.sell))

    def open_packages_form(self) -> FieldsDialog | None:
        order_id = self.selected_order_id()
        if order_id is None:
            return None
        return self._open(FieldsDialog(self, _("Packages"), [
            Field("packages", _("Packages"), lines=True, hint="4.2:4.6:40x30x20")],
            lambda v: self.set_packages(order_id, v["packages"]),
            note=_("One package a line: net kg, gross kg, length x width x height in cm, and what it holds, "
                   "e.g. 4.2:4.6:40x30x20:tea")))

    def open_freight_form(self) -> FieldsDialog | None:
        order_id = self.selected_order_id()
        if order_id is None:
            return None
        return self._open(FieldsDialog(self, _("Freight and insurance"), [
            Field("freight", _("Freight paid (₹)"), hint="650"), Field("insurance", _("Insurance paid (₹)"), "0")],
            lambda v: self.set_freight(order_id, v),
            note=_("Under CIF, CFR, CPT, CIP and the D-terms the price includes the carriage abroad: the FOB value "
                   "customs asks for is the invoice value less these.")))

    def open_proof_form(self) -> FieldsDialog | None:
        order_id = self.selected_order_id()
        if order_id is None:
            return None
        return self._open(FieldsDialog(self, _("Proof of export"), [
            Field("number", _("Number (shipping bill, PBE or CSB-V)")),
            Field("date", _("Date"), self.session.ctx.today().isoformat()),
            Field("port", _("Port code (6 characters)"), hint="INBOM4")],
            lambda v: self.record_proof(order_id, v)))

    def _ask_save(self, kind: str) -> None:
        order_id = self.selected_order_id()
        if order_id is None:
            return
        row = exports.export(self.session.store, order_id)
        name = f"export_{row['invoice_no'].replace('/', '-')}.{kind}"
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the export documents"), str(Path.home() / name),
                                                    f"{kind.upper()} (*.{kind})")
        if path:
            self.save_documents(order_id, kind, Path(path))
