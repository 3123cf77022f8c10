"""A campaign's chart on the Marketing page: what it cost and what it brought back, day by day, drawn with
QPainter (no chart library): spend and the sales on bills that carried its codes, both added up since the
first message, with the redemptions as bars along the bottom."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.money import format_inr
from app.i18n import _

__all__ = ["CampaignChart"]

SPEND = QColor("#c0392b")
SALES = QColor("#1e8449")
CODES = QColor("#95a5a6")


class CampaignChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaign-chart")
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.title = ""
        self.days: list[tuple[str, int, int, int, int]] = []

    def show_campaign(self, title: str, days: list[tuple[str, int, int, int, int]]) -> None:
        """``days``: (day, messages, spend, redemptions, sales) as ``store.campaigns.campaign_days`` gives."""
        self.title, self.days = title, days
        self.update()

    def series(self) -> tuple[list[int], list[int], list[int]]:
        """Spend and sales added up, and redemptions, for every calendar day from the first to the last."""
        if not self.days:
            return [], [], []
        first, last = date.fromisoformat(self.days[0][0]), date.fromisoformat(self.days[-1][0])
        found = {d[0]: d for d in self.days}
        spend, sales, codes = [], [], []
        total_spend = total_sales = 0
        for k in range((last - first).days + 1):
            day = date.fromordinal(first.toordinal() + k).isoformat()
            _day, _messages, s, r, v = found.get(day, (day, 0, 0, 0, 0))
            total_spend += s
            total_sales += v
            spend.append(total_spend)
            sales.append(total_sales)
            codes.append(r)
        return spend, sales, codes

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        text = palette.text().color()
        painter.setPen(text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        if not self.days:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             _("Choose a campaign to see what it cost and what it brought back."))
            painter.end()
            return
        spend, sales, codes = self.series()
        painter.drawText(QRectF(8, 4, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft, self.title)
        legend = [(SPEND, _("spend {amount}").format(amount=format_inr(spend[-1], decimals=False))),
                  (SALES, _("sales on its codes {amount}").format(amount=format_inr(sales[-1], decimals=False))),
                  (CODES, _("codes said a day"))]
        x = 8.0
        for colour, label in legend:
            painter.fillRect(QRectF(x, 8 + line, 12, line * 0.6), colour)
            painter.drawText(QPointF(x + 16, 8 + line * 1.6), label)
            x += 24 + metrics.horizontalAdvance(label)
        top, left = 16 + line * 2, 8 + metrics.horizontalAdvance("₹00,000")
        plot = QRectF(left, top, max(10.0, self.width() - left - 12), max(10.0, self.height() - top - line - 10))
        high = max(max(spend), max(sales), 100)
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.setPen(text)
        painter.drawText(QRectF(0, plot.top() - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight,
                         format_inr(high, decimals=False))
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), line), Qt.AlignmentFlag.AlignLeft,
                         self.days[0][0])
        painter.drawText(QRectF(plot.left(), plot.bottom() + 2, plot.width(), line), Qt.AlignmentFlag.AlignRight,
                         self.days[-1][0])
        n = len(spend)
        step = plot.width() / max(n - 1, 1)
        most = max(max(codes), 1)
        for i, count in enumerate(codes):  # redemptions: bars in the bottom fifth
            if count:
                h = plot.height() * 0.2 * count / most
                painter.fillRect(QRectF(plot.left() + i * step - 2, plot.bottom() - h, 4, h), CODES)
        for colour, values in ((SPEND, spend), (SALES, sales)):
            path = QPainterPath()
            for i, value in enumerate(values):
                point = QPointF(plot.left() + i * step, plot.bottom() - plot.height() * value / high)
                path.lineTo(point) if i else path.moveTo(point)
            painter.setPen(QPen(colour, 2))
            painter.drawPath(path)
            if n <= 31:  # a short campaign: its days as dots, so one day still shows
                painter.setBrush(colour)
                for i, value in enumerate(values):
                    painter.drawEllipse(QPointF(plot.left() + i * step, plot.bottom() - plot.height() * value / high),
                                        2.5, 2.5)
                painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.end()
