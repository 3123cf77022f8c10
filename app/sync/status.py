"""What the status bar shows: online or not, how many changes wait, the last sync, failures (with a
retry), and the issues the seller must look at. Built from the database, so it is true after a
restart, and in the shopkeeper's words (English or Hindi)."""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import _, ngettext
from app.services.context import ServiceContext
from app.store import outbox, sync_state
from app.store.db import Store


@dataclass(frozen=True)
class ChannelStatus:
    channel: str
    waiting: int
    failed: int
    paused: bool
    last_ok_at: str | None
    last_error: str | None


@dataclass(frozen=True)
class SyncStatus:
    connection: str  # online | offline | captive | unknown
    waiting: int
    failed: int
    issues: int
    last_sync_at: str | None
    channels: tuple[ChannelStatus, ...]
    headline: str  # one line for the status bar
    detail: str  # the tooltip / details panel

    @property
    def can_retry(self) -> bool:
        return self.failed > 0


def snapshot(store: Store, connection: str = "unknown") -> SyncStatus:
    db = store.db()
    channels = []
    paused_adapters = set()
    for ch in sync_state.channels(db):
        if ch.paused_reason:
            paused_adapters.add(ch.adapter)
        counts = outbox.counts(db, ch.channel)
        channels.append(ChannelStatus(ch.channel, sum(counts.get(s, 0) for s in ("pending", "in_flight", "unknown",
                                                                                 "acked")),
                                      counts.get("failed", 0) + counts.get("dead", 0), bool(ch.paused_reason),
                                      ch.last_ok_at, ch.last_error))
    waiting = outbox.waiting_count(db)
    failed = outbox.failed_count(db)
    issues = len(sync_state.open_issues(db))
    oks = [c.last_ok_at for c in channels if c.last_ok_at]
    last = max(oks) if oks else None
    if connection == "offline":
        head = _("Offline")
    elif connection == "captive":
        head = _("Wi-Fi sign-in needed")
    elif paused_adapters == {"whatsapp"}:
        head = _("WhatsApp login needed")
    elif paused_adapters and "whatsapp" in paused_adapters:
        head = _("Login needed")
    elif paused_adapters:
        head = _("Marketplace login needed")
    else:
        head = _("Online") if connection == "online" else _("Sync")
    parts = [head]
    if waiting:
        parts.append(ngettext("{n} change waiting", "{n} changes waiting", waiting).format(n=waiting))
    else:
        parts.append(_("all sent"))
    if failed:
        parts.append(ngettext("{n} failed", "{n} failed", failed).format(n=failed))
    lines = []
    for c in channels:
        state = _("login needed") if c.paused else (c.last_error or _("working"))
        lines.append(f"{c.channel}: " + _("{waiting} waiting, {failed} failed ({state})").format(
            waiting=c.waiting, failed=c.failed, state=state))
    if last:
        lines.append(_("Last sync: {at}").format(at=last))
    if issues:
        lines.append(ngettext("{n} item needs your attention", "{n} items need your attention", issues)
                     .format(n=issues))
    return SyncStatus(connection, waiting, failed, issues, last, tuple(channels), " · ".join(parts),
                      "\n".join(lines))


def retry_failed(ctx: ServiceContext, channel: str | None = None) -> int:
    """The retry button: failed rows go back in the queue; a paused channel is tried again."""
    with ctx.store.write() as db:
        count = outbox.retry_failed(db, at=ctx.now_iso(), channel=channel)
        if channel is None:
            sync_state.unpause_all(db)
        else:
            sync_state.update_channel(db, channel, paused_reason=None, breaker_open_until=None)
    return count
