"""Whatever the seller types or presses, in whatever order, no change that moves money (a price, a purchase
order, an offer to customers, an approved agent request) happens unless the seller confirmed that very
offer in the conversation, or the shop let the assistant act within the agents' autonomy limits."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app import config
from app.services import settings as shop_settings

COMMANDS = [
    "Maggi ka daam 2 rupay kam karo", "reduce coke price by 5 rupees", "increase lifebuoy price by 1 rupee",
    "set price of colgate to 80", "raise surf excel price by 5%", "टाटा नमक का दाम 2 रुपये बढ़ाओ", "reorder Tata salt",
    "order 10 packets of Maggi", "parle g mangwa do", "start a WhatsApp offer on biscuits", "10% off on all snacks",
    "approve", "approve 1", "tata ka daam badhao 5%", "set price of amul butter to 65", "grow sales 20% this Diwali",
    "Dinesh ne 200 jama kiye", "received 50 rupees from sunita devi",  # khata payments: their Undo is asked again
]
YES = ["yes", "haan", "do it", "हाँ", "ok go ahead", "haan kar do", "10%", "5%"]
NO = ["no", "nahi rehne do", "cancel that"]
OTHER = ["kal kitna becha?", "who owes me money?", "and last week?", "which items are running out?", "help",
         "tata", "Tata Salt 1 kg", "asdf qwerty"]

step = st.one_of(
    st.tuples(st.just("say"), st.sampled_from(COMMANDS)),
    st.tuples(st.just("command+yes"), st.tuples(st.sampled_from(COMMANDS), st.sampled_from([*YES, "press"]))),
    st.tuples(st.just("say"), st.sampled_from(YES)),
    st.tuples(st.just("say"), st.sampled_from(NO)),
    st.tuples(st.just("say"), st.sampled_from(OTHER)),
    st.tuples(st.just("say"), st.text(alphabet="abcdefghij klmn₹%0123456789हाँ", min_size=1, max_size=25)
              .filter(str.strip)),  # a blank message is refused before anything is read
    st.tuples(st.just("press"), st.integers(0, 5)),  # a button of the last reply
    st.tuples(st.just("stale"), st.integers(0, 30)),  # a button of any earlier reply
    st.tuples(st.just("wait"), st.integers(1, 30)),  # minutes pass
)

MONEY_INTENTS = {"change_price", "reorder", "start_campaign"}


def money_state(shop) -> tuple:
    db = shop.store.db()
    return (db.execute("SELECT count(*) FROM event WHERE type = 'PriceChanged'").fetchone()[0],
            db.execute("SELECT count(*) FROM purchase_order").fetchone()[0],
            db.execute("SELECT count(*) FROM promotion").fetchone()[0],
            db.execute("SELECT count(*) FROM agent_approval WHERE status = 'approved'").fetchone()[0],
            db.execute("SELECT count(*) FROM payment").fetchone()[0])  # khata payments and their reversals


def within_limits(shop, before: tuple, after: tuple) -> bool:
    """The change made on the assistant's own authority stays inside the agents' autonomy limits."""
    db = shop.store.db()
    if after[2] != before[2] or after[3] != before[3] or after[4] != before[4]:
        return False  # offers to customers, agents' requests and khata payments are never done on autonomy
    for old, new, sku in db.execute("SELECT json_extract(data_json, '$.old_price_paise'),"
                                    " json_extract(data_json, '$.new_price_paise'), subject_id FROM event"
                                    " WHERE type = 'PriceChanged' ORDER BY id DESC LIMIT ?", (after[0] - before[0],)):
        cost = db.execute("SELECT cost_paise FROM product WHERE sku = ?", (sku,)).fetchone()[0]
        if abs(new - old) * 10_000 > 1000 * old or new < cost:
            return False
    for (total,) in db.execute("SELECT total_paise FROM purchase_order ORDER BY id DESC LIMIT ?",
                               (after[1] - before[1],)):
        if total > 2_500_000:
            return False
    return True


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=st.lists(step, min_size=1, max_size=7), autonomy=st.sampled_from(["confirm", "within_limits"]))
def test_no_action_that_moves_money_executes_without_permission_or_confirmation(fresh_shop, script, autonomy):
    """Feature: tavyonix-seller-os, Property 11: Goal-Based Autonomous Operation

    (the autonomy rule of the central assistant: routine changes run alone only within the granted limits,
    everything else that moves money waits for the seller's explicit confirmation)."""
    shop = fresh_shop()
    try:
        shop_settings.set_setting(shop.ctx, config.ASSISTANT_AUTONOMY.key, autonomy)
        replies = []
        steps = []
        for kind, value in script:  # "a command, then yes": the common case, made common here too
            if kind == "command+yes":
                steps += [("say", value[0]), ("press", 0) if value[1] == "press" else ("say", value[1])]
            else:
                steps.append((kind, value))
        for kind, value in steps:
            before = money_state(shop)
            last = replies[-1] if replies else None
            if kind == "wait":
                shop.clock.advance(timedelta(minutes=value))
                continue
            if kind == "say":
                reply = shop.assistant.ask(value)
                explicit = last is not None and any(b.kind == "confirm" for b in last.buttons) and \
                    reply.intent == "approve" and reply.via in ("answer", "classifier", "rule")
            else:
                pool = last.buttons if kind == "press" and last is not None else \
                    [b for r in replies for b in r.buttons] if kind == "stale" else []
                if not pool:
                    continue
                button = pool[value % len(pool)]
                try:
                    reply = shop.assistant.press(button.id)
                except Exception as error:  # a stale button may be refused, never acted on
                    assert money_state(shop) == before, error
                    continue
                # Undo and "Approve N" name what they do wherever they are; a confirm button counts only under the
                # question just asked (an older one must have expired)
                explicit = button.kind in ("undo", "approve") or (button.kind == "confirm" and button in last.buttons)
            after = money_state(shop)
            if after != before:
                allowed_alone = autonomy == "within_limits" and reply.intent in MONEY_INTENTS and \
                    within_limits(shop, before, after)
                assert explicit or allowed_alone, (kind, value, reply.text, before, after)
                event("money moved on a confirmation" if explicit else "money moved within the autonomy limits")
            replies.append(reply)
        db = shop.store.db()
        for basis, moves_money, status in db.execute("SELECT basis, moves_money, status FROM assistant_action"):
            assert status not in ("done", "undone") or basis in ("confirmed", "autonomy")
            if basis == "autonomy" and moves_money:
                assert autonomy == "within_limits"
    finally:
        shop.close()
