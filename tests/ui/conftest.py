"""UI tests run on Qt's offscreen platform against a real shop file in a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

from collections.abc import Iterator

import pytest
from shops import build_sample_shop

from app import i18n
from app.paths import DataDir
from app.session import Session, open_session
from app.ui.app import setup_application
from app.ui.bridge import EventBridge
from app.ui.main_window import MainWindow
from app.ui.tasks import wait_for_tasks

SHOP = "testshop"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def ui_app(qapp):
    setup_application(qapp)
    return qapp


@pytest.fixture
def data_dir(tmp_path) -> DataDir:
    return DataDir(tmp_path / "data").ensure()


@pytest.fixture
def shop(data_dir: DataDir) -> str:
    build_sample_shop(data_dir, SHOP)
    return SHOP


@pytest.fixture
def session(data_dir: DataDir, shop: str) -> Iterator[Session]:
    opened = open_session(data_dir, shop)
    yield opened
    wait_for_tasks()
    opened.close()


@pytest.fixture
def make_window(qtbot, ui_app, session: Session):
    """Build (and on teardown close) main windows over the test shop, as the controller would."""
    made: list[tuple[MainWindow, EventBridge]] = []

    def make() -> MainWindow:
        bridge = EventBridge(session.bus)
        window = MainWindow(session, bridge)
        qtbot.addWidget(window)
        window.show()
        made.append((window, bridge))
        return window

    yield make
    for window, bridge in made:
        window.close_quietly()
        bridge.close()
    wait_for_tasks()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()
