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
