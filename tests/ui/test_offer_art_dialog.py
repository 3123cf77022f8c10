"""The Marketing page's picture and poster of a campaign's offer: previewed, then saved as a 1080 px PNG and
an A4 PDF with its fonts embedded, in English or Hindi (the customers' language, chosen in the window)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.errors import InputError
from app.services import campaigns, consent, khata
from app.ui.offer_art_dialog import OfferArtDialog
from app.ui.pages.marketing import MarketingPage

SHOTS = os.environ.get("TAVYONIX_SCREENSHOTS")


def test_picture_and_poster_from_the_page(session, make_window, qtbot, tmp_path):
    ctx = session.ctx
    asha = khata.create_customer(ctx, name="Asha Art", phone="9811122255").id
    consent.grant(ctx, asha, method="counter")
    campaigns.plan_campaign(ctx, sku="TATA-SALT-1KG", segment="all", styles=("plain", "missed_you"), seed=3)
    window = make_window()
    page = window.show_page(MarketingPage)
    page.refresh()
    assert not page.art_button.isEnabled()  # nothing chosen yet
    page.table.selectRow(0)
    qtbot.mouseClick(page.art_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, OfferArtDialog) and dialog.isVisible()
    assert dialog.offer is not None and dialog.offer.item == "Tata Salt 1 kg" and dialog.offer.code.endswith("-1A")
    assert dialog.picture_view.pixmap().width() == 300 and dialog.poster_view.pixmap().height() == 300
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "marketing-art-en.png"))

    dialog.variant.setCurrentIndex(1)
    dialog.language.setCurrentIndex(dialog.language.findData("hi"))
    assert dialog.offer.item == "टाटा नमक 1 किलो" and dialog.offer.code.endswith("-1B")
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "marketing-art-hi.png"))

    png = dialog.save("png", tmp_path / "offer.png")
    picture = QImage(str(png))
    assert picture.width() == picture.height() == 1080
    assert dialog.status.text() == f"Saved: {png}"
    pdf = dialog.save("pdf", tmp_path / "poster.pdf")
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
    assert dialog.offer.code in reader.pages[0].extract_text()
    assert b"/FontFile" in pdf.read_bytes()  # the Devanagari is text in an embedded font, not a picture


def test_a_photo_that_is_not_a_picture_is_refused(session, make_window, qtbot, tmp_path):
    campaign = int(campaigns.plan_campaign(session.ctx, sku="TATA-SALT-1KG", segment="all", seed=5).id)
    dialog = OfferArtDialog(session, campaign)
    qtbot.addWidget(dialog)
    bad = tmp_path / "notes.png"
    bad.write_text("not a picture", encoding="utf-8")
    with pytest.raises(InputError, match="is not a picture TAVYONIX can read"):
        dialog.set_photo(bad)
    assert dialog.photo is None


def test_post_on_facebook_from_the_page(session, make_window, qtbot):
    from app.services import catalog
    from app.store import outbox, sync_state

    campaigns.plan_campaign(session.ctx, sku="TATA-SALT-1KG", segment="all", seed=6)
    page = make_window().show_page(MarketingPage)
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)  # no page connected: said, nothing queued
    assert page.dialog is not None and page.dialog.message_label.text() == "No Facebook page is connected."
    page.dialog.close()
    catalog.add_channel(session.ctx, code="facebook", name="Facebook", kind="messaging")
    with session.store.write() as db:
        sync_state.connect_channel(db, channel="facebook", adapter="facebook_page", base_url="http://127.0.0.1:9",
                                   account={"page_id": "1094554433"}, at=session.ctx.now_iso())
    page.table.selectRow(0)
    qtbot.mouseClick(page.post_button, Qt.MouseButton.LeftButton)
    [row] = [r for r in outbox.rows(session.store.db(), channel="facebook")]
    assert row.op == "campaign.post" and "Tata Salt 1 kg" in row.payload["message"]
    assert page.status_line.text().startswith("The offer of campaign 1 will be posted on the Facebook page")


def test_the_window_in_hindi(session, qtbot):
    from app.i18n import set_language

    campaign = int(campaigns.plan_campaign(session.ctx, sku="TATA-SALT-1KG", segment="all", seed=7).id)
    set_language("hi")
    try:
        dialog = OfferArtDialog(session, campaign)
        qtbot.addWidget(dialog)
        dialog.language.setCurrentIndex(dialog.language.findData("hi"))
        assert dialog.windowTitle() == f"अभियान {campaign} की तस्वीर और पोस्टर"
        assert dialog.pdf_button.text() == "पोस्टर सहेजें (PDF) (&O)..."
        if SHOTS:
            dialog.show()
            qtbot.wait(50)
            dialog.grab().save(str(Path(SHOTS) / "marketing-art-window-hi.png"))
    finally:
        set_language("en")
