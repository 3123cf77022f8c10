"""The Trade page's small forms (an export sale, the LUT, packages, proof of export): one dialog of labelled
fields that never blocks; OK hands the values to the page, which reports a refusal without closing it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import parse_inr
from app.domain.trade import terms as trade_terms
from app.i18n import _

__all__ = ["Field", "FieldsDialog", "export_fields", "terms_from"]


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    default: str = ""
    choices: Sequence[tuple[str, str]] = ()  # (value, shown text)
    lines: bool = False  # several lines of text (one item or package a line)
    hint: str = ""


class FieldsDialog(QDialog):
    """Labelled fields; ``on_ok(values)`` returns True when done (the dialog closes) or False to stay open."""

    def __init__(self, parent: QWidget, title: str, fields: Sequence[Field], on_ok: Callable[[dict[str, str]], bool],
                 *, note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("trade-form")
        self.on_ok = on_ok
        self.inputs: dict[str, QLineEdit | QComboBox | QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        if note:
            caption = QLabel(note)
            caption.setWordWrap(True)
            layout.addWidget(caption)
        form = QFormLayout()
        for field in fields:
            widget: QLineEdit | QComboBox | QPlainTextEdit
            if field.choices:
                widget = QComboBox()
                for value, text in field.choices:
                    widget.addItem(text, value)
                if field.default:
                    widget.setCurrentIndex(max(widget.findData(field.default), 0))
            elif field.lines:
                widget = QPlainTextEdit(field.default)
                widget.setPlaceholderText(field.hint)
                widget.setFixedHeight(80)
            else:
                widget = QLineEdit(field.default)
                widget.setPlaceholderText(field.hint)
            widget.setObjectName(f"trade-{field.key}")
            self.inputs[field.key] = widget
            form.addRow(field.label, widget)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def set_value(self, key: str, value: str) -> None:
        widget = self.inputs[key]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def values(self) -> dict[str, str]:
        out = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                out[key] = str(widget.currentData())
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
            else:
                out[key] = widget.text()
        return out

    def submit(self) -> None:
        if self.on_ok(self.values()):
            self.accept()


def export_fields(has_lut: bool) -> list[Field]:
    """The fields of an export sale or order: items, the buyer abroad, money, delivery terms, LUT or IGST."""
    return [
        Field("lines", _("Items"), lines=True, hint=_("one a line: CODE:QUANTITY or CODE:QUANTITY:PRICE")),
        Field("buyer", _("Buyer")), Field("address", _("Buyer's address abroad")),
        Field("country", _("Country (2 letters)"), hint="AE"),
        Field("currency", _("Currency"), "USD", choices=[(c, c) for c in trade_terms.CURRENCIES]),
        Field("rate", _("Rupees for 1 unit of the currency"), hint="84.10"),
        Field("incoterm", _("Incoterm"), "FOB", choices=[(t, t) for t in trade_terms.INCOTERMS]),
        Field("payment", _("Payment terms"), _("advance by bank transfer")),
        Field("route", _("Route"), "courier", choices=[("courier", _("Courier (CSB-V)")),
                                                      ("postal", _("Post office (Dak Ghar Niryat)")),
                                                      ("cargo", _("Cargo (shipping bill)"))]),
        Field("mode", _("GST"), "lut" if has_lut else "igst",
              choices=[("lut", _("Under the LUT, no IGST")), ("igst", _("With IGST paid"))])]


def terms_from(values: dict[str, str]) -> trade_terms.ExportTerms:
    return trade_terms.ExportTerms(
        buyer_name=values["buyer"], buyer_address=values["address"], country=values["country"],
        currency=values["currency"], fx_paise=parse_inr(values["rate"] or "0"), incoterm=values["incoterm"],
        payment_terms=values["payment"], route=values["route"], mode=values["mode"])
