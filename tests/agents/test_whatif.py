"""The what-if on the seller's own shop: a scenario from its items, sales and suppliers, the agents and the two
honest routines replayed on it side by side (``agents whatif``), the shop's own file only read."""

from __future__ import annotations

import json

from app.commands.autonomy import what_if_lines
from app.sim.shop_scenario import scenario_from_shop, what_if
from app.store import sales_history

from .conftest import ITEMS, TODAY


def test_the_scenario_is_the_shops_own_items_sales_and_suppliers(kirana):
    scenario, sold = scenario_from_shop(kirana.store, TODAY, days=28)
    assert sold == len(ITEMS) and len(scenario.items) == len(ITEMS)
    units: dict[str, float] = {}
    for sku, _day, qty, _value in sales_history.daily_sales(kirana.store.db(), "2026-06-01", "2026-06-28"):
        units[sku] = units.get(sku, 0) + qty / 1000
    by_sku = {item.sku: item for item in scenario.items}
    for sku, (_name, _cat, mrp, cost, _price, _rate, case, moq, shelf, _end) in ITEMS.items():
        item = by_sku[sku]
        assert abs(item.base_rate - units[sku] / 28) < 1e-9
        assert (item.mrp_paise, item.cost_paise, item.case_milli, item.moq_milli) == (mrp, cost, case * 1000,
                                                                                     max(moq, case) * 1000)
        assert item.shelf_life == (shelf or 0)
    # atta and oil have a second supplier (Metro, 4% dearer): both links come along, the usual one first
    assert [key for key, _cost in by_sku["ATTA5"].suppliers] == [str(kirana.supplier_id),
                                                                 str(kirana.backup_supplier_id)]
    gupta = next(s for s in scenario.suppliers if s.key == str(kirana.supplier_id))
    assert (gupta.name, gupta.lead_time_days) == ("Gupta Traders", 2)
    assert scenario.start.isoformat() == "2026-06-01" and scenario.days == 28
    # the best sellers by value when the shop is bigger than the what-if may hold
    few, _ = scenario_from_shop(kirana.store, TODAY, days=28, max_items=2)
    assert len(few.items) == 2


def test_the_agents_and_the_routines_replayed_side_by_side_leave_the_shop_alone(kirana):
    before = kirana.store.db().execute("SELECT count(*), max(id) FROM event").fetchone()
    result = what_if(kirana.store, TODAY, days=7, warmup_days=7)
    assert [f.policy for f in result.figures] == ["agents", "ss", "kirana"]
    for f in result.figures:
        assert f.revenue_paise > 0 and 0 < f.fill_rate <= 1 and f.fill_rate_priced <= f.fill_rate
        assert f.purchase_orders >= 0 and f.waste_paise >= 0
    assert result.best_baseline().policy in ("ss", "kirana")
    assert kirana.store.db().execute("SELECT count(*), max(id) FROM event").fetchone() == before
    text = "\n".join(what_if_lines(result))
    assert "The last 7 days of this shop, replayed:" in text and "the agents" in text
    assert "x the profit of " in text and "items that sold most in the last 7 days (of 6 that sold)" in text
    assert json.loads(json.dumps(result.to_json()))["figures"][0]["policy"] == "agents"


def test_a_shop_that_sold_nothing_says_so(kirana):
    result = what_if(kirana.store, TODAY.replace(year=2025), days=30)
    assert result.figures == [] and "Nothing sold in the last 30 days" in result.assumptions[0]
