"""The Counter page's offer-code field: the cashier types (or scans) the code from a customer's WhatsApp
offer; the bill being rung up is tied to that campaign and variant when it is paid.

The code is checked at once (:func:`app.services.offer_codes.offer_for`): a code no offer gave out, an
offer that ended or is paused, is refused in plain words and nothing is held. An accepted code belongs to
the bill on screen when it was given; when that bill is paid, the redemption is written with it
(:func:`app.services.campaigns.redeem`), which is what the variants' Thompson sampling counts. A code on a
bill that was thrown away is dropped. Placed on the page by :class:`app.ui.pages.counter.CounterPage`; a
code typed or read by a keyboard-wedge reader into the item box (``K7QM-3A``, which no item matches) comes
here instead of "No item matches".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from app.domain.money import format_inr
from app.errors import AppError
from app.i18n import _, language
from app.services import offer_codes
from app.services.context import Origin
from app.ui import tasks
from app.ui.dialogs import error_texts

__all__ = ["OfferCodeField"]

_OK = "color: #067647;"
_ERROR = "color: #b42318; font-weight: bold;"


class OfferCodeField(QWidget):
    def __init__(self, page: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.held: tuple[object, offer_codes.CodeOffer] | None = None  # (the bill it was given for, the offer)
        self.redeemed: list[tuple[str, int]] = []  # (code, bill) written on this screen, newest last
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(_("Offer code:"))
        self.edit = QLineEdit()
        self.edit.setObjectName("offer-code")
        self.edit.setPlaceholderText(_("from the customer's message, e.g. K7QM-3A"))
        self.edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 16)
        self.edit.returnPressed.connect(lambda: self.take(self.edit.text()))
        self.clear_button = QPushButton(_("Remove code"))
        self.clear_button.setVisible(False)
        self.clear_button.clicked.connect(self.clear)
        self.status = QLabel("")
        self.status.setObjectName("offer-code-status")
        self.status.setWordWrap(True)
        row.addWidget(self.label)
        row.addWidget(self.edit)
        row.addWidget(self.clear_button)
        row.addWidget(self.status, 1)
        page.sale_saved.connect(self._sale_saved)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(_ERROR if error else _OK)

    def take(self, text: str) -> bool:
        """Check a code and hold it for the bill on screen; True when it was accepted."""
        try:
            offer = offer_codes.offer_for(self.page.ctx, text)
        except AppError as exc:
            message, hint = error_texts(exc)
            self._say(f"{message} {hint}".strip(), error=True)
            self.edit.selectAll()
            return False
        self.held = (self.page.bill, offer)
        self.edit.setText(offer.code)
        self.clear_button.setVisible(True)
        item = offer.item_hi if language() == "hi" and offer.item_hi else offer.item_en
        text = _("Offer {code}: {item} at {price}; this bill counts for it.").format(
            code=offer.code, item=item, price=format_inr(offer.price_paise))
        if offer.sku not in {line.sku for line in getattr(self.page.bill, "lines", [])}:
            text += " " + _("Put {item} on the bill if the customer takes it.").format(item=item)
        self._say(text)
        self.page.command.setFocus()
        return True

    def scanned(self, text: str) -> bool:
        """Text from the item box that no item matched: taken here when it is shaped like a code (True)."""
        if not offer_codes.looks_like_code(text):
            return False
        self.take(text)
        return True

    def clear(self) -> None:
        self.held = None
        self.edit.clear()
        self.clear_button.setVisible(False)
        self._say("")

    def _sale_saved(self, order_id: int) -> None:
        if self.held is None:
            return
        bill, offer = self.held
        if any(b is bill for b in self.page.bills):
            return  # another bill was paid: the code waits for its own
        self.clear()
        ctx = self.page.ctx
        origin = Origin(actor="seller", reason=_("Code said at the counter."))

        def done(_changes: object) -> None:
            self.redeemed.append((offer.code, order_id))
            self._say(_("Code {code} counted for the bill.").format(code=offer.code))

        def failed(error: BaseException) -> None:
            message, hint = error_texts(error)
            self._say(f"{message} {hint}".strip(), error=True)

        from app.services import campaigns  # when a code is redeemed: not on the way to the first window

        tasks.run_in_background(lambda: campaigns.redeem(ctx, offer.code, order_id, origin=origin), done, failed,
                                owner=self)

    def forget_gone_bill(self) -> None:
        """The bill the code was given for is no longer on the counter (thrown away): drop the code."""
        if self.held is not None and not any(b is self.held[0] for b in self.page.bills):
            self.clear()
