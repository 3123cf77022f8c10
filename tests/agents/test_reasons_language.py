"""Reasons are kept as their message and values, so a decision reads in the language the seller reads now, not
the one of the cycle that wrote it; a reason written as plain text (before) reads as written."""

from __future__ import annotations

import json
import re

from app import i18n
from app.domain.reasons import reason, rendered, stored
from app.services import decisions
from app.store import decisions as decision_store

DEVANAGARI = re.compile("[\u0900-\u097f]")


def test_a_reason_keeps_its_message_and_values_and_reads_in_either_language():
    i18n.set_language("en")
    try:
        kept = stored([reason("{name}: price {old} to {new} (MRP {mrp}, margin floor {floor}, competitor {comp}).",
                              name="Tata Salt 1 kg", old="₹28", new="₹27", mrp=reason("none"), floor="₹26",
                              comp=reason("not known")), "written before, as plain text"])
        assert kept[0]["params"]["mrp"] == {"key": "none", "params": {}}
        assert kept[1] == "written before, as plain text"
        assert rendered(kept[0]) == ("Tata Salt 1 kg: price ₹28 to ₹27 (MRP none, margin floor ₹26, competitor not "
                                     "known).")
        i18n.set_language("hi")
        hindi = rendered(json.loads(json.dumps(kept))[0])
        assert DEVANAGARI.search(hindi) and "Tata Salt 1 kg" in hindi and "₹27" in hindi and "none" not in hindi
        assert rendered(kept[1]) == "written before, as plain text"
    finally:
        i18n.set_language("en")


def _restock_in_english(kirana):
    """A cycle run in English, and the inventory agent's restock decision it kept."""
    i18n.set_language("en")
    kirana.engine().run_cycle()
    return next(d for d in decision_store.decisions(kirana.store.db()) if d.agent == "inventory"
                and d.decision_type in ("restock", "prestock_festival"))


def test_a_decision_written_in_english_reads_in_hindi(kirana):
    try:
        row = _restock_in_english(kirana)
        english = row.reasoning
        assert " items are below their reorder point" in english[0]
        assert isinstance(json.loads(row.reasoning_json)[0], dict)  # kept as message and values
        i18n.set_language("hi")
        again = decision_store.decision(kirana.store.db(), row.id)
        assert DEVANAGARI.search(again.reasoning[0]) and "below their reorder point" not in again.reasoning[0]
        assert len(again.reasoning) == len(english)
        # a record kept as plain text (as every record was before) reads as it was written
        old = decisions.record_decision(kirana.ctx, agent="inventory", decision_type="restock", status="proposed",
                                        reasoning=["Plain English reason."]).id
        assert decision_store.decision(kirana.store.db(), old).reasoning == ["Plain English reason."]
    finally:
        i18n.set_language("en")


def test_alerts_and_approval_summaries_written_in_english_read_in_hindi(kirana):
    """The engine's alerts (overstock here) and the summary of an order waiting in Approvals (above the order
    limit) are kept as message and values; an alert raised with plain text reads as written."""
    from app.services import alerts, settings
    from app.store import alerts as alert_store

    i18n.set_language("en")
    try:
        kirana.set_stock("ATTA5", 400_000)  # months of atta: an overstock alert
        settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", 100)  # every order waits for the seller
        kirana.engine().run_cycle()
        db = kirana.store.db()
        alert = next(a for a in alert_store.open_alerts(db, kind="overstock") if a.subject == "ATTA5")
        assert alert.message.startswith('{"key"')  # kept as message and values
        assert "days of stock" in alert.text
        approval = decision_store.approvals(db, status="pending")[0]
        assert approval.summary.startswith('{"key"')
        english = approval.text
        assert "the agent may spend alone" in english and "items are below their reorder point" in english
        alerts.raise_alert(kirana.ctx, kind="note", subject="x", message="Plain text as before.")
        i18n.set_language("hi")
        again = next(a for a in alert_store.open_alerts(db, kind="overstock") if a.subject == "ATTA5")
        assert DEVANAGARI.search(again.text) and "days of stock" not in again.text and "Atta 5 kg" in again.text
        hindi = decision_store.approvals(db, status="pending")[0].text
        assert DEVANAGARI.search(hindi) and "may spend alone" not in hindi and "reorder point" not in hindi
        assert next(a for a in alert_store.open_alerts(db, kind="note")).text == "Plain text as before."
    finally:
        i18n.set_language("en")


