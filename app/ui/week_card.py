"""The Today page's chart: this week's sales by day beside last week's, the margin and the stock's value
against a week ago. It reads in the background when shown, and again every few minutes while on screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.domain.money import format_inr
from app.i18n import _
from app.session import Session
from app.store import stock as stock_store
from app.store import week_figures
from app.ui.tasks import LatestOnly

REFRESH_MS = 5 * 60 * 1000
LAST_WEEK = QColor("#9aa5b1")
THIS_WEEK = QColor("#2f80c8")


@dataclass(frozen=True)
class Week:
    days: tuple[date, ...]  # the last 7 days, today last
    sales: tuple[int, ...]  # amount before tax per day
    last_sales: tuple[int, ...]  # the same weekdays a week earlier
    cost: int
    last_cost: int
    stock_now: int
    stock_week_ago: int | None  # from the agents' stock picture, when it was recorded


def read_week(session: Session) -> Week:
    today = session.ctx.today()
    first = today - timedelta(days=13)
    with session.store.read() as db:
        figures = week_figures.sales_by_day(db, first.isoformat(), today.isoformat())
        pictures = stock_store.stock_days(db, (today - timedelta(days=7)).isoformat(),
                                          (today - timedelta(days=7)).isoformat())
        stock_now = week_figures.stock_value(db)
    days = tuple(today - timedelta(days=6 - k) for k in range(7))

    def of(day: date, column: int) -> int:
        return figures.get(day.isoformat(), (0, 0))[column]

    return Week(days=days, sales=tuple(of(d, 0) for d in days), last_sales=tuple(of(d - timedelta(7), 0) for d in days),
                cost=sum(of(d, 1) for d in days), last_cost=sum(of(d - timedelta(7), 1) for d in days),
                stock_now=stock_now, stock_week_ago=int(pictures[0][4]) if pictures else None)


def _margin(sales: int, cost: int) -> str:
    return f"{(sales - cost) * 100 / sales:.1f}%" if sales else "-"


def _change(now: int, before: int) -> str:
    return f"{(now - before) * 100 / before:+.0f}%" if before else ""


class Bars(QWidget):
    """Seven pairs of bars: last week's day (grey) and this week's (blue), weekday names under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week: Week | None = None
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        week = self.week
        if week is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label_h = self.fontMetrics().height() + 4
        height = self.height() - label_h
        top = max(max(week.sales), max(week.last_sales), 1)
        slot = self.width() / 7
        names = (_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun"))
        for k, day in enumerate(week.days):
            x = k * slot + slot * 0.15
            bar = slot * 0.33
            for j, (value, colour) in enumerate(((week.last_sales[k], LAST_WEEK), (week.sales[k], THIS_WEEK))):
                h = height * value / top
                painter.fillRect(QRectF(x + j * bar, height - h, bar * 0.9, h), colour)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(k * slot, height, slot, label_h), Qt.AlignmentFlag.AlignCenter,
                             names[day.weekday()])
        painter.end()


class WeekCard(QFrame):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("card-week")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        self._reader = LatestOnly(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        caption = QLabel(_("This week against last week"))
        caption.setProperty("role", "caption")
        layout.addWidget(caption)
        self.bars = Bars()
        layout.addWidget(self.bars)
        self.legend = QLabel(_("Grey: the same day last week. Blue: this week."))
        self.legend.setProperty("role", "caption")
        layout.addWidget(self.legend)
        self.figures = QLabel("…")
        self.figures.setObjectName("week-figures")
        self.figures.setWordWrap(True)
        layout.addWidget(self.figures)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.reload)
        self.setAccessibleName(caption.text())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()
        self.timer.start()

    def hideEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().hideEvent(event)
        self.timer.stop()

    def reload(self) -> None:
        session = self.session
        self._reader.run(lambda: read_week(session), self.show_week)

    def show_week(self, week: Week) -> None:
        self.bars.week = week
        self.bars.update()
        sales, last = sum(week.sales), sum(week.last_sales)
        lines = [
            _("Sales, last 7 days: {now} (the 7 before: {before}) {change}").format(
                now=format_inr(sales), before=format_inr(last), change=_change(sales, last)).strip(),
            _("Margin: {now} (the 7 days before: {before})").format(now=_margin(sales, week.cost),
                                                                    before=_margin(last, week.last_cost)),
        ]
        if week.stock_week_ago is None:
            lines.append(_("Stock on the shelves: {now} at cost").format(now=format_inr(week.stock_now)))
        else:
            lines.append(_("Stock on the shelves: {now} at cost (a week ago: {before})").format(
                now=format_inr(week.stock_now), before=format_inr(week.stock_week_ago)))
        self.figures.setText("\n".join(lines))
        self.setAccessibleDescription(" ".join(lines))
