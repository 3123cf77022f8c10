"""A cut towards a cheaper competitor on a well-margined item, judged under readings of the price response that
the evidence cannot rule out (issue 14, twenty-third session: "the shops that keep").

The low reading was customers half as price-sensitive as the prior with a quarter of its pull to the competitor
(-1.5 against -6): under it no cut towards a competitor ever paid, so on shops with little short-lived stock the
agents held every price at the MRP where a few percent under it earned 5-7% more (the never-seen woollens store).
"""

from __future__ import annotations

import json

from app.agents.pricing import PricingAgent
from app.services import catalog, market
from app.services.market import CompetitorSighting


def _moves(shop) -> dict[str, int]:
    return {json.loads(d[4])[0]["params"]["sku"]: json.loads(d[4])[0]["params"]["price_paise"]
            for d in shop.decisions("executed") if d[2] == "reprice"}


def test_a_well_margined_item_follows_a_cheaper_competitor_down(kirana):
    # soap at ₹43 against an MRP of ₹45, bought at ₹28 (35% margin), a competitor at ₹40: at the prior's
    # readings the cut pays, and it pays still with customers 3/4 as price-sensitive and half as drawn away
    catalog.update_product(kirana.ctx, "SOAP", cost_paise=2800)
    market.record_competitor_prices(kirana.ctx, [CompetitorSighting(sku="SOAP", price_paise=4000,
                                                                    source="marketplace")])
    kirana.engine([PricingAgent()]).run_cycle()
    assert 3900 <= _moves(kirana).get("SOAP", kirana.price("SOAP")) <= 4000
    assert kirana.price("SOAP") <= 4000


def test_a_thin_margin_holds_against_the_same_competitor(kirana):
    # atta at ₹285 bought at ₹255 (10.5%), a competitor 3% under: a cut pays only if customers walk to the
    # competitor as readily as the prior guesses, so the price holds
    market.record_competitor_prices(kirana.ctx, [CompetitorSighting(sku="ATTA5", price_paise=27600,
                                                                    source="marketplace")])
    kirana.engine([PricingAgent()]).run_cycle()
    assert "ATTA5" not in _moves(kirana) and kirana.price("ATTA5") == 28500

