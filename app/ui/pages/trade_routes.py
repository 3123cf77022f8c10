"""The Trade page's export routes: each of the shop's best sellers scored by route (courier, post, marketplace
programme) and market, margin a unit after logistics and fees, or "too thin to score" with what is missing said in
words; the route's score (margin, demand, barriers and duty, docs/trade.md "The route's score") orders the lines; the
duty, low-value rule and reference price abroad from the shipped data beside it. A logistics quote the
seller got can be kept from here. See docs/trade.md, "Export routes"."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.trade import terms as trade_terms
from app.i18n import _
from app.services import export_routes
from app.session import Session
from app.ui.pages.trade_forms import Field, FieldsDialog
from app.ui.tables import cap_rows_in_steps, filling, keep_rows_visible

__all__ = ["PARCEL_UNITS", "RoutesPanel"]

PARCEL_UNITS = 10  # the parcel the scores assume, as `trade routes` does by default
WRAPPED_COLUMNS = {1: 120, 2: 110, 7: 190}  # route, country, how it is scored (score_cells' order): their widths
ROW_LINES = 4  # a route's row shows at most this many lines; what to check and how it is scored are in tooltips


class TradeHost(Protocol):
    session: Session
    status_line: QLabel

    def _attempt(self, work) -> bool: ...

    def _open(self, dialog: FieldsDialog) -> FieldsDialog: ...


class RoutesPanel(QWidget):
    """Route scores for the best sellers of the last 90 days, scored ones first; read again with the page."""

    def __init__(self, host: TradeHost, make_table) -> None:
        super().__init__()
        self.host = host
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("trade-routes-summary")
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        button = QPushButton(_("Logistics &quote..."))
        button.setObjectName("trade-quote")
        button.clicked.connect(self.open_quote_form)
        top.addWidget(button)
        layout.addLayout(top)
        self.table: QTableWidget = make_table(
            [_("Item"), _("Route"), _("Country"), _("Margin a unit"), _("Margin"), _("Logistics a unit"), _("Score"),
             _("How it is scored"), _("What to check")], "trade-routes", select=False)
        # the route, the country and the score's parts wrap in columns of their own width, leaving the rest of the
        # table to what to check (sized to their contents, the long route names squeezed it to a sliver)
        for column, width in WRAPPED_COLUMNS.items():
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        # rows are sized to their wrapped text again once the columns have their widths (sized while the page was
        # not yet laid out, what to check had a sliver of a column and rows were hundreds of pixels tall)
        self._fit = QTimer(self)
        self._fit.setSingleShot(True)
        self._fit.setInterval(0)
        self._fit.timeout.connect(self.fit_rows)
        self.table.horizontalHeader().sectionResized.connect(lambda *_args: self._fit.start())
        keep_rows_visible(self.table, 2, ROW_LINES)
        layout.addWidget(self.table)
        self.sources = QLabel()
        self.sources.setObjectName("trade-routes-sources")
        self.sources.setWordWrap(True)
        self.sources.setProperty("role", "caption")
        layout.addWidget(self.sources)

    def refresh(self) -> None:
        session = self.host.session
        found = export_routes.scores(session.store, session.ctx.today(), units=PARCEL_UNITS)
        scored = sum(1 for f in found if f.scored)
        ranked = sum(1 for f in found if f.rank_bp is not None)
        if not found:
            self.summary.setText(_("Export routes: no sales in the last 90 days to score yet."))
        else:
            self.summary.setText(_("Export routes for your best sellers, in a parcel of {units}: {scored} of {count} "
                                   "have a margin and {ranked} a score (margin, demand, barriers and duty), best "
                                   "first; the others are too thin to score, and each line says what is missing."
                                   ).format(units=PARCEL_UNITS, scored=scored, ranked=ranked, count=len(found)))
        with filling(self.table):
            self.table.setRowCount(len(found))
            for r, score in enumerate(found):
                cells = export_routes.score_cells(score, PARCEL_UNITS)
                cells[1] = export_routes.route_name(score.route)
                cells[2] = trade_terms.COUNTRY_NAMES.get(score.country, score.country)
                for c, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if c >= len(cells) - 2:
                        item.setToolTip(text)
                    self.table.setItem(r, c, item)
        self.fit_rows()
        self.sources.setText(_("Route facts, duties, barriers, demand signals, postage and reference prices as "
                               "collected on {day}, each with its source and date: see docs/trade.md. Duties are "
                               "most-favoured-nation rates; they are said, not taken off the margin, as the buyer pays "
                               "them unless you ship duty paid. Postage without your quote is India Post's 2013 "
                               "tariff: enter a quote for today's rate.").format(
            day=export_routes.reference()["as_of"]) + " " + _(
            "The score: the margin in %, plus up to 10 points of demand (11 minus the market's rank among India's "
            "buyers of the kind, or its share in %, whichever is more), minus 5 points for each known barrier and the "
            "duty in %; a route missing any of them is too thin to score."))

    def fit_rows(self) -> None:
        """Rows as tall as their text at the columns' widths, up to ``ROW_LINES`` lines: the first few now, the rest
        while the window is idle."""
        cap_rows_in_steps(self.table, ROW_LINES)

    def add_quote(self, values: dict[str, str]) -> bool:
        def work() -> None:
            quote = export_routes.quote_from_text(route=values["route"], country=values["country"],
                                                  per_kg=values["per_kg"], per_parcel=values["per_parcel"],
                                                  fee=values["fee"], duty=values["duty"])
            export_routes.add_quote(self.host.session.ctx, quote)
            self.host.status_line.setText(_("Quote kept: {route} to {country}.").format(
                route=export_routes.route_name(quote.route), country=quote.country.strip().upper()))
        return self.host._attempt(work)

    def open_quote_form(self) -> FieldsDialog:
        routes = [(r, export_routes.route_name(r)) for r in export_routes.SCORED_ROUTES]
        return self.host._open(FieldsDialog(self, _("Logistics quote"), [
            Field("route", _("Route"), "courier", choices=routes),
            Field("country", _("Country (2 letters)"), hint="AE"),
            Field("per_kg", _("Rupees a kg"), hint="650"),
            Field("per_parcel", _("Rupees a parcel on top"), "0"),
            Field("fee", _("Programme fee (%)"), "0"),
            Field("duty", _("Duty and taxes you pay (%)"), "0")], self.add_quote,
            note=_("The price a courier, the post office or a marketplace programme quoted you. A route is scored "
                   "only with a quote: no price is guessed.")))
