"""``delivery`` from the command line, as a shopkeeper takes a phone order and sends the delivery person out."""

import json

import pytest
from pypdf import PdfReader

from app import i18n
from app.main import run


@pytest.fixture
def shop(tmp_path, capsys):
    home = tmp_path / "home"

    def call(*argv: str) -> tuple[int, str, str]:
        code = run(["--data-dir", str(home), "--shop", "kirana", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    assert call("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV")[0] == 0
    assert call("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "28", "--cost", "24",
                "--hsn", "2501", "--stock", "20")[0] == 0
    assert call("product", "add", "SUGAR", "Sugar loose", "--price", "46", "--cost", "42", "--unit", "kg",
                "--hsn", "1701", "--stock", "50")[0] == 0
    yield call
    i18n.set_language("en")


def test_a_phone_order_from_taking_to_the_door(shop, tmp_path):
    code, out, err = shop("--json", "delivery", "new", "SALT1:2", "SUGAR:1.5kg", "--name", "Meena Joshi",
                          "--phone", "9822098220", "--address", "B-12 Gokul Society", "--area", "Karve Nagar",
                          "--pin", "411052", "--pay", "upi", "--source", "whatsapp")
    assert code == 0, err
    oid = json.loads(out)["order_id"]
    assert json.loads(out)["total_paise"] == 2 * 2800 + 6900
    assert shop("--json", "stock", "show", "SUGAR")[1] and json.loads(shop("--json", "stock", "show", "SUGAR")[1])[
        "on_hand_milli"] == 48_500
    assert shop("delivery", "confirm", str(oid))[0] == 0
    code, out, _err = shop("delivery", "run", "--by", "Raju", "--pdf", str(tmp_path / "run.pdf"), "--png",
                           str(tmp_path / "run.png"))
    assert code == 0 and "Meena Joshi" in out and "Karve Nagar" in out and "1 stops" in out
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "run.pdf").pages).split())
    assert "Meena Joshi" in text and "Raju" in text and "B-12 Gokul Society" in text
    assert (tmp_path / "run.png").stat().st_size > 500
    assert shop("delivery", "out", str(oid), "--by", "Raju")[0] == 0
    code, out, _err = shop("delivery", "done", str(oid), "--pay", "upi", "--reference", "UTR99")
    assert code == 0 and "INV/" in out
    code, out, _err = shop("--json", "delivery")
    row = json.loads(out)["orders"][0]
    assert (row["status"], row["paid_paise"], row["rider"]) == ("delivered", 12_500, "Raju")
    assert shop("delivery", "cancel", str(oid))[0] == 2  # delivered: a return at the counter, not a cancel
    code, out, _err = shop("delivery", "run")
    assert "0 stops" in out


def test_a_wrong_pin_is_refused_in_words(shop):
    code, _out, err = shop("delivery", "new", "SALT1", "--name", "X", "--address", "Y", "--pin", "12")
    assert code == 2 and "PIN" in err


def test_a_substitute_from_the_command_line(shop):
    assert shop("product", "add", "ATTA", "Aashirvaad Atta 5 kg", "--price", "260", "--mrp", "280", "--cost", "230",
                "--hsn", "1101", "--stock", "10", "--category", "staples")[0] == 0
    assert shop("product", "add", "PILLS", "Pillsbury Atta 5 kg", "--price", "275", "--mrp", "290", "--cost", "240",
                "--hsn", "1101", "--stock", "5", "--category", "staples")[0] == 0
    code, out, err = shop("--json", "delivery", "new", "ATTA:2", "SALT1", "--name", "Meena Joshi", "--phone",
                          "9822098220", "--address", "B-12 Gokul Society", "--pin", "411052")
    assert code == 0, err
    oid = json.loads(out)["order_id"]
    code, out, _err = shop("delivery", "substitute", str(oid), "ATTA")
    assert code == 0 and "PILLS" in out and "₹30.00 more" in out
    code, out, _err = shop("delivery", "substitute", str(oid), "ATTA", "--with", "PILLS", "--ask", "phone")
    assert code == 0 and "Call the customer" in out
    code, out, _err = shop("--json", "delivery", "answer", str(oid), "yes")
    assert code == 0 and json.loads(out)["total_paise"] == 2 * 27_500 + 2800
    assert json.loads(shop("--json", "stock", "show", "PILLS")[1])["on_hand_milli"] == 3000
    assert json.loads(shop("--json", "stock", "show", "ATTA")[1])["on_hand_milli"] == 10_000
    code, _out, err = shop("delivery", "answer", str(oid), "no")
    assert code == 2 and "no answer" in err
