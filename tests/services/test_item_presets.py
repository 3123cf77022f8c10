"""Item lists saved from Vyapar, Tally and Marg: their headings read as what they mean there."""

from pathlib import Path

import openpyxl
import pytest

from app.errors import InputError
from app.services import item_import
from app.services.item_file import read_item_file
from app.services.item_presets import PRESETS, detect_preset
from app.store import catalog as catalog_store
from app.store import stock as stock_store

VYAPAR = ["Item code", "Item name*", "HSN", "Sale price", "Purchase price", "Opening stock quantity",
          "Minimum stock quantity", "Item Location", "Tax Rate", "Inclusive Of Tax", "MRP", "Base Unit"]
TALLY = ["Name", "PartNo", "Parent", "BaseUnits", "OpeningBalance", "OpeningRate", "OpeningValue",
         "StandardSellingPrice", "MRP", "HSNCode", "GSTRate"]
MARG = ["Code", "Product", "Packing", "Company", "Unit", "HSN/SAC", "MRP", "Sale Rate", "P.Rate", "GST %",
        "Stock", "Minimum Qty", "Salt"]


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_each_program_is_told_apart_by_its_headings():
    assert detect_preset(VYAPAR).key == "vyapar"
    assert detect_preset(TALLY).key == "tally"
    assert detect_preset(MARG).key == "marg"
    assert detect_preset(["Item Code", "Item Name", "Price", "MRP"]) is None  # a plain Excel list
    assert set(PRESETS) == {"vyapar", "tally", "marg"}


def test_marg_company_is_the_maker_not_a_category():
    plain = item_import.guess_mapping(MARG)
    assert plain.get("category") == "Company"  # what the usual names alone would have done: every row refused
    mapping = item_import.guess_mapping(MARG, preset=PRESETS["marg"])
    assert mapping["brand"] == "Company" and "category" not in mapping
    assert (mapping["name_en"], mapping["price"], mapping["cost"], mapping["pack_size"]) == (
        "Product", "Sale Rate", "P.Rate", "Packing")
    assert "Salt" not in mapping.values()


def test_a_vyapar_list_with_prices_before_gst(tmp_path, session, ctx):
    path = _xlsx(tmp_path / "vyapar.xlsx", [
        VYAPAR,
        ["V1", "Tata Salt 1 kg", 2501, 25, 21, 40, 10, "Rack 2", "GST@5%", "Yes", 28, "PCS"],
        ["V2", "Dettol soap 125 g", 3401, 50, 40, 12, 3, "", "GST@18%", "No", 60, "Nos"],  # 50 + 18% = 59
        ["V3", "Loose sugar", 1701, 44, 40, "25.5", "", "", "Exempted", "", "", "Kg"],
        ["V4", "Wrong tax flag", "", 10, 8, "", "", "", "GST@5%", "maybe", 10, "PCS"],
    ])
    table = read_item_file(path)
    mapping = item_import.guess_mapping(table.headers, preset=item_import.choose_preset(table.headers))
    assert mapping["name_en"] == "Item name*" and mapping["tax_inclusive"] == "Inclusive Of Tax"
    result = item_import.import_items(ctx, table, mapping)
    assert result.added == 3
    assert [(r.line, "includes GST" in r.reason) for r in result.refused] == [(5, True)]
    db = session.store.db()
    salt, soap, sugar = (catalog_store.get(db, s) for s in ("V1", "V2", "V3"))
    assert (salt.price_paise, salt.gst_rate_bp, salt.reorder_point_milli) == (2500, 500, 10_000)
    assert (soap.price_paise, soap.mrp_paise, soap.gst_rate_bp) == (5900, 6000, 1800)
    assert (sugar.unit, sugar.gst_rate_bp, stock_store.on_hand(db, "V3")) == ("kg", 0, 25_500)


def test_a_tally_sheet_with_title_rows_units_in_quantities_and_rates_per_unit(tmp_path, session, ctx):
    path = _xlsx(tmp_path / "tally.xlsx", [
        ["Sharma General Store"],
        ["Stock Items"],
        ["1-Apr-2026 to 31-Mar-2027"],
        [],
        TALLY,
        ["Aashirvaad Atta 5 kg", "ATTA5", "Grocery", "Nos", "12 Nos", "210.00/Nos", 2520, "245.00/Nos", 260,
         "1101", "5%"],
        ["Toor Dal", "", "Pulses", "Kgs", "30.5 Kgs", "110/Kg", "", "135", "", "0713", "5"],
    ])
    table = read_item_file(path)
    assert table.headers == TALLY and table.lines == [6, 7]
    preset = item_import.choose_preset(table.headers)
    assert preset is not None and preset.key == "tally"
    mapping = item_import.guess_mapping(table.headers, preset=preset)
    assert "category" not in mapping  # a Tally stock group is not one of the shop's categories
    result = item_import.import_items(ctx, table, mapping)
    assert result.refused == [] and result.added == 2
    db = session.store.db()
    atta = catalog_store.get(db, "ATTA5")
    assert (atta.price_paise, atta.cost_paise, atta.mrp_paise, atta.hsn_code) == (24_500, 21_000, 26_000, "1101")
    assert stock_store.on_hand(db, "ATTA5") == 12_000
    dal = catalog_store.get(db, "IMP7")
    assert (dal.unit, dal.price_paise, stock_store.on_hand(db, "IMP7")) == ("kg", 13_500, 30_500)


def test_a_marg_list_as_csv(tmp_path, session, ctx):
    path = tmp_path / "marg.csv"
    path.write_text(",".join(MARG) + "\n"
                    "M101,Crocin Advance,15 TAB,GSK,STRIP,3004,30.50,29,24,12,40,10,Paracetamol\n"
                    "M102,Vicks Vaporub 25 ml,25ML,P&G,PCS,3004,125,120,100,12,6,2,\n", encoding="utf-8")
    table = read_item_file(path)
    preset = item_import.choose_preset(table.headers)
    assert preset is not None and preset.key == "marg"
    result = item_import.import_items(ctx, table, item_import.guess_mapping(table.headers, preset=preset))
    assert result.added == 1
    assert len(result.refused) == 1 and result.refused[0].line == 2 and "not a unit" in result.refused[0].reason
    vicks = catalog_store.get(session.store.db(), "M102")
    assert (vicks.brand, vicks.pack_size, vicks.price_paise, vicks.gst_rate_bp) == ("P&G", "25ML", 12_000, 1200)


def test_a_preset_asked_for_by_name():
    assert item_import.choose_preset(VYAPAR, "plain") is None
    assert item_import.choose_preset(["a", "b"], "tally").key == "tally"
    with pytest.raises(InputError):
        item_import.choose_preset(VYAPAR, "busy")
