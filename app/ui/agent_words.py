"""The agents' vocabulary in the seller's words (English and Hindi): who each agent is, what its kinds of
decision are, and what their statuses mean. Used by the Activity sentences, Approvals and the Agents page."""

from __future__ import annotations

from app.i18n import _

__all__ = ["agent_name", "belief_text", "breaker_text", "decision_text", "status_text"]


def agent_name(agent: str) -> str:
    return {"inventory": _("inventory agent"), "pricing": _("pricing agent"), "marketing": _("marketing agent"),
            "engine": _("the agents"), "operations": _("operations agent"),
            "trade": _("trade agent")}.get(agent, _("{name} agent").format(name=agent))


def decision_text(decision_type: str) -> str:
    """A kind of decision as a noun phrase: "a restock order"."""
    return {
        "restock": _("a restock order"),
        "prestock_festival": _("a festival stock-up order"),
        "reprice": _("a price change"),
        "clearance_expiry": _("a clearance price for stock about to expire"),
        "alert_overstock": _("an overstock warning"),
        "alert_expiry": _("an expiry warning"),
        "alert_late_supplier": _("a late-supplier warning"),
        "promotion_end": _("the end of a promotion"),
        "book_courier": _("a courier booking"),
        "rebook_courier": _("another courier for a missed pickup"),
        "campaign": _("a marketing campaign"),
        "ad_budget": _("an Amazon sponsored-ads budget"),
        "export_hold": _("holding stock for an export order"),
    }.get(decision_type, decision_type.replace("_", " "))


def status_text(status: str) -> str:
    return {
        "proposed": _("proposed"),
        "executed": _("done"),
        "rejected": _("turned down"),
        "awaiting_approval": _("waiting for your approval"),
        "approved": _("approved"),
        "failed": _("could not be done"),
        "superseded": _("replaced by a newer one"),
        "expired": _("lapsed unanswered"),
        "pending": _("waiting for your answer"),
        "ok": _("finished"),
        "skipped": _("skipped"),
        "planned": _("planned"),
        "running": _("running"),
        "ended": _("ended"),
        "cancelled": _("cancelled"),
    }.get(status, status.replace("_", " "))


def breaker_text(state: str) -> str:
    return {"closed": _("working normally again"), "open": _("paused after failing several times"),
            "half_open": _("trying again after a pause")}.get(state, state)


def belief_text(kind: str) -> str:
    return {"elasticity": _("how sales answer to a price change"), "lead_time": _("how long a supplier takes"),
            "forecast_bias": _("how far the sales forecast was off"),
            "festival_lift": _("how much a festival lifts sales"),
            "competitor_sensitivity": _("how customers answer to a competitor's price")}.get(kind, kind)
