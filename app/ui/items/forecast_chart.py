"""The selected item's sales, day by day, and the forecast after them with its likely range: what the
inventory agent expects, drawn for the seller under the Items table.

The numbers come from ``Session.item_outlook`` (``app.ml.forecast.outlook``), computed off the GUI thread;
the chart is painted with QPainter (no charting dependency).
"""

from __future__ import annotations

import math
from typing import Any, Protocol

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QLabel, QSizePolicy, QTableView, QVBoxLayout, QWidget

from app.domain.qty import qty_words
from app.domain.records import Product
from app.i18n import _, language
from app.session import Session
from app.ui.formatting import month_abbr
from app.ui.tasks import LatestOnly

SETTLE_MS = 250  # arrowing down the list forecasts only the item the seller stops on

SOLD = QColor("#8fa9c9")
FORECAST = QColor("#d9731a")
BAND = QColor(217, 115, 26, 60)
AXIS = QColor("#777777")


class OutlookLike(Protocol):
    """The fields of ``app.ml.forecast.outlook.Outlook`` the chart reads (the UI may not import ``ml``)."""

    history_dates: list[Any]
    history: list[float]
    dates: list[Any]
    mean: list[float]
    p10: list[float]
    p90: list[float]

    @property
    def total(self) -> tuple[float, float, float]: ...


