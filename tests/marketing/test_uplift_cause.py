"""bench/marketing/uplift.py --cause: a pair's agent - off split into what the campaigns brought in the simulator's
own accounts (new sales' margin less spend) and the rest (the agents' path after the units the campaigns moved),
grouped by what came of the messages (docs/marketing.md, "Sixteenth session")."""

from __future__ import annotations

from bench.marketing.uplift import brought, cause


def row(scenario: str, mode: str, profit: int, *, new_sales: int = 0, spend: int = 0, codes: int = 0,
        won_back: int = 0) -> dict:
    return {"file": scenario, "seed": 1,
            "metrics": {"gross_margin_paise": 20_000, "revenue_paise": 100_000},  # a 20 % margin rate
            "activity": {"marketing": {"on": mode != "off", "mode": mode, "profit_after_marketing_paise": profit,
                                       "incremental_sales_paise": new_sales, "spend_paise": spend,
                                       "redemptions": codes, "households_won_back": won_back}}}


def test_what_the_campaigns_brought_is_the_new_sales_margin_less_the_spend():
    assert brought(row("a", "agent", 0, new_sales=50_000, spend=2_700), row("a", "off", 0)) == 10_000 - 2_700


def test_pairs_are_split_and_grouped_by_what_came_of_the_messages():
    rows = [row("quiet", "off", 500_000), row("quiet", "agent", 500_000),  # sent, nobody came: equal to the paisa
            # two codes, one extra unit sold (Rs 50 at the shelf: Rs 10 of margin), Rs 600 below off all the same
            row("codes", "off", 500_000), row("codes", "agent", 440_000, new_sales=5_000, codes=2),
            # a household won back: Rs 1,000 of new sales (Rs 200 of margin), Rs 300 above off
            row("back", "off", 500_000), row("back", "agent", 530_000, new_sales=100_000, spend=1_000, codes=1,
                                              won_back=1)]
    text = cause(rows)
    assert "| codes | 1 | ₹-600 | ₹10 | ₹-610 | 2 | 0 | codes, nobody won back |" in text
    assert "| back | 1 | ₹300 | ₹190 | ₹110 | 1 | 1 | won back |" in text
    assert "| quiet | 1 | ₹0 | ₹0 | ₹0 | 0 | 0 | nothing came |" in text
    assert "| codes, nobody won back | 1 | 0 / 0 / 1 | ₹-600 | ₹10 | ₹-610 | ₹610 | ₹-610 |" in text
    assert "| nothing came | 1 | 0 / 1 / 0 | ₹0 | ₹0 | ₹0 | ₹0 | ₹0 |" in text
