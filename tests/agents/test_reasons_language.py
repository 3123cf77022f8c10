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


def test_a_decision_written_in_english_reads_in_hindi(kirana):
    i18n.set_language("en")
    try:
        kirana.engine().run_cycle()
        row = next(d for d in decision_store.decisions(kirana.store.db()) if d.agent == "inventory"
                   and d.decision_type in ("restock", "prestock_festival"))
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
