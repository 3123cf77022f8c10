"""The Trade tab over a shop with exports: the LUT line, the exports and their deadlines, a new export sale
from the form, packages and proof of export, the documents' missing fields and saving them; in Hindi too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QLabel

from app import i18n
from app.services import settings
from app.ui.app import setup_application
from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.pages.trade import TradePage
from app.ui.tasks import wait_for_tasks
from trade.books import build_export_books


@pytest.fixture
def make_page(qtbot, qapp, session) -> Iterator:
    setup_application(qapp)
    made = []

    def make() -> TradePage:
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        qtbot.addWidget(window)
        window.show()
        made.append((window, bridge))
        page = window.show_page(TradePage)
        assert isinstance(page, TradePage)
        return page

    yield make
    for window, bridge in made:
        window.close_quietly()
        bridge.close()
    wait_for_tasks()
    i18n.set_language("en")


def _cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_exports_deadlines_sale_form_packages_proof_and_documents(session, ctx, clock, make_page, tmp_path, qtbot):
    ids = build_export_books(ctx)
    clock.set(datetime(2026, 9, 20, 6, tzinfo=UTC))
    page = make_page()
    page.refresh()
    assert "AD270326012345X" in page.lut_label.text()
    rows = _cells(page.table)
    assert [r[0][:9] for r in rows] == ["EXP/2627/"] * 2
    lut_row = next(r for r in rows if r[5].startswith("LUT"))
    assert lut_row[6] == "10-11-2026" and lut_row[7] == "51 days left to export"
    igst_row = next(r for r in rows if r[5].startswith("IGST"))
    assert igst_row[6] == "-" and igst_row[3] == "United States of America"
    # a new export sale from the form: refused while the rate is missing (the form stays open), then saved
    form = page.open_sale_form()
    for key, value in {"lines": "DRYF:2\nBISC:12", "buyer": "Lanka Stores", "address": "Galle Road, Colombo 3",
                       "country": "LK", "currency": "USD", "rate": "", "payment": "advance"}.items():
        form.set_value(key, value)
    form.submit()
    assert form.isVisible() and page.dialog is not form  # the refusal is shown; the form keeps what was typed
    shown = " ".join(label.text() for label in page.dialog.findChildren(QLabel))
    assert "exchange rate" in shown
    form.set_value("rate", "84.10")
    form.submit()
    assert not form.isVisible()
    assert page.table.rowCount() == 3
    new_id = page.selected_order_id()
    assert new_id not in ids.values()
    assert "Export invoice EXP/2627/00003 recorded" in page.status_line.text()
    # its documents: IEC, AD code, packages and 8-digit codes are missing
    missing = [r[0] for r in _cells(page.checks)]
    assert any("IEC" in m for m in missing) and any("packages" in m.lower() for m in missing)
    assert page.save_documents(new_id, "pdf", tmp_path / "x.pdf") is None and not (tmp_path / "x.pdf").exists()
    settings.set_setting(ctx, "trade.iec", "AAPFU0939F")
    settings.set_setting(ctx, "trade.ad_code", "0510005")
    from app.services import catalog

    catalog.update_product(ctx, "DRYF", hsn_code="08023200")
    catalog.update_product(ctx, "BISC", hsn_code="19053100")
    assert page.set_packages(new_id, "2.4:2.8:30x20x15:cashew and biscuits")
    page.select_order(new_id)
    assert _cells(page.checks) == []
    assert "can be saved" in page.checks_title.text()
    pdf = page.save_documents(new_id, "pdf", tmp_path / "export.pdf")
    assert pdf is not None and len(PdfReader(pdf).pages) == 3
    assert page.save_documents(new_id, "xlsx", tmp_path / "export.xlsx") is not None
    # the CIF export: its documents wait for the freight and insurance, then show the FOB value
    page.select_order(ids["exp_lut"])
    assert any("Under CIF the price includes the freight" in r[0] for r in _cells(page.checks))
    freight = page.open_freight_form()
    freight.set_value("freight", "650")
    freight.set_value("insurance", "40")
    freight.submit()
    assert not freight.isVisible()
    total = session.store.db().execute("SELECT total_paise FROM orders WHERE id = ?", (ids["exp_lut"],)).fetchone()[0]
    fob = total - 69_000
    assert f"FOB value ₹{fob // 100:,}.{fob % 100:02d}" in page.status_line.text()
    page.select_order(ids["exp_lut"])
    assert not any("freight" in r[0] for r in _cells(page.checks))
    # proof of export closes the watch
    page.select_order(ids["exp_lut"])
    proof = page.open_proof_form()
    proof.set_value("number", "7654321")
    proof.set_value("date", "2026-09-18")
    proof.set_value("port", "INBOM4")
    proof.submit()
    states = {r[0]: r[7] for r in _cells(page.table)}
    assert states[lut_row[0]] == "exported 18-09-2026"
    assert states[igst_row[0]].startswith("IGST paid")


def test_the_page_in_hindi_without_an_lut(session, ctx, make_page):
    i18n.set_language("hi")
    page = make_page()
    page.refresh()
    assert page.title() != "Trade"
    assert "LUT" in page.lut_label.text() and page.lut_label.text() != i18n._("No LUT")
    assert page.table.rowCount() == 0 and not page.action_buttons[0].isEnabled()


def test_export_orders_on_the_page_hold_then_invoice_or_cancel(session, ctx, clock, make_page):
    from app.services import stock_holds

    build_export_books(ctx)
    clock.set(datetime(2026, 9, 20, 6, tzinfo=UTC))
    page = make_page()
    page.refresh()
    panel = page.orders
    assert panel.table.rowCount() == 0 and not panel.buttons["trade-order-invoice"].isEnabled()
    form = panel.open_order_form()
    for key, value in {"lines": "DRYF:2", "buyer": "Lanka Stores", "address": "Galle Road, Colombo 3",
                       "country": "LK", "currency": "USD", "rate": "84.10", "payment": "advance"}.items():
        form.set_value(key, value)
    form.submit()
    assert not form.isVisible()
    first = _cells(panel.table)
    assert len(first) == 1 and first[0][2] == "Lanka Stores" and first[0][3] == "Sri Lanka"
    assert first[0][6] == "open: units held" and "Export order 1 taken" in page.status_line.text()
    assert stock_holds.held_many(session.store.db(), ["DRYF"])["DRYF"] == 2000
    exports_before = page.table.rowCount()
    assert panel.buttons["trade-order-invoice"].isEnabled()
    assert panel.invoice_chosen()
    assert _cells(panel.table)[0][6].startswith("invoiced EXP/2627/")
    assert page.table.rowCount() == exports_before + 1 and "made from order 1" in page.status_line.text()
    assert not panel.buttons["trade-order-cancel"].isEnabled()  # an invoiced order cannot be cancelled
    # a second order, cancelled
    form = panel.open_order_form()
    for key, value in {"lines": "BISC:3", "buyer": "R. Mehta", "address": "12 Oak St, Edison NJ",
                       "country": "US", "currency": "USD", "rate": "84.10", "payment": "advance"}.items():
        form.set_value(key, value)
    form.submit()
    assert panel.chosen_id() == 2 and panel.cancel_chosen()
    assert {r[0]: r[-1] for r in _cells(panel.table)}["2"] == "cancelled"
    assert stock_holds.held_many(session.store.db(), ["BISC"])["BISC"] == 0
    # holding more than is free is refused and the form stays open
    free = stock_holds.free_many(session.store.db(), ["DRYF"])["DRYF"] // 1000
    form = panel.open_order_form()
    for key, value in {"lines": f"DRYF:{free + 1}", "buyer": "X", "address": "Y", "country": "AE", "rate": "22.9",
                       "payment": "advance", "currency": "AED"}.items():
        form.set_value(key, value)
    form.submit()
    assert form.isVisible() and page.dialog is not form
    assert "free to hold" in " ".join(label.text() for label in page.dialog.findChildren(QLabel))


def test_an_order_whose_hold_the_agents_decide(session, ctx, clock, make_page):
    from app.services import stock_holds

    build_export_books(ctx)
    clock.set(datetime(2026, 9, 20, 6, tzinfo=UTC))
    page = make_page()
    page.refresh()
    form = page.orders.open_order_form()
    for key, value in {"lines": "DRYF:2", "buyer": "Lanka Stores", "address": "Galle Road, Colombo 3",
                       "country": "LK", "currency": "USD", "rate": "84.10", "payment": "advance",
                       "hold": "agents"}.items():
        form.set_value(key, value)
    form.submit()
    assert not form.isVisible() and "the trade agent proposes holding its units" in page.status_line.text()
    assert _cells(page.orders.table)[0][6] == "open: hold proposed to the agents"
    assert stock_holds.held_many(session.store.db(), ["DRYF"])["DRYF"] == 0


def test_export_orders_panel_in_hindi(session, ctx, make_page):
    i18n.set_language("hi")
    page = make_page()
    page.refresh()
    texts = [b.text() for b in page.orders.buttons.values()]
    assert all(t and t.isascii() is False for t in texts)  # every button label is in Hindi


def _route_shop(ctx, clock) -> None:
    from app.services import catalog
    from app.services.sales import PaymentIn, SaleLine, record_sale

    clock.set(datetime(2026, 11, 20, 6, tzinfo=UTC))
    catalog.create_product(ctx, sku="TEA8", name_en="Assam tea", price_paise=40_000, mrp_paise=45_000,
                           cost_paise=25_000, hsn_code="09023020", unit="pack", pack_size="250 g",
                           opening_stock_milli=100_000)
    catalog.create_product(ctx, sku="SOAP", name_en="Soap", price_paise=4_000, mrp_paise=4_500, cost_paise=3_000,
                           hsn_code="3401", unit="pcs", opening_stock_milli=100_000)
    record_sale(ctx, lines=[SaleLine(sku="TEA8", qty_milli=2000), SaleLine(sku="SOAP", qty_milli=1000)],
                payments=[PaymentIn(method="cash", amount_paise=84_000)], confirmed=True)


def test_route_scores_on_the_page_and_a_quote_from_its_form(session, ctx, clock, make_page):
    _route_shop(ctx, clock)
    page = make_page()
    page.refresh()
    panel = page.routes
    rows = _cells(panel.table)
    # no quote yet: every route of both items is too thin and says what is missing, except tea by post to the markets
    # whose India Post tariff is shipped (2013, dated): those are priced on it and say so
    assert rows and all(r[3] == "too thin to score" for r in rows
                        if not (r[0] == "TEA8" and r[1] == "post (Dak Ghar Niryat Kendra)"
                                and r[2] in {"Australia", "Canada", "Germany", "Nepal"}))
    nepal = next(r for r in rows if r[0] == "TEA8" and r[2] == "Nepal" and r[1] == "post (Dak Ghar Niryat Kendra)")
    # a parcel of 10 x 250 g = 2.5 kg: Rs 365 + 9 x Rs 35 = Rs 680 -> Rs 68 a unit; Rs 400 - 250 - 68 = Rs 82
    assert nepal[3:6] == ["₹82.00", "20.5%", "₹68.00"]
    assert "India Post's International Speed Post tariff in force from 2013-05-01" in nepal[-1]
    assert "demand in NP: 2 % of India's spice export earnings" not in nepal[-1]  # tea is not a spice
    assert "demand: no figure of India's exports of this kind to NP" in nepal[-1]
    assert "rate from 2013: check the current tariff" in nepal[-1]  # the 2013 tariff is older than three years
    assert nepal[6] == "too thin to score" and nepal[7].startswith("too thin to score: no demand figure")
    soap = next(r for r in rows if r[0] == "SOAP")
    assert "pack size gives no weight" in soap[-1]
    tea = next(r for r in rows if r[0] == "TEA8" and r[1] == "post (Dak Ghar Niryat Kendra)" and r[2] == "Singapore")
    assert "no logistics quote for this route and country" in tea[-1]
    assert "import duty in SG: none (0 %) on every good except the four dutiable categories" in tea[-1]
    assert "4 of" in panel.summary.text() and "too thin to score" in panel.summary.text()
    assert "2026-12-06" in panel.sources.text()
    # a quote typed into the form: refused while a figure is not one (the form stays open), then kept and scored
    form = panel.open_quote_form()
    for key, value in {"route": "postal", "country": "ae", "per_kg": "450", "per_parcel": "0", "fee": "abc",
                       "duty": "0"}.items():
        form.set_value(key, value)
    form.submit()
    assert form.isVisible() and page.dialog is not form
    form.set_value("fee", "0")
    form.submit()
    assert not form.isVisible() and "Quote kept: post (Dak Ghar Niryat Kendra) to AE" in page.status_line.text()
    rows = _cells(panel.table)
    scored_rows = [r for r in rows if r[3] != "too thin to score"]
    assert [r[:3] for r in scored_rows if "India Post's" not in r[-1]] == [
        ["TEA8", "post (Dak Ghar Niryat Kendra)", "United Arab Emirates"]]
    scored = next(r for r in scored_rows if r[2] == "United Arab Emirates")
    # 10 x 0.25 kg x Rs 450 / 10 = Rs 112.50 a unit; Rs 400 - Rs 250 - Rs 112.50 = Rs 37.50, 9.4 %
    assert scored[3:6] == ["₹37.50", "9.4%", "₹112.50"]
    assert "up to 5 %" in scored[-1] and "1 of 6" in panel.summary.text()  # only the quoted market once a quote exists
    assert "demand in AE: the largest buyer of Indian tea by value" in scored[-1]
    assert "AE: packaged food needs an Arabic label under GSO 9" in scored[-1]
    # the route's score: 9.4 % + 10 (1st buyer of Indian tea) - 5 (GSO 9) - 5 (AE duty up to 5 %), first in the list
    assert scored[6:8] == ["9.4", "margin 9.4 % demand +10.0 barriers -5.0 duty -5.0 = 9.4; confidence: as good as "
                                  "the dated sources of each part"] and rows[0] == scored
    assert "1 a score" in panel.summary.text()


def test_route_scores_in_hindi(session, ctx, clock, make_page):
    _route_shop(ctx, clock)
    i18n.set_language("hi")
    page = make_page()
    page.refresh()
    rows = _cells(page.routes.table)
    thin = i18n._("too thin to score")
    assert thin != "too thin to score" and rows and all(r[3] == thin for r in rows if r[0] == "SOAP")
    soap = next(r for r in rows if r[0] == "SOAP")
    assert soap[-1].startswith(i18n._("the item's pack size gives no weight (write it like 250 g or 1 kg)"))
    assert soap[1] in {i18n._("courier (CSB-V)"), i18n._("post (Dak Ghar Niryat Kendra)"),
                       i18n._("marketplace export programme")} and not soap[1].startswith(("courier", "post"))
    assert "2026-12-06" in page.routes.sources.text() and "Route facts" not in page.routes.sources.text()
    assert "The score" not in page.routes.sources.text()
    post = [r for r in rows if r[0] == "TEA8" and r[1] == i18n._("post (Dak Ghar Niryat Kendra)") and r[4] != "-"]
    assert post and all(r[6] == thin and r[7].startswith("आँकने लायक जानकारी नहीं: माँग का आँकड़ा नहीं") for r in post)
    assert all("दर 2013 की है: आज की दर जाँचें" in r[-1] for r in post)
