"""The Marketing tab: campaigns with what they brought back, pause and approve, consent recorded and withdrawn."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from app import i18n
from app.agents import ad_proposals
from app.services import campaigns, catalog, consent, khata
from app.store import campaigns as store
from app.ui.pages.marketing import MarketingPage


def test_campaigns_pause_approve_and_consent(session, make_window, qtbot):
    ctx = session.ctx
    ravi = khata.create_customer(ctx, name="Ravi Marketing", name_hi="रवि", phone="9811122233").id
    consent.grant(ctx, ravi, method="counter")
    sku = session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()[0]
    campaign = campaigns.plan_campaign(ctx, sku=sku, segment="all", seed=1).id
    _, out = campaigns.send_campaign(ctx, campaign, seed=1)
    assert [o.customer_id for o in out] == [ravi]

    window = make_window()
    page = window.show_page(MarketingPage)
    assert isinstance(page, MarketingPage)
    page.refresh()
    assert page.table.rowCount() == 1
    assert page.table.item(0, 2).text() == "running" and page.table.item(0, 4).text() == "1"
    page.table.selectRow(0)
    qtbot.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert store.get_campaign(session.store.db(), campaign).status == "paused"
    assert page.table.item(0, 2).text() == "paused"
    page.table.selectRow(0)
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    assert store.get_campaign(session.store.db(), campaign).status == "running"

    page.customer.setCurrentIndex(page.customer.findData(ravi))
    assert page.consent_state.text().startswith("Agreed on ")
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert store.current_consent(session.store.db(), ravi).granted == 0
    assert page.consent_state.text().startswith("Asked for no messages on ")
    assert store.reachable(session.store.db(), [ravi]) == []
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-en.png"))


def test_the_page_in_hindi(session, make_window, qtbot):
    i18n.set_language("hi")
    ctx = session.ctx
    asha = khata.create_customer(ctx, name="Asha M", phone="9811122244").id
    consent.grant(ctx, asha, method="counter")
    sku = session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()[0]
    campaigns.plan_campaign(ctx, sku=sku, segment="all", seed=2)
    page = make_window().show_page(MarketingPage)
    page.refresh()
    assert MarketingPage.title() == "मार्केटिंग"
    assert page.table.horizontalHeaderItem(4).text() == "पहुँच"
    assert page.table.item(0, 2).text() == "योजना में"
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-hi.png"))


def _campaign_with_a_redemption(session, name: str, phone: str) -> int:
    """A campaign sent by the WhatsApp API (so it has a spend) to one customer who said its code on a bill."""
    from app.services import sales
    from app.services import settings as settings_service
    from app.services.sales import PaymentIn, SaleLine

    ctx = session.ctx
    settings_service.set_setting(ctx, "marketing.send_via", "whatsapp_api")
    who = khata.create_customer(ctx, name=name, name_hi="रवि" if name.startswith("Ravi") else "", phone=phone).id
    consent.grant(ctx, who, method="counter")
    sku = session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()[0]
    campaign = campaigns.plan_campaign(ctx, sku=sku, segment="all", styles=("plain",), seed=3).id
    campaigns.send_campaign(ctx, campaign, seed=1)
    quote = sales.quote_sale(ctx, lines=[SaleLine(sku=sku, qty_milli=3000)])
    bill = sales.record_sale(ctx, lines=[SaleLine(sku=sku, qty_milli=3000)], customer_id=who, confirmed=True,
                             payments=[PaymentIn(method="cash", amount_paise=quote.total_paise)]).id
    campaigns.redeem(ctx, store.variants(session.store.db(), campaign)[0].code, bill)
    return campaign


def test_a_campaign_chart_shows_spend_and_what_came_back(session, make_window, qtbot):
    from app.ui.campaign_chart import SALES, SPEND

    campaign = _campaign_with_a_redemption(session, "Ravi Chart", "9811122255")
    page = make_window().show_page(MarketingPage)
    page.refresh()
    assert page.chart.days == []
    page.table.selectRow(0)
    totals = store.campaign_totals(session.store.db(), campaign)
    spend, sales_line, codes = page.chart.series()
    assert spend[-1] == totals.spend_paise > 0 and sales_line[-1] == totals.sales_paise > 0 and sum(codes) == 1
    assert codes == [1]  # one day: the message and the bill
    page.resize(1100, 700)
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-chart-en.png"))
    image = page.chart.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2)
               for y in range(0, image.height(), 2)}
    assert SPEND.name() in colours and SALES.name() in colours  # both lines (and the legend) were drawn


def test_the_chart_in_hindi(session, make_window, qtbot):
    i18n.set_language("hi")
    _campaign_with_a_redemption(session, "Ravi Hindi", "9811122266")
    page = make_window().show_page(MarketingPage)
    page.refresh()
    page.table.selectRow(0)
    assert page.chart.days and page.chart.title.startswith("#")
    page.resize(1100, 700)
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-chart-hi.png"))


@pytest.mark.parametrize("lang", ["en", "hi"])
def test_posting_with_the_picture_the_held_back_customers_and_ads(session, make_window, qtbot, lang):
    from datetime import timedelta

    from PySide6.QtGui import QImage

    from app.domain import campaigns as rules
    from app.services import catalog, sales
    from app.services.sales import PaymentIn, SaleLine
    from app.store import ad_budgets as ad_store
    from app.store import campaign_uplift, outbox
    from app.sync import setup

    i18n.set_language(lang)
    ctx = session.ctx
    sku, price = session.store.db().execute(
        "SELECT sku, price_paise FROM product WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()
    people = []
    for k in range(20):
        customer = int(khata.create_customer(ctx, name=f"Held {k}", phone=f"98111{k:05d}").id)
        consent.grant(ctx, customer, method="counter")
        people.append(customer)
    campaign = int(campaigns.plan_campaign(ctx, sku=sku, segment="all", seed=1).id)
    campaigns.send_campaign(ctx, campaign, seed=1)
    held = campaign_uplift.held_out(session.store.db(), campaign)
    assert held == {c for c in people if rules.held_back(campaign, c, len(people))} and held
    messaged = sorted(set(people) - held)
    with session.store.write() as db:  # the window runs on the real clock: the campaign went out 30 days ago
        month_ago = (ctx.now() - timedelta(days=30)).isoformat()
        db.execute("UPDATE campaign_message SET at = ? WHERE campaign_id = ?", (month_ago, campaign))
        db.execute("UPDATE campaign_holdout SET at = ? WHERE campaign_id = ?", (month_ago, campaign))
    for customer in messaged[:5]:  # five of the messaged came back within the four weeks, none held back
        sales.record_sale(ctx, lines=[SaleLine(sku=sku, qty_milli=1000)], customer_id=customer,
                          payments=[PaymentIn(method="cash", amount_paise=price)], at=ctx.now() - timedelta(days=27))
    for channel, adapter, account in (("facebook", "facebook_page", {"page_id": "1094554433"}),
                                      ("instagram", "instagram_business", {"ig_user_id": "17841400000000001"})):
        setup.connect(ctx, channel=channel, adapter=adapter, base_url="http://127.0.0.1:9", account=account)
    page = make_window().show_page(MarketingPage)
    page.refresh()
    page.table.selectRow(0)
    assert page.table.item(0, 10).text() == f"{5 / len(messaged):.0%} / 0%"
    said = f"5 of {len(messaged)}" if lang == "en" else f"{len(messaged)} में से 5"
    assert said in page.table.item(0, 10).toolTip()
    qtbot.mouseClick(page.instagram_button, Qt.MouseButton.LeftButton)
    [row] = [r for r in outbox.rows(session.store.db(), channel="facebook") if r.op == "campaign.post"]
    assert row.payload["instagram"] is True
    assert ("then on Instagram" if lang == "en" else "फिर इंस्टाग्राम पर") in page.status_line.text()
    picture = QImage(row.payload["picture"])
    assert (picture.width(), picture.height()) == (1080, 1080)  # the offer's picture, drawn for the post

    catalog.add_channel(ctx, code="amazon_in", name="Amazon", kind="marketplace")
    setup.connect(ctx, channel="amazon_in", adapter="amazon", base_url="http://127.0.0.1:9",
                  account={"seller_id": "A1SELLER"})
    catalog.list_on_channel(ctx, channel="amazon_in", sku=sku)
    setup.connect(ctx, channel="amazon_ads", adapter="amazon_ads", base_url="http://127.0.0.1:9",
                  account={"profile_id": "3512345678", "client_id": "amzn1.application-oa2-client.x"})
    page.ads_sku.setText(sku.lower())
    page.ads_daily.setText("40")
    qtbot.mouseClick(page.ads_button, Qt.MouseButton.LeftButton)
    [budget] = ad_store.budgets(session.store.db())
    assert (budget.sku, budget.daily_paise, budget.state) == (sku, 4_000, "running")
    assert "₹40" in page.ads_state.text() and sku in page.ads_state.text()
    assert page.ads_state.text().startswith("Amazon sponsored ads" if lang == "en" else "अमेज़न प्रायोजित विज्ञापन")
    # the agent's proposal for the ads' share of the week (₹700: ₹100 a day) waits for the seller, shown here
    week = ad_proposals.ChannelWeek({"amazon_ads": 70_000}, (), ())
    proposal = ad_proposals.propose_ads(ctx, week, alone="the seller has not chosen the limits")
    assert proposal is not None and proposal.fate == "awaiting_approval"
    page.refresh()
    said = page.ads_state.text()
    assert ("The agent's last proposal" if lang == "en" else "एजेंट का पिछला प्रस्ताव") in said and "₹100" in said
    assert ("waiting for your approval" if lang == "en" else "आपकी मंज़ूरी का इंतज़ार") in said
    assert "the seller has not chosen the limits" in page.ads_state.toolTip()
    page.resize(1280, 760)
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], f"marketing-posts-ads-{lang}.png"))


def test_edit_wording_from_the_page(session, make_window, qtbot):
    from app.ui.campaign_wording_dialog import CampaignWordingDialog

    ctx = session.ctx
    who = khata.create_customer(ctx, name="Wording Asha", phone="9811199988").id
    consent.grant(ctx, who, method="counter")
    sku = session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()[0]
    campaign = campaigns.plan_campaign(ctx, sku=sku, segment="all", styles=("plain",), seed=5).id
    page = make_window().show_page(MarketingPage)
    page.refresh()
    page.table.selectRow(0)
    qtbot.mouseClick(page.wording_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, CampaignWordingDialog)
    dialog.opening_en.setText("Diwali stock is in, {name}!")
    assert dialog.preview.text().startswith("Diwali stock is in, Asha!")  # the message as it will read
    dialog.opening_en.setText("Only {price}!")  # a greeting may not quote the price
    dialog.save()
    assert "braces" in dialog.error.text() and dialog.isVisible()
    dialog.opening_en.setText("Diwali stock is in, {name}!")
    dialog.opening_hi.setText("{name} जी, दिवाली का माल आ गया!")
    dialog.save()
    [variant] = store.variants(session.store.db(), campaign)
    assert variant.text_en.startswith("Diwali stock is in, {name}!") and variant.code in variant.text_en
    assert variant.text_hi.startswith("{name} जी, दिवाली का माल आ गया!")
    assert page.status_line.text() == f"The wording of campaign {campaign} was saved."


def test_the_agents_risk_limit_shows_and_saves(session, make_window, qtbot):
    """The seller's risk before any code comes back (marketing.unproven_risk_paise): shown with a sentence of
    what it means, saved from the page, and in Hindi too."""
    from app import config
    from app.services import settings as settings_service

    page = make_window().show_page(MarketingPage)
    page.refresh()
    assert page.risk.value() == config.MARKETING_UNPROVEN_RISK_PAISE.default // 100
    page.risk.setValue(40)
    qtbot.mouseClick(page.risk_button, Qt.MouseButton.LeftButton)
    assert settings_service.get(session.store, config.MARKETING_UNPROVEN_RISK_PAISE) == 4_000
    assert page.risk.value() == 40
    assert "₹40" in page.risk_words.text() and "Left now: ₹40" in page.risk_words.text()
    assert "₹40" in page.status_line.text()
    page.risk.setValue(0)
    qtbot.mouseClick(page.risk_button, Qt.MouseButton.LeftButton)
    assert settings_service.get(session.store, config.MARKETING_UNPROVEN_RISK_PAISE) == 0
    assert page.risk_words.text().startswith("Nothing: the agent sends no paid message on its own")
    i18n.set_language("hi")
    page.refresh()
    assert page.risk_words.text() and not page.risk_words.text().startswith("Nothing")
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-risk-hi.png"))


def test_the_free_campaign_is_the_sellers_to_do_with_its_links(session, make_window, qtbot):
    """A campaign sent from the shop's own WhatsApp (the agent's first campaign of an unproven idea): the page
    says how many messages wait for the seller, 'Send by hand...' opens them as click-to-chat links (counted as
    sent from then on, free), and the to-do empties. In Hindi too."""
    ctx = session.ctx
    people = []
    for k, name in enumerate(("Ravi Hand", "Asha Hand")):
        people.append(khata.create_customer(ctx, name=name, phone=f"98111222{k}5").id)
        consent.grant(ctx, people[-1], method="counter")
    sku = session.store.db().execute("SELECT sku FROM product WHERE active = 1 ORDER BY sku LIMIT 1").fetchone()[0]
    campaign = int(campaigns.plan_campaign(ctx, sku=sku, segment="all", seed=1, channel=campaigns.HAND).id)
    page = make_window().show_page(MarketingPage)
    page.refresh()
    waiting = campaigns.to_send(ctx, campaign)
    assert waiting >= 1 and page.hand_button.isEnabled()
    assert page.hand_words.text().startswith(f"Send these {waiting} messages yourself" if waiting > 1 else
                                             "Send this message yourself")
    assert f"#{campaign} " in page.hand_words.text()
    i18n.set_language("hi")
    # a page built in Hindi, as the app builds it when the seller reads Hindi (labels are made with the page)
    hindi = make_window().show_page(MarketingPage)
    hindi.refresh()
    assert hindi.hand_words.text() and not hindi.hand_words.text().startswith("Send")
    assert hindi.hand_button.text() != "Send by &hand..."
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        hindi.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-hand-hi.png"))
    i18n.set_language("en")
    page.refresh()
    qtbot.mouseClick(page.hand_button, Qt.MouseButton.LeftButton)
    shown = page.dialog.links.toHtml()
    if os.environ.get("TAVYONIX_SCREENSHOTS"):
        page.dialog.grab().save(os.path.join(os.environ["TAVYONIX_SCREENSHOTS"], "marketing-hand-links-en.png"))
    assert shown.count("https://wa.me/") == waiting and "Open in WhatsApp" in shown
    assert store.campaign_totals(session.store.db(), campaign).messages == waiting
    assert session.store.db().execute("SELECT DISTINCT via, cost_paise FROM campaign_message").fetchall() == [
        ("click_to_chat", 0)]
    assert not page.hand_button.isEnabled() and page.hand_words.text().startswith("No messages wait")
    page.dialog.close()


def test_a_campaign_named_after_its_item_reads_in_the_pages_language(session, make_window, qtbot):
    """A campaign planned without a name (the agent's, the assistant's) is named after its item in English; the
    Hindi page showed that English name in the table and in the to-do sentence. A name the seller typed stays."""
    ctx = session.ctx
    who = khata.create_customer(ctx, name="Ravi Named", phone="9811122266").id
    consent.grant(ctx, who, method="counter")
    by_item = int(campaigns.plan_campaign(ctx, sku="TATA-SALT-1KG", segment="all", seed=1, channel=campaigns.HAND).id)
    typed = int(campaigns.plan_campaign(ctx, sku="PARLE-G-80", segment="all", seed=2, name="Diwali biscuits",
                                        channel=campaigns.HAND).id)
    i18n.set_language("hi")
    page = make_window().show_page(MarketingPage)
    page.refresh()
    shown = {int(page.table.item(r, 0).data(Qt.ItemDataRole.UserRole)): page.table.item(r, 0).text()
             for r in range(page.table.rowCount())}
    assert shown == {by_item: f"#{by_item} टाटा नमक 1 किलो", typed: f"#{typed} Diwali biscuits"}
    assert f"#{by_item} टाटा नमक 1 किलो" in page.hand_words.text() and "Tata Salt" not in page.hand_words.text()
    i18n.set_language("en")
    english = make_window().show_page(MarketingPage)
    english.refresh()
    assert {english.table.item(r, 0).text() for r in range(english.table.rowCount())} == {
        f"#{by_item} Tata Salt 1 kg", f"#{typed} Diwali biscuits"}


def test_a_campaign_named_after_its_item_follows_the_items_new_name(session, make_window, qtbot):
    """A campaign planned without a name was stored with its item's English name of that day, so an item renamed
    since kept the old name on the page, in both languages. It is read under the item's present name; a name the
    seller typed stays as typed."""
    ctx = session.ctx
    who = khata.create_customer(ctx, name="Ravi Renamed", phone="9811122277").id
    consent.grant(ctx, who, method="counter")
    by_item = int(campaigns.plan_campaign(ctx, sku="TATA-SALT-1KG", segment="all", seed=1, channel=campaigns.HAND).id)
    typed = int(campaigns.plan_campaign(ctx, sku="PARLE-G-80", segment="all", seed=2, name="Diwali biscuits",
                                        channel=campaigns.HAND).id)
    catalog.update_product(ctx, "TATA-SALT-1KG", name_en="Tata Iodised Salt 1 kg", name_hi="टाटा आयोडीन नमक 1 किलो")
    catalog.update_product(ctx, "PARLE-G-80", name_en="Parle-G Gold 80 g")
    assert store.get_campaign(session.store.db(), by_item).name == "Tata Iodised Salt 1 kg"
    i18n.set_language("en")
    english = make_window().show_page(MarketingPage)
    english.refresh()
    assert {english.table.item(r, 0).text() for r in range(english.table.rowCount())} == {
        f"#{by_item} Tata Iodised Salt 1 kg", f"#{typed} Diwali biscuits"}
    assert f"#{by_item} Tata Iodised Salt 1 kg" in english.hand_words.text()
    i18n.set_language("hi")
    hindi = make_window().show_page(MarketingPage)
    hindi.refresh()
    assert {hindi.table.item(r, 0).text() for r in range(hindi.table.rowCount())} == {
        f"#{by_item} टाटा आयोडीन नमक 1 किलो", f"#{typed} Diwali biscuits"}
    i18n.set_language("en")
