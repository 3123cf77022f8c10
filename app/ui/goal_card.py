"""The Today page's goal card: each goal the seller set, each of its measures so far, where it ends by the goal's
last day at this pace, and the target, in the seller's language. It reads through the shop's decision engine
(``session.engine.goal_outlook()``, the planner's own yardstick) on a worker thread when shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.money import format_inr
from app.i18n import _
from app.session import Session
from app.ui.formatting import month_abbr
from app.ui.tasks import LatestOnly

OK_STYLE = "color: #067647;"
BEHIND_STYLE = "color: #b42318;"


def _day(day: date) -> str:
    return f"{day.day} {month_abbr(day.month)}"


def _money(paise: float) -> str:
    return format_inr(int(round(paise / 100) * 100), decimals=False)


def metric_line(m: Any, ends_on: date) -> str:
    """One measure of a goal in plain words (``m`` an ``app.agents.goal_outlook.MetricOutlook``)."""
    state = _("on track") if m.on_track else _("behind")
    by = _day(ends_on)
    if not m.measured:
        return {"fill_rate": _("Items on the shelf when asked for: not measured yet (the agents record it each day)"),
                "inventory_value": _("Stock value on average: not measured yet (the agents record it each day)"),
                }.get(m.metric, "")
    if m.metric == "profit":
        text = _("Profit: {so_far} so far; at this pace {expected} by {day} (target {target})")
    elif m.metric == "revenue":
        text = _("Sales: {so_far} so far; at this pace {expected} by {day} (target {target})")
    elif m.metric == "waste":
        text = _("Waste: {so_far} so far; at this pace {expected} by {day} (at most {target})")
    elif m.metric == "fill_rate":
        return _("Items on the shelf when asked for: {now} (target {target}) - {state}").format(
            now=f"{m.so_far * 100:.1f}%", target=f"{m.target * 100:g}%", state=state)
    elif m.metric == "inventory_value":
        return _("Stock value on average: {now} (at most {target}) - {state}").format(
            now=_money(m.so_far), target=_money(m.target), state=state)
    else:
        return _("Margin: {now} (at least {target}) - {state}").format(
            now=f"{m.so_far / 100:.1f}%", target=f"{m.target / 100:g}%", state=state)
    return (text + " - {state}").format(so_far=_money(m.so_far), expected=_money(m.expected), day=by,
                                        target=_money(m.target), state=state)


def goal_text(goal: Any) -> list[str]:
    """The goal's heading and one line per measure (``goal`` an ``app.agents.goal_outlook.GoalOutlook``)."""
    head = _("{description} ({start} to {end}; day {elapsed} of {days})").format(
        description=goal.description, start=_day(goal.starts_on), end=_day(goal.ends_on),
        elapsed=goal.elapsed_days, days=goal.days)
    if goal.elapsed_days <= 0:
        return [head, _("Measuring starts after its first day.")]
    return [head] + [metric_line(m, goal.ends_on) for m in goal.metrics]


class GoalCard(QFrame):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("card-goals")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        self._reader = LatestOnly(self)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(16, 12, 16, 12)
        caption = QLabel(_("Your goals"))
        caption.setProperty("role", "caption")
        self.layout_.addWidget(caption)
        self.body = QLabel("…")
        self.body.setObjectName("goal-lines")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.layout_.addWidget(self.body)
        self.setAccessibleName(caption.text())
        self.goals: list[Any] = []

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.reload)

    def reload(self) -> None:
        engine = self.session.engine
        if engine is None:
            self.show_goals(None)
            return
        self._reader.run(engine.goal_outlook, self.show_goals, lambda _error: self.show_goals(None))

    def show_goals(self, goals: list[Any] | None) -> None:
        self.goals = list(goals or [])
        if goals is None:
            self.body.setText(_("Goals are measured by the agents, which are not running in this window."))
            self.body.setStyleSheet("")
            return
        if not goals:
            self.body.setText(_("No goal set. Add one with: goal add \"Grow profit 10% this quarter\" "
                                "--metric profit:+10%"))
            self.body.setStyleSheet("")
            return
        parts = []
        for goal in goals:
            lines = goal_text(goal)
            rows = [f"<b>{_escape(lines[0])}</b>"]
            for line, m in zip(lines[1:], goal.metrics or [None] * (len(lines) - 1), strict=False):
                style = "" if m is None or not m.measured else (OK_STYLE if m.on_track else BEHIND_STYLE)
                rows.append(f'<span style="{style}">{_escape(line)}</span>')
            parts.append("<br>".join(rows))
        self.body.setText("<br><br>".join(parts))
        self.setAccessibleDescription(" ".join(" ".join(goal_text(g)) for g in goals))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
