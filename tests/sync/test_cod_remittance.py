"""Cash on delivery collected by the courier, reconciled against its remittance report (the simulator's API
and a CSV from the courier's panel): remitted, short, missing after N days, waiting; the money into the
books once, however often a parcel is reported."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.errors import InputError
from app.services import cod_remittances, couriers, deliveries, shop
from app.services.deliveries import NewDelivery
from app.services.sales import SaleLine
from app.store import orders
from app.sync import courier_account


@pytest.fixture
def delivered(ctx, sim, credentials, make_product):
    """Three home deliveries sent by courier (cash on delivery), each delivered; their (order id, AWB)."""
    shop.update_shop(ctx, pincode="411038")
    courier_account.save(ctx, credentials, url=sim.url, email="seller@example.com", password="courier-pass")
    make_product("SOAP", name_en="Dettol soap 125 g", hsn_code="3401")
    out = []
    for name in ("Asha", "Ravi", "Meena"):
        oid = deliveries.create(ctx, NewDelivery(customer_name=name, address="MG Road", pin="560001",
                                                 lines=[SaleLine(sku="SOAP", qty_milli=2000)])).id
        awb = couriers.book(ctx, oid).awb
        sim.courier.move(awb, "DELIVERED")
        assert couriers.track(ctx, oid) == "delivered"
        out.append((oid, awb))
    return out


def _payments(ctx, oid: int) -> list[tuple]:
    return ctx.store.db().execute("SELECT method, amount_paise, reference FROM payment WHERE order_id = ?",
                                  (oid,)).fetchall()


def test_the_courier_report_is_matched_remitted_short_waiting_then_missing(ctx, sim, clock, delivered):
    (a, awb_a), (b, awb_b), (c, awb_c) = delivered
    sim.courier.remit_short[awb_b] = 20.0  # ₹20 short
    sim.courier.remit_withheld.add(awb_c)
    done = cod_remittances.record(ctx, couriers.fetch_remittances(ctx), source="courier")
    assert (done.matched, done.already, done.unknown) == (2, 0, [])
    rows = {r.order_id: r for r in cod_remittances.report(ctx)}
    total = orders.get(ctx.store.db(), a, with_lines=False).total_paise
    assert rows[a].state == "remitted" and rows[a].remitted_paise == total
    assert rows[b].state == "short" and rows[b].remitted_paise == total - 2000
    assert rows[c].state == "waiting"
    assert _payments(ctx, a) == [("bank", total, f"UTR{sim.courier.shipments and int(awb_a[2:8])}")]
    assert _payments(ctx, b) == [("bank", total - 2000, f"UTR{int(awb_b[2:8])}")]
    assert "the courier owes ₹20.00" in cod_remittances.summary(list(rows.values()))
    # the same report again: nothing recorded twice
    again = cod_remittances.record(ctx, couriers.fetch_remittances(ctx), source="courier")
    assert (again.matched, again.already) == (0, 2) and len(_payments(ctx, a)) == 1
    clock.advance(timedelta(days=10))
    rows = {r.order_id: r for r in cod_remittances.report(ctx)}
    assert rows[c].state == "missing"
    assert f"the courier owes ₹{(2000 + total) / 100:,.2f}" in cod_remittances.summary(list(rows.values()))


def test_a_csv_from_the_courier_panel_records_once_and_names_what_is_not_ours(ctx, sim, delivered, tmp_path):
    (a, awb_a), (_b, _awb_b), (c, awb_c) = delivered
    total = orders.get(ctx.store.db(), c, with_lines=False).total_paise
    text = ("\ufeffAWB Code,Order ID,COD Amount,Remittance Date,UTR\n"
            f"{awb_c},x,\"{total / 100:,.2f}\",2026-06-20,UTR777\n"
            "SR999999999IN,y,50,2026-06-20,UTR778\n")
    lines = cod_remittances.parse_csv(text)
    done = cod_remittances.record(ctx, lines, source="file")
    assert done.matched == 1 and done.unknown == ["SR999999999IN"]
    assert _payments(ctx, c) == [("bank", total, "UTR777")]
    assert cod_remittances.record(ctx, lines, source="file").already == 1  # the file imported twice
    # the courier's API lists the same parcel later: still once
    cod_remittances.record(ctx, couriers.fetch_remittances(ctx), source="courier")
    assert len(_payments(ctx, c)) == 1 and len(_payments(ctx, a)) == 1
    with pytest.raises(InputError, match="AWB column"):
        cod_remittances.parse_csv("Order,Paid\n1,2\n")
    with pytest.raises(InputError, match="not an amount"):
        cod_remittances.parse_csv(f"AWB,Amount\n{awb_a},lots\n")


def test_orders_cod_from_the_command_line(session, data, ctx, sim, delivered, capsys, tmp_path):
    import argparse

    from app.commands import orders as order_commands

    (_a, _awb_a), (_b, awb_b), _c = delivered
    sim.courier.remit_short[awb_b] = 20.0
    p = argparse.ArgumentParser()
    p.add_argument("--shop", default="test")
    p.add_argument("--json", dest="json_first", action="store_true")
    order_commands.register(p.add_subparsers(dest="command"))
    args = p.parse_args(["orders", "cod", "--fetch"])
    assert args.handler(args, data) == 0
    out = capsys.readouterr().out
    assert "3 remittances recorded" in out and "0 short" not in out and "1 short" in out and "— short" in out


def test_the_courier_cod_tab_fetches_imports_and_shows_what_is_owed(qapp, qtbot, session, ctx, sim, delivered,
                                                                   tmp_path):
    """The Orders page's Courier COD tab, English and Hindi. With ``TAVYONIX_SCREENSHOTS`` it saves
    ``orders-cod-en.png`` and ``orders-cod-hi.png``."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from app import i18n
    from app.ui.app import setup_application
    from app.ui.pages.orders import OrdersPage

    from .screens import english_in, shot

    setup_application(qapp)
    (_a, _awb_a), (_b, awb_b), (c, awb_c) = delivered
    sim.courier.remit_short[awb_b] = 20.0
    sim.courier.remit_withheld.add(awb_c)

    def page() -> OrdersPage:
        made = OrdersPage(session)
        qtbot.addWidget(made)
        made.resize(1100, 520)
        made.show()
        made.refresh()
        made.tabs.setCurrentWidget(made.cod)
        return made

    try:
        shown = page()
        panel = shown.cod
        assert panel.table.rowCount() == 3 and "3 waiting" in panel.summary.text()
        panel.fetch_button.click()
        qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
        assert "2 remittances recorded" in panel.message.text()
        states = sorted(panel.table.item(r, 5).data(Qt.ItemDataRole.UserRole) for r in range(3))
        assert states == ["remitted", "short", "waiting"] and "owes ₹20.00" in panel.summary.text()
        total = orders.get(ctx.store.db(), c, with_lines=False).total_paise
        csv_file = tmp_path / "remittance.csv"
        csv_file.write_text(f"AWB,Amount,UTR\n{awb_c},{total / 100:.2f},UTR9\n", encoding="utf-8")
        panel.import_file(csv_file)
        assert "1 remittances recorded" in panel.message.text()
        panel.import_file(tmp_path / "nothing.csv")
        assert "could not be read" in panel.message.text()
        panel.import_file(csv_file)
        assert "1 already in the books" in panel.message.text()
        shot(shown, "orders-cod-en.png")
        i18n.set_language("hi")
        hindi = page()
        words = [w.text() for w in hindi.cod.findChildren(QAbstractButton)] + [
            w.text() for w in hindi.cod.findChildren(QLabel) if w.objectName() != "cod-message"] + [
            hindi.cod.table.horizontalHeaderItem(n).text() for n in range(6)] + [
            hindi.cod.table.item(r, 5).text() for r in range(3)]
        assert english_in(words, allowed=("AWB",)) == []
        shot(hindi, "orders-cod-hi.png")
    finally:
        i18n.set_language("en")
