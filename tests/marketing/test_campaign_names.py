"""A campaign planned without a name is named after its item as the item is named now: renaming the item renames
the campaign (it kept the English name of the day it was planned, docs/window.md); a name the seller typed stays."""

from __future__ import annotations

from app.services import campaigns, catalog
from app.store import campaigns as store
from app.store.schema import marketing


def test_a_renamed_item_renames_the_campaign_named_after_it(ctx, shop):
    by_item = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=1).id)
    typed = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", seed=2, name="Diwali salt").id)
    catalog.update_product(ctx, "SALT1", name_en="Tata Iodised Salt 1 kg")
    db = ctx.store.db()
    assert store.get_campaign(db, by_item).name == "Tata Iodised Salt 1 kg"
    assert store.get_campaign(db, typed).name == "Diwali salt"
    assert {c.id: c.name for c in store.campaigns(db, ("planned",))} == {
        by_item: "Tata Iodised Salt 1 kg", typed: "Diwali salt"}


def test_campaigns_stored_under_their_items_name_follow_it_after_the_upgrade(ctx, shop):
    """Campaigns planned before: stored with the item's English name of that day."""
    before = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=1, name="Tata Salt 1 kg").id)
    typed = int(campaigns.plan_campaign(ctx, sku="SALT1", segment="all", seed=2, name="Diwali salt").id)
    with ctx.store.write() as db:
        marketing.m0003_campaign_item_names(db)
    catalog.update_product(ctx, "SALT1", name_en="Tata Iodised Salt 1 kg")
    db = ctx.store.db()
    assert db.execute("SELECT name FROM campaign WHERE id = ?", (before,)).fetchone()[0] == ""
    assert store.get_campaign(db, before).name == "Tata Iodised Salt 1 kg"
    assert store.get_campaign(db, typed).name == "Diwali salt"
