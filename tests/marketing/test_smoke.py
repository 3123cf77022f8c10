from app.services import campaigns, consent


def test_smoke(ctx, shop):
    consent.grant(ctx, shop["Asha"], method="counter")
    c = campaigns.plan_campaign(ctx, sku="SALT1", segment="regulars", seed=1).id
    _, out = campaigns.send_campaign(ctx, c, seed=1)
    print(out)
    assert [o.customer_id for o in out] == [shop["Asha"]]
