"""Reads and writes of WhatsApp's receipts for campaign messages (table ``campaign_message_receipt``)."""

from __future__ import annotations

from sqlite_utils import Database

__all__ = ["add_receipt", "message_for_wamid", "receipt_counts"]


def message_for_wamid(db: Database, wamid: str) -> int | None:
    """The campaign message WhatsApp knows as ``wamid`` (kept on its outbox row when it was sent)."""
    row = db.execute("SELECT entity_id FROM outbox WHERE remote_ref = ? AND op = 'campaign.send' LIMIT 1",
                     (wamid,)).fetchone()
    if row is None or not str(row[0]).startswith("campaign-message:"):
        return None
    return int(str(row[0]).split(":", 1)[1])


def add_receipt(db: Database, *, message_id: int, status: str, error_code: int | None, reported_at: str,
                at: str) -> bool:
    """Keep one receipt; False when the same status of that message was already kept (a webhook retried)."""
    cursor = db.execute("INSERT OR IGNORE INTO campaign_message_receipt(message_id, status, error_code,"
                        " reported_at, at) VALUES (?, ?, ?, ?, ?)", (message_id, status, error_code, reported_at, at))
    return cursor.rowcount == 1


def receipt_counts(db: Database, campaign_id: int) -> dict[str, int]:
    """{status: messages} of one campaign, from the receipts WhatsApp sent."""
    return {str(r[0]): int(r[1]) for r in db.execute(
        "SELECT r.status, COUNT(*) FROM campaign_message_receipt r JOIN campaign_message m ON m.id = r.message_id"
        " WHERE m.campaign_id = ? GROUP BY r.status", (campaign_id,))}
