"""Two small forms for problems found while fulfilling an order: "Short at picking" (which item, how many
were really on the shelf; the proposal comes back in plain words) and "Return damaged" (what is damaged; the
stock comes back and is written off). Both go through ``app.services.order_issues``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.qty import format_qty, to_milli
from app.errors import AppError
from app.i18n import _
from app.services import order_issues
from app.session import Session
from app.store import orders as order_store


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None, on_done: Callable[[], None] | None) -> None:
        super().__init__(parent)
        self.on_done = on_done
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.message = QLabel()
        self.message.setObjectName("issue-message")
        self.message.setWordWrap(True)
        self.layout_.addWidget(self.message)
        row = QHBoxLayout()
        self.ok_button = QPushButton(_("&Save"))
        self.ok_button.setObjectName("issue-save")
        self.ok_button.setAutoDefault(False)
        self.ok_button.clicked.connect(self.save)
        close = QPushButton(_("Close"))
        close.setObjectName("issue-close")
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        row.addWidget(self.ok_button)
        row.addStretch(1)
        row.addWidget(close)
        self.layout_.addLayout(row)

    def save(self) -> None:
        try:
            self.message.setText(self.act())
        except AppError as exc:
            self.message.setText(exc.message)
            self.message.setStyleSheet("color: #b00020")
            return
        self.message.setStyleSheet("")
        self.ok_button.setEnabled(False)
        if self.on_done is not None:
            self.on_done()

    def act(self) -> str:
        raise NotImplementedError


class ShortDialog(_Form):
    """Which item of the order is short, and how many were found."""

    def __init__(self, session: Session, order_id: int, *, on_done: Callable[[], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(_("Short at picking: order {id}").format(id=order_id), parent, on_done)
        self.session, self.order_id = session, order_id
        order = order_store.get(session.store.db(), order_id)
        self.item = QComboBox()
        self.item.setObjectName("short-item")
        for line in order.lines if order else ():
            self.item.addItem(f"{line.name} × {format_qty(line.qty_milli, line.unit)}", (line.sku, line.unit))
        self.found = QLineEdit()
        self.found.setObjectName("short-found")
        self.found.setPlaceholderText(_("0 if none"))
        self.form.addRow(_("Item:"), self.item)
        self.form.addRow(_("Found on the shelf:"), self.found)
        self.message.setText(_("The books are corrected at once, so no marketplace sells what is not there."))

    def act(self) -> str:
        sku, unit = self.item.currentData()
        found = to_milli(self.found.text().strip() or "0", unit)
        return order_issues.report_short(self.session.ctx, self.order_id, sku, found).proposal


class DamagedReturnDialog(_Form):
    """What is damaged in the returned parcel: the whole order's, or one part booked on its own (``part_no``)."""

    def __init__(self, session: Session, order_id: int, *, part_no: int | None = None,
                 on_done: Callable[[], None] | None = None, parent: QWidget | None = None) -> None:
        title = (_("Damaged return: order {id}").format(id=order_id) if part_no is None else
                 _("Damaged part {part}: order {id}").format(part=part_no, id=order_id))
        super().__init__(title, parent, on_done)
        self.session, self.order_id, self.part_no = session, order_id, part_no
        self.reason = QLineEdit()
        self.reason.setObjectName("damage-reason")
        self.reason.setPlaceholderText(_("e.g. box crushed, packet torn"))
        self.form.addRow(_("What is damaged:"), self.reason)
        self.message.setText(_("The parcel's stock comes back and is written off with this reason.") if part_no is None
                             else _("Only this part's units are written off with this reason; the rest of the order "
                                    "is untouched."))

    def act(self) -> str:
        if self.part_no is not None:
            order_issues.receive_damaged_part(self.session.ctx, self.order_id, self.part_no, reason=self.reason.text())
            return _("Part {part} of order {id} received damaged and written off.").format(part=self.part_no,
                                                                                          id=self.order_id)
        order_issues.receive_damaged_return(self.session.ctx, self.order_id, reason=self.reason.text())
        return _("Return of order {id} received and written off.").format(id=self.order_id)
