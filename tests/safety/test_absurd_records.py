"""Finding 4 of issue 12, for shops that already hold absurd values: a 10^15 quantity or a Rs 10^16 bill
written before the bounds existed (here straight into the tables). Reports (z-report, info, ask, the
summary API) never crash on them: they say that records are out of bounds and name them, and ``check``
lists them."""

from __future__ import annotations

import http.client
import json
import sqlite3
from pathlib import Path

from api.conftest import served  # noqa: F401
from assistant.conftest import shop, template  # noqa: F401

from app.store.odd_records import find

HUGE_PAISE = 4 * 10**18  # each below SQLite's integer limit; two of them added up are not
HUGE_QTY = 10**15 * 1000  # 10^15 packets, in thousandths


def spoil(path: Path) -> list[str]:
    """Write impossible values into every completed sale, as an old version or a hand edit could have;
    returns the bills' invoice numbers."""
    conn = sqlite3.connect(path)
    try:
        zero_tax = "cgst_paise = 0, sgst_paise = 0, igst_paise = 0, cess_paise = 0"
        conn.execute(f"UPDATE order_line SET qty_milli = ?, total_paise = ?, taxable_paise = ?, {zero_tax}",
                     (HUGE_QTY, HUGE_PAISE, HUGE_PAISE))
        conn.execute(f"UPDATE orders SET total_paise = ?, gross_paise = ?, taxable_paise = ?, paid_paise = ?,"
                     f" discount_paise = 0, round_off_paise = 0, {zero_tax} WHERE kind = 'sale'", (HUGE_PAISE,) * 4)
        conn.execute("UPDATE payment SET amount_paise = ?", (HUGE_PAISE,))
        conn.commit()
        return [r[0] for r in conn.execute("SELECT invoice_no FROM orders WHERE kind = 'sale' ORDER BY id")]
    finally:
        conn.close()


def test_reports_name_the_records_out_of_bounds_instead_of_crashing(kirana, tmp_path):
    for _ in range(4):
        assert kirana("sale", "SALT1:2", "--pay", "cash")[0] == 0
    invoices = spoil(tmp_path / "home" / "shops" / "kirana.db")
    for argv in (["z-report"], ["info"], ["ask", "how much did I sell today"], ["--lang", "hi", "info"]):
        code, out, err = kirana(*argv)
        assert code == 2, (argv, out, err)
        assert "Traceback" not in out + err and "Something went wrong" not in err
        assert invoices[0] in err, err  # the record is named
    code, out, err = kirana("z-report")
    assert "beyond any real shop's" in err and "total (paise) 4,000,000,000,000,000,000" in err
    code, out, _err = kirana("check")
    assert code == 1
    assert "Records beyond what a shop can hold:" in out
    assert f"bill line {invoices[0]} / SALT1: quantity (thousandths) {HUGE_QTY:,}" in out
    assert "payment #" in out


def test_find_names_each_kind_of_record_and_nothing_in_a_sound_shop(kirana, tmp_path):
    path = tmp_path / "home" / "shops" / "kirana.db"
    assert kirana("sale", "SALT1:2", "--pay", "cash")[0] == 0
    conn = sqlite3.connect(path)
    try:
        assert find(conn) == []
        conn.execute("UPDATE product SET price_paise = ? WHERE sku = 'SUGAR'", (10**15,))
        conn.execute("INSERT INTO stock_move(sku, qty_milli, reason, source, source_ref, at, actor)"
                     " VALUES ('SALT1', ?, 'adjust', 'test', 'x', '2026-01-01T00:00:00+00:00', 'seller')", (10**17,))
        conn.commit()
        kinds = {(r.kind, r.ref.split()[-1], r.field) for r in find(conn)}
    finally:
        conn.close()
    assert ("item", "SUGAR", "price_paise") in kinds
    assert ("stock move", "SALT1", "qty_milli") in kinds


def test_the_summary_api_names_them_and_never_answers_500(served):  # noqa: F811
    path = served.shop.path
    conn = sqlite3.connect(path)
    try:
        day = conn.execute("SELECT business_date FROM orders WHERE kind = 'sale' GROUP BY 1 HAVING count(*) >= 3"
                           " ORDER BY 1 DESC LIMIT 1").fetchone()[0]
    finally:
        conn.close()
    invoices = spoil(path)
    client = http.client.HTTPConnection("127.0.0.1", served.server.port, timeout=20)
    try:
        client.request("GET", f"/v1/reports/summary?day={day}",
                       headers={"Authorization": f"Bearer {served.client.token}"})
        response = client.getresponse()
        body = json.loads(response.read())
    finally:
        client.close()
    assert response.status == 409, body
    assert body["error"]["code"] == "RecordsOutOfBounds"
    assert "beyond any real shop's" in body["error"]["message"]
    assert any(invoice in body["error"]["message"] for invoice in invoices)
