"""The Today tab's backup card: the last backup on this PC, the last copy on the second place (a USB drive
or folder) and that place's state, with a warning in red when the copy is not being made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.clock import shop_zone
from app.i18n import _, ngettext
from app.log import log_trouble
from app.session import Session
from app.store.backup import list_backups
from app.store.second_copy import check_place, chosen_place, last_copy, place_backups, say_state
from app.ui.fonts import BASE_POINT_SIZE, ui_font
from app.ui.formatting import format_when
from app.ui.tasks import LatestOnly

__all__ = ["BackupCard", "BackupFacts", "describe", "read_backup_facts"]

WARNING_STYLE = "color: #b42318;"


@dataclass(frozen=True)
class BackupFacts:
    now: datetime
    last_here: datetime | None
    count_here: int
    place: str  # "" when none is chosen
    place_state: str  # check_place's answer now: ok, missing, read-only ("not-set" without a place)
    last_state: str  # the last copy attempt's state ("" before any)
    newest_there: datetime | None  # the newest copy of this shop on the second place
    log_trouble: str = ""  # why the log file cannot be written now (a full disk), "" when it can

    @property
    def warning(self) -> bool:
        """True when the seller should act: no copy can be made, the last one failed, or the log is stuck."""
        return bool(self.log_trouble) or (bool(self.place) and (
            self.place_state != "ok" or self.last_state not in ("", "copied")))


def read_backup_facts(session: Session) -> BackupFacts:
    """Runs on a worker thread: it lists two folders and writes a probe file on the second place."""
    here = list_backups(session.backup_dir)
    place = chosen_place(session.machine)
    last = last_copy(session.backup_dir) or {}
    there = place_backups(place, session.shop) if place is not None else []
    return BackupFacts(
        now=session.ctx.now(), last_here=here[0].made_at if here else None, count_here=len(here),
        place=str(place or ""), place_state=check_place(place) if place is not None else "not-set",
        last_state=str(last.get("state", "")), newest_there=there[0].made_at if there else None,
        log_trouble=log_trouble() or "")


def describe(facts: BackupFacts, zone: tzinfo) -> tuple[str, str]:
    """(the big value, the lines under it) for ``facts``."""
    if facts.last_here is None:
        value = _("None yet")
        lines = [_("Use File → Back up now to make one.")]
    else:
        value = format_when(facts.last_here, zone, facts.now)
        lines = [ngettext("{count} backup kept on this PC", "{count} backups kept on this PC",
                          facts.count_here).format(count=facts.count_here)]
    if facts.log_trouble:
        lines.append(_("The log file cannot be written ({why}); the shop carries on. Free some space on the "
                       "disk.").format(why=facts.log_trouble))
    if not facts.place:
        lines.append(say_state("not-set", ""))
        return value, "\n".join(lines)
    when = (format_when(facts.newest_there, zone, facts.now) if facts.newest_there
            else _("never"))
    lines.append(_("Last copy on the second place: {when}").format(when=when))
    if facts.place_state != "ok":
        lines.append(say_state(facts.place_state, facts.place))
    elif facts.last_state not in ("", "copied"):
        lines.append(say_state(facts.last_state, facts.place))
    else:
        lines.append(_("The second place {place} is ready.").format(place=facts.place))
    return value, "\n".join(lines)


class BackupCard(QFrame):
    """Reads its own facts in the background whenever :meth:`refresh` is called."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._reader = LatestOnly(self)
        self.facts: BackupFacts | None = None
        self.setObjectName("card-backup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.caption = QLabel(_("Last backup"))
        self.caption.setProperty("role", "caption")
        self.value = QLabel("…")
        self.value.setFont(ui_font(BASE_POINT_SIZE + 9, bold=True))
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1)
        self.setAccessibleName(self.caption.text())

    def refresh(self) -> None:
        session = self.session
        self._reader.run(lambda: read_backup_facts(session), self.show_facts)

    def show_facts(self, facts: BackupFacts) -> None:
        self.facts = facts
        value, detail = describe(facts, shop_zone(self.session.ctx.timezone))
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setStyleSheet(WARNING_STYLE if facts.warning else "")
        self.setProperty("warning", facts.warning)
        self.setAccessibleDescription(f"{value}. {detail}")
