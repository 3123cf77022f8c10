"""Barcode labels as printed: the bars scanned back off the picture, the pages counted in the PDF."""

import re
from pathlib import Path

import pytest
from ean13_scan import scan_ean13

from app.errors import InputError
from app.ui.printing.labels import LabelItem, label_items, render_label_image, write_labels_pdf

SALT = LabelItem("SALT1", "Tata Salt Iodised 1 kg", "8904000210037", 3000, 2800)


def _pages(path: Path) -> list[bytes]:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    return re.findall(rb"/Type /Page\s.*?/MediaBox \[([^\]]*)\]", data, flags=re.S)


@pytest.mark.parametrize(("layout", "dots"), [("roll-50x25", 8.0), ("a4-65", 8.0), ("a4-24", 8.0),
                                               ("a4-65", 11.8)])
def test_the_printed_bars_scan_back_to_the_items_barcode(qapp, layout, dots):
    for item in (SALT, LabelItem("M", "मैगी नूडल्स 70 ग्राम", "8901058000290", 1400, 1400),
                 LabelItem("X", "Loose", "0012345678905", 500, 500)):
        image = render_label_image(item, dots, layout)
        assert scan_ean13(image) == item.barcode


def test_a4_sheets_and_the_roll_have_the_pages_the_labels_need(qapp, tmp_path):
    two = [SALT, LabelItem("M", "Maggi 70 g", "8901058000290", 1400, 1400)]
    assert write_labels_pdf(two, tmp_path / "a.pdf", "a4-65", copies=35) == 2  # 70 labels: 65 + 5
    assert len(_pages(tmp_path / "a.pdf")) == 2
    assert write_labels_pdf(two, tmp_path / "b.pdf", "a4-24", copies={"SALT1": 20, "M": 4}) == 1
    assert write_labels_pdf(two, tmp_path / "c.pdf", "a4-24", copies={"SALT1": 20, "M": 4}, skip=1) == 2
    assert write_labels_pdf(two, tmp_path / "d.pdf", "roll-50x25", copies=3) == 6
    pages = _pages(tmp_path / "d.pdf")
    width, height = (float(v) for v in pages[0].split()[2:4])
    assert len(pages) == 6 and round(width / 72 * 25.4) == 50 and round(height / 72 * 25.4) == 25
    a4 = _pages(tmp_path / "a.pdf")[0].split()
    assert round(float(a4[2]) / 72 * 25.4) == 210 and round(float(a4[3]) / 72 * 25.4) == 297
    with pytest.raises(InputError):
        write_labels_pdf(two, tmp_path / "e.pdf", copies=0)


def test_items_without_a_usable_barcode_are_left_out_with_the_reason(session):
    from app.services import catalog

    db = session.store.db()
    for sku, barcode, name_hi in (("NOBAR", None, ""), ("EAN8", "96385074", ""), ("GOOD", "8901058000290", "मैगी")):
        catalog.create_product(session.ctx, sku=sku, name_en=f"Item {sku}", name_hi=name_hi, barcode=barcode,
                               price_paise=1400, mrp_paise=1400, cost_paise=1000, hsn_code="1902")
    found, skipped = label_items(db, ["GOOD", "NOBAR", "EAN8", "NOPE"], hindi=True)
    assert [(i.sku, i.name, i.barcode) for i in found] == [("GOOD", "मैगी", "8901058000290")]
    assert [s[0] for s in skipped] == ["NOBAR", "EAN8", "NOPE"]
    assert "no barcode" in skipped[0][1] and "EAN-13" in skipped[1][1]


def test_labels_for_the_items_chosen_on_the_items_page(qtbot, window, session):
    from PySide6.QtCore import QItemSelectionModel, Qt

    from app.ui.items.labels_dialog import LabelsDialog
    from app.ui.pages.items import ItemsPage

    page = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    with_code = [n for n in range(5) if page.model.product_at(n).barcode]
    without = [n for n in range(5) if not page.model.product_at(n).barcode]
    selection = page.table.selectionModel()
    for n in (with_code[0], without[0]):
        selection.select(page.model.index(n, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = page.item_actions.dialog
    assert isinstance(dialog, LabelsDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == 1 and not dialog.preview.pixmap().isNull()
    assert "has no barcode" in dialog.skipped_note.text() and not dialog.skipped_note.isHidden()
    dialog.copies[dialog.items[0].sku].setValue(66)
    assert dialog.summary.text() == "66 labels on 2 sheet(s)."
    dialog.layout_combo.setCurrentIndex(dialog.layout_combo.findData("a4-24"))
    dialog.skip.setValue(23)
    assert dialog.summary.text() == "66 labels on 4 sheet(s)."
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.written is not None and dialog.written.parent.name == session.shop
    assert len(_pages(dialog.written)) == 4 and dialog.summary.text().startswith("Saved 4 pages")


def test_the_same_labels_through_qts_printer_a_page_a_label_on_the_roll(qapp, tmp_path):
    from app.ui.printing.labels import print_labels

    pages = print_labels([SALT], "", "roll-50x25", copies=3, pdf_file=tmp_path / "job.pdf")
    found = _pages(tmp_path / "job.pdf")
    width, height = (float(v) for v in found[0].split()[2:4])
    assert pages == 3 == len(found) and round(width / 72 * 25.4) == 50 and round(height / 72 * 25.4) == 25


def test_a_label_printer_spoken_to_in_zpl_over_the_network(qtbot, ui_app, session):
    import socket
    import threading

    from PySide6.QtCore import Qt

    from app import config
    from app.ui.items.labels_dialog import LabelsDialog

    sku, barcode = session.store.db().execute(
        "SELECT sku, barcode FROM product WHERE length(barcode) = 13 ORDER BY sku LIMIT 1").fetchone()
    server = socket.create_server(("127.0.0.1", 0))  # the label printer's raw port
    received = bytearray()

    def printer() -> None:
        conn, _addr = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=printer)
    thread.start()
    dialog = LabelsDialog(session, [sku])
    qtbot.addWidget(dialog)
    dialog.copies[sku].setValue(4)
    assert not dialog.target.isEnabled()
    dialog.language.setCurrentIndex(dialog.language.findData("zpl"))
    assert dialog.layout_key() == "roll-50x25" and not dialog.layout_combo.isEnabled() and dialog.target.isEnabled()
    assert not dialog.print_button.isEnabled()  # nowhere to send yet
    dialog.target.setText(f"tcp:127.0.0.1:{server.getsockname()[1]}")
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sent to" in dialog.summary.text(), timeout=10_000)
    thread.join(10)
    server.close()
    assert dialog.summary.text().startswith("4 labels sent to tcp:127.0.0.1") and "(ZPL)" in dialog.summary.text()
    assert f"^FD{barcode[:12]}^FS".encode() in received and b"^PQ4" in received
    assert session.machine.get(config.LABEL_LANGUAGE) == "zpl"  # kept for this PC
    assert session.machine.get(config.LABEL_PRINTER).startswith("tcp:127.0.0.1:")
