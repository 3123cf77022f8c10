"""Safe defaults: until the seller has chosen what the agents may do alone, every price change and purchase
order waits in the approvals inbox; choosing the limits shows what they mean first."""

from __future__ import annotations

from app import config
from app.services import market, settings
from app.services.market import CompetitorSighting
from app.store import decisions as decision_store

from .conftest import SELLER, TODAY


def test_before_the_seller_chooses_limits_money_moving_actions_wait(kirana):
    settings.set_setting(kirana.ctx, config.AGENT_LIMITS_CHOSEN.key, False)
    market.record_competitor_prices(kirana.ctx, [CompetitorSighting(sku="ATTA5", price_paise=29900,
                                                                    source="marketplace", seen_on=TODAY)],
                                    origin=SELLER)
    before = {sku: kirana.price(sku) for sku in ("ATTA5", "OIL1", "SOAP", "TEA")}
    report = kirana.engine().run_cycle()
    db = kirana.store.db()
    assert report.escalated >= 2 and report.executed == sum(
        1 for d in kirana.decisions("executed") if d[2].startswith("alert_"))  # only alerts were done alone
    assert not db.execute("SELECT count(*) FROM purchase_order").fetchone()[0]
    assert {sku: kirana.price(sku) for sku in before} == before
    pending = decision_store.approvals(db)
    kinds = {a.kind for a in pending}
    assert "reprice" in kinds and kinds & {"restock", "prestock_festival"}
    assert all("agents limits" in a.summary for a in pending)


def test_once_chosen_the_agents_act_within_the_limits(kirana):
    settings.set_setting(kirana.ctx, config.AGENT_LIMITS_CHOSEN.key, True)
    report = kirana.engine().run_cycle(["inventory"])
    assert report.executed >= 1 and report.escalated == 0
    assert kirana.store.db().execute("SELECT count(*) FROM purchase_order").fetchone()[0] >= 1
