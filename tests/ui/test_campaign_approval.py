"""A campaign the marketing agent proposed before the seller chose the agents' limits waits on the Approvals
page with its facts; approving it there plans and sends it once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.agents import marketing_decisions
from app.agents.engine import DecisionEngine
from app.agents.marketing import CampaignProposal
from app.domain import campaigns as rules
from app.services import campaigns as campaigns_service
from app.services import consent, khata
from app.store import campaigns as campaign_store
from app.store import decisions as decision_store
from app.ui.pages.approvals import ApprovalsPage


def test_a_waiting_campaign_is_approved_on_the_approvals_page(session, make_window, qtbot):
    ctx = session.ctx
    asha = int(khata.create_customer(ctx, name="Asha Approvals", phone="9811122266").id)
    consent.grant(ctx, asha, method="counter")
    idea = CampaignProposal("TATA-SALT-1KG", "all", "", ("plain",), 1, "A test of the agent's idea.")
    worth = rules.worth(reach=1, cost_per_message_paise=0, messages=0, redemptions=0, lapsed=False,
                        unit_margin_paise=400, lapsed_value_paise=0)
    decided = marketing_decisions.decide(ctx, idea, worth, alone="You have not chosen the limits yet.",
                                         channel="click_to_chat", left_paise=50_000)
    assert decided.fate == "awaiting_approval" and campaign_store.campaigns(session.store.db()) == []
    session.engine = DecisionEngine(ctx, [], sleep=lambda _s: None)
    page = make_window().show_page(ApprovalsPage)
    assert isinstance(page, ApprovalsPage)
    summary = page.table.item(0, page.WHAT).text()
    assert summary.startswith("1 customer who agreed to offers in the group 'everyone', by click-to-chat messages "
                              "you send yourself from the shop's phone (free)")
    assert "Cost ₹0.00, expected margin back" in summary
    assert page.table.item(0, page.AGENT).text() == "marketing agent"
    assert page.details.text().startswith(summary)  # the request's whole text, then what it does
    assert "\n\nA marketing campaign" in page.details.text()
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.status_line.text() == "Approved and done.")
    [campaign] = campaign_store.campaigns(session.store.db())
    # a campaign on the seller's phone waits on the seller's to-do: nothing is written as sent for them
    assert campaign.created_by == "agent:marketing" and campaign.status == "planned"
    assert campaign_store.campaign_totals(session.store.db(), campaign.id).messages == 0
    assert campaigns_service.to_send(ctx, campaign.id) == 1
    assert decision_store.decision(session.store.db(), decided.decision_id).status == "executed"
