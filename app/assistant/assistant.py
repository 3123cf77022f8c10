"""The central assistant: one per open shop, shared by the chat panel, the CLI and the local API.

:meth:`Assistant.ask` takes what the seller typed, understands it in its conversation, answers in the
language of the message, and keeps both in the shop's file. :meth:`Assistant.press` is a button of an
earlier reply. Changes that move money follow one rule (see :mod:`app.assistant.actions`): they are
offered, and carried out only on the seller's explicit confirmation of that offer in the same
conversation (a "yes" to the question just asked, or the offer's button), or, when the shop allows it,
within the agents' autonomy limits for a clear command.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app.assistant import actions, books, explain, fulfilment, gate, operations, order_actions, reports, undoing
from app.assistant.actions import Offer
from app.assistant.catalog_index import CatalogIndex
from app.assistant.guide import help_answer, unknown_answer
from app.assistant.interfaces import Engine, Phraser
from app.assistant.phrases import tr
from app.assistant.reply import Answer, Button, Reply
from app.assistant.reports import item_name
from app.assistant.slots import WRITES
from app.assistant.text import EN, ENGLISH_WORDS, HI, HINGLISH
from app.assistant.understand import Context, Understanding, understand
from app.domain.clock import to_iso
from app.errors import AppError, InputError
from app.events import Event
from app.i18n import _
from app.services.context import Origin, ServiceContext
from app.store import actions as action_store
from app.store import catalog as catalog_store
from app.store import chat as history
from app.store import decisions as decision_store

log = logging.getLogger(__name__)

MAX_TEXT = 1000
NEUTRAL = frozenset({"ok", "okay", "yes", "no"})  # said alike in English and Hinglish
SURE = 0.6
MAIN = "main"
Listener = Callable[[Reply], None]
ONE_COMMIT = WRITES | {"approve", "reject"}  # an offer or change and the conversation: one commit (each waits for disk)


@dataclass(frozen=True, kw_only=True)
class AssistantPosted(Event):
    """The assistant said something on its own (a summary, an alert): the chat panel shows it."""

    conversation: str
    message_id: int


class Assistant:
    def __init__(self, ctx: ServiceContext, engine: Engine | None = None, *, phraser: Phraser | None = None) -> None:
        self.ctx = ctx
        self.engine = engine
        self.phraser = phraser
        self.index = CatalogIndex(ctx.store)
        self._lock = threading.RLock()
        self._unsubscribe = ctx.bus.subscribe(self._on_event)

    def close(self) -> None:
        self._unsubscribe()

    def _on_event(self, event: Event) -> None:
        if event.type in ("ProductCreated", "ProductUpdated", "CustomerSaved"):
            self.index.invalidate()

    # --- the conversation ----------------------------------------------------------------------
    def history(self, conversation: str = MAIN, *, limit: int = 100) -> list[dict[str, Any]]:
        return [m.to_json() for m in history.messages(self.ctx.store.db(), conversation, limit=limit)]

    def context(self, conversation: str = MAIN) -> Context:
        return Context.from_json(history.get_state(self.ctx.store.db(), conversation))

    def ask(self, text: str, *, conversation: str = MAIN, source: str = "panel", lang: str | None = None) -> Reply:
        """Answer one message of the seller (in ``lang`` when given, else in the message's language)."""
        text = " ".join(str(text).split())[:MAX_TEXT]
        if not text:
            raise InputError(_("Type a question or a command."))
        with self._lock:
            context = self.context(conversation)
            self.index.ensure()
            found = understand(text, self.index, context)
            if lang is None:
                lang = found.lang
                if found.via in ("answer", "rule") and len(found.tagged.tokens) <= 4 and lang != HI and not any(
                        t in ENGLISH_WORDS and t not in NEUTRAL for t in found.tagged.tokens):
                    lang = context.lang if found.lang == EN else found.lang  # "ok", "haan": the conversation's
            if found.intent in ONE_COMMIT and not fulfilment.talks_to_courier(found, self._live_offers(conversation)):
                with self.ctx.store.write():
                    answer = self._answer(found, lang, context, conversation)
                    return self._store(conversation, text, found, lang, answer, context, source)
            answer = self._answer(found, lang, context, conversation)
            return self._store(conversation, text, found, lang, answer, context, source)

    def press(self, button_id: str, *, conversation: str = MAIN, source: str = "panel") -> Reply:
        """A button of an earlier reply: confirm, cancel, undo, approve, reject, or ask its question."""
        kind, _sep, rest = str(button_id).partition(":")
        # a row id fits SQLite's 64-bit integer; a longer number names no row and must not reach the store
        number = int(rest) if rest.isascii() and rest.isdigit() and len(rest) <= 18 else None
        if kind == "ask" and rest != "reorder-low":  # a suggested question: answered in the conversation's language
            return self.ask(rest, conversation=conversation, source=source, lang=self.context(conversation).lang)
        with self._lock:
            context = self.context(conversation)
            lang = context.lang
            if kind in ("confirm", "cancel", "undo") and number is not None:
                action = action_store.get(self.ctx.store.db(), number)
                if action is None or action.conversation != conversation:
                    raise InputError(_("That button is no longer valid."))
                if kind == "confirm":
                    answer = self._confirm(action, lang, conversation)
                elif kind == "cancel":
                    answer = self._cancel(action, lang)
                else:
                    answer = self._undo(action, lang)
            elif kind in ("approve", "reject") and number is not None:
                answer = self._answer_request(number, kind == "approve", lang, conversation)
            elif kind == "ask":  # "Reorder these" under the list of what is running low
                items = actions.stock_lines_running_low(self.ctx)
                answer = self._offer(actions.offer_reorder(self.ctx, lang, [(p, {}) for p in items], sure=False),
                                     lang, conversation, autonomous=False) if items else reports.low_stock(
                    self.ctx, lang, {})
            else:
                raise InputError(_("That button is no longer valid."))
            label = next((b["label"] for m in history.messages(self.ctx.store.db(), conversation, limit=20)
                          for b in m.to_json().get("actions") or [] if b.get("id") == button_id), button_id)
            found = Understanding(label, "approve" if kind in ("confirm", "approve") else "reject"
                                  if kind in ("cancel", "reject") else kind, 1.0, {}, lang, None, [], "button")
            return self._store(conversation, label, found, lang, answer, context, source, pressed=True)

    # --- answering -----------------------------------------------------------------------------
    def _answer(self, found: Understanding, lang: str, context: Context, conversation: str) -> Answer:
        intent, slots = found.intent, found.slots
        ctx = self.ctx
        sure = found.confidence >= SURE and found.via != "unsure"
        clear = sure and (found.tagged is None or found.tagged.item_named or "product" not in slots)
        open_offers = self._live_offers(conversation)
        stop = gate.check(found, lang, sure, self._item(slots, lang))
        if stop is not None:  # a change that is not clear, complete and plausible: ask, with choices
            return stop
        if intent == "approve":
            if open_offers and context.pending and "request" not in slots:
                return self._confirm(open_offers[-1], lang, conversation)
            # "approve" or "yes" with no question before it lists what waits, with its buttons, and asks nothing:
            # a following "yes" must not approve a request the seller never named
            return self._approvals(slots.get("request"), lang, conversation, approve=True)
        if intent == "reject":
            if open_offers and context.pending and "request" not in slots:
                return self._cancel(open_offers[-1], lang)
            return self._approvals(slots.get("request"), lang, conversation, approve=False)
        if intent in ("stock_query", "change_price", "reorder"):
            missing = self._which_item(found, lang)
            if missing is not None:
                return missing
        if intent == "profit_report":
            return books.profit_report(ctx, lang, slots)
        if intent == "gst_payable":
            return books.gst_payable(ctx, lang, slots)
        if intent == "compliance_due":
            return operations.compliance_due(ctx, lang, slots)
        if intent == "home_delivery" and found.unclear:  # "1 tel": which oil?
            return order_actions.which_line(ctx, lang, slots, found.unclear)
        if intent in ("order_action", "home_delivery"):  # never done alone: the seller says yes first
            offer = order_actions.offer_step(ctx, lang, slots) if intent == "order_action" else \
                order_actions.offer_delivery(ctx, lang, slots)
            return offer if isinstance(offer, Answer) else self._offer(offer, lang, conversation, autonomous=False)
        if intent == "khata_payment":
            return self._offer(books.offer_payment(ctx, lang, slots), lang, conversation, autonomous=False)
        if intent == "add_customer":
            return self._offer(books.offer_customer(ctx, lang, slots), lang, conversation, autonomous=False)
        if intent == "sales_report":
            return reports.sales_report(ctx, lang, slots)
        if intent == "stock_query":
            return reports.stock_query(ctx, lang, slots)
        if intent == "low_stock":
            return reports.low_stock(ctx, lang, slots)
        if intent == "khata_balance":
            return reports.khata_balance(ctx, lang, slots)
        if intent == "order_status":
            return reports.order_status(ctx, lang, slots)
        if intent == "campaign_report":
            return reports.campaign_report(ctx, lang, slots)
        if intent == "goal_progress":
            return reports.goal_progress(ctx, lang, slots)
        if intent == "sync_status":
            return reports.sync_status(ctx, lang, slots)
        if intent == "explain_decision":
            return explain.explain_decision(ctx, self.engine, lang, slots, found.tagged.tokens)
        if intent == "change_price":
            return self._change_price(found, lang, conversation, clear)
        if intent == "reorder":
            product = catalog_store.get(ctx.store.db(), slots["product"])
            return self._offer(actions.offer_reorder(ctx, lang, [(product, slots)], sure=clear), lang, conversation,
                               autonomous=clear)  # done alone only for an item named by its own word
        if intent == "start_campaign":
            return self._campaign(found, lang, conversation)
        if intent == "set_goal":
            return self._goal(found, lang, conversation, sure)
        if intent == "help":
            return help_answer(lang)
        return unknown_answer(found, lang)

    def _item(self, slots: dict[str, Any], lang: str) -> str | None:
        product = catalog_store.get(self.ctx.store.db(), slots["product"]) if slots.get("product") else None
        return item_name(product, lang) if product else None

    def _which_item(self, found: Understanding, lang: str) -> Answer | None:
        """Ask which item when the message names none, or several."""
        if "product" in found.slots:
            return None
        names = found.candidates
        if names:
            products = catalog_store.get_many(self.ctx.store.db(), names)
            buttons = [Button(id=f"ask:{item_name(products[s], lang)}", label=item_name(products[s], lang), kind="ask")
                       for s in names if s in products]
            return Answer(tr("Which one do you mean?", "Kaunsa wala?").text(lang), buttons=buttons,
                          awaiting="product", awaiting_slots=dict(found.slots))
        return Answer(tr("Which item? Say its name, for example: Tata salt.",
                         "Kaunsa item? Naam batao, jaise: Tata namak."
                         ).text(lang), awaiting="product", awaiting_slots=dict(found.slots))

    def _change_price(self, found: Understanding, lang: str, conversation: str, sure: bool) -> Answer:
        slots = found.slots
        if "amount" not in slots and "percent" not in slots:
            return Answer(tr("What should the new price be? For example: 45, or 2 rupees less.",
                             "Naya daam kya ho? Jaise: 45, ya 2 rupay kam.").text(lang),
                          awaiting="amount", awaiting_slots=dict(slots))
        if "percent" in slots and slots.get("direction") not in ("up", "down"):
            return Answer(tr("Up or down by {pct}?", "{pct} badhana hai ya kam karna hai?").say(
                lang, pct=f"{slots['percent']}%"), buttons=[
                Button(id=f"ask:{_up_text(lang)} {slots['percent']}%", label=tr("Up", "Badhao").text(lang), kind="ask"),
                Button(id=f"ask:{_down_text(lang)} {slots['percent']}%", label=tr("Down", "Kam karo").text(lang),
                       kind="ask")], awaiting="direction", awaiting_slots=dict(slots))
        product = catalog_store.get(self.ctx.store.db(), slots["product"])
        return self._offer(actions.offer_price(self.ctx, lang, product, slots, sure=sure), lang, conversation,
                           autonomous=sure)

    def _campaign(self, found: Understanding, lang: str, conversation: str) -> Answer:
        slots = found.slots
        db = self.ctx.store.db()
        if "product" in slots:
            products = [catalog_store.get(db, slots["product"])]
            what = item_name(products[0], lang)
        elif "category" in slots:
            products = catalog_store.list_products(db, category=slots["category"], limit=500)
            category = catalog_store.get_category(db, slots["category"])
            what = (category.name_hi if lang == HI else category.name_en) if category else slots["category"]
        else:
            names = found.candidates
            if names:
                return self._which_item(found, lang)
            return Answer(tr("On which item or category? For example: Maggi, or biscuits.",
                             "Kis item ya category par? Jaise: Maggi, ya biscuit.").text(lang),
                          awaiting="product", awaiting_slots=dict(slots))
        if "segment" in slots and "percent" not in slots and "amount" not in slots:  # a message campaign
            if "product" not in slots:  # about one item: which?
                return order_actions.which_item(lang, slots)
            return self._offer(order_actions.offer_campaign_plan(self.ctx, lang, slots), lang, conversation,
                               autonomous=False)
        if "percent" not in slots and "amount" not in slots:
            choices = ("5%", "10%", "15%")
            return Answer(tr("How much off?", "Kitni chhoot?").text(lang),
                          buttons=[Button(id=f"ask:{c}", label=c, kind="ask") for c in choices],
                          awaiting="percent", awaiting_slots=dict(slots))
        return self._offer(actions.offer_campaign(self.ctx, lang, [p for p in products if p], slots, what), lang,
                           conversation, autonomous=False)

    def _goal(self, found: Understanding, lang: str, conversation: str, sure: bool) -> Answer:
        slots = found.slots
        if "percent" not in slots and "amount" not in slots:
            return Answer(tr("By how much? For example: 10%, or 1 lakh of sales.",
                             "Kitna? Jaise: 10%, ya 1 lakh ki bikri.").text(lang),
                          buttons=[Button(id=f"ask:{c}", label=c, kind="ask") for c in ("5%", "10%", "20%")],
                          awaiting="percent", awaiting_slots=dict(slots))
        offer = actions.offer_goal(self.ctx, lang, slots, found.text)
        if sure:  # a goal spends nothing by itself: set it, explain the plan, offer Undo
            return self._offer(offer, lang, conversation, autonomous=True, plain=True)
        return self._offer(offer, lang, conversation, autonomous=False)

    # --- offers, confirmations and the money rule --------------------------------------------------
    def _live_offers(self, conversation: str) -> list[action_store.AssistantAction]:
        now = self.ctx.now_iso()
        return [a for a in action_store.open_actions(self.ctx.store.db(), conversation) if a.expires_at > now]

    def _offer(self, offer: Offer | str, lang: str, conversation: str, *, autonomous: bool,
               plain: bool = False) -> Answer:
        """Register the offer and ask; or, when allowed, carry it out at once (with an Undo button)."""
        if isinstance(offer, str):
            return Answer(offer)
        now = self.ctx.now()
        with self.ctx.store.write() as db:
            action_id = action_store.offer(
                db, conversation=conversation, kind=offer.kind,
                params={**offer.params, "_lang": lang, "_within_limits": offer.within_limits},
                summary=offer.summary, moves_money=offer.moves_money, at=to_iso(now),
                expires_at=to_iso(now + timedelta(minutes=actions.OFFER_MINUTES)))
        action = action_store.get(self.ctx.store.db(), action_id)
        assert action is not None
        if (plain and not offer.moves_money) or (autonomous and offer.moves_money and offer.within_limits
                                                 and actions.autonomy_allowed(self.ctx)):
            return self._carry_out(action, "autonomy", lang)
        buttons = [Button(id=f"confirm:{action_id}", label=offer.confirm_label, kind="confirm"),
                   Button(id=f"cancel:{action_id}", label=tr("No", "Nahi").text(lang), kind="cancel")]
        return Answer(offer.summary, buttons=buttons)

    def _confirm(self, action: action_store.AssistantAction, lang: str, conversation: str) -> Answer:
        if action.status != "open" or action.expires_at <= self.ctx.now_iso():
            return Answer(tr("That question has expired; ask me again.", "Wo sawal purana ho gaya; phir se kaho."
                             ).text(lang))
        return self._carry_out(action, "confirmed", lang)

    def _carry_out(self, action: action_store.AssistantAction, basis: str, lang: str) -> Answer:
        """The one place where an offer becomes a change: only open offers, only on an allowed basis."""
        if basis not in ("confirmed", "autonomy"):
            raise ValueError(basis)
        params = {k: v for k, v in action.params.items() if not k.startswith("_")}
        if action.moves_money and basis == "autonomy" and not (
                action.params.get("_within_limits") and actions.autonomy_allowed(self.ctx)):
            raise PermissionError("autonomy was not granted for this change")
        actor = "seller" if basis == "confirmed" else "agent:assistant"
        origin = Origin(actor=actor, reason=_("Asked in the assistant: {what}").format(what=action.summary)[:500])
        try:
            booked = fulfilment.book_outside_write(self.ctx, action, params, lang)  # the courier: before any write
            with self.ctx.store.write() as db:
                current = action_store.get(db, action.id)
                if current is None or current.status != "open":
                    return Answer(tr("That was already answered.", "Iska jawab pehle hi ho gaya.").text(lang))
                done = booked or actions.carry_out(self.ctx, self.engine, action.kind, params, lang, origin)
                action_store.settle(db, action.id, status="done", at=self.ctx.now_iso(), basis=basis,
                                    result=done.result)
        except AppError as error:
            with self.ctx.store.write() as db:
                action_store.settle(db, action.id, status="failed", at=self.ctx.now_iso(),
                                    result={"error": str(error)})
            return Answer(actions.failure(error, lang))
        buttons = [Button(id=f"undo:{action.id}", label=tr("Undo", "Wapas lo").text(lang), kind="undo")] \
            if done.undoable else []
        if action.kind == "set_goal":
            buttons.append(Button(id="ask:goal progress", label=tr("Show progress", "Progress dikhao").text(lang),
                                  kind="ask"))
        if basis == "autonomy" and action.moves_money:
            done.text += " " + tr("(Done within the limits you allowed; press Undo to take it back.)",
                                  "(Aapki di hui limit ke andar kiya; wapas lene ke liye Undo dabao.)").text(lang)
        return Answer(done.text, buttons=buttons)

    def _cancel(self, action: action_store.AssistantAction, lang: str) -> Answer:
        with self.ctx.store.write() as db:
            changed = action_store.settle(db, action.id, status="cancelled", at=self.ctx.now_iso())
        if not changed:
            return Answer(tr("That was already answered.", "Iska jawab pehle hi ho gaya.").text(lang))
        return Answer(tr("OK, nothing was changed.", "Theek hai, kuch nahi badla.").text(lang))

    def _undo(self, action: action_store.AssistantAction, lang: str) -> Answer:
        if action.status != "done":
            return Answer(tr("There is nothing to undo there.", "Wapas lene ko kuch nahi hai.").text(lang))
        if action.kind in undoing.UNDO_KINDS:  # a khata payment or a new customer: the undo is asked, then done
            try:
                offer = undoing.offer_undo(self.ctx, lang, action)
            except AppError as error:
                return Answer(actions.failure(error, lang))
            return self._offer(offer, lang, action.conversation, autonomous=False)
        origin = Origin(actor="seller", reason=_("Undone in the assistant: {what}").format(what=action.summary)[:500])
        params = {k: v for k, v in action.params.items() if not k.startswith("_")}
        try:
            with self.ctx.store.write() as db:
                text = actions.undo(self.ctx, action.kind, params, action.result, lang, origin)
                action_store.mark_undone(db, action.id, self.ctx.now_iso())
        except AppError as error:
            return Answer(actions.failure(error, lang))
        return Answer(text)

    # --- the approvals inbox -------------------------------------------------------------------
    def _approvals(self, number: int | None, lang: str, conversation: str, *, approve: bool) -> Answer:
        db = self.ctx.store.db()
        if number is not None:
            approval = decision_store.approval(db, number)
            if approval is None or approval.status != "pending":
                return Answer(tr("Request {id} is not waiting for an answer.",
                                 "Request {id} jawab ke liye baki nahi hai."
                                 ).say(lang, id=number))
            if not approve:
                return self._answer_request(number, False, lang, conversation)
            return self._offer(Offer("approve_request", {"approval_id": approval.id},
                                     tr("Approve request {id}: {summary}?",
                                        "Request {id} manzoor karun: {summary}?").say(
                                         lang, id=approval.id, summary=approval.text),
                                     tr("Approve", "Manzoor").text(lang)), lang, conversation, autonomous=False)
        pending = decision_store.approvals(db, status="pending", limit=10)
        if not pending:
            return Answer(tr("Nothing is waiting for your approval.",
                             "Aapki manzoori ke liye kuch baki nahi hai.").text(lang))
        text = tr("{n} requests wait for your answer:", "{n} request aapke jawab ka intezaar kar rahe hai:").say(
            lang, n=len(pending))
        lines = [f"{a.id}. {a.text}" for a in pending]
        buttons = []
        for a in pending[:3]:
            buttons.append(Button(id=f"approve:{a.id}", label=tr("Approve {id}", "{id} manzoor").say(lang, id=a.id),
                                  kind="approve"))
            buttons.append(Button(id=f"reject:{a.id}", label=tr("Reject {id}", "{id} nahi").say(lang, id=a.id),
                                  kind="reject"))
        return Answer("\n".join([text, *lines]), buttons=buttons)

    def _answer_request(self, approval_id: int, approve: bool, lang: str, conversation: str) -> Answer:
        """A press of Approve N / Reject N under the approvals list: explicit, so it is done at once."""
        if self.engine is None:
            return Answer(tr("The agents are not running here, so requests cannot be answered now.",
                             "Yahan agent nahi chal rahe, abhi jawab nahi de sakte.").text(lang))
        if not approve:
            try:
                self.engine.reject(approval_id, note=_("Rejected in the assistant."),
                                   origin=Origin(actor="seller", reason=_("Rejected in the assistant.")))
            except AppError as error:
                return Answer(actions.failure(error, lang))
            return Answer(tr("Request {id} rejected.", "Request {id} mana kar diya.").say(lang, id=approval_id))
        now = self.ctx.now()
        with self.ctx.store.write() as db:
            action_id = action_store.offer(db, conversation=conversation, kind="approve_request",
                                           params={"approval_id": approval_id, "_lang": lang},
                                           summary=f"approve {approval_id}", moves_money=True, at=to_iso(now),
                                           expires_at=to_iso(now + timedelta(minutes=1)))
        action = action_store.get(self.ctx.store.db(), action_id)
        assert action is not None
        return self._carry_out(action, "confirmed", lang)

    # --- keeping the conversation --------------------------------------------------------------
    def _store(self, conversation: str, text: str, found: Understanding, lang: str, answer: Answer,
               context: Context, source: str, *, pressed: bool = False) -> Reply:
        reply_text = self._phrase(answer.text, lang)
        if reply_text[:1].isascii() and reply_text[:1].islower():
            reply_text = reply_text[0].upper() + reply_text[1:]
        now = self.ctx.now_iso()
        offered = [int(b.id.split(":")[1]) for b in answer.buttons if b.kind == "confirm"]
        if found.intent in ("help", "unknown", "approve", "reject") or pressed:  # no question to follow up
            new_context = Context(lang=lang, last_intent=context.last_intent, last_slots=context.last_slots)
        else:
            new_context = Context(lang=lang, last_intent=found.intent, last_slots=found.slots)
        new_context.awaiting, new_context.awaiting_slots = answer.awaiting, answer.awaiting_slots
        new_context.awaiting_intent = found.intent if answer.awaiting else None
        new_context.pending = bool(offered)
        with self.ctx.store.write() as db:
            # a new turn closes every question asked before it that was not answered
            action_store.expire(db, conversation, now, except_id=offered[0] if offered else None)
            history.add_message(db, conversation=conversation, role="seller", text=text, at=now, lang=lang,
                                intent=found.intent, slots=found.slots, source=source)
            reply = Reply(message_id=0, conversation=conversation, text=reply_text, lang=lang, intent=found.intent,
                          slots=found.slots, confidence=found.confidence, buttons=answer.buttons, table=answer.table,
                          chart=answer.chart, via=found.via, at=now)
            reply.message_id = history.add_message(db, conversation=conversation, role="assistant", text=reply_text,
                                                   at=now, lang=lang, intent=found.intent, slots=found.slots,
                                                   reply=reply.extras(), source=source)
            for action_id in offered:
                action_store.attach_message(db, action_id, reply.message_id)
            history.set_state(db, conversation, new_context.to_json(), now)
        return reply

    def post(self, answer: Answer, *, conversation: str = MAIN, lang: str = EN, intent: str = "report") -> Reply:
        """Say something on its own (a summary, an alert) and let the chat panel know."""
        now = self.ctx.now_iso()
        with self._lock, self.ctx.store.write() as db:
            reply = Reply(message_id=0, conversation=conversation, text=answer.text, lang=lang, intent=intent,
                          slots={}, confidence=1.0, buttons=answer.buttons, table=answer.table, chart=answer.chart,
                          via="monitor", at=now)
            reply.message_id = history.add_message(db, conversation=conversation, role="assistant", text=answer.text,
                                                   at=now, lang=lang, intent=intent, reply=reply.extras(),
                                                   source="system")
        self.ctx.store.after_commit(lambda: self.ctx.bus.publish(AssistantPosted(
            conversation=conversation, message_id=reply.message_id, at=now, actor="assistant")))
        return reply

    def _phrase(self, text: str, lang: str) -> str:
        if self.phraser is None:
            return text
        try:
            better = self.phraser.rephrase(text, lang)
        except Exception:  # an optional helper must never cost the seller an answer
            log.warning("the language model could not phrase a reply", exc_info=True)
            return text
        return better if better and keeps_numbers(text, better) else text


def keeps_numbers(original: str, phrased: str) -> bool:
    """A phrased reply may change words, never figures: every number of the original must still be there."""
    import re

    numbers = set(re.findall(r"\d[\d,.]*\d|\d", original))
    return all(n in phrased for n in numbers)


def _up_text(lang: str) -> str:
    return {HI: "बढ़ाओ", HINGLISH: "badhao"}.get(lang, "up")


def _down_text(lang: str) -> str:
    return {HI: "कम करो", HINGLISH: "kam karo"}.get(lang, "down")
