import dataclasses
import inspect
import json

from app import events as events_module
from app.domain.records import EventRow
from app.store import events as event_log
from app.ui.activity_text import SENTENCES, Names, describe, names_for
from app.ui.formatting import actor_text


def _row(event: events_module.Event, actor: str = "seller", row_id: int = 1) -> EventRow:
    return EventRow(id=row_id, at="2026-11-24T03:00:00.000Z", type=event.type, actor=actor,
                    subject_type=event.subject_type, subject_id=event.subject_id,
                    data_json=json.dumps(event.data(), default=str), reason="", goal_id=None, decision_id=None,
                    correlation_id=None)


def test_every_event_type_has_a_sentence():
    kinds = {name for name, cls in inspect.getmembers(events_module, inspect.isclass)
             if issubclass(cls, events_module.Event) and cls is not events_module.Event}
    assert kinds - set(SENTENCES) == set()


def test_sentences_from_the_shops_real_log(session):
    rows = event_log.recent(session.store.db(), limit=100)
    names = names_for(session.store, rows, "en")
    sentences = [describe(row, names) for row in rows]
    assert sentences[0] == "Price of Tata Salt 1 kg changed from ₹28.00 to ₹27.00 — by seller"
    assert sentences[1].startswith("Sale INV/") and sentences[1].endswith("/00001 of ₹66.00 (2 items) — by seller")
    assert "Opening khata balance of Ramesh Kumar: ₹450.00 (now owes ₹450.00) — by seller" in sentences
    assert "Opening stock of Sugar (loose): 25 kg — by seller" in sentences
    assert "The GST rate table was loaded — by TAVYONIX" in sentences


def test_names_follow_the_ui_language(session):
    rows = event_log.recent(session.store.db(), limit=100)
    names = names_for(session.store, rows, "hi")
    sentences = [describe(row, names) for row in rows]
    assert sentences[0].startswith("Price of टाटा नमक 1 किलो changed")
    assert any("रमेश कुमार" in s for s in sentences)


def test_who_did_it_in_words():
    assert actor_text("seller") == "seller"
    assert actor_text("system") == "TAVYONIX"
    assert actor_text("agent:pricing") == "pricing agent"
    assert actor_text("sync:amazon") == "sync with amazon"


def test_every_sentence_renders_from_its_own_fields():
    """Each event built with plausible values reads as a sentence (no KeyError, no raw field names)."""
    samples = {"str": "X1", "int": 7, "bool": True, "tuple[str, ...]": ("X1",), "Any": "yes"}
    for name in SENTENCES:
        cls = getattr(events_module, name)
        values = {}
        for field in dataclasses.fields(cls):
            if field.name in events_module.BASE_FIELDS or field.default is not dataclasses.MISSING:
                continue
            values[field.name] = samples.get(str(field.type).split(" |")[0], "X1")
        text = describe(_row(cls(**values), actor="agent:pricing"), Names())
        assert text.endswith(" — by pricing agent"), text
        assert "{" not in text and "_paise" not in text, text


def test_an_unknown_event_type_still_says_something():
    row = EventRow(id=1, at="2026-11-24T03:00:00.000Z", type="SomethingNew", actor="system", subject_type="product",
                   subject_id="X1", data_json="{}", reason="", goal_id=None, decision_id=None, correlation_id=None)
    assert describe(row, Names()) == "SomethingNew (product X1) — by TAVYONIX"


