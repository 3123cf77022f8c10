"""Logging set up once, in ``main``: a rotating file in the data directory and stderr.

Nothing secret reaches the log: a filter masks tokens, keys and authorisation headers in every
record, whatever module wrote it.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import logging.handlers
import os
import re
import sys
import time
from pathlib import Path

__all__ = ["LOG_FILE", "RedactingFilter", "log_trouble", "private", "redact", "setup_logging"]

LOG_FILE = "tavyonix.log"
_SECRET = re.compile(
    r"(?i)(authorization|x-amz-access-token|access[_-]?token|refresh[_-]?token|api[_-]?key|secret|"
    r"password|passwd|client[_-]?secret|token)(\"?\s*[:=]\s*\"?)(bearer\s+)?([^\s\"',;&]+)"
)


def redact(text: str) -> str:
    """Mask the value of anything that looks like a credential."""
    return _SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) or ''}***", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class _PrivateFileHandler(logging.handlers.RotatingFileHandler):
    """The log (and each rotated file) readable by this user only, where the OS has such permissions.

    A log that cannot be written (a full disk, a folder made read-only) must never stop the shop, nor
    print a traceback for every line: the first failure is said once (on stderr, and through
    :func:`log_trouble` for the window), the newest ``HELD`` records wait in memory, and writing is tried
    again every ``RETRY_S`` seconds; once it works the waiting records are written and the log says so.
    """

    HELD = 500
    RETRY_S = 30.0

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.trouble: str | None = None
        self.held: collections.deque[logging.LogRecord] = collections.deque(maxlen=self.HELD)
        self._retry_at = 0.0

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        private(Path(self.baseFilename))
        return stream

    def emit(self, record: logging.LogRecord) -> None:
        if self.trouble is None:
            super().emit(record)  # a failure lands in handleError below
            return
        if time.monotonic() < self._retry_at:
            self.held.append(record)
            return
        waiting = [*self.held, record]
        self.held.clear()
        self.trouble = None
        for index, pending in enumerate(waiting):
            super().emit(pending)
            if self.trouble is not None:  # still failing: keep the rest (handleError kept ``pending``)
                self.held.extend(waiting[index + 1:])
                return
        global _TROUBLE
        _TROUBLE = None
        super().emit(logging.LogRecord(__name__, logging.WARNING, __file__, 0,
                                       "the log can be written again (%d lines kept in memory were written)",
                                       (len(waiting) - 1,), None))

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)  # a bug in a log call, not the disk: Python's usual report
            return
        first = self.trouble is None
        self.trouble = str(error)
        self.held.append(record)
        self._retry_at = time.monotonic() + self.RETRY_S
        stream, self.stream = self.stream, None  # type: ignore[assignment]
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.close()  # flushing the rest fails too on a full disk; the records wait in ``held``
        if first:
            global _TROUBLE
            _TROUBLE = self.trouble
            with contextlib.suppress(Exception):
                if sys.stderr is not None:  # pythonw has no stderr
                    sys.stderr.write(f"TAVYONIX: the log file {self.baseFilename} cannot be written ({error}); "
                                     f"the app carries on and keeps the last {self.HELD} lines in memory.\n")


_TROUBLE: str | None = None


def log_trouble() -> str | None:
    """Why the log file cannot be written now (the OS's words), or None when it can."""
    return _TROUBLE


def private(path: Path) -> None:
    """Owner-only permissions (0600): the shop's sales, customers and log are nobody else's to read."""
    if os.name == "nt":  # NTFS: the user's profile folder is already private to them
        return
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def setup_logging(logs_dir: Path, level: str = "INFO", *, to_stderr: bool = True) -> Path:
    """Configure the root logger once; returns the log file's path."""
    with contextlib.suppress(OSError):  # no room for the folder: the handler below says so and carries on
        logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_tavyonix", False):
            root.removeHandler(handler)
            handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    # delay: the file is opened at the first record, so a log that cannot be opened is a handled failure
    file_handler = _PrivateFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True)
    handlers: list[logging.Handler] = [file_handler]
    if to_stderr:
        stderr = logging.StreamHandler()
        stderr.setLevel(logging.WARNING)
        handlers.append(stderr)
    for handler in handlers:
        handler.setFormatter(fmt)
        handler.addFilter(RedactingFilter())
        handler._tavyonix = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every URL at INFO; credentials stay in headers, but keep the log quiet anyway.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    return path
