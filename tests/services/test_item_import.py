"""Importing an item list: every kind of bad row refused with its line and reason, the rest added at once."""

import json

import pytest
from item_lists import BAD, GOOD, HEADERS, write_big_csv, write_messy_xlsx

from app.errors import InputError
from app.services import item_import
from app.services.item_file import read_csv, read_item_file
from app.store import catalog as catalog_store
from app.store import stock as stock_store


@pytest.fixture
def messy(tmp_path, make_product):
    make_product("SALT1", barcode="8904000210037")
    return read_item_file(write_messy_xlsx(tmp_path / "items.xlsx"))


def test_the_usual_column_names_are_matched():
    mapping = item_import.guess_mapping(HEADERS)
    assert mapping == {"sku": "Item Code", "name_en": "Item Name", "barcode": "Barcode", "price": "Sale Price",
                       "mrp": "MRP", "cost": "Purchase Price", "gst": "Tax Rate", "hsn": "HSN", "unit": "Unit",
                       "category": "Category", "stock": "Opening Stock", "reorder_point": "Reorder Level"}


def test_a_messy_workbook_refuses_each_bad_row_with_its_line_and_reason(session, ctx, messy):
    assert len(BAD) >= 20  # one row for each way a row can be wrong
    mapping = item_import.guess_mapping(messy.headers)
    preview = item_import.check_items(session.store, messy, mapping)
    result = item_import.import_items(ctx, messy, mapping)
    assert result.refused == preview.refused
    assert result.added == len(GOOD) == len(preview.ready)
    # header is line 1, two good rows, a blank row (line 4), two good rows, then the bad rows from line 7
    assert [r.line for r in result.refused] == list(range(7, 7 + len(BAD)))
    for refusal, (row, why) in zip(result.refused, BAD, strict=True):
        assert why in refusal.reason, (row, refusal.reason)
    db = session.store.db()
    maggi = catalog_store.get(db, "MAGGI70")
    assert (maggi.price_paise, maggi.mrp_paise, maggi.cost_paise, maggi.gst_rate_bp) == (1400, 1400, 1150, 1200)
    assert maggi.barcode == "8901058000290" and stock_store.on_hand(db, "MAGGI70") == 48_000
    dal = catalog_store.get(db, "IMP3")  # no code given: one is made from the line number
    assert (dal.unit, dal.price_paise, dal.category, dal.hsn_code) == ("kg", 125_050, "staples", "0713")
    assert stock_store.on_hand(db, "IMP3") == 25_500
    assert catalog_store.get(db, "8901719101038").gst_rate_bp == 0  # the barcode became the code
    assert stock_store.ledger_sum(db, "MAGGI70") == 48_000
    event = json.loads(db.execute("SELECT data_json FROM event WHERE type = 'ItemsImported'").fetchone()[0])
    assert event == {"file": "items.xlsx", "added": 4, "refused": len(BAD)}
    # the choice of columns is remembered for the next list with the same headings
    assert item_import.remembered_mapping(session.store)["Sale Price"] == "price"


def test_importing_again_refuses_every_row_and_adds_nothing(session, ctx, messy):
    mapping = item_import.guess_mapping(messy.headers)
    item_import.import_items(ctx, messy, mapping)
    before = catalog_store.count(session.store.db())
    again = item_import.import_items(ctx, messy, mapping)
    assert again.added == 0
    assert catalog_store.count(session.store.db()) == before
    assert "already used" in again.refused[0].reason


