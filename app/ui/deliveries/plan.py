"""The operations agent's plan for the selected order, under the orders list: what to pick, the box, each
shipping method's cost and days (or why it cannot), the one chosen, by when, and whether the agent may go
ahead alone or waits for the seller."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from app.errors import AppError
from app.i18n import _
from app.services import fulfilment_plans
from app.session import Session


class PlanLabel(QScrollArea):
    """The plan's text (``label``), scrolled when the window is short."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.label = QLabel()
        self.label.setObjectName("fulfilment-plan")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.lines: list[str] = []
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # the QLabel name, so the page reads it like a label
        self.label.setText(text)

    def show_plan(self, order_id: int | None) -> None:
        """Show the plan for ``order_id`` (hide it for None: an order already on its way or done)."""
        self.lines = []
        if order_id is not None:
            try:
                self.lines = fulfilment_plans.plan_lines(fulfilment_plans.plan_for(self.session.ctx, order_id),
                                                         self.session.ctx)
            except AppError as exc:
                self.lines = [str(exc)]
        self.setVisible(bool(self.lines))
        if not self.lines:
            self.setText("")
            return
        title = _("Operations agent's plan for order {id}").format(id=order_id)
        self.setText(f"<b>{escape(title)}</b><br>" + "<br>".join(escape(line) for line in self.lines))
