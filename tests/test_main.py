"""The composition root: one shop opened as the desktop app opens it, with every background job wired."""

from app import config
from app.main import make_launch
from app.services import settings
from app.services import shop as shop_service
from app.session import open_session


def _new_shop(data, name="wired"):
    opened = open_session(data, name, create=True)
    shop_service.create_shop(opened.ctx, name="Wired Kirana", state_code="27", gstin="27AAPFU0939F1ZV",
                                upi_id="wired@okaxis")
    settings.set_setting(opened.ctx, config.SYNC_ENABLED.key, False)  # no probe of the network in a test
    opened.close()


def test_the_app_shares_one_engine_and_schedules_the_agents(data):
    _new_shop(data)
    launch = make_launch(data, "wired")
    session = launch.open_shop()
    try:
        launch.start_background(session)
        assert session.engine is not None
        assert session.assistant.engine.engine is session.engine  # "why" and approvals see the same engine
        assert session.agents.engine is session.engine
        scheduler = session.agents.scheduler
        jobs = {job.id: job for job in scheduler.get_jobs()}
        assert {"agents.cycle", "agents.learn", "agents.goals", "agents.inventory", "agents.pricing",
                "daily-backup"} <= set(jobs)
        for job_id in ("agents.cycle", "agents.learn", "agents.goals"):
            assert jobs[job_id].coalesce is True and jobs[job_id].max_instances == 1
    finally:
        session.close()
    assert not any(job.id.startswith("agents.") for job in scheduler.get_jobs())


def test_switched_off_agents_get_no_jobs(data):
    _new_shop(data)
    launch = make_launch(data, "wired")
    session = launch.open_shop()
    try:
        settings.set_setting(session.ctx, config.AGENTS_ENABLED.key, False)
        launch.start_background(session)
        assert session.agents is None
    finally:
        session.close()
