"""What every marketplace adapter offers the worker, and the small records they exchange.

An adapter turns outbox rows into that marketplace's requests and its answers into an
:class:`Outcome` per row; it also reads remote state back (for rows whose fate is unknown), checks
asynchronous submissions, and pages through orders. It never touches the database: the worker does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

import httpx

from app.store.outbox import OutboxRow
from app.sync import transport
from app.sync.errors import Rejected
from app.sync.transport import Reply

OutcomeStatus = Literal["applied", "acked", "failed", "retry", "stale", "not_applied", "unknown"]


@dataclass(frozen=True)
class Outcome:
    """What happened to one row: ``applied`` (done), ``acked`` (accepted, applied later: poll),
    ``failed`` (refused; the seller must look), ``retry`` (not applied; try later), ``stale`` (CAS lost:
    pull, recompute, retry), ``not_applied`` (read back: the marketplace does not have it), ``unknown``."""

    status: OutcomeStatus
    remote_ref: str | None = None
    message: str | None = None
    retry_after: float | None = None
    remote_value: Any = None


@dataclass(frozen=True)
class Change:
    """A row ready to send: its payload as it will go (a quantity is recomputed from the ledger)."""

    row: OutboxRow
    payload: dict[str, Any]

    @property
    def op(self) -> str:
        return self.row.op


@dataclass(frozen=True)
class RemoteLine:
    remote_line_id: str
    remote_sku: str
    qty: int  # whole units
    unit_price_paise: int


@dataclass(frozen=True)
class RemoteOrder:
    remote_id: str
    updated_at: str  # UTC ISO-8601 with 'Z', as the marketplace stamped it
    status: str  # pending | accepted | packed | shipped | delivered | cancelled
    lines: tuple[RemoteLine, ...]
    customer_name: str = ""
    place_of_supply: str | None = None
    raw: Any = None


@dataclass(frozen=True)
class OrdersPage:
    orders: tuple[RemoteOrder, ...]
    next_token: str | None
    token_expired: bool = False


@dataclass(frozen=True)
class Limit:
    rate: float
    burst: float


def iso_z(text: str) -> str:
    """Any ISO-8601 timestamp -> UTC '...Z' text with milliseconds (sorts as text)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


class Adapter:
    """Base class. Subclasses set ``name``, ``covers`` (op -> the marketplace call), ``limits``."""

    name: ClassVar[str] = ""
    covers: ClassVar[dict[str, str]] = {}
    limits: ClassVar[dict[str, Limit]] = {}
    dedupes_commands: ClassVar[bool] = False  # the marketplace honours our idempotency key on commands
    batch_size: ClassVar[int] = 1
    idem_key_ttl_s: ClassVar[float] = 23 * 3600.0  # resend with the same key only while the server keeps it
    # False where a sent command can never be read back (WhatsApp): the worker then never resends one whose
    # fate is unknown; ``read_back`` is asked only about ``unknown`` rows and says what the seller must check
    reads_back: ClassVar[bool] = True
    pulls_orders: ClassVar[bool] = True  # False for a messaging channel: no orders to bring in

    def __init__(self, *, channel: str, base_url: str, account: dict[str, Any], client: httpx.Client,
                 secret: Callable[[str], str], pace: Callable[[str, Limit, float], bool] | None = None) -> None:
        self.channel, self.base_url, self.account = channel, base_url.rstrip("/"), account
        self.client, self.secret = client, secret
        self._pace = pace

    # --- plumbing ---------------------------------------------------------------------------------
    def pace(self, bucket: str, cost: float = 1.0) -> bool:
        """Wait for the bucket's tokens; False if it would take too long (the row is retried later)."""
        if self._pace is None:
            return True
        return self._pace(bucket, self.limits[bucket], cost)

    def call(self, method: str, path: str, *, bucket: str, json_body: Any = None, params: Any = None,
             headers: dict[str, str] | None = None, cost: float = 1.0) -> Reply:
        if not self.pace(bucket, cost):
            from app.sync.errors import Throttled

            raise Throttled(None, detail="local bucket empty")
        return transport.exchange(self.client, method, self.base_url + path, channel=self.channel,
                                  json_body=json_body, params=params, headers={**self.auth_headers(),
                                                                               **(headers or {})})

    def auth_headers(self) -> dict[str, str]:
        return {}

    def supports(self, op: str) -> bool:
        return op in self.covers

    # --- what subclasses implement ------------------------------------------------------------------
    def validate(self, op: str, payload: dict[str, Any]) -> str | None:
        """A problem with this payload that the marketplace would refuse (checked before enqueue)."""
        return None

    def send(self, changes: Sequence[Change]) -> list[Outcome]:
        """Send rows (up to ``batch_size``, same op); one Outcome per row, in order."""
        return [self.send_one(change) for change in changes]

    def send_one(self, change: Change) -> Outcome:
        raise NotImplementedError

    def read_back(self, change: Change) -> Outcome:
        """For a command whose fate is unknown: ``applied`` if the marketplace shows it done,
        ``not_applied`` if it certainly is not, ``unknown`` otherwise."""
        return Outcome("unknown")

    def check_acked(self, change: Change) -> Outcome:
        """For an ``acked`` (asynchronous) submission: ``applied``, ``failed`` or still ``acked``."""
        return Outcome("applied")

    def pull_orders(self, since: str, page_token: str | None) -> OrdersPage:
        return OrdersPage((), None)


def rejected_outcome(exc: Rejected) -> Outcome:
    return Outcome("failed", message=exc.message)
