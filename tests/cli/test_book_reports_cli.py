"""``report hours|daybook|stock|khata``: the Reports page's books on the command line, as text, JSON, PDF and
XLSX; and ``report sales --pdf``."""

import json

import openpyxl
from pypdf import PdfReader

from app.main import run


def test_each_book_at_the_command_line(tmp_path, capsys):
    home = str(tmp_path / "home")

    def cli(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", home, "--shop", "kirana", *argv])
        return code, capsys.readouterr().out

    assert cli("init", "--name", "Sharma General Store", "--state", "27", "--scheme", "unregistered")[0] == 0
    assert cli("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "30", "--cost", "24",
               "--stock", "20")[0] == 0
    assert cli("product", "add", "DAL1", "Toor Dal 1 kg", "--price", "150", "--mrp", "160", "--cost", "130",
               "--stock", "10")[0] == 0
    assert cli("sale", "SALT1:3")[0] == 0

    code, out = cli("report", "daybook", "--period", "today", "--json", "--pdf", str(tmp_path / "d.pdf"))
    book = json.loads(out)
    assert code == 0 and [e["kind"] for e in book["entries"]] == ["sale"] and book["money_in_paise"] == 8400
    text = " ".join(PdfReader(str(tmp_path / "d.pdf")).pages[0].extract_text().split())
    assert "Day book" in text and "Sharma General Store" in text and "₹84.00" in text

    code, out = cli("report", "stock", "--period", "today", "--json", "--xlsx", str(tmp_path / "s.xlsx"))
    stock = json.loads(out)
    assert code == 0 and stock["items"] == 2 and stock["cost_value_paise"] == 17 * 2400 + 10 * 13000
    assert [r["sku"] for r in stock["slow"]] == ["DAL1"]  # salt sold today
    sheets = openpyxl.load_workbook(tmp_path / "s.xlsx", read_only=True).sheetnames
    assert sheets == ["Stock value by category", "Slow movers"]

    code, out = cli("report", "hours", "--period", "today", "--json")
    hours = json.loads(out)["hours"]
    assert code == 0 and sum(h["bills"] for h in hours) == 1 and len(hours) == 1

    code, out = cli("report", "khata", "--json")
    assert code == 0 and json.loads(out)["customers"] == []
    code, out = cli("report", "khata")
    assert code == 0 and out.startswith("Khata ageing") and "0 customers owe ₹0.00." in out

    code, out = cli("report", "sales", "--period", "today", "--pdf", str(tmp_path / "s.pdf"))
    text = " ".join(PdfReader(str(tmp_path / "s.pdf")).pages[0].extract_text().split())
    assert code == 0 and "Sales report" in text and "Tata Salt" in text
