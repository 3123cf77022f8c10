"""Items, customers and bills to XLSX from their tabs and from ``python -m app export``; the items workbook
reads back through the item import without a column-matching step."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.main import run
from app.services import item_import, returns, sales
from app.services.item_file import read_item_file
from app.services.sales import PaymentIn, SaleLine
from app.store import parties
from app.ui.bills.page import BillsPage
from app.ui.pages.customers import CustomersPage
from app.ui.pages.items import ItemsPage


def _rows(path) -> list[tuple]:
    return list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))


def test_export_from_the_tabs(qtbot, window, session, data_dir):
    ctx = session.ctx
    ramesh = parties.customer_by_phone(session.store.db(), "9876543210")
    sale = sales.record_sale(ctx, lines=[SaleLine(sku="PARLE-G-80", qty_milli=3000)],
                             payments=[PaymentIn(method="khata", amount_paise=3000)], customer_id=ramesh.id)
    returns.record_return(ctx, sale.id, lines=[returns.ReturnLine(line_no=1, qty_milli=1000)])

    items = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: items.model.rowCount() == 5)
    qtbot.mouseClick(items.item_actions.buttons["excel"], Qt.MouseButton.LeftButton)
    [path] = (data_dir.root / "documents" / "testshop").glob("items-*.xlsx")
    rows = _rows(path)
    assert rows[0][:3] == ("Item code", "Item Name", "Hindi name") and len(rows) == 6
    sugar = next(r for r in rows if r[0] == "SUGAR-LOOSE")
    assert (sugar[6], sugar[8], sugar[9], sugar[10]) == ("kg", 44, 40, 25)
    assert "5 rows written" in items.summary.text()
    table = read_item_file(path)  # the file reads back: every column matched by its heading
    mapping = item_import.guess_mapping(table.headers)
    assert {"sku", "name_en", "name_hi", "price", "mrp", "cost", "gst", "hsn", "unit", "stock"} <= set(mapping)

    customers = window.show_page(CustomersPage)
    qtbot.mouseClick(customers.buttons["excel"], Qt.MouseButton.LeftButton)
    [path] = (data_dir.root / "documents" / "testshop").glob("customers-*.xlsx")
    rows = _rows(path)
    assert rows[1][1:4] == ("Ramesh Kumar", "रमेश कुमार", "9876543210") and rows[1][6] == 470

    bills = window.show_page(BillsPage)
    qtbot.mouseClick(bills.buttons["excel"], Qt.MouseButton.LeftButton)
    [path] = (data_dir.root / "documents" / "testshop").glob("bills-*.xlsx")
    rows = _rows(path)
    assert rows[0][0] == "Number" and [r[3] for r in rows[1:]] == ["Tax invoice", "Tax invoice", "Credit note"]
    assert [r[12] for r in rows[1:]] == [66, 30, -10] and rows[3][13] == "khata"
    assert "3 rows written" in bills.note.text()


def test_export_command(session, data_dir, tmp_path, capsys):
    session.close()
    call = ["--data-dir", str(data_dir.root), "--shop", "testshop", "export"]
    assert run([*call, "items", str(tmp_path / "i.xlsx")]) == 0
    assert "5 rows written" in capsys.readouterr().out
    assert run([*call, "customers", str(tmp_path / "c.xlsx")]) == 0
    assert len(_rows(tmp_path / "c.xlsx")) == 2
    day = (session.ctx.today() + timedelta(days=1)).isoformat()
    assert run([*call, "bills", str(tmp_path / "b.xlsx"), "--from", day]) == 0
    assert _rows(tmp_path / "b.xlsx") == [_rows(tmp_path / "b.xlsx")[0]]  # headings only: nothing that day
