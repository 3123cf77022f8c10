"""The assistant beside the counter: a chat panel one keystroke (F9) away.

The panel is given an assistant *handle* by ``main`` (through the window) and never imports the assistant:
anything with ``ask(text, conversation=, source=)``, ``press(button_id, conversation=, source=)`` and
``history(conversation, limit=)`` will do; replies come back as objects with ``to_json()`` or as dicts.
Questions are answered off the GUI thread, so the counter never waits. Replies show their small table, a
bar chart where there is a trend, and their buttons (Approve, Undo, Show ...); a button can be used once.
What the assistant says on its own (the closing summary, alerts) arrives through the event bridge
(``on_event_assistant_posted``). The conversation is the shop's: it is there again after a restart.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.ui import tasks

log = logging.getLogger(__name__)

CONVERSATION = "main"
EXPIRING = ("confirm", "cancel")  # an offer's buttons stop meaning anything once the conversation moves on
HISTORY = 60
SHORTCUT = "F9"
STYLE = """
QFrame[bubble="seller"] { background: #dbeafe; border-radius: 10px; }
QFrame[bubble="assistant"] { background: palette(base); border: 1px solid #d0d7de; border-radius: 10px; }
QFrame[bubble="notice"] { background: #fef3c7; border: 1px solid #f59e0b; border-radius: 10px; }
QLabel[role="time"] { color: #667085; font-size: 8pt; }
QPushButton[chat="action"] { padding: 3px 10px; border-radius: 6px; border: 1px solid #2563eb; color: #1d4ed8;
                             background: #eff6ff; }
QPushButton[chat="action"]:disabled { color: #98a2b3; border-color: #d0d7de; background: transparent; }
QPushButton[chat="confirm"] { padding: 3px 10px; border-radius: 6px; background: #2563eb; color: white;
                              border: 1px solid #1d4ed8; }
QPushButton[chat="confirm"]:disabled { background: #98a2b3; border-color: #98a2b3; }
"""


def reply_message(reply: Any) -> dict[str, Any]:
    """A reply (``Reply`` or its JSON) as a message of the conversation."""
    data = reply.to_json() if hasattr(reply, "to_json") else dict(reply)
    return {"role": "assistant", "text": data.get("reply", data.get("text", "")), "actions": data.get("actions") or [],
            "table": data.get("table"), "chart": data.get("chart"), "at": data.get("at", ""),
            "intent": data.get("intent"), "source": data.get("source", "")}


CELL = 24  # characters of a table cell the narrow panel shows


def _cell(value: Any) -> str:
    text = str(value)
    return html.escape(text if len(text) <= CELL else text[:CELL - 1] + "…")


def table_html(table: dict[str, Any]) -> str:
    align = table.get("align") or []
    head = "".join(f"<th align='{'right' if i < len(align) and align[i] == 'r' else 'left'}'>{html.escape(c)}</th>"
                   for i, c in enumerate(table["columns"]))
    rows = "".join("<tr>" + "".join(
        f"<td align='{'right' if i < len(align) and align[i] == 'r' else 'left'}'>{_cell(v)}</td>"
        for i, v in enumerate(row)) + "</tr>" for row in table["rows"][:12])
    more = "" if len(table["rows"]) <= 12 else f"<tr><td colspan='{len(table['columns'])}'>…</td></tr>"
    return (f"<table cellspacing='0' cellpadding='3' style='border-collapse: collapse'>"
            f"<tr style='color:#475467'>{head}</tr>{rows}{more}</table>")


class BarChart(QWidget):
    """A small bar chart (sales by day): one bar per label, the largest value written above it."""

    def __init__(self, chart: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = chart.get("title", "")
        self.labels = [str(x) for x in chart.get("labels", [])]
        self.values = [float(v) for v in chart.get("values", [])]
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        top, bottom = 16, 16
        painter.setPen(QColor("#475467"))
        small = QFont(self.font())
        small.setPointSizeF(max(6.5, small.pointSizeF() * 0.75))
        painter.setFont(small)
        painter.drawText(QRectF(0, 0, width, top), Qt.AlignmentFlag.AlignLeft, self.title)
        if not self.values:
            return
        peak = max(self.values) or 1.0
        step = width / len(self.values)
        bar = max(2.0, step * 0.7)
        for i, (label, value) in enumerate(zip(self.labels, self.values, strict=False)):
            h = (height - top - bottom) * value / peak
            x = i * step + (step - bar) / 2
            painter.fillRect(QRectF(x, height - bottom - h, bar, h), QColor("#60a5fa" if value < peak else "#2563eb"))
            if len(self.values) <= 10 or i % max(1, len(self.values) // 8) == 0:
                painter.drawText(QRectF(i * step, height - bottom, step, bottom), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class Bubble(QFrame):
    pressed = Signal(str, str)  # the button's id and label

    def __init__(self, message: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        role = message.get("role", "assistant")
        kind = "notice" if role == "assistant" and message.get("source") == "system" else role
        self.setProperty("bubble", kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(4)
        self.text = QLabel(message.get("text", ""))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)
        if message.get("table"):
            table = QLabel(table_html(message["table"]))
            table.setTextFormat(Qt.TextFormat.RichText)
            smaller = QFont(table.font())
            smaller.setPointSizeF(smaller.pointSizeF() * 0.85)
            table.setFont(smaller)
            layout.addWidget(table)
        if message.get("chart") and message["chart"].get("values"):
            layout.addWidget(BarChart(message["chart"]))
        self.buttons: list[QPushButton] = []
        self.kinds: list[str] = []
        actions = message.get("actions") or []
        if actions:
            row = QHBoxLayout()
            row.setSpacing(6)
            for action in actions[:6]:
                button = QPushButton(action["label"])
                button.setProperty("chat", "confirm" if action.get("kind") in ("confirm", "approve") else "action")
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.clicked.connect(lambda _c=False, a=action["id"], t=action["label"]: self._press(a, t))
                row.addWidget(button)
                self.buttons.append(button)
                self.kinds.append(action.get("kind", "ask"))
            row.addStretch(1)
            layout.addLayout(row)

    def _press(self, action_id: str, label: str) -> None:
        if not action_id.startswith("ask:"):  # confirm, cancel, undo, approve, reject: once only
            self.disable_buttons()
        self.pressed.emit(action_id, label)

    def disable_buttons(self, kinds: tuple[str, ...] | None = None) -> None:
        """Grey out the buttons (of these kinds): a question the conversation has moved past cannot be answered."""
        for button, kind in zip(self.buttons, self.kinds, strict=True):
            if kinds is None or kind in kinds:
                button.setEnabled(False)


class ChatPanel(QWidget):
    """The conversation and a line to type in. ``handle``: the assistant (see the module's docstring)."""

    replied = Signal(object)  # each message shown (tests and the window hear of it)

    def __init__(self, handle: Any, parent: QWidget | None = None, *, conversation: str = CONVERSATION,
                 background: Callable[..., None] | None = None) -> None:
        super().__init__(parent)
        self.handle = handle
        self.conversation = conversation
        self._run = background or (lambda op, done, failed: tasks.run_in_background(op, done, failed, owner=self))
        self.bubbles: list[Bubble] = []
        self.busy = False
        self.setStyleSheet(STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        hint = QLabel(_("Ask in English, Hindi or Hinglish. F9 to come here, Esc to go back."))
        hint.setProperty("role", "time")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.log = QWidget()
        self.column = QVBoxLayout(self.log)
        self.column.setContentsMargins(2, 2, 2, 2)
        self.column.setSpacing(8)
        self.column.addStretch(1)
        self.scroll.setWidget(self.log)
        # a new bubble is laid out after it is added: follow the scroll range as it grows, so the newest answer
        # shows however long it turns out
        self.scroll.verticalScrollBar().rangeChanged.connect(self._range_changed)
        outer.addWidget(self.scroll, 1)
        self.status = QLabel("")
        self.status.setProperty("role", "time")
        outer.addWidget(self.status)
        row = QHBoxLayout()
        self.input = QLineEdit()
        self.input.setPlaceholderText(_("e.g. kal kitna becha? / reorder Tata salt / इस महीने मुनाफ़ा 15% बढ़ाओ"))
        self.input.setMaxLength(1000)
        self.input.returnPressed.connect(self.send)
        self.send_button = QPushButton(_("Send"))
        self.send_button.clicked.connect(self.send)
        row.addWidget(self.input, 1)
        row.addWidget(self.send_button)
        outer.addLayout(row)
        self.load_history()

    # --- the conversation ----------------------------------------------------------------------
    def load_history(self) -> None:
        try:
            messages = self.handle.history(self.conversation, limit=HISTORY)
        except Exception:
            log.exception("the assistant's history could not be read")
            messages = []
        for message in messages:
            self.add_message(message, scroll=False)
        for bubble in self.bubbles[:-1]:  # only the newest reply's questions can still be answered
            bubble.disable_buttons(EXPIRING)
        QTimer.singleShot(0, self.scroll_to_end)

    def add_message(self, message: dict[str, Any], *, scroll: bool = True) -> Bubble:
        bubble = Bubble(message)
        bubble.pressed.connect(self.press)
        wrap = QHBoxLayout()
        if message.get("role") == "seller":
            wrap.addStretch(1)
            wrap.addWidget(bubble, 5)
        else:
            wrap.addWidget(bubble, 5)
            wrap.addStretch(1)
        self.column.insertLayout(self.column.count() - 1, wrap)
        self.bubbles.append(bubble)
        self.replied.emit(message)
        if scroll:
            QTimer.singleShot(0, self.scroll_to_end)
        return bubble

    def scroll_to_end(self) -> None:
        bar = self.scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _range_changed(self, _low: int, high: int) -> None:
        self.scroll.verticalScrollBar().setValue(high)

    def send(self) -> None:
        text = self.input.text().strip()
        if not text or self.busy:
            return
        self.input.clear()
        self.add_message({"role": "seller", "text": text})
        self._ask(lambda: self.handle.ask(text, conversation=self.conversation, source="panel"))

    def press(self, action_id: str, label: str = "") -> None:
        if self.busy:
            return
        self.add_message({"role": "seller", "text": label or action_id.partition(":")[2]})
        self._ask(lambda: self.handle.press(action_id, conversation=self.conversation, source="panel"))

    def _ask(self, op: Callable[[], Any]) -> None:
        self.busy = True
        self.status.setText(_("Thinking..."))
        for bubble in self.bubbles[:-1]:
            bubble.disable_buttons(EXPIRING)
        self._run(op, self._answered, self._failed)

    def _answered(self, reply: Any) -> None:
        self.busy = False
        self.status.setText("")
        self.add_message(reply_message(reply))

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.status.setText("")
        self.add_message({"role": "assistant", "text": str(error) or _("That did not work; try again.")})

    # --- what the assistant says on its own -----------------------------------------------------
    def on_event_assistant_posted(self, event: Any) -> None:
        if getattr(event, "conversation", None) != self.conversation:
            return
        try:
            newest = self.handle.history(self.conversation, limit=1)
        except Exception:
            log.exception("the assistant's new message could not be read")
            return
        if newest:
            self.add_message(newest[-1])

    def focus_input(self) -> None:
        self.input.setFocus()
        self.input.selectAll()


def install_chat_dock(window: QMainWindow, handle: Any, *, bridge: Any = None, back: Callable[[], None] | None = None,
                      shortcut: str = SHORTCUT, background: Callable[..., None] | None = None) -> QDockWidget:
    """Put the chat panel beside the window's pages (right side, dockable). It starts hidden so the counter
    keeps the whole width of a small screen: F9 shows it and puts the cursor in it; Esc (or F9 again) hides it
    and goes back to the page (``back``, e.g. the counter's command line)."""
    dock = QDockWidget(_("Assistant"), window)
    dock.setObjectName("assistant-dock")
    dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.LeftDockWidgetArea)
    panel = ChatPanel(handle, dock, background=background)
    dock.setWidget(panel)
    dock.setMinimumWidth(420)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    dock.hide()
    if bridge is not None:
        bridge.register(panel)

    def hide_and_go_back() -> None:
        dock.hide()
        if back is not None:
            back()

    def toggle() -> None:
        if dock.isVisible() and panel.input.hasFocus():
            hide_and_go_back()
            return
        dock.show()
        dock.raise_()
        panel.focus_input()

    QShortcut(QKeySequence(shortcut), window, activated=toggle)
    escape = QShortcut(QKeySequence("Esc"), panel, activated=hide_and_go_back)
    escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    return dock
