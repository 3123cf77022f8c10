"""The Reports page's two charts, drawn with QPainter (no chart library: QtCharts would need PySide6-Addons,
roughly doubling the installer): bars down the days of a period, and bars across for named groups.

Both take plain values in paise (or any whole numbers with a formatter) and draw what they are given; an
empty period says so instead of drawing an empty frame.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.domain.money import format_inr
from app.i18n import _

__all__ = ["BarsAcross", "BarsByDay"]

BAR = QColor("#2e86c1")
SECOND = QColor("#1e8449")
LOSS = QColor("#c0392b")


def rupees(paise: int) -> str:
    return format_inr(paise, decimals=False)


class BarsByDay(QWidget):
    """One bar a day (or a line of bars for a long period), the highest value marked on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.labels: list[str] = []
        self.values: list[int] = []
        self.caption = ""
        self.fmt: Callable[[int], str] = rupees
        self.colour = BAR

    def show_values(self, caption: str, labels: list[str], values: list[int], *,
                    fmt: Callable[[int], str] = rupees, colour: QColor = BAR) -> None:
        self.caption, self.labels, self.values, self.fmt, self.colour = caption, labels, values, fmt, colour
        self.setAccessibleDescription(caption)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        text = palette.text().color()
        painter.setPen(text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(QRectF(8, 4, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft, self.caption)
        if not any(self.values):
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No sales in this period."))
            painter.end()
            return
        high = max(max(self.values), 1)
        low = min(min(self.values), 0)  # a day of loss goes below the line
        left = 12 + max(metrics.horizontalAdvance(self.fmt(high)), metrics.horizontalAdvance(self.fmt(low)))
        plot = QRectF(left, 10 + line * 1.5, max(10.0, self.width() - left - 12),
                      max(10.0, self.height() - line * 3.2 - 12))
        span = high - low
        zero_y = plot.top() + plot.height() * high / span
        painter.setPen(QPen(palette.mid().color(), 1))
        painter.drawLine(QPointF(plot.left(), zero_y), QPointF(plot.right(), zero_y))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.setPen(text)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(QRectF(0, plot.top() - line / 2, left - 6, line), right, self.fmt(high))
        if low < 0:
            painter.drawText(QRectF(0, plot.bottom() - line / 2, left - 6, line), right, self.fmt(low))
        n = len(self.values)
        step = plot.width() / n
        bar = max(1.0, step * 0.7)
        for i, value in enumerate(self.values):
            if not value:
                continue
            h = plot.height() * abs(value) / span
            y = zero_y - h if value > 0 else zero_y
            painter.fillRect(QRectF(plot.left() + i * step + (step - bar) / 2, y, bar, h),
                             self.colour if value > 0 else LOSS)
        # the first and last day always, and as many between as fit without touching
        every = max(1, int((metrics.horizontalAdvance(self.labels[0]) + 12) / step) + 1) if self.labels else 1
        for i, label in enumerate(self.labels):
            if i % every and i != n - 1:
                continue
            if i != n - 1 and n - 1 - i < every and n > 1:
                continue  # leave room for the last day's label
            painter.drawText(QRectF(plot.left() + i * step + step / 2 - 60, plot.bottom() + 4, 120, line),
                             Qt.AlignmentFlag.AlignHCenter, label)
        painter.end()


class BarsAcross(QWidget):
    """One bar a named group (a category, an item), largest first, the value written after the bar."""

    def __init__(self, parent: QWidget | None = None, rows: int = 10) -> None:
        super().__init__(parent)
        self.rows = rows
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.names: list[str] = []
        self.values: list[int] = []
        self.caption = ""
        self.fmt: Callable[[int], str] = rupees

    def show_values(self, caption: str, names: list[str], values: list[int], *,
                    fmt: Callable[[int], str] = rupees) -> None:
        self.caption, self.names, self.values, self.fmt = caption, names[:self.rows], values[:self.rows], fmt
        self.setAccessibleDescription(caption)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        text = palette.text().color()
        painter.setPen(text)
        metrics = painter.fontMetrics()
        line = metrics.height()
        painter.drawText(QRectF(8, 4, self.width() - 16, line), Qt.AlignmentFlag.AlignLeft, self.caption)
        if not self.values:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No sales in this period."))
            painter.end()
            return
        name_w = min(self.width() * 0.35, max(metrics.horizontalAdvance(n) for n in self.names) + 12)
        value_w = max(metrics.horizontalAdvance(self.fmt(v)) for v in self.values) + 12
        top = 10 + line * 1.5
        row_h = max(line + 4, (self.height() - top - 8) / max(len(self.values), 1))
        row_h = min(row_h, line * 2.2)
        high = max(max(abs(v) for v in self.values), 1)
        width = max(10.0, self.width() - name_w - value_w - 16)
        for i, (name, value) in enumerate(zip(self.names, self.values, strict=True)):
            y = top + i * row_h
            painter.setPen(text)
            shown = metrics.elidedText(name, Qt.TextElideMode.ElideRight, int(name_w - 8))
            painter.drawText(QRectF(8, y, name_w - 8, row_h), Qt.AlignmentFlag.AlignVCenter, shown)
            w = width * abs(value) / high
            painter.fillRect(QRectF(8 + name_w, y + row_h * 0.2, w, row_h * 0.6), BAR if value >= 0 else LOSS)
            painter.drawText(QRectF(12 + name_w + w, y, value_w, row_h), Qt.AlignmentFlag.AlignVCenter,
                             self.fmt(value))
        painter.end()
