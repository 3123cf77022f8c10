"""Finding 6 of issue 12, the log: on a full disk the desktop log could not be written and every line
printed a "--- Logging error ---" traceback. Now the first failure is said once, the newest lines wait in
memory, and the log catches up by itself when it can be written again."""

from __future__ import annotations

import contextlib
import logging
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import log as app_log
from app.log import LOG_FILE, log_trouble, setup_logging


@pytest.fixture
def file_log(monkeypatch) -> Iterator[None]:
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    monkeypatch.setattr(app_log._PrivateFileHandler, "RETRY_S", 3600.0)
    yield
    for handler in list(root.handlers):
        if getattr(handler, "_tavyonix", False):
            root.removeHandler(handler)
            handler.close()
    root.handlers[:] = before[0]
    root.setLevel(before[1])
    # a plain assignment: monkeypatch would put the trouble back when it undoes its own changes after this
    app_log._TROUBLE = None


def _handler() -> app_log._PrivateFileHandler:
    return next(h for h in logging.getLogger().handlers if isinstance(h, app_log._PrivateFileHandler))


def _write_many(n: int) -> None:
    shop_log = logging.getLogger("app.test.shop")
    for i in range(n):
        shop_log.warning("sale %d saved", i)


def _said_once(err: str) -> None:
    assert err.count("cannot be written") == 1
    assert "Logging error" not in err and "Traceback" not in err


def test_a_log_that_cannot_be_opened_is_said_once_and_catches_up(tmp_path, capsys, file_log):
    logs = tmp_path / "logs"
    (logs / LOG_FILE).mkdir(parents=True)  # the log's name is taken by a folder: every open fails
    setup_logging(logs, "INFO", to_stderr=False)
    _write_many(2000)  # no exception, no loop, no traceback per line
    _said_once(capsys.readouterr().err)
    assert log_trouble() and "Is a directory" in log_trouble()
    assert len(_handler().held) == app_log._PrivateFileHandler.HELD  # the newest lines wait in memory

    (logs / LOG_FILE).rmdir()  # the problem is gone; the next line after the retry time writes it all
    _handler()._retry_at = 0.0
    logging.getLogger("app.test.shop").warning("after")
    text = (logs / LOG_FILE).read_text(encoding="utf-8")
    assert "sale 1999 saved" in text and "sale 1500 saved" in text and "sale 1499 saved" not in text
    assert "the log can be written again (500 lines kept in memory were written)" in text
    assert text.rstrip().endswith("the log can be written again (500 lines kept in memory were written)")
    assert "after" in text
    assert log_trouble() is None


def test_a_log_on_a_really_full_disk(tmp_path, capsys, file_log):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root on Linux)")
    try:
        setup_logging(disk / "logs", "INFO", to_stderr=False)
        _write_many(10)
        filler = disk / "filler.bin"
        with contextlib.suppress(OSError), open(filler, "wb") as f:
            while True:
                f.write(b"\0" * 4096)
                f.flush()
        _write_many(5000)  # about 200 KB of log lines on a disk with no room
        _said_once(capsys.readouterr().err)
        assert log_trouble() and "No space left" in log_trouble()
        filler.unlink()
        _handler()._retry_at = 0.0
        logging.getLogger("app.test.shop").warning("room again")
        text = (disk / "logs" / LOG_FILE).read_text(encoding="utf-8")
        assert "room again" in text and "sale 4999 saved" in text and log_trouble() is None
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "_tavyonix", False):
                logging.getLogger().removeHandler(handler)
                handler.close()
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def test_the_desktop_app_starts_when_the_logs_folder_cannot_be_made(tmp_path, capsys, file_log):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    setup_logging(blocked / "logs", "INFO", to_stderr=False)  # mkdir fails: carried on, said at the first line
    logging.getLogger("app.test").warning("opening the shop")
    _said_once(capsys.readouterr().err)
    assert log_trouble()
    assert Path(blocked).is_file()
