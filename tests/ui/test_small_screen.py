"""The pages at 1366x768, the counter laptop's screen, in Hindi (Devanagari is wider and taller than English):
nothing is squeezed under what it needs, no table row is taller than the table's view, and what scrolls,
scrolls (screenshots: bench/ui/screenshots_small_screen.py)."""

from __future__ import annotations

from itertools import pairwise
from types import SimpleNamespace

from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QTableWidget, QWidget

from app import i18n
from app.services import decisions
from app.ui.agents.whatif_box import WhatIfBox
from app.ui.pages.agents import AgentsPage
from app.ui.tasks import wait_for_tasks

SCREEN = (1366, 768)


def settle(qtbot) -> None:
    wait_for_tasks()
    qtbot.wait(200)


def not_squeezed(label: QLabel) -> bool:
    """A word-wrapped label given at least the height its text needs at its width (less would cut lines or draw
    them over the widgets around it)."""
    return label.height() >= label.heightForWidth(label.width())


def rows_fit(table: QTableWidget) -> bool:
    """Every row no taller than the table's view: a taller one is cut whatever the scroll position."""
    view = table.viewport().height()
    return table.rowCount() > 0 and all(table.rowHeight(r) <= view for r in range(table.rowCount()))


def stacked(*widgets: QWidget) -> bool:
    """Each widget wholly above the next, none drawn over another (as a layout squeezed below its parts' needs
    does)."""
    rects = [w.rect().translated(w.mapTo(w.window(), w.rect().topLeft())) for w in widgets]
    return all(upper.bottom() < lower.top() for upper, lower in pairwise(rects))


def reachable(widget: QWidget) -> bool:
    """Shown whole on the page, or inside a scroll area that can bring it into view."""
    if widget.window().height() > SCREEN[1]:  # a window taller than the screen has its foot cut off
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QTableWidget):
            return True
        parent = parent.parentWidget()
    window = widget.window()
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return top_left.y() + widget.height() <= window.height()


def _long_order(session) -> None:
    """An order the agents made today with a long why, as the demo shop's keep-the-supplier order has."""
    why = ("Nothing has been ordered from Shree Dairy for 10 days and none of its items is on the shelf; one order "
           "of the item expected to lose least keeps the supplier and shows whether its items sell again or the "
           "supplier should be dropped. ") * 2
    decisions.record_decision(
        session.ctx, agent="inventory", decision_type="purchase_order", status="awaiting_approval", reasoning=[why],
        actions=[{"kind": "purchase_order", "params": {"supplier": "Shree Dairy", "total_paise": 52_000, "lines": [
            {"sku": "PARLE-G-80", "qty_milli": 20_000, "cost_paise": 800}]}}])


def _replay_result() -> SimpleNamespace:
    runs = (("agents", 1000), ("ss", 90_000), ("kirana", 80_000))
    figures = [SimpleNamespace(policy=p, profit_paise=profit, fill_rate=0.9, fill_rate_priced=0.85, waste_paise=0,
                               purchase_orders=4) for p, profit in runs]
    assumptions = ["The 14 items that sold most in the last 14 days, each at its own price and cost, with what "
                   "customers asked for read from the shop's own sales; a competitor at the same prices."] * 4
    return SimpleNamespace(figures=figures, best_baseline=lambda: figures[1], assumptions=assumptions)


