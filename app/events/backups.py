"""Events about the shop's backups that live only on the bus (the file itself is not changed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from app.events.base import Event

__all__ = ["BackupCopied"]


@dataclass(frozen=True, kw_only=True)
class BackupCopied(Event):
    """A copy of a backup to the seller's second place was tried; ``state`` is "copied" or why not
    (``app.store.second_copy.STATES``). Not written to the event table: the Today card and the
    Settings form show it."""

    state: str
    place: str
    file: str = ""
    subject_type: ClassVar[str] = "shop"
