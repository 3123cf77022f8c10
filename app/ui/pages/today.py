"""The "Today" tab: how the day is going, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.domain.clock import shop_zone
from app.domain.money import format_inr
from app.domain.qty import qty_words
from app.errors import AppError
from app.events import Event
from app.i18n import _, language, ngettext
from app.session import Session
from app.store import catalog, orders, outbox, parties, stock
from app.store import events as event_log
from app.store.odd_records import is_overflow, out_of_bounds_error
from app.ui.activity_text import describe, names_for
from app.ui.fonts import BASE_POINT_SIZE, ui_font
from app.ui.formatting import format_count, format_when, month_abbr
from app.ui.goal_card import GoalCard
from app.ui.pages.backup_card import BackupCard
from app.ui.pages.base import Page
from app.ui.pages.compliance_card import ComplianceCard
from app.ui.tasks import LatestOnly
from app.ui.week_card import WeekCard

LOW_STOCK_LIMIT = 1000  # names read for at most this many
NAMES_SHOWN = 4
LATEST_SHOWN = 8


@dataclass(frozen=True)
class TodayFacts:
    day: date
    now: datetime
    sales_count: int
    sales_paise: int
    item_count: int
    low_count: int
    low_items: tuple[tuple[str, str], ...]  # (name, "2 pcs left, reorder at 5 pcs")
    khata_paise: int
    debtors: tuple[tuple[str, int], ...]
    waiting_sync: int
    failed_sync: int
    last_backup: datetime | None
    backup_count: int
    latest: tuple[tuple[str, str], ...] = ()  # (when, sentence), newest first


def read_today(session: Session, lang: str) -> TodayFacts:
    """Everything the tab shows, read in one snapshot (runs on a worker thread)."""
    day = session.ctx.today()
    backups = session.backups()
    with session.store.read() as db:
        count, total = orders.day_totals(db, day.isoformat())
        low = stock.low_stock(db, limit=NAMES_SHOWN)
        products = catalog.get_many(db, [sku for sku, _on_hand, _point in low[:NAMES_SHOWN]])
        low_items = []
        for sku, on_hand, point in low[:NAMES_SHOWN]:
            product = products.get(sku)
            unit = product.unit if product else "pcs"
            low_items.append((product.name(lang) if product else sku,
                              _("{on_hand} left, reorder at {point}").format(on_hand=qty_words(on_hand, unit),
                                                                             point=qty_words(point, unit))))
        recent = event_log.recent(db, limit=LATEST_SHOWN)
        names = names_for(session.store, recent, lang)
        latest = tuple((row.at, describe(row, names)) for row in recent)
        debtors = tuple((c.name_hi if lang == "hi" and c.name_hi else c.name, c.khata_balance_paise)
                        for c in parties.debtors(db, limit=3))
        return TodayFacts(
            day=day, now=session.ctx.now(), sales_count=count, sales_paise=total, item_count=catalog.count(db),
            low_count=stock.low_stock_count(db), low_items=tuple(low_items), khata_paise=parties.khata_total(db),
            debtors=debtors,
            waiting_sync=outbox.waiting_count(db), failed_sync=outbox.failed_count(db),
            last_backup=backups[0].made_at if backups else None, backup_count=len(backups), latest=latest,
        )


class StatCard(QFrame):
    """A caption, one big value and a line or two of detail."""

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"card-{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("card", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self.caption = QLabel(caption)
        self.caption.setProperty("role", "caption")
        self.value = QLabel("…")
        self.value.setFont(ui_font(BASE_POINT_SIZE + 9, bold=True))
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1)
        self.setAccessibleName(caption)

    def show_values(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.setAccessibleDescription(f"{value}. {detail}")


class TodayPage(Page):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._reader = LatestOnly(self)
        self.facts: TodayFacts | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(20, 16, 20, 16)
        self.heading = QLabel("")
        self.heading.setFont(ui_font(BASE_POINT_SIZE + 4, bold=True))
        layout.addWidget(self.heading)
        grid = QGridLayout()
        grid.setSpacing(14)
        self.sales = StatCard("sales", _("Sales today"))
        self.items = StatCard("items", _("Items in the shop"))
        self.low = StatCard("low", _("Running low"))
        self.khata = StatCard("khata", _("Khata: customers owe"))
        self.sync = StatCard("sync", _("Waiting to go to marketplaces"))
        self.backup = BackupCard(session)  # this PC's backups and the copy on the second place
        for index, card in enumerate((self.sales, self.items, self.low, self.khata, self.sync, self.backup)):
            grid.addWidget(card, index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)
        layout.addWidget(WeekCard(session))  # sales, margin and stock against last week
        layout.addWidget(GoalCard(session))  # the seller's goals: so far, and by their last day at this pace
        layout.addWidget(ComplianceCard(session))  # GST and export dates due soon
        self.latest = StatCard("latest", _("Latest in the shop"))
        self.latest.value.hide()
        layout.addWidget(self.latest)
        layout.addStretch(1)

    @classmethod
    def title(cls) -> str:
        return _("Today")

    def refresh(self) -> None:
        session, lang = self.session, language()
        self._reader.run(lambda: read_today(session, lang), self.show_facts, self.show_failure)
        self.backup.refresh()

    def on_any_event(self, _event: Event) -> None:
        self.mark_stale()

    def show_failure(self, error: BaseException) -> None:
        """The day could not be read: records beyond the bounds (named), or the shop closing under it."""
        if is_overflow(error):
            error = out_of_bounds_error(self.session.store.path)
        self.heading.setText(str(error) if isinstance(error, AppError) else _("Today's figures could not be read."))
        self.heading.setWordWrap(True)

    def show_facts(self, facts: TodayFacts) -> None:
        self.facts = facts
        zone = shop_zone(self.session.ctx.timezone)
        self.heading.setText(_("Today, {day} {month} {year}").format(
            day=facts.day.day, month=month_abbr(facts.day.month), year=facts.day.year))
        self.sales.show_values(format_inr(facts.sales_paise), ngettext(
            "{count} bill", "{count} bills", facts.sales_count).format(count=format_count(facts.sales_count)))
        self.items.show_values(format_count(facts.item_count), _("being sold"))
        low_value = format_count(facts.low_count)
        low_detail = "\n".join(f"{name}: {state}" for name, state in facts.low_items) or _("Nothing is running low.")
        self.low.show_values(low_value, low_detail)
        debtors = "\n".join(f"{name}: {format_inr(amount)}" for name, amount in facts.debtors)
        self.khata.show_values(format_inr(facts.khata_paise),
                               _("Owes the most:") + "\n" + debtors if debtors else _("Nobody owes anything."))
        sync_detail = _("Changes are sent when the internet is on.")
        if facts.failed_sync:
            sync_detail = ngettext("{count} change could not be sent.", "{count} changes could not be sent.",
                                   facts.failed_sync).format(count=format_count(facts.failed_sync))
        self.sync.show_values(format_count(facts.waiting_sync), sync_detail)
        self.latest.show_values("", "\n".join(
            f"{format_when(at, zone, facts.now)}  ·  {sentence}" for at, sentence in facts.latest))
