"""Item lists as a shop brings them: a messy Excel workbook with one row for each way a row can be wrong."""

from __future__ import annotations

from pathlib import Path

HEADERS = ["Item Code", "Item Name", "Barcode", "Sale Price", "MRP", "Purchase Price", "Tax Rate", "HSN",
           "Unit", "Category", "Opening Stock", "Reorder Level"]

# (item code, name, barcode, price, mrp, cost, gst, hsn, unit, category, stock, reorder) and what is wrong
GOOD = [
    ["MAGGI70", "Maggi Noodles 70 g", 8901058000290, 14, 14, 11.5, "GST@12%", 1902, "Pcs", "", 48, 12],
    ["", "Toor Dal loose", "", "₹1,250.50", "", "1,100", "5%", "0713", "Kgs", "Atta, rice and dal", 25.5, ""],
    ["SURF1", "Surf Excel 1 kg", "8901030865237", 140.0, 145, 120, 18, "3402", "nos", "", "", ""],
    ["", "Parle-G 100 g", "8901719101038", "10", "10", "8", "exempt", "", "pcs", "", "100", "24"],
]
BAD = [  # (row, the words the refusal must contain)
    (["X1", "", "", 10, 10, 8, 5, "", "", "", "", ""], "no name"),
    (["A B!", "Bad code item", "", 10, 10, 8, 5, "", "", "", "", ""], "cannot be an item code"),
    (["MAGGI70", "Maggi again", "", 14, 14, 11, 12, "", "", "", "", ""], "already used"),
    (["SALT1", "Salt already in the shop", "", 28, 30, 24, 5, "", "", "", "", ""], "already used"),
    (["X5", "Wrong check digit", "8901058000291", 10, 10, 8, 5, "", "", "", "", ""], "check digit"),
    (["X6", "Letters in barcode", "89010ABC", 10, 10, 8, 5, "", "", "", "", ""], "not a barcode"),
    (["X7", "Barcode twice", "8901058000290", 10, 10, 8, 5, "", "", "", "", ""], "already used by another"),
    (["X8", "Barcode in shop", "8904000210037", 10, 10, 8, 5, "", "", "", "", ""], "already used by another"),
    (["X9", "No price", "", "", 10, 8, 5, "", "", "", "", ""], "no selling price"),
    (["X10", "Price in words", "", "ten", 10, 8, 5, "", "", "", "", ""], "not an amount"),
    (["X11", "Free item", "", 0, 10, 0, 5, "", "", "", "", ""], "more than zero"),
    (["X12", "MRP in words", "", 10, "MRP", 8, 5, "", "", "", "", ""], "not an amount"),
    (["X13", "Above MRP", "", 32, 30, 20, 5, "", "", "", "", ""], "above the MRP"),
    (["X14", "Cost in words", "", 10, 10, "cheap", 5, "", "", "", "", ""], "not an amount"),
    (["X15", "Below cost", "", 10, 12, 11, 5, "", "", "", "", ""], "below the cost"),
    (["X16", "Seven percent", "", 10, 10, 8, "7%", "", "", "", "", ""], "not a GST rate in force"),
    (["X17", "GST in words", "", 10, 10, 8, "high", "", "", "", "", ""], "not a GST rate"),
    (["X18", "Bad HSN", "", 10, 10, 8, 5, "12a", "", "", "", ""], "not an HSN code"),
    (["X19", "Bundle unit", "", 10, 10, 8, 5, "", "bundle", "", "", ""], "not a unit"),
    (["X20", "Unknown category", "", 10, 10, 8, 5, "", "", "Toys", "", ""], "no category"),
    (["X21", "Stock in words", "", 10, 10, 8, 5, "", "", "", "many", ""], "not a quantity"),
    (["X22", "Half a piece", "", 10, 10, 8, 5, "", "pcs", "", 1.5, ""], "cannot be split"),
    (["X23", "Negative stock", "", 10, 10, 8, 5, "", "", "", -3, ""], "not a quantity"),
    (["X24", "Reorder in words", "", 10, 10, 8, 5, "", "", "", 5, "some"], "not a quantity"),
]


def write_messy_xlsx(path: Path) -> Path:
    """Title rows are not expected: the first row names the columns. A blank row sits in the middle."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in GOOD[:2]:
        sheet.append(row)
    sheet.append([None] * len(HEADERS))
    for row in GOOD[2:]:
        sheet.append(row)
    for row, _why in BAD:
        sheet.append(row)
    book.save(path)
    return path


def write_big_csv(path: Path, rows: int) -> Path:
    """A clean list of ``rows`` items with valid EAN-13 barcodes (for the 100,000-row measurement)."""
    from stdnum import ean

    lines = [",".join(HEADERS)]
    for n in range(rows):
        first12 = f"890{n:09d}"
        code = first12 + ean.calc_check_digit(first12)
        lines.append(f"B{n},Item number {n} 500 g,{code},{50 + n % 50},{100 + n % 50},{40 + n % 10},18,1905,pcs,,"
                     f"{n % 30},5")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
