""""Why did you raise the price of Surf Excel?": the newest change of that kind, and the reasoning of the
decision behind it (from the engine's explanation when the assistant has an engine, else from the books)."""

from __future__ import annotations

import json
from typing import Any

from app.assistant.phrases import rupees, tr
from app.assistant.reply import Answer, Button
from app.assistant.reports import item_name
from app.errors import AppError
from app.services.context import ServiceContext
from app.store import catalog as catalog_store
from app.store import decisions as decision_store
from app.store import reports as reads

ORDER_WORDS = frozenset(str.split("""
order ordered reorder reordered buy bought mangwaya mangaya mangwana kiya purchase po ऑर्डर मंगवाया मंगाया खरीदा
stock maal
"""))
WHO = {"seller": tr("you", "aap"), "system": tr("TAVYONIX", "TAVYONIX")}


def _who(actor: str, lang: str) -> str:
    if actor.startswith("agent:"):
        return tr("the {agent} agent", "{agent} agent").say(lang, agent=actor.split(":", 1)[1])
    phrase = WHO.get(actor)
    return phrase.text(lang) if phrase else actor


def explain_decision(ctx: ServiceContext, engine, lang: str, slots: dict[str, Any], tokens: list[str]) -> Answer:
    db = ctx.store.db()
    sku = slots.get("product")
    about_orders = bool(set(tokens) & ORDER_WORDS)
    if about_orders:
        event = reads.latest_purchase_event(db, sku)
    elif sku:
        event = reads.latest_event(db, types=("PriceChanged",), subject_type="product", subject_id=sku)
    else:
        event = reads.latest_event(db, types=("PriceChanged", "PurchaseOrderCreated", "PromotionSaved"),
                                   with_decision=True) or \
            reads.latest_event(db, types=("PriceChanged", "PurchaseOrderCreated"))
    if event is None:
        product = catalog_store.get(db, sku) if sku else None
        what = item_name(product, lang) if product else ""
        return Answer(tr("I found no change {what} to explain.", "{what} me koi badlav nahi mila.").say(
            lang, what=what).replace("  ", " "))
    data = json.loads(event.data_json)
    found: dict[str, Any] = {}
    if engine is not None:
        try:
            found = engine.explain(event.id)
        except AppError:
            found = {}
    decision = found.get("decision")
    if decision is None and event.decision_id is not None:
        row = decision_store.decision(db, event.decision_id)
        if row is not None:
            decision = {"id": row.id, "agent": row.agent, "reasoning": row.reasoning, "expected": row.expected,
                        "realised": row.realised, "status": row.status}
    who = _who(event.actor, lang)
    day = event.at[:10]
    if event.type == "PriceChanged":
        product = catalog_store.get(db, data["sku"])
        name = item_name(product, lang) if product else data["sku"]
        text = tr("On {day} {who} changed {item} from {old} to {new}.", "{day} ko {who} ne {item} {old} se {new} kiya."
                  ).say(lang, day=day, who=who, item=name, old=rupees(data["old_price_paise"]),
                        new=rupees(data["new_price_paise"]))
    elif event.type == "PurchaseOrderCreated":
        text = tr("On {day} {who} ordered {amount} of goods ({no}).",
                  "{day} ko {who} ne {amount} ka maal mangwaya ({no})."
                  ).say(lang, day=day, who=who, amount=rupees(data.get("total_paise", 0)), no=data.get("po_no", ""))
    else:
        text = tr("On {day} {who} made this change.", "{day} ko {who} ne ye badlav kiya.").say(lang, day=day, who=who)
    buttons: list[Button] = []
    if decision:
        reasons = [r for r in decision.get("reasoning", []) if r][:3]
        if reasons:
            text += " " + tr("Why: {reasons}", "Kyun: {reasons}").say(lang, reasons=" ".join(reasons))
        expected = decision.get("expected") or {}
        if expected.get("profit_paise"):
            text += " " + tr("It expected {amount} more profit over {days} days.",
                             "{days} din me {amount} zyada munafa ki ummeed thi.").say(
                lang, amount=rupees(int(expected["profit_paise"])), days=expected.get("horizon_days", "?"))
        realised = decision.get("realised")
        if realised:
            text += " " + tr("What happened: {what}.", "Kya hua: {what}.").say(
                lang, what=", ".join(f"{k} {v}" for k, v in realised.items() if not isinstance(v, (dict, list))))
    elif event.reason:
        text += " " + tr("Reason given: {reason}", "Wajah: {reason}").say(lang, reason=event.reason)
    elif event.actor == "seller":
        text += " " + tr("It was done by hand, not by an agent.", "Ye haath se kiya gaya, agent ne nahi.").text(lang)
    return Answer(text, buttons=buttons)
