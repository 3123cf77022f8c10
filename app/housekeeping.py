"""Jobs that keep a shop safe while the app runs: the daily backup and a weekly integrity check.

They run on APScheduler's ``BackgroundScheduler`` (never the GUI thread), coalesced with one
instance each, so a PC that was switched off runs a missed backup once when it comes back, not
once per missed day. The agents' runner adds its own jobs to the same scheduler.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler

from app import config
from app.errors import AppError
from app.events import BackupCopied, ShopCheckFailed
from app.session import Session
from app.store.second_copy import CopyResult, chosen_place, copy_newest

log = logging.getLogger(__name__)

BACKUP_EVERY = timedelta(hours=20)  # "daily", with slack so a shop that opens a bit earlier still gets one


def backup_if_due(session: Session, now: datetime | None = None) -> bool:
    """Make the daily backup unless one was made in the last 20 hours, then copy it to the second place;
    True if one was made. A second place that was missing when the backup was made (a USB drive
    unplugged) gets the newest backup on the next run."""
    now = now or datetime.now(UTC)
    daily = [b for b in session.backups() if b.kind == "daily"]
    if daily and now - daily[0].made_at < BACKUP_EVERY:
        copy_to_second_place(session, only_if_missing=True)
        return False
    try:
        session.backup("daily", now=now)
    except AppError:
        log.exception("daily backup failed")
        return False
    copy_to_second_place(session)
    return True


def copy_to_second_place(session: Session, *, only_if_missing: bool = False) -> CopyResult:
    """Copy the newest backup to the seller's second place and say how it went; never raises (a job must
    not fail because a USB drive is out)."""
    place = chosen_place(session.machine)
    try:
        result = copy_newest(session.backup_dir, place, session.shop, shop_db=session.store.path,
                             keep=session.machine.get(config.BACKUP_KEEP), only_if_missing=only_if_missing)
    except Exception as exc:  # a job on the scheduler must carry on whatever the drive does
        log.exception("copying the backup to the second place failed")
        return CopyResult("failed", str(place or ""), datetime.now(UTC).isoformat(timespec="seconds"),
                          detail=str(exc))
    if place is not None and not result.ok:
        log.warning("second backup place: %s (%s)", result.state, result.detail)
    if place is not None and result.tried:
        session.bus.publish(BackupCopied(state=result.state, place=result.place, file=result.file, actor="system"))
    return result


def integrity_job(session: Session, *, full: bool = True) -> list[str]:
    """Check the whole file; on damage log it and tell the UI (``ShopCheckFailed``)."""
    problems = session.store.integrity_check() if full else session.store.quick_check()
    if problems:
        log.error("%s found problems: %s", "integrity_check" if full else "quick_check", problems[:5])
        session.bus.publish(ShopCheckFailed(problems=tuple(problems[:20]), actor="system"))
    else:
        session.store.full_check_pending = False
    return problems


def start_scheduler(session: Session) -> BackgroundScheduler:
    """Start the WAL checkpointer and the housekeeping scheduler; ``session.close()`` stops both."""
    session.store.start_checkpointer()
    scheduler = BackgroundScheduler(
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 24 * 3600},
        timezone="Asia/Kolkata",
    )
    hour = session.machine.get(config.BACKUP_HOUR)
    scheduler.add_job(backup_if_due, "cron", hour=hour, args=[session], id="daily-backup", replace_existing=True)
    scheduler.add_job(integrity_job, "cron", day_of_week="sun", hour=(hour + 1) % 24, args=[session],
                      id="weekly-integrity-check", replace_existing=True)
    if session.store.full_check_pending:  # a large shop opened after checking only its core tables
        scheduler.add_job(integrity_job, "date", run_date=datetime.now(UTC) + timedelta(seconds=5), args=[session],
                          kwargs={"full": False}, id="startup-full-check")
    scheduler.add_job(backup_if_due, "date", run_date=datetime.now(UTC) + timedelta(seconds=30), args=[session],
                      id="startup-backup")
    scheduler.start()
    session.closers.append(lambda: scheduler.shutdown(wait=False))
    return scheduler
