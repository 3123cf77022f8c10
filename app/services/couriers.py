"""The courier aggregator as the pages, the commands, the chat and the operations agent see it.

Booking talks to the aggregator over the network, which only the sync room may do; the composition root
registers the sync room's desk here when a session opens (as it registers the operations agent's planner
with :mod:`app.services.fulfilment_plans`), so the rooms above ask for rates, book and track through
these functions without importing it. Every call may take seconds: call it off the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.errors import InvalidState
from app.i18n import _
from app.services.cod_remittances import Remittance
from app.services.context import SELLER, Origin, ServiceContext

__all__ = ["Booked", "CarrierRate", "CourierDesk", "account", "book", "book_part", "cancel", "cancel_part", "desk",
           "fetch_remittances", "rates", "rebook", "rebook_part", "save_account", "set_desk", "test_account", "track"]


@dataclass(frozen=True)
class CarrierRate:
    """One carrier the aggregator offers for a parcel: its id (to book it), name, price with GST, days."""

    courier_id: int
    name: str
    cost_paise: int
    days: int


@dataclass(frozen=True)
class Booked:
    """A parcel booked: the aggregator's shipment, the AWB (tracking number), carrier, label PDF, pickup."""

    order_id: int
    shipment_id: str
    awb: str
    courier: str
    label: Path
    pickup: str


class CourierDesk(Protocol):
    def rates(self, ctx: ServiceContext, order_id: int, *, pin: str = "",
              part_no: int | None = None) -> list[CarrierRate]: ...

    def book(self, ctx: ServiceContext, order_id: int, *, courier_id: int | None = None,
             pin: str = "") -> Booked: ...

    def book_part(self, ctx: ServiceContext, order_id: int, units: dict[str, int], *, courier_id: int | None = None,
                  pin: str = "") -> Booked: ...

    def track(self, ctx: ServiceContext, order_id: int) -> str: ...

    def cancel(self, ctx: ServiceContext, order_id: int, *, reason: str = "", origin: Origin = SELLER) -> str: ...

    def rebook(self, ctx: ServiceContext, order_id: int, *, courier_id: int | None = None, pin: str = "",
               reason: str = "", origin: Origin = SELLER) -> Booked: ...

    def cancel_part(self, ctx: ServiceContext, order_id: int, part_no: int, *, reason: str = "",
                    origin: Origin = SELLER) -> str: ...

    def rebook_part(self, ctx: ServiceContext, order_id: int, part_no: int, *, courier_id: int | None = None,
                    pin: str = "", reason: str = "", origin: Origin = SELLER) -> Booked: ...

    def remittances(self, ctx: ServiceContext) -> list[Remittance]: ...

    def save_account(self, ctx: ServiceContext, *, url: str, email: str, password: str = "") -> None: ...

    def test_account(self, ctx: ServiceContext) -> tuple[bool, str]: ...


_desk: CourierDesk | None = None


def set_desk(found: CourierDesk | None) -> None:
    """Registered by the composition root when a session opens (None: no courier in this process)."""
    global _desk
    _desk = found


def desk() -> CourierDesk:
    if _desk is None:
        raise InvalidState(_("No courier aggregator is available in this session."))
    return _desk


def rates(ctx: ServiceContext, order_id: int, *, pin: str = "", part_no: int | None = None) -> list[CarrierRate]:
    """What each carrier asks for the order's parcel as the operations agent packed it, cheapest first
    (``part_no``: the parcel of that part shipped on its own)."""
    return desk().rates(ctx, order_id, pin=pin, part_no=part_no)


def book(ctx: ServiceContext, order_id: int, *, courier_id: int | None = None, pin: str = "") -> Booked:
    """Book the parcel (the carrier chosen, else the aggregator's); the order ships and the marketplace hears
    the AWB once. Booking an order already booked answers from the books."""
    return desk().book(ctx, order_id, courier_id=courier_id, pin=pin)


def book_part(ctx: ServiceContext, order_id: int, units: dict[str, int], *, courier_id: int | None = None,
              pin: str = "") -> Booked:
    """Book a part of a marketplace order (item code -> qty_milli, whole units) as its own parcel; the part ships
    with that carrier and AWB and the marketplace hears it once. The rest keeps waiting."""
    return desk().book_part(ctx, order_id, units, courier_id=courier_id, pin=pin)


def track(ctx: ServiceContext, order_id: int) -> str:
    """Ask the courier where the parcel is; saves it and returns our shipment status."""
    return desk().track(ctx, order_id)


def cancel(ctx: ServiceContext, order_id: int, *, reason: str = "", origin: Origin = SELLER) -> str:
    """Cancel the order's booking at the courier before pickup (then in the books); returns the AWB cancelled.
    The order stays as it is (a shipped marketplace order still has to go: book another with :func:`rebook`)."""
    return desk().cancel(ctx, order_id, reason=reason, origin=origin)


def rebook(ctx: ServiceContext, order_id: int, *, courier_id: int | None = None, pin: str = "", reason: str = "",
           origin: Origin = SELLER) -> Booked:
    """Cancel the live booking (confirmed by the courier first) and book the carrier chosen in its place; the
    channel hears the new AWB once (or the seller is asked to change it where the channel takes no change)."""
    return desk().rebook(ctx, order_id, courier_id=courier_id, pin=pin, reason=reason, origin=origin)


def cancel_part(ctx: ServiceContext, order_id: int, part_no: int, *, reason: str = "",
                origin: Origin = SELLER) -> str:
    """Cancel the booking of a part booked on its own, at the courier before pickup (then in the books); returns
    the AWB cancelled. The part still has to go: book it again with :func:`rebook_part`."""
    return desk().cancel_part(ctx, order_id, part_no, reason=reason, origin=origin)


def rebook_part(ctx: ServiceContext, order_id: int, part_no: int, *, courier_id: int | None = None, pin: str = "",
                reason: str = "", origin: Origin = SELLER) -> Booked:
    """Cancel the part's live booking (confirmed by the courier first) and book the carrier chosen in its place;
    the channel hears the part's new AWB once (or the seller is asked to change it in the portal)."""
    return desk().rebook_part(ctx, order_id, part_no, courier_id=courier_id, pin=pin, reason=reason, origin=origin)


def fetch_remittances(ctx: ServiceContext) -> list[Remittance]:
    """The courier's COD remittance report, from its API (network: off the GUI thread)."""
    return desk().remittances(ctx)


def account(ctx: ServiceContext) -> tuple[str, str]:
    """(address, e-mail) of the shop's courier account, '' where not set (the password is never read back)."""
    from app import config
    from app.services import settings as settings_service

    return (settings_service.get(ctx.store, config.COURIER_URL), settings_service.get(ctx.store, config.COURIER_EMAIL))


def save_account(ctx: ServiceContext, *, url: str, email: str, password: str = "") -> None:
    """Keep the courier account: the password only in the system keyring (empty: keep the one there)."""
    desk().save_account(ctx, url=url, email=email, password=password)


def test_account(ctx: ServiceContext) -> tuple[bool, str]:
    """Sign in and ask one harmless question: (works, what to tell the seller in plain words)."""
    return desk().test_account(ctx)