def test_the_agents_page_fits_1366x768_in_hindi(session, make_window, qtbot):
    i18n.set_language("hi")
    _long_order(session)
    window = make_window()
    window.resize(*SCREEN)
    page = window.show_page(AgentsPage)
    box = page.findChild(WhatIfBox)
    box.show_result(_replay_result())
    settle(qtbot)
    assert page.today.rowCount() == 1
    # the limits' plain-language preview and the replay's notes get the lines they need (once laid out)
    qtbot.waitUntil(lambda: not_squeezed(page.limits.preview) and not_squeezed(box.notes), timeout=3000)
    assert not_squeezed(page.limits.preview), (page.limits.preview.height(),
                                               page.limits.preview.heightForWidth(page.limits.preview.width()))
    assert not_squeezed(box.notes), (box.notes.height(), box.notes.heightForWidth(box.notes.width()))
    assert reachable(page.limits.preview) and reachable(box.notes) and reachable(page.limits.save_button)
    assert stacked(page.limits.budget, page.limits.preview, page.limits.save_button)
    assert stacked(page.today, page.undo_button) and stacked(box.status, box.table, box.notes)
    # the page scrolls, and down to the replay's figures when they come
    assert not box.table.visibleRegion().isEmpty()
    # today's long order is not cut by its table: its row fits the view (the rest is in its tooltip)
    assert rows_fit(page.today), (page.today.rowHeight(0), page.today.viewport().height())
    assert page.today.item(0, AgentsPage.WHY).toolTip().startswith("Nothing has been ordered from Shree Dairy")


def test_the_wizards_limits_step_shows_every_sentence_in_hindi(qtbot, ui_app):
    from app.ui.setup import SetupWizard

    i18n.set_language("hi")
    wizard = SetupWizard()
    qtbot.addWidget(wizard)
    wizard.show()  # at the size it opens at (its minimum, 640x480)
    wizard.setStartId(wizard.pageIds()[-1])
    wizard.restart()
    step = wizard.limits_page
    step.alone.setChecked(True)
    step.budget.setValue(25_000)  # one sentence more: the weekly budget
    qtbot.wait(50)
    assert wizard.width() <= SCREEN[0] and wizard.height() <= SCREEN[1]
    # the last sentence (marketing risk) was cut by the wizard's bottom edge
    assert not_squeezed(step.words), (step.words.height(), step.words.heightForWidth(step.words.width()))
    assert reachable(step.words)
    wizard.done(0)


def test_the_trade_page_fits_1366x768_in_english_and_hindi(session, make_window, qtbot):
    from app.ui.pages.trade import TradePage

    for lang in ("en", "hi"):
        i18n.set_language(lang)
        window = make_window()
        window.resize(*SCREEN)
        page = window.show_page(TradePage)
        settle(qtbot)
        routes = page.routes
        assert routes.table.rowCount() > 0, lang
        # the routes' sources were drawn over the routes table, and its one visible row was cut
        assert not_squeezed(routes.sources), (lang, routes.sources.height(),
                                              routes.sources.heightForWidth(routes.sources.width()))
        assert not_squeezed(routes.summary) and reachable(routes.sources), lang
        assert stacked(page.checks, routes.summary, routes.table, routes.sources), lang
        assert rows_fit(routes.table), (lang, [routes.table.rowHeight(r) for r in range(routes.table.rowCount())],
                                        routes.table.viewport().height())


def test_a_page_that_fits_does_not_scroll(session, make_window, qtbot):
    from app.ui.pages.marketing import MarketingPage
    from app.ui.pages.orders import OrdersPage
    from app.ui.pages.trade import TradePage

    window = make_window()
    window.resize(1920, 1080)
    for page_class in (AgentsPage, TradePage, MarketingPage, OrdersPage):
        page = window.show_page(page_class)
        settle(qtbot)
        # the body is the page's own height: laid out as it was before it could scroll
        assert page.page_scroll.verticalScrollBar().maximum() == 0, page_class.__name__
        assert page.page_scroll.widget().height() == page.page_scroll.viewport().height()


