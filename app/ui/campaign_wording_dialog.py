"""*Edit wording...* on the Marketing page: the seller writes a campaign variant's greeting in English and
Hindi; the item, the price quoted now, the code and the STOP line stay the app's (``campaigns.edit_wording``),
and the message as a customer will read it is shown below as the seller types."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain import campaigns as rules
from app.errors import AppError
from app.i18n import _
from app.services import campaigns
from app.session import Session
from app.store import campaigns as campaign_store

__all__ = ["CampaignWordingDialog"]


class CampaignWordingDialog(QDialog):
    def __init__(self, session: Session, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.campaign_id = session, campaign_id
        self.setWindowTitle(_("Wording of campaign {id}").format(id=campaign_id))
        self.setMinimumWidth(620)
        form = QFormLayout(self)
        self.variant = QComboBox()
        self.variants = campaign_store.variants(session.store.db(), campaign_id)
        for v in self.variants:
            self.variant.addItem(f"{v.label} ({v.code})", v.label)
        self.opening_en = QLineEdit()
        self.opening_hi = QLineEdit()
        for edit in (self.opening_en, self.opening_hi):
            edit.setMaxLength(rules.OPENING_MAX)
            edit.setPlaceholderText(_("Empty: the usual greeting. {name} stands for the customer's name."))
        self.preview = QLabel()
        self.preview.setObjectName("wording-preview")
        self.preview.setWordWrap(True)
        self.note = QLabel(_("The item, today's price, the code and the STOP line are always added by TAVYONIX. "
                             "Links you share use these words; the WhatsApp Business API sends the approved "
                             "template's words."))
        self.note.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b42318;")
        self.error.setWordWrap(True)
        form.addRow(_("Variant"), self.variant)
        form.addRow(_("Greeting (English)"), self.opening_en)
        form.addRow(_("Greeting (Hindi)"), self.opening_hi)
        form.addRow(_("Message"), self.preview)
        form.addRow(self.note)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.variant.currentIndexChanged.connect(self._load)
        self.opening_en.textChanged.connect(self._show)
        self._load()

    def _chosen(self) -> campaign_store.Variant | None:
        label = self.variant.currentData()
        return next((v for v in self.variants if v.label == label), None)

    def _load(self) -> None:
        chosen = self._chosen()
        self.opening_en.setText(chosen.opening_en if chosen else "")
        self.opening_hi.setText(chosen.opening_hi if chosen else "")
        self._show()

    def _show(self) -> None:
        """The English message as a customer named Asha will read it, with the greeting being typed."""
        from app.services.catalog import get_product
        from app.store.shop import get_profile

        chosen = self._chosen()
        db = self.session.store.db()
        campaign = campaign_store.get_campaign(db, self.campaign_id)
        if chosen is None or campaign is None:
            self.preview.setText("")
            return
        product = get_product(db, campaign.sku)
        profile = get_profile(db)
        typed = self.opening_en.text().strip()
        self.preview.setText(rules.render(
            style=chosen.style, language="en", customer="Asha", shop=profile.name if profile else "",
            item_en=product.name_en, item_hi=product.name_hi, price_paise=campaign.quoted_price_paise,
            mrp_paise=product.mrp_paise, code=chosen.code, festival=campaign.festival,
            opening="" if rules.opening_problem(typed) else typed))

    def save(self) -> None:
        label = self.variant.currentData()
        try:
            campaigns.edit_wording(self.session.ctx, self.campaign_id, str(label),
                                   opening_en=self.opening_en.text(), opening_hi=self.opening_hi.text())
        except AppError as error:
            self.error.setText(str(error))
            return
        self.accept()
