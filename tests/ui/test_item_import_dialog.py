"""The import dialog tells a Marg list by its headings, and the seller can say otherwise."""

from PySide6.QtCore import Qt

from app.store import catalog
from app.ui.items import ItemImportDialog


def test_a_marg_list_is_recognised_and_its_company_column_kept_as_the_maker(qtbot, ui_app, session, tmp_path):
    path = tmp_path / "marg.csv"
    path.write_text("Code,Product,Packing,Company,Unit,MRP,Sale Rate,P.Rate,GST %,Stock\n"
                    "M1,Vicks Vaporub 25 ml,25ML,P&G,PCS,125,120,100,12,6\n"
                    "M2,Crocin Advance,15 TAB,GSK,PCS,30.50,29,24,12,40\n", encoding="utf-8")
    before = catalog.count(session.store.db())
    dialog = ItemImportDialog(session, path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=10_000)
    assert dialog.source_combo.currentData() == "marg"
    assert dialog.combos["brand"].currentData() == "Company" and dialog.combos["category"].currentData() == ""
    assert dialog.combos["price"].currentData() == "Sale Rate" and len(dialog.check.ready) == 2

    dialog.check = None
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData("plain"))  # "no, a plain Excel list"
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=10_000)
    assert dialog.combos["category"].currentData() == "Company" and len(dialog.check.refused) == 2

    dialog.check = None
    dialog.source_combo.setCurrentIndex(dialog.source_combo.findData("marg"))
    qtbot.waitUntil(lambda: dialog.check is not None, timeout=10_000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.added is not None, timeout=15_000)
    assert dialog.added == 2 and catalog.count(session.store.db()) == before + 2
    assert catalog.get(session.store.db(), "M1").brand == "P&G"