def test_a_long_order_in_approvals_keeps_its_buttons_on_a_1366x768_screen(session, make_window, qtbot):
    """A kirana's order can have thirty lines; the details below the table grew over the Approve button."""
    from datetime import timedelta

    from app.agents.engine import DecisionEngine
    from app.ui.pages.approvals import ApprovalsPage

    session.engine = DecisionEngine(session.ctx, [], sleep=lambda _s: None)
    i18n.set_language("hi")
    lines = [{"sku": "PARLE-G-80", "qty_milli": (n + 1) * 1000, "cost_paise": 800} for n in range(30)]
    decision = decisions.record_decision(
        session.ctx, agent="inventory", decision_type="purchase_order", status="awaiting_approval",
        reasoning=["30 items are below their reorder point."],
        actions=[{"kind": "purchase_order", "params": {"supplier_id": 0, "lines": lines, "total_paise": 372_000}}])
    decisions.request_approval(session.ctx, int(decision.id), summary="30 items are below their reorder point.",
                               kind="purchase_order", expires=session.ctx.now() + timedelta(days=3))
    window = make_window()
    window.resize(*SCREEN)
    page = window.show_page(ApprovalsPage)
    settle(qtbot)
    page.table.selectRow(0)
    settle(qtbot)
    assert page.details.text().count("\n") >= 30
    assert window.height() <= SCREEN[1], window.height()  # a window taller than the screen has its foot cut off
    qtbot.waitUntil(lambda: not_squeezed(page.details), timeout=3000)
    assert stacked(page.table, page.details, page.approve_button)
    assert reachable(page.approve_button) and page.table.viewport().height() >= page.table.rowHeight(0)


def test_every_page_fits_the_window_on_a_1366x768_screen_in_hindi(session, make_window, qtbot):
    """No page asks the window to grow past the screen (its foot, buttons included, would be off the screen)."""
    from app.ui.pages import PAGES, as_entry

    i18n.set_language("hi")
    window = make_window()
    window.resize(*SCREEN)
    for entry in map(as_entry, PAGES):
        window.show_page(entry.name)
        settle(qtbot)
        assert window.width() <= SCREEN[0] and window.height() <= SCREEN[1], (entry.name, window.size())


