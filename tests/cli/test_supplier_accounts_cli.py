"""``python -m app payable``: what the shop owes each supplier (purchase bills less payments), and paying."""

from __future__ import annotations

import json

from app.main import run


def test_payable_list_show_and_pay(tmp_path, capsys):
    home = tmp_path / "home"

    def call(*argv: str) -> tuple[int, str]:
        code = run(["--data-dir", str(home), "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out + err

    assert call("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV")[0] == 0
    assert call("supplier", "add", "Gupta Traders", "--phone", "9822055555")[0] == 0
    code, out = call("gst", "purchase-bill", "--supplier", "1", "--no", "GT/1", "--date", "2026-11-02",
                     "--line", "5:1000", "--line", "18:300")
    assert code == 0, out
    code, out = call("--json", "payable", "list")
    assert code == 0 and json.loads(out)["total_owed_paise"] == 140_400

    code, out = call("payable", "pay", "1", "1000", "--method", "upi", "--reference", "UTR77")
    assert code == 0 and "the shop now owes ₹404.00" in out
    code, out = call("payable", "pay", "1", "500")
    assert code == 3 and "advance of ₹96.00" in out  # more than is owed: asked first
    assert call("--yes", "payable", "pay", "1", "500")[0] == 0
    shown = json.loads(call("--json", "payable", "show", "1")[1])
    assert [(e["kind"], e["balance_paise"]) for e in shown["entries"]] == [("bill", 140_400), ("payment", 40_400),
                                                                          ("payment", -9_600)]
    assert call("payable", "pay", "1", "0")[0] == 2
    assert call("payable", "pay", "9", "10")[0] == 2
