"""Logging set up once, in ``main``: a rotating file in the data directory and stderr.

Nothing secret reaches the log: a filter masks tokens, keys and authorisation headers in every
record, whatever module wrote it.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
from pathlib import Path

__all__ = ["LOG_FILE", "RedactingFilter", "private", "redact", "setup_logging"]

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
    """The log (and each rotated file) readable by this user only, where the OS has such permissions."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        private(Path(self.baseFilename))
        return stream


def private(path: Path) -> None:
    """Owner-only permissions (0600): the shop's sales, customers and log are nobody else's to read."""
    if os.name == "nt":  # NTFS: the user's profile folder is already private to them
        return
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def setup_logging(logs_dir: Path, level: str = "INFO", *, to_stderr: bool = True) -> Path:
    """Configure the root logger once; returns the log file's path."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_tavyonix", False):
            root.removeHandler(handler)
            handler.close()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    file_handler = _PrivateFileHandler(path, maxBytes=1_000_000, backupCount=5,
                                                        encoding="utf-8")
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