def test_a_failure_half_way_leaves_nothing_behind(session, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(item_import, "CHUNK", 10)
    table = read_item_file(write_big_csv(tmp_path / "items.csv", 50))
    mapping = item_import.guess_mapping(table.headers)
    calls = []

    def fail_while_adding(fraction: float, text: str) -> None:
        calls.append(text)
        if text.startswith("Adding item 21 "):  # two chunks of rows are already in
            raise OSError("disk full")

    with pytest.raises(OSError):
        item_import.import_items(ctx, table, mapping, progress=fail_while_adding)
    assert catalog_store.count(session.store.db()) == 0
    assert session.store.db().execute("SELECT COUNT(*) FROM event WHERE type = 'ItemsImported'").fetchone()[0] == 0


def test_rows_added_in_chunks_are_searchable_priced_and_stocked_like_one_by_one(session, ctx, tmp_path, monkeypatch):
    """The rows go in through a staging table, a chunk at a time: every item is found by the search (the FTS
    trigger ran), has its price history row and its opening stock in the ledger equal to its balance."""
    monkeypatch.setattr(item_import, "CHUNK", 40)
    table = read_item_file(write_big_csv(tmp_path / "items.csv", 101))
    result = item_import.import_items(ctx, table, item_import.guess_mapping(table.headers))
    assert result.added == 101
    db = session.store.db()
    event_id = db.execute("SELECT id FROM event WHERE type = 'ItemsImported'").fetchone()[0]
    for n in (0, 39, 40, 77, 100):  # first, chunk edges, middle, last
        sku = f"B{n}"
        product = catalog_store.get(db, sku)
        assert (product.name_en, product.price_paise, product.cost_paise) == (
            f"Item number {n} 500 g", (50 + n % 50) * 100, (40 + n % 10) * 100)
        assert sku in [p.sku for p in catalog_store.search(db, f"Item number {n} 500")]
        assert stock_store.on_hand(db, sku) == stock_store.ledger_sum(db, sku) == (n % 30) * 1000
        assert db.execute("SELECT price_paise, event_id FROM price_history WHERE sku = ?", (sku,)).fetchall() == [
            (product.price_paise, event_id)]
    moves = db.execute("SELECT COUNT(*), MIN(source_ref), MIN(unit_cost_paise) FROM stock_move"
                       " WHERE reason = 'opening'").fetchone()
    assert moves == (sum(1 for n in range(101) if n % 30), "opening:B1", 4000)  # no move for no stock
    ids = [r[0] for r in db.execute("SELECT id FROM product ORDER BY sku = 'B0' DESC, id")]
    assert ids[0] == min(ids)  # the file's order kept: the first line is the first item
    assert db.execute("SELECT COUNT(*) FROM temp.sqlite_master WHERE name = 'item_import_rows'").fetchone()[0] == 0


def test_a_list_without_a_price_column_is_refused_before_anything(session, ctx):
    table = read_csv(b"Name;Qty\nSalt;3\n", "semicolons.csv")
    assert table.headers == ["Name", "Qty"]
    with pytest.raises(InputError, match="Selling price"):
        item_import.import_items(ctx, table, item_import.guess_mapping(table.headers))


def test_a_windows_excel_csv_in_the_ansi_code_page_is_read(session, ctx):
    table = read_csv("Item Name,Sale Price,MRP\nCaf\xe9 coffee 50 g,95,99\n".encode("cp1252"), "ansi.csv")
    result = item_import.import_items(ctx, table, item_import.guess_mapping(table.headers))
    assert result.added == 1 and not result.refused
    assert catalog_store.get(session.store.db(), "IMP2").name_en == "Café coffee 50 g"


def test_the_quick_workbook_reader_reads_what_openpyxl_reads(tmp_path):
    from app.services.item_file import _finish, _read_openpyxl, _read_sheet_xml

    book = write_messy_xlsx(tmp_path / "items.xlsx")
    quick, slow = _finish("a", _read_sheet_xml(book)), _finish("a", _read_openpyxl(book))
    assert (quick.headers, quick.rows, quick.lines) == (slow.headers, slow.rows, slow.lines)
    assert quick.rows[0][:4] == ["MAGGI70", "Maggi Noodles 70 g", "8901058000290", "14"]


def test_a_file_that_is_not_a_workbook_is_refused_in_words(tmp_path):
    fake = tmp_path / "items.xlsx"
    fake.write_text("not a workbook", encoding="utf-8")
    with pytest.raises(InputError, match="could not be read as an Excel file"):
        read_item_file(fake)
