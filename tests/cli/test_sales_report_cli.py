"""``report sales``: the Reports page's figures on the command line, as text, JSON and XLSX."""

import json

import openpyxl

from app.main import run


def test_report_sales_prints_and_writes_the_period(tmp_path, capsys):
    home = str(tmp_path / "home")

    def cli(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", home, "--shop", "kirana", *argv])
        return code, capsys.readouterr().out

    assert cli("init", "--name", "Sharma General Store", "--state", "27", "--scheme", "unregistered")[0] == 0
    assert cli("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "30", "--cost", "24",
               "--stock", "20")[0] == 0
    assert cli("sale", "SALT1:3")[0] == 0
    code, out = cli("report", "sales", "--period", "today", "--json", "--xlsx", str(tmp_path / "r.xlsx"))
    report = json.loads(out)
    assert code == 0 and report["bills"] == 1 and report["sales_paise"] == 8400
    assert report["profit_paise"] == report["taxable_paise"] - 7200 and report["items"][0]["key"] == "SALT1"
    assert openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True).sheetnames[0] == "By day"
    code, out = cli("report", "sales", "--period", "today")
    assert code == 0 and out.startswith("Sales ") and "₹84.00 in 1 bills" in out and "Tata Salt" in out
