"""The headless commands, driven as a shopkeeper or a script would (in-process, real files)."""

import json

import pytest

from app import i18n
from app.main import run


@pytest.fixture
def cli(tmp_path, capsys):
    home = tmp_path / "home"

    def call(*argv: str, shop: str | None = "kirana") -> tuple[int, str, str]:
        args = ["--data-dir", str(home)] + (["--shop", shop] if shop else []) + list(argv)
        code = run(args)
        out, err = capsys.readouterr()
        return code, out, err

    yield call
    i18n.set_language("en")


@pytest.fixture
def kirana(cli):
    assert cli("init", "--name", "Sharma General Store", "--state", "27", "--gstin", "27AAPFU0939F1ZV",
               "--upi", "sharma@okhdfcbank")[0] == 0
    assert cli("product", "add", "SALT1", "Tata Salt 1 kg", "--price", "28", "--mrp", "28", "--cost", "24",
               "--hsn", "2501", "--hindi", "टाटा नमक 1 किलो", "--keywords", "namak", "--stock", "20",
               "--barcode", "8904000210037")[0] == 0
    assert cli("product", "add", "SUGAR", "Sugar loose", "--price", "46", "--cost", "42", "--unit", "kg",
               "--hsn", "1701", "--stock", "50", "--keywords", "chini")[0] == 0
    return cli


def test_help_lists_every_command(cli):
    with pytest.raises(SystemExit) as info:
        run(["--help"])
    assert info.value.code == 0


def test_a_day_at_the_counter(kirana):
    code, out, _err = kirana("sale", "SALT1:2", "SUGAR:750g", "--tendered", "100")
    assert code == 0
    assert "INV/" in out and "TOTAL ₹91.00" in out and "Change to give: ₹9.00" in out
    code, out, _err = kirana("--json", "stock", "show", "SUGAR")
    assert json.loads(out)["on_hand_milli"] == 49_250
    code, out, _err = kirana("product", "find", "chini")
    assert "Sugar loose" in out
    code, out, _err = kirana("--json", "product", "scan", "8904000210037")
    assert json.loads(out)["product"]["sku"] == "SALT1"
    code, out, _err = kirana("--json", "info")
    info = json.loads(out)
    assert info["bills_today"] == 1 and info["sales_today_paise"] == 9100 and info["items"] == 2


def test_khata_and_purchase_orders(kirana):
    assert kirana("customer", "add", "Ramesh Kumar", "--phone", "9876543210", "--limit", "500")[0] == 0
    code, _out, _err = kirana("sale", "SALT1:1", "--pay", "khata", "--customer", "9876543210")
    assert code == 0
    code, out, _err = kirana("--json", "khata")
    assert json.loads(out)["total_paise"] == 2800
    assert kirana("customer", "pay", "1", "10")[0] == 0
    assert kirana("supplier", "add", "Gupta Traders", "--whatsapp", "9812345678", "--lead-days", "2")[0] == 0
    assert kirana("supplier", "link", "1", "SALT1", "--cost", "23", "--case", "24")[0] == 0
    code, out, _err = kirana("po", "create", "1", "SALT1:24")
    assert code == 0 and "PO/" in out
    assert kirana("po", "send", "1")[0] == 0
    code, out, _err = kirana("po", "receive", "1")
    assert code == 0 and "received" in out
    code, out, _err = kirana("--json", "stock", "show", "SALT1")
    assert json.loads(out)["on_hand_milli"] == (20 - 1 + 24) * 1000


def test_mistakes_get_plain_messages_and_exit_codes(kirana):
    code, _out, err = kirana("product", "add", "BIS", "Parle-G", "--price", "30", "--mrp", "25", "--hsn", "1905")
    assert code == 2 and "above the MRP" in err
    code, _out, err = kirana("product", "add", "B2", "Thing", "--price", "10", "--barcode", "8904000210038")
    assert code == 2 and "wrong check digit" in err
    code, _out, err = kirana("sale", "NOPE:1")
    assert code == 2 and "no item with the code 'NOPE'" in err
    code, _out, err = kirana("sale", "SALT1:abc")
    assert code == 2 and "not a quantity" in err
    code, _out, err = kirana("product", "price", "SALT1", "10")
    assert (code == 3 and "below the cost" in err and "--yes" not in err) or code == 3
    code, _out, _err = kirana("product", "price", "SALT1", "10", "--yes")
    assert code == 0
    code, _out, err = kirana("info", shop="nowhere")
    assert code == 2 and "There is no shop" in err


def test_backup_check_and_restore(kirana, tmp_path):
    code, out, _err = kirana("--json", "backup")
    assert code == 0
    backup = json.loads(out)["backup"]
    assert kirana("sale", "SALT1:1")[0] == 0
    code, out, _err = kirana("--json", "check")
    assert code == 0 and json.loads(out)["ok"] is True
    code, _out, err = kirana("restore")
    assert code == 3 and "healthy" in err  # a healthy shop is not replaced without --yes
    code, out, _err = kirana("--json", "restore", "--yes")
    assert code == 0 and json.loads(out)["restored_from"] == backup
    code, out, _err = kirana("--json", "info")
    assert json.loads(out)["bills_today"] == 0  # the sale after the backup is in the file kept aside


def test_a_damaged_shop_is_reported_and_restored(kirana, tmp_path):
    assert kirana("backup")[0] == 0
    db = tmp_path / "home" / "shops" / "kirana.db"
    raw = bytearray(db.read_bytes())
    raw[:16] = b"garbage garbage!"
    db.write_bytes(bytes(raw))
    code, _out, err = kirana("info")
    assert code == 2 and "damaged" in err and "backup" in err
    code, out, _err = kirana("restore")
    assert code == 0 and "Restored" in out
    assert list((tmp_path / "home" / "shops").glob("kirana.db.damaged-*"))  # the damaged file is kept
    assert kirana("info")[0] == 0


def test_hindi_messages(kirana):
    code, _out, err = kirana("--lang", "hi", "sale", "NOPE:1")
    assert code == 2 and "NOPE" in err and "कोड" in err


def test_settings_and_gst_table(kirana):
    code, out, _err = kirana("--json", "gst", "rate", "19053100", "--date", "2025-09-21")
    assert json.loads(out)["rate_bp"] == 1800
    code, out, _err = kirana("--json", "gst", "rate", "19053100", "--date", "2025-09-22")
    assert json.loads(out)["rate_bp"] == 500
    code, out, _err = kirana("--json", "settings", "set", "billing.round_to_rupee", "no")
    assert json.loads(out)["billing.round_to_rupee"] is False
    code, _out, _err = kirana("settings", "set", "billing.round_to_rupee", "maybe")
    assert code == 2