def _many_free_campaigns(session, count: int = 14) -> None:
    """A shop whose agent tried many ideas: each a free campaign waiting for the seller to send by hand."""
    from app.services import campaigns, consent, khata

    ctx = session.ctx
    for k in range(3):
        consent.grant(ctx, khata.create_customer(ctx, name=f"Grahak {k}", phone=f"98111333{k}5").id, method="counter")
    skus = [row[0] for row in session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku")]
    for n in range(count):
        campaigns.plan_campaign(ctx, sku=skus[n % len(skus)], segment="all", seed=n, channel=campaigns.HAND,
                                name=f"Diwali: bring back the customers who bought atta and oil last month ({n})")


def test_the_marketing_page_fits_1366x768_in_hindi_with_many_campaigns(session, make_window, qtbot):
    """Fourteen free campaigns: the to-do sentence named every one of them and was drawn over the consent box,
    cut at both ends, and the campaigns table was squeezed to one row."""
    from app.ui.pages.marketing import MarketingPage

    _many_free_campaigns(session)
    i18n.set_language("hi")
    window = make_window()
    window.resize(*SCREEN)
    page = window.show_page(MarketingPage)
    settle(qtbot)
    assert page.table.rowCount() == 14
    assert window.height() <= SCREEN[1], window.height()
    qtbot.waitUntil(lambda: not_squeezed(page.hand_words), timeout=3000)
    consent_box = page.customer.parentWidget()
    assert stacked(page.table, page.chart, page.hand_words, consent_box)
    assert reachable(page.hand_words) and reachable(page.grant_button)
    # the seller sees several campaigns at once, not a sliver of one
    assert page.table.viewport().height() >= MarketingPage.ROWS_SHOWN * page.table.rowHeight(0)
    # the sentence names a few and counts the rest; the tooltip lists them all
    assert page.hand_words.text().count("#") == MarketingPage.HAND_NAMED
    assert page.hand_words.toolTip().count("#") == 14


def test_many_approvals_keep_a_few_rows_and_the_chosen_one_in_view(session, make_window, qtbot):
    """Twelve requests and a thirty-line order chosen: the details made the page scroll and the table was
    squeezed to a row or two, the chosen request scrolled out of its sight."""
    from datetime import timedelta

    from app.agents.engine import DecisionEngine
    from app.ui.pages.approvals import ApprovalsPage

    session.engine = DecisionEngine(session.ctx, [], sleep=lambda _s: None)
    i18n.set_language("hi")
    for n in range(12):
        count = 30 if n == 11 else 2  # the newest is the long one: the last row of the table
        lines = [{"sku": "PARLE-G-80", "qty_milli": (k + 1) * 1000, "cost_paise": 800} for k in range(count)]
        decision = decisions.record_decision(
            session.ctx, agent="inventory", decision_type="restock", status="awaiting_approval",
            reasoning=[f"{count} items are below their reorder point ({n})."],
            actions=[{"kind": "purchase_order", "params": {"supplier_id": 0, "lines": lines, "total_paise": 9_000}}])
        decisions.request_approval(session.ctx, int(decision.id), summary=f"{count} items, request {n}",
                                   kind="purchase_order", expires=session.ctx.now() + timedelta(days=3))
    window = make_window()
    window.resize(*SCREEN)
    page = window.show_page(ApprovalsPage)
    settle(qtbot)
    last = page.table.rowCount() - 1
    assert page.table.item(last, ApprovalsPage.WHAT).text().startswith("30 items")
    page.table.selectRow(last)
    settle(qtbot)
    assert page.details.text().count("\n") >= 30 and window.height() <= SCREEN[1]
    view = page.table.viewport()
    assert view.height() >= ApprovalsPage.ROWS_SHOWN * page.table.rowHeight(0), (view.height(),
                                                                              page.table.rowHeight(0))
    shown = page.table.visualRect(page.table.model().index(last, 0))
    assert view.rect().contains(shown), (shown, view.rect())
    assert stacked(page.table, page.details, page.approve_button) and reachable(page.approve_button)


def _orders(session) -> None:
    """Marketplace orders with the marketplaces' long ids, and home deliveries of a few items each."""
    from app.services import catalog, deliveries, sales
    from app.services.deliveries import NewDelivery
    from app.services.sales import RemoteLine, SaleLine

    ctx = session.ctx
    db = session.store.db()
    products = db.execute("SELECT sku, price_paise FROM product WHERE active = 1 ORDER BY sku").fetchall()
    catalog.add_channel(ctx, code="amazon", name="Amazon")
    for n in range(6):
        lines = [RemoteLine(sku=sku, qty_milli=1000, unit_price_paise=price, remote_line_id=f"L{n}-{k}")
                 for k, (sku, price) in enumerate(products[:3])]
        sales.import_marketplace_order(ctx, channel="amazon", remote_id=f"408-{n:07d}-{n * 7919:07d}", lines=lines,
                                       status=("pending", "accepted", "shipped")[n % 3], customer_name="Asha")
    for n in range(4):
        deliveries.create(ctx, NewDelivery(
            customer_name=f"Priyanka Deshpande-Kulkarni {n}", phone=f"97000000{n}2", area="Deccan Gymkhana",
            address="Flat 4, Shanti Niwas Co-operative Housing Society", pin="411038",
            lines=[SaleLine(sku=sku, qty_milli=1000) for sku, _price in products[:4]]), confirmed=True)


def _in_view(table: QTableWidget, column: int) -> bool:
    """The column wholly inside the table's view, with nothing scrolled."""
    header = table.horizontalHeader()
    return header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width()


def test_the_orders_page_shows_each_orders_state_at_1366x768_in_hindi(session, make_window, qtbot):
    """The items of an order, wrapped in the middle of the tables, made a delivery's row taller than its table
    and pushed the marketplace orders' state and ship-by time out of the view."""
    from app.ui.pages.orders import OrdersPage

    _orders(session)
    i18n.set_language("hi")
    window = make_window()
    window.resize(*SCREEN)
    page = window.show_page(OrdersPage)
    settle(qtbot)
    panel = page.deliveries
    assert panel.table.rowCount() == 4 and window.height() <= SCREEN[1]
    assert rows_fit(panel.table), [panel.table.rowHeight(r) for r in range(4)]
    assert all(_in_view(panel.table, c) for c in (panel.TOTAL, panel.PAY, panel.STATE))
    assert panel.table.item(0, panel.ITEMS).toolTip().startswith(panel.table.item(0, panel.ITEMS).text())
    page.tabs.setCurrentIndex(1)  # the marketplaces
    settle(qtbot)
    assert page.table.rowCount() == 6
    assert all(_in_view(page.table, c) for c in (page.TOTAL, page.OURS, page.THEIRS, page.SHIP_BY)), [
        (page.table.horizontalHeader().sectionViewportPosition(c), page.table.columnWidth(c))
        for c in range(page.table.columnCount())]
    assert page.table.item(0, page.ITEMS).toolTip() == page.table.item(0, page.ITEMS).text()
    # and the items themselves readable beside the courier's buttons (four abreast had left them a sliver, 20 px)
    assert _in_view(page.table, page.ITEMS) and page.table.columnWidth(page.ITEMS) >= 100, page.table.columnWidth(
        page.ITEMS)
    assert reachable(page.ship_button) and reachable(page.damaged_button)


def test_the_agents_page_reads_its_limits_preview_off_the_window_once(session, make_window, qtbot, monkeypatch):
    """The preview finds the shop's best seller in its sales (0.8 s in a year of a 377-item shop's): the page
    asked three times on the window's thread as it opened (each limit set on loading asked again), and again
    on every arrow click."""
    import threading

    from app.services import autonomy

    asked: list[bool] = []
    real = autonomy.preview

    def preview(*args, **kwargs):
        asked.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(autonomy, "preview", preview)
    window = make_window()
    page = window.show_page(AgentsPage)
    settle(qtbot)
    assert asked == [False], asked  # once, on a worker thread
    qtbot.waitUntil(lambda: "Tata Salt" in page.limits.preview.text())
    page.limits.price_pct.setValue(3)
    qtbot.waitUntil(lambda: "at most 3%" in page.limits.preview.text())
    assert asked == [False, False], asked


def test_a_gst_check_naming_many_items_stays_in_the_tables_view(session, make_window, qtbot, monkeypatch):
    """The big shop's '13 items are billed at their own GST rate' check: its items, sized to their text, were a
    line wider than the page, pushed out of the checks table's view."""
    import dataclasses

    from app.domain.gst_checks import Issue
    from app.services import gst_returns
    from app.ui.pages.compliance import CompliancePage

    real = gst_returns.prepare
    names = tuple(f"Basmati Rice Premium Long Grain {n} kg" for n in range(13))

    def prepare(*args, **kwargs):
        issue = Issue(code="own_rate", severity="warning", message="13 item(s) are billed at their own GST rate, "
                      "not the rate table's: confirm each is right.", documents=names)
        return dataclasses.replace(real(*args, **kwargs), issues=(issue,))

    monkeypatch.setattr(gst_returns, "prepare", prepare)
    i18n.set_language("hi")
    window = make_window()
    window.resize(*SCREEN)
    page = window.show_page(CompliancePage)
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)  # prepared on a worker
    settle(qtbot)
    checks = page.checks
    assert checks.rowCount() == 1 and checks.item(0, 1).toolTip() == ", ".join(names)
    assert _in_view(checks, 1), (checks.horizontalHeader().sectionViewportPosition(1), checks.columnWidth(1),
                                 checks.viewport().width())
    assert rows_fit(checks), (checks.rowHeight(0), checks.viewport().height())


