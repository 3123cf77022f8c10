"""The Marketing page's "Picture and poster" window: a campaign's offer previewed as the square picture to
share on WhatsApp and as the A4 poster for the shop's wall, in English or Hindi (the customers' language,
chosen here, not the screen's), with an optional product photo; saved as PNG and PDF
(:mod:`app.ui.offer_art`, the same drawing as ``marketing image`` and ``marketing poster``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError, InputError
from app.i18n import _
from app.session import Session
from app.store import campaigns as campaign_store
from app.ui.offer_art import Offer, campaign_offer, offer_image, offer_poster, poster_image

__all__ = ["OfferArtDialog"]

PREVIEW = 300  # pixels: the picture's side and the poster's height on screen


class OfferArtDialog(QDialog):
    def __init__(self, session: Session, campaign_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.campaign_id = campaign_id
        self.photo: QImage | None = None
        self.offer: Offer | None = None
        self.setWindowTitle(_("Picture and poster of campaign {id}").format(id=campaign_id))
        layout = QVBoxLayout(self)
        choices = QHBoxLayout()
        self.language = QComboBox()
        self.language.setObjectName("art-language")
        self.language.addItem(_("English"), "en")
        self.language.addItem("हिन्दी", "hi")
        self.variant = QComboBox()
        self.variant.setObjectName("art-variant")
        for variant in campaign_store.variants(session.store.db(), campaign_id):
            self.variant.addItem(_("Variant {label} ({code})").format(label=variant.label, code=variant.code),
                                 variant.label)
        self.photo_button = QPushButton(_("Product &photo..."))
        self.photo_button.clicked.connect(self._choose_photo)
        choices.addWidget(QLabel(_("Words in:")))
        choices.addWidget(self.language)
        choices.addWidget(self.variant)
        choices.addWidget(self.photo_button)
        choices.addStretch(1)
        layout.addLayout(choices)
        previews = QHBoxLayout()
        self.picture_view = QLabel()
        self.picture_view.setObjectName("art-picture")
        self.poster_view = QLabel()
        self.poster_view.setObjectName("art-poster")
        for view, caption in ((self.picture_view, _("Picture to share (1080 × 1080)")),
                              (self.poster_view, _("Poster for the wall (A4)"))):
            column = QVBoxLayout()
            column.addWidget(QLabel(caption))
            view.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(view)
            previews.addLayout(column)
        layout.addLayout(previews)
        buttons = QHBoxLayout()
        self.png_button = QPushButton(_("Save p&icture (PNG)..."))
        self.png_button.clicked.connect(lambda: self._ask_and_save("png"))
        self.pdf_button = QPushButton(_("Save p&oster (PDF)..."))
        self.pdf_button.clicked.connect(lambda: self._ask_and_save("pdf"))
        close = QPushButton(_("Close"))
        close.clicked.connect(self.accept)
        self.status = QLabel()
        self.status.setObjectName("art-status")
        self.status.setWordWrap(True)
        for button in (self.png_button, self.pdf_button, close):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addWidget(self.status, 1)
        layout.addLayout(buttons)
        self.language.currentIndexChanged.connect(self.redraw)
        self.variant.currentIndexChanged.connect(self.redraw)
        self.redraw()

    def redraw(self) -> None:
        try:
            self.offer = campaign_offer(self.session.store.db(), self.campaign_id,
                                        language=str(self.language.currentData()),
                                        variant=str(self.variant.currentData() or "A"))
        except AppError as error:
            self.offer = None
            self.status.setText(str(error))
            return
        picture = offer_image(self.offer, photo=self.photo, size=PREVIEW)
        self.picture_view.setPixmap(QPixmap.fromImage(picture))
        poster = poster_image(self.offer, photo=self.photo, width=round(PREVIEW * 210 / 297))
        self.poster_view.setPixmap(QPixmap.fromImage(poster))

    def set_photo(self, path: Path) -> None:
        image = QImage(str(path))
        if image.isNull():
            raise InputError(_("{path} is not a picture TAVYONIX can read (PNG or JPEG).").format(path=path))
        self.photo = image
        self.redraw()

    def _choose_photo(self) -> None:
        path, _chosen = QFileDialog.getOpenFileName(self, _("The item's photo"), "",
                                                    _("Pictures (*.png *.jpg *.jpeg)"))
        if path:
            try:
                self.set_photo(Path(path))
            except AppError as error:
                self.status.setText(str(error))

    def save(self, kind: str, path: Path) -> Path:
        """Write the picture (``png``) or the poster (``pdf``) at full size to ``path``."""
        if self.offer is None:
            raise InputError(_("There is no offer to save."))
        path = path.with_suffix(f".{kind}")  # the file's type follows its name
        if kind == "pdf":
            offer_poster(self.offer, path, photo=self.photo)
        elif not offer_image(self.offer, photo=self.photo).save(str(path)):
            raise InputError(_("Could not write {path}.").format(path=path))
        self.status.setText(_("Saved: {path}").format(path=path))
        return path

    def _ask_and_save(self, kind: str) -> None:
        language = str(self.language.currentData())
        suggested = f"offer-{self.campaign_id}-{language}.{kind}"
        filters = _("Picture (*.png)") if kind == "png" else _("PDF (*.pdf)")
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the offer"), suggested, filters)
        if not path:
            return
        try:
            self.save(kind, Path(path))
        except (AppError, OSError) as error:
            self.status.setText(str(error))
