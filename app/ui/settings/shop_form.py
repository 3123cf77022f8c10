"""The shop's profile as the bills print it: name, address, phone, UPI id, GST registration and the bill
number prefix. Saved through ``app.services.shop`` and ``app.services.settings``; refusals in words."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from app import config
from app.domain.gst import SCHEMES, STATES
from app.errors import AppError
from app.i18n import _
from app.services import settings as settings_service
from app.services import shop as shop_service
from app.session import Session

TEXT_FIELDS = ("name", "address", "city", "pincode", "phone", "upi_id", "gstin", "fssai_no")


class ShopForm(QGroupBox):
    saved = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(_("The shop"), parent)
        self.session = session
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {name: QLineEdit() for name in TEXT_FIELDS}
        self.state = QComboBox()
        for code, name in sorted(STATES.items(), key=lambda kv: kv[1]):
            self.state.addItem(f"{name} ({code})", code)
        self.scheme = QComboBox()
        names = {"regular": _("Registered, regular GST (tax invoices)"),
                 "composition": _("Registered, composition scheme (bills of supply)"),
                 "unregistered": _("Not registered for GST")}
        for key in SCHEMES:
            self.scheme.addItem(names[key], key)
        self.prefix = QLineEdit()
        self.prefix.setMaxLength(5)
        labels = {"name": _("Shop name"), "address": _("Address"), "city": _("City"), "pincode": _("PIN code"),
                  "phone": _("Phone"), "upi_id": _("UPI id for QR payments"), "gstin": _("GSTIN"),
                  "fssai_no": _("FSSAI licence number")}
        for name in TEXT_FIELDS[:5]:
            form.addRow(labels[name], self.edits[name])
        form.addRow(_("State of the shop"), self.state)
        form.addRow(_("GST"), self.scheme)
        for name in TEXT_FIELDS[5:]:
            form.addRow(labels[name], self.edits[name])
        form.addRow(_("Bill numbers start with"), self.prefix)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = QPushButton(_("Save the shop's details"))
        self.save_button.setObjectName("save-shop")
        self.save_button.clicked.connect(self.save)
        form.addRow(self.note)
        form.addRow(self.save_button)
        self.load()

    def load(self) -> None:
        profile = shop_service.profile(self.session.store)
        for name, edit in self.edits.items():
            edit.setText(getattr(profile, name) or "")
        self.state.setCurrentIndex(max(0, self.state.findData(profile.state_code)))
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(profile.gst_scheme)))
        self.prefix.setText(settings_service.get(self.session.store, config.INVOICE_PREFIX))

    def save(self) -> None:
        from app.ui.access import when_owner

        if when_owner(self.session, self, _("change the settings"), self._save) is not None:
            return  # the PIN dialog saves once the owner's PIN is typed

    def _save(self) -> None:
        profile = shop_service.profile(self.session.store)
        wanted = {name: edit.text().strip() for name, edit in self.edits.items()}
        wanted["gstin"] = wanted["gstin"].upper()
        wanted |= {"state_code": self.state.currentData(), "gst_scheme": self.scheme.currentData()}
        changed = {k: (v or None) if k in ("gstin", "upi_id", "phone", "fssai_no") else v
                   for k, v in wanted.items() if (getattr(profile, k) or "") != v}
        prefix = self.prefix.text().strip().upper()
        ctx = self.session.ctx
        try:
            with ctx.store.write():  # the profile and the prefix together, or neither
                if changed:
                    shop_service.update_shop(ctx, **changed)
                if prefix != settings_service.get(self.session.store, config.INVOICE_PREFIX):
                    settings_service.set_setting(ctx, config.INVOICE_PREFIX.key, prefix)
        except AppError as exc:
            self.note.setStyleSheet("color: #b42318;")
            self.note.setText(exc.message + (f" {exc.hint}" if exc.hint else ""))
            return
        self.note.setStyleSheet("color: #067647;")
        self.note.setText(_("Saved. New bills print these details."))
        self.saved.emit()