def test_the_home_delivery_table_does_not_scroll_sideways_at_1366x768(session, make_window, qtbot):
    """On the big shop (long names, areas with their PIN, invoices) the columns sized to their texts were wider than
    the table's view: its invoice and items columns were out of sight, behind a sideways scroll bar."""
    from app.services import catalog, deliveries
    from app.services.deliveries import NewDelivery
    from app.services.sales import SaleLine
    from app.ui.pages.orders import OrdersPage

    ctx = session.ctx
    skus = [r[0] for r in session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku")]
    catalog.create_product(ctx, sku="LONG-TEA-1KG", name_en="Tata Tea Gold Premium Assam Tea with Gently Rolled "
                           "Aromatic Long Leaves 1 kg Jar", hsn_code="09024020", price_paise=60_000)
    for n, (name, area) in enumerate((("Priyanka Deshpande-Kulkarni", "Deccan Gymkhana"),
                                      ("Meenakshi Chattopadhyay-Radhakrishnan", "Koregaon Park Annexe"),
                                      ("Gurpreet Venkataraman", "Karve Nagar"))):
        deliveries.create(ctx, NewDelivery(
            customer_name=name, phone=f"97000000{n}2", area=area, address="Flat 4, Shanti Niwas", pin="411038",
            lines=[SaleLine(sku=sku, qty_milli=1000) for sku in ["LONG-TEA-1KG", *skus[:3]]]), confirmed=True)
    for lang in ("en", "hi"):
        i18n.set_language(lang)
        window = make_window()
        window.resize(*SCREEN)
        page = window.show_page(OrdersPage)
        settle(qtbot)
        table = page.deliveries.table
        assert table.rowCount() == 3 and window.width() <= SCREEN[0]
        widths = [table.columnWidth(c) for c in range(table.columnCount())]
        assert table.horizontalScrollBar().maximum() == 0, (lang, widths, table.viewport().width())
        assert all(_in_view(table, c) for c in range(table.columnCount())), (lang, widths)
        items = page.deliveries.ITEMS
        assert table.columnWidth(items) >= 12 * table.fontMetrics().horizontalAdvance("x"), (lang, widths)
        # a name cut short in its column is whole in the cell's tooltip
        customer = table.item(1, page.deliveries.CUSTOMER)
        assert "Meenakshi Chattopadhyay-Radhakrishnan" in customer.toolTip(), customer.toolTip()


def test_a_gst_check_names_its_items_in_hindi_on_the_hindi_page(session, make_window, qtbot, monkeypatch):
    """'Items billed at their own GST rate' names them as their bills do, in English: on the Hindi page the big
    shop's 13 loose goods read 'Basmati Rice Tukda (loose), Besan (loose), ...'. A name the shop keeps no item
    under (renamed since) stays as billed."""
    import dataclasses

    from app.domain.gst_checks import Issue
    from app.services import gst_returns
    from app.ui.pages.compliance import CompliancePage

    real = gst_returns.prepare
    names = ("Parle-G Biscuit 80 g", "Tata Salt 1 kg", "Salt (renamed since)")

    def prepare(*args, **kwargs):
        issue = Issue(code="own_rate", severity="info", message="3 item(s) are billed at their own GST rate.",
                      documents=names)
        return dataclasses.replace(real(*args, **kwargs), issues=(issue,))

    monkeypatch.setattr(gst_returns, "prepare", prepare)
    i18n.set_language("hi")
    page = make_window().show_page(CompliancePage)
    qtbot.waitUntil(lambda: page.ready, timeout=10_000)  # prepared on a worker
    settle(qtbot)
    assert page.checks.item(0, 1).text() == "पारले-जी बिस्कुट 80 ग्राम, टाटा नमक 1 किलो, Salt (renamed since)"
    assert page.checks.horizontalHeaderItem(1).text() == "बिल या सामान"  # items, not only bills, are listed
    i18n.set_language("en")
    english = make_window().show_page(CompliancePage)
    qtbot.waitUntil(lambda: english.ready, timeout=10_000)
    settle(qtbot)
    assert english.checks.item(0, 1).text() == ", ".join(names)
