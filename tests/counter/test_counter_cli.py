"""The counter's commands, run in-process on a real shop."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from app import i18n
from app.main import run


@pytest.fixture
def call(tmp_path, capsys):
    home = tmp_path / "home"

    def call(*argv: str) -> tuple[int, str, str]:
        code = run(["--data-dir", str(home), "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV",
                "--upi", "sharma@okhdfcbank")[0] == 0
    assert call("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "28", "--cost", "24",
                "--hsn", "2501", "--hindi", "टाटा नमक 1 किलो", "--stock", "20")[0] == 0
    assert call("product", "add", "SUGAR", "Sugar loose", "--price", "46", "--cost", "42", "--unit", "kg",
                "--hsn", "1701", "--stock", "50", "--hindi", "चीनी")[0] == 0
    yield call
    i18n.set_language("en")


def test_receipt_preview_pdf_and_escpos(call, tmp_path):
    assert call("sale", "SALT1:2", "SUGAR:250g", "--tendered", "100")[0] == 0
    png, pdf, raw = tmp_path / "r.png", tmp_path / "r.pdf", tmp_path / "r.bin"
    code, out, err = call("receipt", "1", "--png", str(png), "--pdf", str(pdf),
                          "--escpos", str(raw), "--paper", "58")
    assert code == 0, err
    from PIL import Image

    assert Image.open(png).size[0] == 384
    assert raw.read_bytes().startswith(b"\x1b@") and b"\x1dv0" in raw.read_bytes()
    text = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert "Tax Invoice" in text and "₹68.00" in text  # 2 x 28 + 0.25 kg x 46 = 67.50, rounded to the rupee
    assert out.startswith("Tax Invoice ")


def test_return_day_end_and_z_report(call):
    assert call("sale", "SALT1:3")[0] == 0
    code, out, err = call("--json", "return", "1", "1:1", "--refund", "cash")
    assert code == 0, err
    note = json.loads(out)["credit_note"]
    assert note["invoice_no"].startswith("CN/") and note["total_paise"] == 2800
    code, out, _err = call("z-report", "--opening", "500", "--counted", "556", "--close")
    assert code == 0 and "Z report 1" in out
    assert "Cash expected in the drawer  ₹556.00" in out  # 500 + 84 sold - 28 refunded
    assert call("day-end")[1].startswith("No small bills")
    code, out, _err = call("--json", "bills")
    assert json.loads(out)["bills"] == []
