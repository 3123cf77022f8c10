"""The shop's channels (``channel``: marketplaces and messaging) and its items' listings on them
(``channel_listing``)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

__all__ = ["active_listed", "active_listings", "allocation_row", "has_channel", "list_item", "local_sku"]


def has_channel(db: Database, code: str, kind: str | None = None) -> bool:
    """Whether the channel ``code`` exists (of ``kind`` when given)."""
    if kind is None:
        return db.execute("SELECT 1 FROM channel WHERE code = ?", (code,)).fetchone() is not None
    return db.execute("SELECT 1 FROM channel WHERE code = ? AND kind = ?", (code, kind)).fetchone() is not None


def active_listed(db: Database, skus: Sequence[str]) -> list[str]:
    """Which of these items are listed on any marketplace (usually none at a kirana counter)."""
    return [r[0] for r in db.execute(
        f"SELECT DISTINCT sku FROM channel_listing WHERE status = 'active' AND sku IN "
        f"({','.join('?' * len(skus))})", tuple(skus))]


def active_listings(db: Database, sku: str) -> list[tuple[str, str | None, int | None]]:
    """(channel, remote sku, allocation cap) of the item's active listings on enabled marketplaces."""
    return db.execute(
        "SELECT l.channel, l.remote_sku, c.allocation_cap_milli FROM channel_listing l"
        " JOIN channel c ON c.code = l.channel"
        " WHERE l.sku = ? AND l.status = 'active' AND c.enabled = 1 AND c.kind = 'marketplace'", (sku,)
    ).fetchall()


def allocation_row(db: Database, channel: str) -> tuple[int | None, str | None] | None:
    """(allocation cap, settings_json) of a channel; None when there is no such channel."""
    row = db.execute("SELECT allocation_cap_milli, settings_json FROM channel WHERE code = ?", (channel,)).fetchone()
    return None if row is None else (row[0], row[1])


def local_sku(db: Database, channel: str, remote_sku: str) -> str | None:
    """Our sku for a marketplace's: its listing's, else an item whose sku is the same."""
    row = db.execute("SELECT sku FROM channel_listing WHERE channel = ? AND (remote_sku = ? OR (remote_sku IS NULL"
                     " AND sku = ?))", (channel, remote_sku, remote_sku)).fetchone()
    if row:
        return row[0]
    row = db.execute("SELECT sku FROM product WHERE sku = ?", (remote_sku,)).fetchone()
    return row[0] if row else None


def list_item(db: Database, *, channel: str, sku: str, remote_sku: str | None, at: str) -> None:
    """List an item on a channel, or list it again (active, with the remote sku given)."""
    db.execute("INSERT INTO channel_listing (channel, sku, remote_sku, status, created_at)"
               " VALUES (?, ?, ?, 'active', ?) ON CONFLICT(channel, sku) DO UPDATE SET status = 'active',"
               " remote_sku = excluded.remote_sku", (channel, sku, remote_sku, at))