def test_an_agents_request_reads_in_the_language_of_the_moment_with_its_reasons(session):
    """A waiting request's summary and an agent's reasons are kept as message and values; the Activity page showed
    the kept JSON itself (and the reason column its English text, cut at 500 characters) instead of sentences."""
    from PySide6.QtCore import Qt

    from app import i18n
    from app.domain.clock import shop_zone
    from app.domain.reasons import kept_text, reason
    from app.services import agent_runs, decisions
    from app.ui.models.activity import ActivityModel

    why = reason("Nothing has been ordered from {supplier} for {days} days and none of its items is on the shelf; "
                 "one order of the item expected to lose least keeps the supplier and shows whether its items sell "
                 "again: {qty} of {name} ({total}, expected result {value}).", supplier="Shree Dairy", days=10,
                 qty="20 pcs", name="Toned milk", total="₹520.00", value="-₹306")
    ctx = session.ctx
    decision_id = int(decisions.record_decision(ctx, agent="inventory", decision_type="restock",
                                                status="awaiting_approval", reasoning=[why]).id)
    decisions.request_approval(ctx, decision_id, kind="restock",
                               summary=kept_text(reason("{first} {why}", first=why, why="x" * 400)))
    agent_runs.record_run(ctx, agent="inventory", trigger="cycle", started_at=ctx.now_iso(), status="ok")
    model = ActivityModel(session.store, shop_zone(ctx.timezone), ctx.now())
    try:
        for lang, start, round_word in (
                ("en", "Nothing has been ordered from Shree Dairy for 10 days", "regular round"),
                ("hi", "Shree Dairy से 10 दिनों से कुछ नहीं मँगाया गया", "नियमित जाँच")):
            i18n.set_language(lang)
            model.reload(ctx.now())
            events = [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
            [asked] = [r for r, event in enumerate(events) if event.type == "ApprovalRequested"]
            sentence = model.sentence(asked)
            assert '{"key"' not in sentence and start in sentence
            [ran] = [r for r, event in enumerate(events) if event.type == "AgentRunFinished"]
            assert model.data(model.index(ran, model.WHY)) == round_word  # not the trigger's code word "cycle"
            for row, event in enumerate(events):
                if event.decision_id == decision_id:
                    assert model.data(model.index(row, model.WHY)).startswith(start)
    finally:
        i18n.set_language("en")


def test_a_reason_names_the_item_and_unit_in_the_language_of_the_moment(session):
    """Issue 14, fourteenth session: an item named in an agent's reason reads by its Hindi name and a quantity with
    a Hindi unit word on the Activity page (its sentence and its "why"), and the event sentences' quantities too;
    English reads as before, byte for byte."""
    from PySide6.QtCore import Qt

    from app import i18n
    from app.domain.clock import shop_zone
    from app.domain.reasons import kept_text, named_item, quantity, reason
    from app.services import alerts, decisions
    from app.ui.models.activity import ActivityModel

    salt = named_item("TATA-SALT-1KG", "Tata Salt 1 kg")
    salt.name_hi = "टाटा नमक 1 किलो"  # what the engine fills in from the catalog before it records a decision
    why = reason("Nothing has been ordered from {supplier} for {days} days and none of its items is on the shelf; "
                 "one order of the item expected to lose least keeps the supplier and shows whether its items sell "
                 "again: {qty} of {name} ({total}, expected result {value}).", supplier="Shree Dairy", days=10,
                 qty=quantity(20_000, "pcs"), name=salt, total="₹520.00", value="-₹306")
    ctx = session.ctx
    decision_id = int(decisions.record_decision(ctx, agent="inventory", decision_type="restock",
                                                status="awaiting_approval", reasoning=[why]).id)
    decisions.request_approval(ctx, decision_id, kind="restock",
                               summary=kept_text(reason("{first} {why}", first=why, why="")))
    alerts.raise_alert(ctx, kind="overstock", subject="TATA-SALT-1KG", message=reason(
        "{name}: about {days} days of stock ({value}); the pricing agent may clear some.", name=salt, days=40,
        value="₹1,000.00"))
    model = ActivityModel(session.store, shop_zone(ctx.timezone), ctx.now())
    try:
        for lang, said, not_said, alert in (
                ("en", "20 pcs of Tata Salt 1 kg (₹520.00", "टाटा", "Alert: Tata Salt 1 kg: about 40 days of stock"),
                ("hi", "टाटा नमक 1 किलो के 20 नग", "Tata Salt", "टाटा नमक 1 किलो: लगभग 40 दिन का स्टॉक")):
            i18n.set_language(lang)
            model.reload(ctx.now())
            events = [model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(model.rowCount())]
            [asked] = [r for r, event in enumerate(events) if event.type == "ApprovalRequested"]
            assert said in model.sentence(asked) and not_said not in model.sentence(asked)
            whys = [model.data(model.index(r, model.WHY)) for r, event in enumerate(events)
                    if event.decision_id == decision_id]
            assert whys and all(said in text and not_said not in text for text in whys)
            [raised] = [r for r, event in enumerate(events) if event.type == "AlertRaised"]
            assert alert in model.sentence(raised)
        rows = event_log.recent(session.store.db(), limit=100)
        sentences = [describe(row, names_for(session.store, rows, "hi")) for row in rows]
        assert any(s.startswith("चीनी") and "25 कि.ग्रा." in s for s in sentences), sentences
    finally:
        i18n.set_language("en")
