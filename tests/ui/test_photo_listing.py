"""The Items page's photo drop: a pack's photo through the real onboarding, its listing kept on the item."""

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.store import catalog
from app.store.product_listing import get_listing
from app.ui.items.item_dialog import ItemDialog
from app.ui.items.photo_listing import ListingDialog
from app.ui.pages.items import ItemsPage

PACK = Path(__file__).resolve().parents[1] / "data" / "packs" / "pack_000.jpg"


def _drop(zone, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    zone.dropEvent(event)


def test_a_dropped_photo_becomes_the_selected_items_listing(qtbot, window, session, tmp_path):
    page = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    row = page.model.row_of("PARLE-G-80")
    page.table.selectRow(row)
    (tmp_path / "notes.txt").write_text("not a photo")
    _drop(page.photo_drop, [tmp_path / "notes.txt", PACK])
    qtbot.waitUntil(lambda: isinstance(page.item_actions.dialog, ListingDialog), timeout=30_000)
    dialog = page.item_actions.dialog
    assert dialog.product.sku == "PARLE-G-80" and not dialog.picture.pixmap().isNull()
    assert dialog.specs.rowCount() == len(dialog.listing.specifications)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    saved = get_listing(session.store.db(), "PARLE-G-80")
    assert saved is not None and saved.images == len(dialog.listing.images) >= 1
    assert catalog.get(session.store.db(), "PARLE-G-80").price_paise == dialog.listing.price_paise


def test_or_a_new_item_made_from_it(qtbot, window, session):
    page = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    page.table.clearSelection()
    page.item_actions.listing_from_photos([PACK])
    qtbot.waitUntil(lambda: isinstance(page.item_actions.dialog, ListingDialog), timeout=30_000)
    dialog = page.item_actions.dialog
    assert dialog.keep_button is None
    dialog.new_item()
    item = dialog.child
    assert isinstance(item, ItemDialog)
    qtbot.keyClicks(item.sku, "PACK-1")
    if not item.name_en.text():
        qtbot.keyClicks(item.name_en, "Pack from a photo")
    item.mrp.setText("30")
    item.price.setText("28")
    item.cost.setText("20")
    item.save()
    qtbot.waitUntil(lambda: get_listing(session.store.db(), "PACK-1") is not None, timeout=10_000)
    assert catalog.get(session.store.db(), "PACK-1").price_paise == 2800
