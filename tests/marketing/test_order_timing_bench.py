"""bench/marketing/order_timing.py's count of the orders the simulator renumbered between marketing on and off
(docs/marketing.md, "Fourteenth session")."""

from __future__ import annotations

from bench.marketing.order_timing import lead_split


def test_an_order_sent_a_day_earlier_renumbers_every_later_order_and_their_lead_times_are_drawn_again():
    off = [("2026-05-27", "dairy", "PO/1", 1), ("2026-05-29", "bakery", "PO/2", 1), ("2026-05-30", "veg", "PO/3", 2),
           ("2026-05-30", "fmcg", "PO/4", 2)]
    # the bakery's order goes a day earlier with marketing on (two buns more sold): one order more in the series
    on = [("2026-05-27", "dairy", "PO/1", 1), ("2026-05-28", "bakery", "PO/2", 1), ("2026-05-29", "bakery", "PO/3", 1),
          ("2026-05-30", "veg", "PO/4", 2), ("2026-05-30", "fmcg", "PO/5", 4)]
    split = lead_split(on, off)
    assert split == {"orders_on": 5, "orders_off": 4, "same_day_and_supplier": 4, "other_lead": 1, "renumbered": 3,
                     "renumbered_other_lead": 1, "first_renumbered": ["2026-05-29", "bakery"], "only_on": 1,
                     "only_off": 0}


def test_two_runs_that_ordered_alike_have_nothing_renumbered():
    orders = [("2026-05-27", "dairy", "PO/1", 1), ("2026-05-27", "dairy", "PO/2", 2)]
    assert lead_split(orders, list(orders))["renumbered"] == 0
