"""``python -m app history``: past bills found by number, customer, item and date, as the Bills tab."""

from __future__ import annotations

import json

from app.main import run


def test_history_finds_bills_by_item_customer_number_and_date(tmp_path, capsys):
    home = tmp_path / "home"

    def call(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", str(home), "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out + err

    assert call("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV")[0] == 0
    assert call("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--cost", "24", "--hsn", "2501",
                "--stock", "20")[0] == 0
    assert call("product", "add", "SUGAR", "Sugar loose", "--price", "46", "--cost", "42", "--unit", "kg",
                "--hsn", "1701", "--stock", "50")[0] == 0
    assert call("customer", "add", "Ramesh Kumar", "--phone", "9876543210", "--limit", "1000")[0] == 0
    assert call("sale", "SALT1:2")[0] == 0
    assert call("--yes", "sale", "SUGAR:1kg", "--pay", "khata", "--customer", "9876543210")[0] == 0
    assert call("return", "2", "1:0.5kg", "--refund", "khata")[0] == 0

    code, out = call("--json", "history")
    bills = json.loads(out)["bills"]
    assert code == 0 and [(b["kind"], b["total_paise"]) for b in bills] == [("return", 2300), ("sale", 4600),
                                                                            ("sale", 5600)]
    assert json.loads(call("--json", "history", "sugar")[1])["bills"][1]["customer"] == "Ramesh Kumar"
    assert [b["id"] for b in json.loads(call("--json", "history", "98765")[1])["bills"]] == [3, 2]
    number = bills[2]["number"]
    assert [b["number"] for b in json.loads(call("--json", "history", number)[1])["bills"]] == [number]
    assert call("history", "--from", "2099-01-01")[1].strip() == "No bills found."
    code, out = call("history", "salt")
    assert code == 0 and number in out and "Number" in out
