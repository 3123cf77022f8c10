"""``trade order`` / ``orders`` / ``invoice`` / ``cancel`` on a real shop: the held units are refused at the
counter (``sale``), the invoice made from an order is an export invoice listed by ``trade list``, a cancel frees
the units, and a refusal exits 2 with a message and writes nothing."""

from __future__ import annotations

import json
from datetime import date

from app.domain.fy import doc_number, financial_year
from tests.safety.cli_fixture import make_cli, open_kirana
from tests.safety.conftest import shop_digest

ORDER = ["trade", "order", "--line", "SALT1:150", "--buyer", "Gulf Foods", "--address", "Al Karama, Dubai",
         "--country", "AE", "--currency", "AED", "--rate", "22.90", "--payment", "advance", "--route", "courier",
         "--yes"]


def test_export_orders_from_the_command_line(tmp_path, capsys):
    call = make_cli(tmp_path / "home", capsys)
    open_kirana(call)
    year = financial_year(date.today())  # the command line runs on today's date
    first_invoice = doc_number("EXP", year, 1)
    assert call("trade", "lut", "--arn", "AD270326012345X", "--fy", year)[0] == 0
    code, out, err = call(*ORDER)
    assert code == 0, err
    assert "Export order 1 for Gulf Foods: SALT1 x 150 held" in out
    code, out, _err = call("product", "show", "SALT1")  # the item says what is held and what can be sold
    assert code == 0 and "Held for export: 150 pcs of the 200 pcs in stock (export order 1); 50 pcs can be" in out
    shown = json.loads(call("product", "show", "SALT1", "--json")[1])
    assert (shown["held_for_export_milli"], shown["export_orders"]) == (150_000, [1])
    # 200 on hand, 150 held: the counter may sell 50, not 60
    code, out, err = call("sale", "SALT1:60", "--pay", "cash")
    assert code == 2 and "kept for export orders" in err
    assert call("sale", "SALT1:50", "--pay", "cash", "--yes")[0] == 0
    path = next((tmp_path / "home").rglob("kirana.db"))
    before = shop_digest(path)
    code, _out, err = call(*ORDER[:3], "SALT1:1", *ORDER[4:])  # nothing free left to hold
    assert code == 2 and "free to hold" in err and shop_digest(path) == before
    code, out, _err = call("trade", "orders", "--json")
    rows = json.loads(out)
    assert [(r["id"], r["state"], r["lines"][0]["qty_milli"]) for r in rows] == [(1, "open", 150_000)]
    code, out, err = call("trade", "invoice", "1")
    assert code == 0, err
    assert f"Export invoice {first_invoice} made from order 1" in out and "under the LUT" in out
    code, out, _err = call("trade", "list", "--json")
    assert [r["invoice_no"] for r in json.loads(out)] == [first_invoice]
    code, _out, err = call("trade", "invoice", "1")
    assert code != 0 and "already invoiced" in err
    # a second order, cancelled: its units come free again
    assert call("stock", "receive", "SALT1", "20")[0] == 0
    assert call(*ORDER[:3], "SALT1:20", *ORDER[4:])[0] == 0
    assert call("sale", "SALT1:1", "--pay", "cash")[0] == 2
    code, out, _err = call("trade", "cancel", "2")
    assert code == 0 and "can be sold again" in out
    code, out, _err = call("product", "show", "SALT1")
    assert code == 0 and "Held for export" not in out
    assert call("sale", "SALT1:20", "--pay", "cash", "--yes")[0] == 0
    code, _out, err = call("trade", "cancel", "7")
    assert code != 0 and "no export order number 7" in err


def test_an_order_through_the_agents_holds_nothing_until_the_engine_decides(tmp_path, capsys):
    call = make_cli(tmp_path / "home", capsys)
    open_kirana(call)
    assert call("trade", "lut", "--arn", "AD270326012345X", "--fy", financial_year(date.today()))[0] == 0
    code, out, err = call(*ORDER, "--through-agents")
    assert code == 0, err
    assert "the trade agent proposes holding them at the agents' next run" in out
    rows = json.loads(call("trade", "orders", "--json")[1])
    assert [(r["id"], r["state"], r["hold_pending"]) for r in rows] == [(1, "open", True)]
    assert "open: hold proposed to the agents" in call("trade", "orders")[1]
    assert call("sale", "SALT1:60", "--pay", "cash", "--yes")[0] == 0  # nothing held yet: the counter sells
