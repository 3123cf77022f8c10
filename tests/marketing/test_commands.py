"""The ``marketing`` command group end to end on a real shop file."""

from __future__ import annotations

import json

from app.main import run as cli_main
from app.services import catalog, khata, sales, shop
from app.services.sales import PaymentIn, SaleLine
from app.session import open_session
from tests.conftest import GSTIN


def run(data, capsys, *argv) -> str:
    code = cli_main(["--data-dir", str(data.root), "--shop", "cli", *argv])
    out = capsys.readouterr().out
    assert code == 0, out
    return out


def test_consent_plan_send_redeem_list(data, capsys, tmp_path):
    s = open_session(data, "cli", create=True)
    shop.create_shop(s.ctx, name="Test Kirana", state_code="27", gstin=GSTIN, upi_id="test@okaxis",
                     address="1 Road", city="Pune")
    catalog.create_product(s.ctx, sku="SALT1", name_en="Tata Salt 1 kg", price_paise=2800, mrp_paise=3000,
                           cost_paise=2400, hsn_code="2501", opening_stock_milli=50_000)
    asha = khata.create_customer(s.ctx, name="Asha", phone="9876543210").id
    sales.record_sale(s.ctx, lines=[SaleLine(sku="SALT1", qty_milli=1000)],
                      payments=[PaymentIn(method="cash", amount_paise=2800)], customer_id=asha)
    s.close()
    run(data, capsys, "marketing", "consent", str(asha), "--how", "counter")
    segs = json.loads(run(data, capsys, "marketing", "segments", "--json"))
    assert segs["all"] == {"customers": 1, "reachable": 1}
    campaign = json.loads(run(data, capsys, "marketing", "plan", "SALT1", "--segment", "all", "--json"))["campaign_id"]
    # no WhatsApp API connected: the seller sends it from the shop's phone, and ``marketing todo`` says so
    assert json.loads(run(data, capsys, "marketing", "todo", "--json")) == [
        {"campaign_id": campaign, "name": "Tata Salt 1 kg", "to_send": 1}]
    out_file = tmp_path / "messages.txt"
    text = run(data, capsys, "marketing", "send", str(campaign), "--out", str(out_file))
    assert run(data, capsys, "marketing", "todo").strip() == "No messages wait for you to send."
    assert "https://wa.me/919876543210" in text and "https://wa.me/919876543210" in out_file.read_text()
    code = text.split("Say code ")[1].split(" ")[0]
    s = open_session(data, "cli")
    order = sales.record_sale(s.ctx, lines=[SaleLine(sku="SALT1", qty_milli=1000)],
                              payments=[PaymentIn(method="cash", amount_paise=2800)], customer_id=asha).id
    s.close()
    assert cli_main(["--data-dir", str(data.root), "--shop", "cli", "marketing", "redeem", code, "1"]) == 2
    capsys.readouterr()  # the bill made before the campaign began cannot count for it
    run(data, capsys, "marketing", "redeem", code, str(order))
    listed = json.loads(run(data, capsys, "marketing", "list", "--json"))
    assert (listed[0]["reach"], listed[0]["redemptions"], listed[0]["sales_paise"]) == (1, 1, 2800)
    # billing with the code said at the counter: the bill counts at once; a wrong code makes no bill
    assert cli_main(["--data-dir", str(data.root), "--shop", "cli", "sale", "SALT1:2", "--code", "ZZZZ-9A"]) == 2
    capsys.readouterr()
    run(data, capsys, "sale", "SALT1:2", "--code", code)
    listed = json.loads(run(data, capsys, "marketing", "list", "--json"))
    assert (listed[0]["redemptions"], listed[0]["sales_paise"]) == (2, 2800 + 5600)
    s = open_session(data, "cli")
    bills = s.store.db().execute("SELECT count(*) FROM orders WHERE kind = 'sale'").fetchone()[0]
    s.close()
    assert bills == 3  # the opening bill, the redeemed one and the coded sale; none for the wrong code
    run(data, capsys, "marketing", "reply", "9876543210", "STOP")
    log = json.loads(run(data, capsys, "marketing", "consents", "--json"))
    assert [c["granted"] for c in log] == [1, 0]
    run(data, capsys, "marketing", "pause", str(campaign))
    assert "paused" in run(data, capsys, "marketing", "list")
