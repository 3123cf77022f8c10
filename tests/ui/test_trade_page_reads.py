"""What the Trade page reads on the window's thread as it opens stays cheap on a shop with years of sales."""

from __future__ import annotations

import re


def test_the_route_scores_read_only_the_last_90_days_of_sales(session, make_window, qtbot):
    """The route scores' best sellers were found by walking every sale line the shop ever made, item by item (SQLite's
    choice of index): 0.5-0.9 s of the page's first show on the big shop's year of sales. Every statement the
    routes read runs through the orders by their date, never through the whole of order_line."""
    from app.ui.pages.trade import TradePage

    window = make_window()
    page = window.show_page(TradePage)
    conn = session.store.db().conn
    ran: list[str] = []
    conn.set_trace_callback(ran.append)
    try:
        page.routes.refresh()
    finally:
        conn.set_trace_callback(None)
    assert page.routes.table.rowCount() > 0
    walked = []
    for sql in ran:
        if not sql.lstrip().upper().startswith("SELECT") or "order_line" not in sql:
            continue
        lines = {m.group(1) for m in re.finditer(r"\border_line\s+(?:AS\s+)?(\w+)", sql, re.IGNORECASE)}
        lines.add("order_line")
        for step in conn.execute("EXPLAIN QUERY PLAN " + sql):
            detail = step[-1]
            if any(re.match(rf"SCAN {name}\b", detail) for name in lines):
                walked.append((detail, sql))
    assert not walked, walked



def _measured_while_filled(page, table) -> list[int]:
    """Refresh the shown page; for each cell put in the table, how many of its columns were then sized to their
    contents (each such column measured again over every row as the cell went in)."""
    from PySide6.QtWidgets import QHeaderView

    header = table.horizontalHeader()
    seen: list[int] = []
    put = table.setItem

    def set_item(row, column, item):
        seen.append(sum(header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents
                        for c in range(header.count())))
        put(row, column, item)

    table.setItem = set_item
    try:
        page.refresh()
    finally:
        del table.setItem
    return seen


def test_refreshing_a_shown_page_measures_its_columns_once_not_for_each_cell(session, make_window, qtbot):
    """Columns sized to their contents, filled while the page is shown (a sale recorded, a quote kept, a campaign
    sent): every cell put in measured its column again over all the rows, 15 s of the window's thread for the
    Trade page's 240 routes on the big shop and 0.7 s for the Marketing page's 40 campaigns (0.2 s and 0.03 s
    filled inside ``tables.filling``). The columns are sized to their contents all the same, once, afterwards."""
    from PySide6.QtWidgets import QHeaderView

    from app.services import campaigns
    from app.ui.pages.marketing import MarketingPage
    from app.ui.pages.trade import TradePage

    for n in range(3):
        campaigns.plan_campaign(session.ctx, sku="TATA-SALT-1KG", segment="all", seed=n)
    window = make_window()
    for kind, table_of in ((TradePage, lambda p: p.routes.table), (MarketingPage, lambda p: p.table)):
        page = window.show_page(kind)
        qtbot.wait(50)
        table = table_of(page)
        seen = _measured_while_filled(page, table)
        assert seen and not any(seen), (kind.__name__, seen[:5])
        qtbot.wait(50)
        header = table.horizontalHeader()
        sized = [c for c in range(header.count())
                 if header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents]
        assert sized and all(header.sectionSize(c) >= table.sizeHintForColumn(c) for c in sized), kind.__name__


def test_the_routes_rows_are_laid_out_a_few_at_a_time_while_the_window_is_idle(session, make_window, qtbot):
    """Each route's row is sized to its wrapped text (up to 4 lines): on the big shop, 240 rows in Hindi took 0.3-0.5 s
    of the page's first show, and as long again after each resize of a column. Now the first 20 rows are sized
    with the page, the rest 20 at a time when the window is idle, and all of them end up as tall as their text."""
    from app.ui.pages.trade import TradePage
    from app.ui.pages.trade_routes import ROW_LINES
    from app.ui.tables import row_cap

    window = make_window()
    page = window.show_page(TradePage)
    qtbot.wait(100)
    table = page.routes.table
    assert table.rowCount() > 40
    most = row_cap(table, ROW_LINES)
    table.setRowHeight(45, 3 * most)  # as if its text had changed
    page.routes.fit_rows()
    assert table.rowHeight(45) == 3 * most  # not yet: the window has not been idle since
    qtbot.waitUntil(lambda: table.rowHeight(45) <= most)
    for row in (0, 25, 45, table.rowCount() - 1):
        assert table.rowHeight(row) == min(table.sizeHintForRow(row), most), row
