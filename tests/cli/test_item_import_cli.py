"""``product import FILE``: each refused row reported with its line number and reason, in text and JSON."""

import json

from item_lists import BAD, GOOD, write_messy_xlsx

from app.main import run


def test_product_import_reports_refused_rows_and_adds_the_rest(tmp_path, capsys):
    home = str(tmp_path / "home")

    def cli(*argv: str) -> tuple[int, str, str]:
        code = run(["--data-dir", home, "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert cli("init", "--name", "Sharma General Store", "--state", "27", "--scheme", "unregistered")[0] == 0
    assert cli("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "30",
               "--barcode", "8904000210037")[0] == 0
    book = write_messy_xlsx(tmp_path / "items.xlsx")

    code, out, _err = cli("product", "import", str(book), "--check", "--json")
    checked = json.loads(out)
    assert code == 0 and checked["checked_only"] and checked["added"] == len(GOOD)
    assert cli("product", "list", "--json")[1].count('"sku"') == 1  # --check added nothing

    code, out, _err = cli("product", "import", str(book))
    assert code == 0
    assert out.splitlines()[0] == f"{len(GOOD)} items added."
    lines = out.splitlines()
    assert lines[1] == f"{len(BAD)} rows refused:"
    assert lines[2] == "line 7: The item has no name."
    assert lines[6].startswith("line 11: The barcode 8901058000291 has a wrong check digit.")
    assert lines[14].startswith("line 19: Above MRP: Price ₹32.00 is above the MRP ₹30.00.")
    assert lines[16] == "line 21: The selling price is below the cost price."

    code, out, _err = cli("product", "import", str(book), "--json")
    again = json.loads(out)
    assert again["added"] == 0 and len(again["refused"]) == len(GOOD) + len(BAD)
    assert again["refused"][0] == {"line": 2, "sku": "MAGGI70", "name": "Maggi Noodles 70 g",
                                   "reason": "The barcode 8901058000290 is already used by another item."}


def test_product_import_with_a_column_matched_by_hand(tmp_path, capsys):
    home = str(tmp_path / "home")
    (tmp_path / "list.csv").write_text("Naam,Daam\nChai patti 250 g,120\n", encoding="utf-8")
    assert run(["--data-dir", home, "--shop", "k", "init", "--name", "K", "--state", "09",
                "--scheme", "unregistered"]) == 0
    assert run(["--data-dir", home, "--shop", "k", "product", "import", str(tmp_path / "list.csv")]) == 2
    assert "Choose the column" in capsys.readouterr().err
    assert run(["--data-dir", home, "--shop", "k", "product", "import", str(tmp_path / "list.csv"),
                "--map", "name_en=Naam", "--map", "price=Daam"]) == 0
    assert "1 items added." in capsys.readouterr().out


def test_product_import_reads_a_marg_list_by_its_headings(tmp_path, capsys):
    home = str(tmp_path / "home")
    path = tmp_path / "marg.csv"
    path.write_text("Code,Product,Packing,Company,Unit,MRP,Sale Rate,P.Rate,GST %,Stock\n"
                    "M1,Vicks Vaporub 25 ml,25ML,P&G,PCS,125,120,100,12,6\n", encoding="utf-8")
    assert run(["--data-dir", home, "--shop", "k", "init", "--name", "K", "--state", "27",
                "--scheme", "unregistered"]) == 0
    capsys.readouterr()
    assert run(["--data-dir", home, "--shop", "k", "product", "import", str(path), "--from", "plain",
                "--check"]) == 0
    out = capsys.readouterr().out
    assert "Read as a list from" not in out and "There is no category 'P&G'" in out  # why the preset matters
    assert run(["--data-dir", home, "--shop", "k", "product", "import", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["from"] == "marg" and report["added"] == 1 and report["mapping"]["brand"] == "Company"