HINDI_NAMES = {"ATTA5": "आटा 5 कि.ग्रा.", "OIL1": "सूरजमुखी तेल 1 ली.", "MILK": "टोंड दूध 500 मि.ली.",
               "SOAP": "नहाने का साबुन", "CHIPS": "आलू चिप्स", "TEA": "चाय 250 ग्रा."}


def _name_in_hindi(kirana) -> None:
    from app.services import catalog

    for sku, name_hi in HINDI_NAMES.items():
        catalog.update_product(kirana.ctx, sku, name_hi=name_hi)


def test_an_inventory_reason_reads_in_hindi_with_the_items_hindi_name_and_unit_words(kirana):
    """Issue 14, fourteenth session: an item named in a reason is kept with its sku and Hindi name, and a quantity
    with its unit, so a Hindi reader reads "टोंड दूध 500 मि.ली." and "नग", not the English name and "pcs";
    in English the reason reads exactly as it was written."""
    _name_in_hindi(kirana)
    try:
        row = _restock_in_english(kirana)
        english = row.reasoning
        lines = [line for line in english if re.match(r"^(Atta|Sunflower|Toned|Bath|Potato|Tea)", line)]
        assert lines and " pcs in stock" in " ".join(lines)  # the item lines, with English units
        i18n.set_language("hi")
        hindi = " ".join(decision_store.decision(kirana.store.db(), row.id).reasoning)
        assert any(name in hindi for name in HINDI_NAMES.values()), hindi
        assert "नग" in hindi and " pcs" not in hindi
        kept = json.loads(row.reasoning_json)  # each item line keeps the item's sku and Hindi name
        named = [entry["params"]["name"] for entry in kept if isinstance(entry, dict)
                 and isinstance(entry.get("params", {}).get("name"), dict)]
        assert len(named) == len(lines)
        assert all(n["name_hi"] == HINDI_NAMES[n["sku"]] and n["name_hi"] in hindi for n in named)
        assert not any(name in hindi for name in ("Atta 5 kg", "Sunflower oil", "Toned milk", "Bath soap",
                                                  "Potato chips", "Tea 250 g"))
        i18n.set_language("en")
        assert decision_store.decision(kirana.store.db(), row.id).reasoning == english
    finally:
        i18n.set_language("en")


def test_an_item_without_a_hindi_name_reads_by_its_english_name_in_hindi():
    from app.domain.reasons import named_item, quantity

    i18n.set_language("en")
    try:
        kept = stored([reason("{name}: {qty} has passed its expiry date; take it off the shelf and record it as "
                              "waste.", name=named_item("PANEER", "Paneer 200 g"), qty=quantity(2500, "kg"))])
        assert rendered(kept[0]) == ("Paneer 200 g: 2.5 kg has passed its expiry date; take it off the shelf and "
                                     "record it as waste.")
        i18n.set_language("hi")
        hindi = rendered(json.loads(json.dumps(kept))[0])
        assert "Paneer 200 g" in hindi and "2.5 कि.ग्रा." in hindi and " kg" not in hindi
    finally:
        i18n.set_language("en")


def test_approval_summaries_and_alerts_name_the_item_in_hindi(kirana):
    """The summary of an order waiting in Approvals and an overstock alert, kept as message and values, read
    with the items' Hindi names and Hindi unit words (and as before in English)."""
    from app.services import settings
    from app.store import alerts as alert_store

    _name_in_hindi(kirana)
    i18n.set_language("en")
    try:
        kirana.set_stock("ATTA5", 400_000)
        settings.set_setting(kirana.ctx, "agents.inventory.max_po_paise", 100)
        kirana.engine().run_cycle()
        db = kirana.store.db()
        english = decision_store.approvals(db, status="pending")[0].text
        assert "items are below their reorder point" in english
        i18n.set_language("hi")
        alert = next(a for a in alert_store.open_alerts(db, kind="overstock") if a.subject == "ATTA5")
        assert HINDI_NAMES["ATTA5"] in alert.text and "Atta 5 kg" not in alert.text
        approval = decision_store.approvals(db, status="pending")[0]
        decision = decision_store.decision(db, approval.decision_id)
        assert decision is not None and any(name in " ".join(decision.reasoning) for name in HINDI_NAMES.values())
    finally:
        i18n.set_language("en")


