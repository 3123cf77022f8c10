"""The daily backup and the background jobs that keep a shop safe while the app runs."""

from datetime import UTC, datetime, timedelta

from app import housekeeping


def test_daily_backup_is_made_once_a_day(session):
    start = datetime(2026, 6, 15, 15, 0, tzinfo=UTC)
    assert housekeeping.backup_if_due(session, now=start) is True
    made = session.backups()
    assert [b.kind for b in made] == ["daily"]
    assert housekeeping.backup_if_due(session, now=made[0].made_at + timedelta(hours=5)) is False
    assert housekeeping.backup_if_due(session, now=made[0].made_at + timedelta(hours=21)) is True
    assert [b.kind for b in session.backups()].count("daily") == 2


def test_scheduler_jobs_catch_up_once_and_never_overlap(session):
    scheduler = housekeeping.start_scheduler(session)
    try:
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert {"daily-backup", "weekly-integrity-check", "startup-backup"} <= set(jobs)
        for job in jobs.values():
            assert job.coalesce is True and job.max_instances == 1
            assert job.misfire_grace_time >= 3600
        assert session.store._checkpointer is not None and session.store._checkpointer.is_alive()
    finally:
        session.close()
    assert not scheduler.running


def test_a_healthy_shop_passes_the_integrity_job(session):
    published = []
    session.bus.subscribe(published.append)
    assert housekeeping.integrity_job(session) == []
    assert published == []
