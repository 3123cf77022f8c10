"""The Items page draws the selected item's sales and the forecast after them, with its p10-p90 range:
the numbers painted are those of the real forecaster on the sales recorded at the counter."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, timedelta

import numpy as np
import pytest
from shops import at

from app import i18n
from app.ml.forecast import RegularDates, SeriesHistory, forecast
from app.paths import DataDir
from app.services import inventory, sales
from app.session import Session, open_session
from app.ui.pages.items import ItemsPage
from app.ui.tasks import wait_for_tasks

DAYS = 84
SKU = "PARLE-G-80"


def _sold(day: date) -> int:
    """Biscuit packets sold on ``day``: more at the weekend, and a slow rise."""
    return 2 + (3 if day.weekday() >= 5 else 0) + (day.toordinal() % 3 == 0)


@pytest.fixture
def session(data_dir: DataDir, shop: str) -> Iterator[Session]:
    """The sample shop with twelve weeks of Parle-G sales before today."""
    opened = open_session(data_dir, shop)
    today = opened.ctx.today()
    inventory.receive_stock(opened.ctx, SKU, 300_000, unit_cost_paise=850)
    for k in range(DAYS, 0, -1):
        day = today - timedelta(days=k)
        qty = _sold(day)
        sales.record_sale(opened.ctx, lines=[sales.SaleLine(sku=SKU, qty_milli=qty * 1000)],
                          payments=[sales.PaymentIn(method="cash", amount_paise=qty * 1000)], at=at(day, 11))
    yield opened
    wait_for_tasks()
    opened.close()


def _show(qtbot, window, sku: str) -> ItemsPage:
    page = window.show_page(ItemsPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    page.table.selectRow(page.model.row_of(sku))
    panel = page.forecast_panel
    qtbot.waitUntil(lambda: panel.chart.outlook is not None and panel.product is not None
                    and panel.product.sku == sku, timeout=15_000)
    return page


def test_the_chart_draws_the_real_forecast_of_the_selected_item(qtbot, window, session):
    page = _show(qtbot, window, SKU)
    chart = page.forecast_panel.chart
    image = chart.grab().toImage()  # paints: `drawn` holds what was painted
    today = session.ctx.today()
    days = [today - timedelta(days=k) for k in range(DAYS, 0, -1)]
    qty = np.array([float(_sold(d)) for d in days])
    expected = forecast([SeriesHistory(SKU, RegularDates(days[0], DAYS, "D"), qty)], 28, "D",
                        end=today - timedelta(days=1))[0]
    drawn = chart.drawn
    np.testing.assert_allclose(drawn["forecast"], expected.mean)
    np.testing.assert_allclose(drawn["p10"], expected.p10)
    np.testing.assert_allclose(drawn["p90"], expected.p90)
    assert chart.outlook is not None and chart.outlook.dates[0] == today
    # the last 91 days: seven days before the first sale (none), then every day as sold (today's sale is the
    # sample shop's, and today is not drawn)
    assert drawn["sold"] == [0.0] * 7 + list(qty)
    # the picture: forecast after the sold bars, inside its band, which is shaded in the forecast's colour
    points = chart.points
    assert points["forecast"][0].x() > points["sold"][-1].x()
    for low, mid, high in zip(points["p10"], points["forecast"], points["p90"], strict=True):
        assert low.y() >= mid.y() >= high.y()
    at = points["forecast"][5]
    near = [image.pixelColor(round(at.x()) + dx, round(at.y()) + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    assert any(c.red() > 150 and c.blue() < 100 for c in near), [c.name() for c in near]  # on the orange line
    summary = page.forecast_panel.summary.text()
    total = round(float(np.sum(expected.mean)))
    assert summary.startswith(f"Expected in the next 28 days: about {total} pcs."), summary
    assert page.forecast_panel.title.text() == "Sales and forecast: Parle-G Biscuit 80 g"
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.window().resize(1280, 760)
        qtbot.wait(50)
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "items-forecast-en.png"))


def test_an_item_never_sold_says_so_and_draws_no_forecast(qtbot, window):
    page = _show(qtbot, window, "AMUL-BUTTER-100")
    chart = page.forecast_panel.chart
    chart.grab()
    assert chart.message == "No sales in the last year: nothing to forecast from."
    assert "forecast" not in chart.drawn


def test_the_chart_in_hindi(qtbot, make_window, session):
    i18n.set_language("hi")
    page = _show(qtbot, make_window(), SKU)
    panel = page.forecast_panel
    panel.chart.grab()
    assert panel.title.text() == "बिक्री और अनुमान: पारले-जी बिस्कुट 80 ग्राम"
    assert panel.summary.text().startswith("अगले 28 दिनों में अनुमानित बिक्री: लगभग")
    # no English word left in the sentence, the unit included
    assert not re.search(r"[A-Za-z]{2,}", panel.summary.text()), panel.summary.text()
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.window().resize(1280, 760)
        qtbot.wait(50)
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "items-forecast-hi.png"))
