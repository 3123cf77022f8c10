"""An order made up to a supplier's minimum takes goods with a long shelf life, may bring a line to a year of cover,
and counts the days unordered from the line out longest (issue 14, twenty-fourth session: the blind19 Dehradun
hosiery distributor, ₹10,000 minimum, whose breakfast and personal-care packets keep 500-650 days, was left unsent-to
for 55 days while up to four of them were out; the blind21 kite maker for 45)."""

from __future__ import annotations

from app.agents import dropped_suppliers
from app.agents.dropped_suppliers import KEEPS_LIFE_DAYS, keep_orders

from .test_dropped_suppliers import KITE_MAKER, kite_shop


def made_up_total(out: list) -> int | None:
    made = [p for p in out if p.context.get("made_up_to_minimum")]
    return int(made[0].action.params["total_paise"]) if made else None


def test_lines_with_a_long_shelf_life_make_up_the_order_never_past_half_their_life():
    """Every line of the kite shop's supplier given 600 days of life: the order is still made up to the minimum
    (reading every shelf life as perishable, nothing was), and no line goes past 300 days of cover."""
    snap, view, lv, chosen, waiting = kite_shop()
    snap.shelf_life[:4] = 600
    out = keep_orders(snap, view, lv, chosen, [waiting], "inventory")
    total = made_up_total(out)
    assert total is not None and total >= 1_500_000
    [made] = out
    qty = {line["sku"]: line["qty_milli"] for line in made.action.params["lines"]}
    for k, sku in enumerate(snap.skus[:4]):
        assert (view.position[k] + qty.get(sku, 0)) / 1000 / view.daily[k] <= 300
    # a shelf life under KEEPS_LIFE_DAYS is still read as perishable: the newsvendor's, not this rule's
    snap, view, lv, chosen, waiting = kite_shop()
    snap.shelf_life[:4] = KEEPS_LIFE_DAYS - 1
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]


def test_a_year_of_cover_may_make_up_the_minimum_of_a_slow_range():
    """Off-season the range sells a fifth as fast: 180 days of every line is worth less than the ₹15,000 minimum, a
    year of them is more, and the line out longest has waited past the lead time and a week."""
    snap, view, lv, chosen, waiting = kite_shop()
    view.daily[:4] = view.daily[:4] / 5
    out = keep_orders(snap, view, lv, chosen, [waiting], "inventory")
    total = made_up_total(out)
    assert total is not None and total >= 1_500_000


def test_with_nothing_sent_in_memory_the_line_out_longest_counts(monkeypatch):
    """No order to the kite maker within the snapshot's memory: one line out for 20 days, another for 2. The
    supplier has gone unordered at least 20 days, past its 6 days and a week (the shortest, 2, read it as just
    ordered, and each line that ran out set the count back)."""
    snap, view, lv, chosen, waiting = kite_shop(last_sent=None)
    days = {0: 20, 1: 2}
    monkeypatch.setattr(dropped_suppliers.fresh_cases, "days_out", lambda snap_, i: days.get(int(i), 0))
    out = keep_orders(snap, view, lv, chosen, [waiting], "inventory")
    total = made_up_total(out)
    assert total is not None and total >= 1_500_000
    assert int(out[0].action.params["supplier_id"]) == KITE_MAKER
    days[0] = 12  # both lines out for less than the bound: no made-up order yet
    assert keep_orders(snap, view, lv, chosen, [waiting], "inventory") == [waiting]
