"""bench/marketing/drift.py's reading of two runs' day-by-day records (docs/marketing.md, "Eleventh session"):
where an item's path first parts between marketing on and off, and whether an offered item sold out while its
campaign's codes could still come."""

from __future__ import annotations

from bench.marketing.drift import compare, parted, sold_out_while_offered, split, split_table

DAYS = ["2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04"]


def run(morning: list[list[int]], sold: list[list[int]], delivered: dict[str, dict[int, int]] | None = None,
        campaigns: list[dict] | None = None, waste: list[float] | None = None) -> dict:
    return {"scenario": "s", "seed": 1, "answers": 81, "profit_after_marketing_paise": 0, "spend_paise": 0,
            "redemptions": 0, "won_back": 0, "waste_paise": 0, "units_served": 0,
            "items": [{"sku": "PANEER", "name": "Paneer", "shelf_life": 3}, {"sku": "RICE", "name": "Rice",
                                                                             "shelf_life": None}],
            "item_waste_paise": waste or [0.0, 0.0], "item_unserved": [0.0, 0.0], "item_sold": [0.0, 0.0],
            "item_margin_paise": [0.0, 0.0], "campaigns": campaigns or [],
            "record": {"morning": dict(zip(DAYS, morning, strict=True)), "sold": dict(zip(DAYS, sold, strict=True)),
                       "delivered": delivered or {}, "waste": {}}}


def test_the_first_difference_is_an_extra_sale_on_a_day_with_the_same_stock():
    off = run([[5, 9]] * 4, [[2, 1]] * 4)
    on = run([[5, 9], [5, 9], [4, 9], [4, 9]], [[2, 1], [3, 1], [2, 1], [2, 1]])
    assert parted(on, off, 0) == ("2026-04-02", "extra sale")
    assert parted(on, off, 1) == ("", "—")


def test_the_first_difference_is_a_delivery_the_inventory_agent_ordered_otherwise():
    off = run([[5, 9]] * 4, [[2, 1]] * 4, delivered={"2026-04-03": {0: 6}})
    on = run([[5, 9]] * 4, [[2, 1]] * 4)
    assert parted(on, off, 0) == ("2026-04-03", "orders (delivered 0 against 6)")


def test_an_offered_item_that_closed_empty_only_with_marketing_on_is_found():
    campaign = {"sku": "PANEER", "first": "2026-04-01", "last": "2026-04-01", "messages": 30}
    off = run([[3, 9]] * 4, [[2, 1]] * 4)
    on = run([[3, 9]] * 4, [[2, 1], [3, 1], [2, 1], [2, 1]], campaigns=[campaign])
    assert sold_out_while_offered(on, off, 0) == "2026-04-02"
    # not offered: no answer, whatever its shelf did
    assert sold_out_while_offered(run([[3, 9]] * 4, [[3, 1]] * 4), off, 0) == ""
    table = compare(on, run([[3, 9]] * 4, [[2, 1]] * 4, waste=[-100.0, 0.0]))
    assert any(line.startswith("| PANEER Paneer | 3 | yes | ₹+1") and line.endswith("| 2026-04-02 |")
               for line in table)


def test_a_pairs_loss_is_split_into_spend_the_offered_items_the_short_lived_others_and_the_rest():
    campaign = {"sku": "RICE", "first": "2026-04-01", "last": "2026-04-01", "messages": 30}
    off = {**run([[5, 9]] * 4, [[2, 1]] * 4, waste=[1000.0, 0.0]), "profit_after_marketing_paise": 100_000,
           "marketing": False, "days": 4}
    on = {**run([[5, 9]] * 4, [[2, 1]] * 4, waste=[31000.0, 0.0], campaigns=[campaign]), "marketing": True,
          "days": 4, "spend_paise": 2000, "profit_after_marketing_paise": 100_000 - 2000 - 30000 + 5000 - 700}
    on["item_margin_paise"] = [0.0, 5000.0]  # the rice offered: ₹50 more margin; the paneer: ₹300 more thrown out
    parts = split(on, off)
    assert parts == {"spend": -20.0, "offered": 50.0, "short": -300.0, "other": 0.0, "rest": -7.0, "total": -277.0}
    (row,) = split_table([off, on])[2:]
    assert row.startswith("| s | 1 | 81 | ₹-277 | ₹-20 | ₹+50 | ₹-300 | ₹+0 | ₹-7 |")


def test_the_reviews_where_the_fresh_raise_lifted_other_lines_are_named_with_the_units_each_lost():
    from bench.marketing.drift import raise_summary

    off = {"raised": {"2026-04-01": [{"up": ["CURD"], "lost": {"CURD": 9.0, "MILK": 8.5}}],
                      "2026-04-02": [{"up": ["CURD"], "lost": {"CURD": 9.0, "MILK": 8.9}}]}}
    on = {"raised": {"2026-04-01": [{"up": ["CURD"], "lost": {"CURD": 9.0, "MILK": 8.5}}],
                     "2026-04-02": [{"up": ["MILK"], "lost": {"CURD": 9.0, "MILK": 9.1}}]}}
    line = raise_summary(on, off)
    assert line.startswith("fresh raise: 1 reviews differ; first 2026-04-02 review 0: CURD off only (lost 9.0 on, 9.0"
                           " off), MILK on only (lost 9.1 on, 8.9 off)")
    assert line.endswith("raised in the on run only (reviews): MILK 1; in the off run only: CURD 1")
    assert raise_summary(off, off).startswith("fresh raise: 0 reviews differ; first none")
