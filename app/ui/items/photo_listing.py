"""The Items page's photo drop: photos of a product dropped (or chosen) there go through the onboarding
(``Session.listing_from_photos``, in the background); the listing it makes is shown (photo, title and
description in English and Hindi, specifications, what is still to answer), then kept on the selected
item, or on a new item made from it (``app.services.product_listing.save_listing``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.records import Product
from app.errors import AppError
from app.i18n import _
from app.services import product_listing
from app.session import Session
from app.ui.dialogs import error_texts

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp")
PHOTO_FILES = "Photos (*.jpg *.jpeg *.png *.webp *.bmp)"
MAX_PHOTOS = 5


def photo_paths(names: list[str]) -> list[Path]:
    return [Path(n) for n in names if Path(n).suffix.lower() in PHOTO_SUFFIXES][:MAX_PHOTOS]


class PhotoDropZone(QFrame):
    """A box to drop 1-5 photos of one product on; Enter, Space or a click chooses them instead."""

    photos_chosen = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photo-drop")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#photo-drop { border: 2px dashed #98a2b3; border-radius: 6px; }"
                           "#photo-drop:focus { border-color: #2e86c1; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        self.label = QLabel(_("Drop photos of a pack here (or press Enter) to make its listing for the selected "
                              "item or a new one"))
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and photo_paths([u.toLocalFile() for u in urls]):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        found = photo_paths([u.toLocalFile() for u in event.mimeData().urls()])
        if found:
            event.acceptProposedAction()
            self.photos_chosen.emit(found)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.choose()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.choose()
            return
        super().keyPressEvent(event)

    def choose(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Photos of one product"), "", PHOTO_FILES)
        found = photo_paths(names)
        if found:
            self.photos_chosen.emit(found)


class ListingDialog(QDialog):
    """The listing made from the photos; "Keep it on <item>" or "New item from it". Emits ``saved(sku)``."""

    saved = Signal(str)

    def __init__(self, session: Session, listing: Any, product: Product | None, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.session, self.listing, self.product = session, listing, product
        self.child: QWidget | None = None  # the new-item dialog, when opened
        self.setWindowTitle(_("Listing from the photos"))
        self.setMinimumSize(760, 640)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.picture = QLabel()
        self.picture.setFixedSize(220, 220)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if listing.images:
            pixmap = QPixmap()
            pixmap.loadFromData(listing.images[0].jpeg)
            self.picture.setPixmap(pixmap.scaled(216, 216, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
        top.addWidget(self.picture)
        words = QVBoxLayout()
        self.title = QLabel(listing.title or _("(no title yet: answer the questions below)"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        words.addWidget(self.title)
        if listing.title_hi:
            words.addWidget(QLabel(listing.title_hi))
        self.description = QLabel(listing.description_en or "")
        self.description.setWordWrap(True)
        words.addWidget(self.description)
        words.addStretch(1)
        top.addLayout(words, 1)
        layout.addLayout(top)

        self.specs = QTableWidget(len(listing.specifications), 2)
        self.specs.setHorizontalHeaderLabels([_("Detail"), _("Value")])
        self.specs.verticalHeader().setVisible(False)
        self.specs.horizontalHeader().setStretchLastSection(True)
        for row, (key, value) in enumerate(listing.specifications.items()):
            for column, text in enumerate((str(key).replace("_", " "), str(value))):
                cell = QTableWidgetItem(text)
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.specs.setItem(row, column, cell)
        self.specs.setMinimumHeight(150)
        layout.addWidget(self.specs, 1)
        asks = [m.question for m in listing.missing] + [c.message for c in listing.compliance if c.blocking]
        self.missing = QLabel(_("Still to answer before a marketplace takes it:") + "\n" + "\n".join(
            f"• {text}" for text in asks) if asks else _("Complete: a marketplace can take it as it is."))
        self.missing.setObjectName("listing-missing")
        self.missing.setWordWrap(True)
        layout.addWidget(self.missing)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout.addWidget(self.note)

        buttons = QDialogButtonBox()
        self.keep_button = None
        if product is not None:
            self.keep_button = buttons.addButton(_("&Keep it on {name}").format(name=product.name_en),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
            self.keep_button.setObjectName("listing-keep")
            self.keep_button.clicked.connect(lambda: self.keep(product.sku))
        self.new_button = buttons.addButton(_("&New item from it..."), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.setObjectName("listing-new-item")
        self.new_button.clicked.connect(self.new_item)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def keep(self, sku: str) -> bool:
        try:
            product_listing.save_listing(self.session.ctx, sku, self.listing)
        except AppError as exc:
            message, hint = error_texts(exc)
            self.note.setStyleSheet("color: #b42318;")
            self.note.setText(f"{message} {hint}".strip())
            return False
        self.saved.emit(sku)
        self.accept()
        return True

    def new_item(self) -> None:
        """The item dialog with what the photos said filled in; the listing is kept once the item is saved."""
        from app.domain.money import format_inr
        from app.ui.items.item_dialog import ItemDialog

        dialog = ItemDialog(self.session, self)
        listing = self.listing
        dialog.name_en.setText(listing.name or listing.title or "")
        dialog.name_hi.setText(listing.title_hi or "")
        if listing.hsn_code:
            dialog.hsn.setText(listing.hsn_code)
        if listing.gst_rate_bp is not None:
            dialog.gst.setCurrentIndex(max(0, dialog.gst.findData(listing.gst_rate_bp)))
        for edit, paise in ((dialog.mrp, listing.mrp_paise), (dialog.price, listing.price_paise)):
            if paise is not None:
                edit.setText(format_inr(paise, symbol=False).replace(",", ""))
        dialog.saved.connect(self.keep)
        self.child = dialog
        dialog.open()