def _day(day: Any) -> str:
    return _("{day} {month}").format(day=day.day, month=month_abbr(day.month))


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _ticks(top: float) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 times a power of ten) up to ``top``, three to five of them."""
    raw = top / 4
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return [k * step for k in range(int(top / step) + 1)]


class ForecastChart(QWidget):
    """Bars for the days sold, a line for the forecast and a shaded p10-p90 band after "today".

    ``drawn`` keeps the values of each series as last painted ("sold", "forecast", "p10", "p90"), and
    ``points`` their positions, so a test can check the picture against the forecast.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("forecast-chart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.outlook: OutlookLike | None = None
        self.message = ""
        self.drawn: dict[str, list[float]] = {}
        self.points: dict[str, list[QPointF]] = {}

    def sizeHint(self) -> QSize:
        return QSize(600, 10 * self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        # small: the chart gives way to the table on a short screen rather than growing the window
        return QSize(200, 4 * self.fontMetrics().height())

    def show_outlook(self, outlook: OutlookLike | None, message: str = "") -> None:
        self.outlook, self.message = outlook, message
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.drawn, self.points = {}, {}
        out = self.outlook
        if out is None or self.message:
            painter.setPen(AXIS)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.message)
            return
        fm = self.fontMetrics()
        top = max([*out.history, *out.p90, *out.mean, 0.0]) * 1.1 or 1.0
        left, right = fm.horizontalAdvance("00,000") + 8, self.width() - 8
        y0, y1 = self.height() - fm.height() - 6, fm.height() + 8  # value 0 and value `top`
        slots = len(out.history) + len(out.mean)
        step = (right - left) / max(slots, 1)

        def x(slot: float) -> float:
            return left + (slot + 0.5) * step

        def y(value: float) -> float:
            return y0 - (y0 - y1) * value / top

        painter.setPen(AXIS)
        for value in _ticks(top):
            painter.drawText(QRectF(0, y(value) - fm.height() / 2, left - 6, fm.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, _number(value))
            painter.drawLine(QPointF(left - 3, y(value)), QPointF(left, y(value)))
        painter.drawLine(QPointF(left, y0), QPointF(right, y0))
        # the sold days, as bars
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(SOLD)
        sold = []
        for k, value in enumerate(out.history):
            painter.drawRect(QRectF(x(k) - step * 0.4, y(value), step * 0.8, y0 - y(value)))
            sold.append(QPointF(x(k), y(value)))
        self.drawn["sold"], self.points["sold"] = list(out.history), sold
        # where the days sold end and the forecast begins
        today_x = left + len(out.history) * step
        painter.setPen(QPen(AXIS, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(today_x, y1 - 4), QPointF(today_x, y0))
        painter.setPen(AXIS)
        labels = [(0, out.history_dates[0] if out.history_dates else None)]
        if out.dates:
            labels += [(len(out.history), out.dates[0]), (slots - 1, out.dates[-1])]
        for slot, day in labels:
            if day is not None:
                text = _day(day)
                width = fm.horizontalAdvance(text)
                at = min(max(x(slot) - width / 2, left), right - width)
                painter.drawText(QPointF(at, self.height() - 4), text)
        if out.mean:
            base = len(out.history)
            upper = [QPointF(x(base + k), y(v)) for k, v in enumerate(out.p90)]
            lower = [QPointF(x(base + k), y(v)) for k, v in enumerate(out.p10)]
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BAND)
            painter.drawPolygon(QPolygonF(upper + lower[::-1]))
            line = [QPointF(x(base + k), y(v)) for k, v in enumerate(out.mean)]
            painter.setPen(QPen(FORECAST, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(QPolygonF(line))
            self.drawn.update(forecast=list(out.mean), p10=list(out.p10), p90=list(out.p90))
            self.points.update(forecast=line, p10=lower, p90=upper)
        self._legend(painter, left + 6, y1 - 4)

    def _legend(self, painter: QPainter, left: float, baseline: float) -> None:
        fm = self.fontMetrics()
        box = fm.height() * 0.7
        for color, text in ((SOLD, _("Sold")), (FORECAST, _("Forecast")), (BAND, _("Likely range (p10–p90)"))):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRect(QRectF(left, baseline - box, box, box))
            painter.setPen(AXIS)
            painter.drawText(QPointF(left + box + 4, baseline), text)
            left += box + 16 + fm.horizontalAdvance(text)


class ItemForecastPanel(QWidget):
    """Title, chart and a sentence, following the selected row of the Items table."""

    def __init__(self, session: Session, table: QTableView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.table = session, table
        self.product: Product | None = None
        self._runner = LatestOnly(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.title = QLabel("")
        self.title.setObjectName("forecast-title")
        self.chart = ForecastChart(self)
        self.summary = QLabel("")
        self.summary.setObjectName("forecast-summary")
        self.summary.setWordWrap(True)
        for widget in (self.title, self.chart, self.summary):
            layout.addWidget(widget)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.refresh)
        table.selectionModel().selectionChanged.connect(lambda *_args: self._settle.start())
        self.show_product(None)

    def selected(self) -> Product | None:
        rows = self.table.selectionModel().selectedRows()
        model: Any = self.table.model()
        return model.product_at(rows[0].row()) if rows else None

    def refresh(self) -> None:
        """Forecast the selected item again (after a selection, or a sale of it)."""
        self._settle.stop()
        product = self.selected()
        self.show_product(product)
        if product is None:
            return
        sku, outlook = product.sku, self.session.item_outlook
        self._runner.run(lambda: outlook(sku), lambda result: self._show(product, result),
                         lambda _error: self.chart.show_outlook(None, _("The forecast could not be made.")))

    def show_product(self, product: Product | None) -> None:
        self.product = product
        if product is None:
            self.title.setText(_("Sales and forecast"))
            self.chart.show_outlook(None, _("Choose an item to see its sales and forecast."))
        else:
            self.title.setText(_("Sales and forecast: {item}").format(item=product.name(language())))
            self.chart.show_outlook(None, _("Forecasting…"))
        self.summary.setText("")

    def _show(self, product: Product, outlook: OutlookLike) -> None:
        if self.product is None or product.sku != self.product.sku:
            return
        if not outlook.mean:
            self.chart.show_outlook(outlook, _("No sales in the last year: nothing to forecast from."))
            return
        self.chart.show_outlook(outlook)
        expected = outlook.total[0]
        about = int(round(expected * 1000, -3 if expected >= 10 else -2))  # whole units, or tenths of few
        self.summary.setText(_(
            "Expected in the next {days} days: about {qty}. The shaded band is each day's likely range: sales "
            "should fall inside it about 8 days in 10.").format(days=len(outlook.mean),
                                                                qty=qty_words(about, product.unit)))