def test_a_request_summary_names_the_item_in_hindi():
    """What Approvals, Activity and Today show of a request (one text column, kept by ``kept_text``) reads by
    the item's Hindi name and unit words; in English, byte for byte what it read before."""
    from app.domain.reasons import kept_text, named_item, quantity, text_of

    i18n.set_language("en")
    try:
        milk = named_item("MILK", "Toned milk 500 ml")
        milk.name_hi = HINDI_NAMES["MILK"]
        why = reason("Only {free} of {name} are free: the order needs {qty}.", free=quantity(4000, "pcs"),
                     name=milk, qty=quantity(12000, "pcs"))
        summary = kept_text(reason("{first} {why}", first=reason("Export hold."), why=why))
        english = "Export hold. Only 4 pcs of Toned milk 500 ml are free: the order needs 12 pcs."
        assert str(reason("{first} {why}", first=reason("Export hold."), why=why)) == english
        assert text_of(summary) == english
        i18n.set_language("hi")
        hindi = text_of(summary)
        assert "टोंड दूध 500 मि.ली." in hindi and "4 नग" in hindi and "12 नग" in hindi
        assert "Toned milk" not in hindi and "pcs" not in hindi
    finally:
        i18n.set_language("en")


def test_an_alert_decision_names_its_kind_in_hindi(kirana):
    """The alert decision's first line ("1 new overstock alerts; ...") named the kind by its code word in Hindi too
    ("1 नए overstock अलर्ट"); the kind is now a word of the reader's language, and English reads as before."""
    i18n.set_language("en")
    try:
        kirana.set_stock("ATTA5", 400_000)  # months of atta: an overstock alert
        kirana.engine().run_cycle()
        row = next(d for d in decision_store.decisions(kirana.store.db()) if d.decision_type == "alert_overstock")
        assert row.reasoning[0].startswith("1 new overstock alerts;")
        i18n.set_language("hi")
        hindi = decision_store.decision(kirana.store.db(), row.id).reasoning[0]
        assert "overstock" not in hindi and "ज़्यादा स्टॉक" in hindi
    finally:
        i18n.set_language("en")


def test_the_days_stock_picture_gives_its_reason_in_the_readers_language(kirana):
    """The stock picture's event kept its reason as English text ("The day's stock picture.") in the Activity page's
    "why" column in Hindi too; it is kept as a message now, read in the language of the moment."""
    from app.store import events as event_log
    from app.ui.activity_text import reasons_for

    i18n.set_language("en")
    try:
        kirana.engine().run_cycle()
        rows = [r for r in event_log.recent(kirana.store.db(), limit=200) if r.type == "StockDayRecorded"]
        assert rows and reasons_for(kirana.store, rows)[rows[0].id] == "The day's stock picture."
        i18n.set_language("hi")
        hindi = reasons_for(kirana.store, rows)[rows[0].id]
        assert DEVANAGARI.search(hindi) and "stock picture" not in hindi
    finally:
        i18n.set_language("en")


def test_a_restocks_first_reason_follows_its_counts(kirana):
    """An order whose items are all below their reorder point does not add "and 0 more are low", and an order of
    one item does not say "1 items are" (the big shop's Approvals showed both)."""
    for sku in ("OIL1", "SOAP", "CHIPS", "TEA", "MILK"):
        kirana.set_stock(sku, 1_000_000)  # plenty: only the atta runs low
    kirana.set_stock("ATTA5", 0)
    row = _restock_in_english(kirana)
    first = row.reasoning[0]
    assert "0 more are low" not in first and "1 items are" not in first
    assert "one item is below its reorder point" in first
