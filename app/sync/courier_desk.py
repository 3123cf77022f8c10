"""The courier desk the composition root registers with :mod:`app.services.couriers`: rates, booking and
tracking through the shop's aggregator account (:mod:`app.sync.courier_account`), labels kept in
``<data>/labels/``. Each call signs in afresh (a token lives for the call), so nothing is held open between
the agent's cycles."""

from __future__ import annotations

from pathlib import Path

from app.services import cod_remittances, couriers
from app.services.context import SELLER, Origin, ServiceContext
from app.sync import courier, courier_account, courier_cancel
from app.sync.credentials import Credentials

__all__ = ["AggregatorDesk", "register"]


class AggregatorDesk:
    def __init__(self, credentials: Credentials, labels_dir: Path) -> None:
        self.credentials, self.labels_dir = credentials, labels_dir

    def rates(self, ctx: ServiceContext, order_id: int, *, pin: str = "",
              part_no: int | None = None) -> list[couriers.CarrierRate]:
        client = courier_account.client(ctx, self.credentials)
        try:
            return courier.rates(ctx, order_id, client, pin=pin, part_no=part_no)
        finally:
            client.http.close()

    def book(self, ctx: ServiceContext, order_id: int, *, courier_id: int | None = None,
             pin: str = "") -> couriers.Booked:
        client = courier_account.client(ctx, self.credentials)
        try:
            done = courier.book(ctx, order_id, client, labels_dir=self.labels_dir, pin=pin, courier_id=courier_id)
        finally:
            client.http.close()
        return couriers.Booked(done.order_id, done.shipment_id, done.awb, done.courier, done.label, done.pickup)

    def book_part(self, ctx: ServiceContext, order_id: int, units: dict[str, int], *, courier_id: int | None = None,
                  pin: str = "") -> couriers.Booked:
        client = courier_account.client(ctx, self.credentials)
        try:
            done = courier.book_part(ctx, order_id, units, client, labels_dir=self.labels_dir, pin=pin,
                                     courier_id=courier_id)
        finally:
            client.http.close()
        return couriers.Booked(done.order_id, done.shipment_id, done.awb, done.courier, done.label, done.pickup)

    def track(self, ctx: ServiceContext, order_id: int) -> str:
        client = courier_account.client(ctx, self.credentials)
        try:
            return courier.track(ctx, order_id, client)
        finally:
            client.http.close()

    def cancel(self, ctx: ServiceContext, order_id: int, *, reason: str = "", origin: Origin = SELLER) -> str:
        client = courier_account.client(ctx, self.credentials)
        try:
            return courier_cancel.cancel(ctx, order_id, client, reason=reason, origin=origin).awb
        finally:
            client.http.close()

    def rebook(self, ctx: ServiceContext, order_id: int, *, courier_id: int | None = None, pin: str = "",
               reason: str = "", origin: Origin = SELLER) -> couriers.Booked:
        client = courier_account.client(ctx, self.credentials)
        try:
            done = courier_cancel.rebook(ctx, order_id, client, labels_dir=self.labels_dir, courier_id=courier_id,
                                         pin=pin, reason=reason, origin=origin)
        finally:
            client.http.close()
        return couriers.Booked(done.order_id, done.shipment_id, done.awb, done.courier, done.label, done.pickup)

    def cancel_part(self, ctx: ServiceContext, order_id: int, part_no: int, *, reason: str = "",
                    origin: Origin = SELLER) -> str:
        client = courier_account.client(ctx, self.credentials)
        try:
            return courier_cancel.cancel_part(ctx, order_id, part_no, client, reason=reason, origin=origin).awb
        finally:
            client.http.close()

    def rebook_part(self, ctx: ServiceContext, order_id: int, part_no: int, *, courier_id: int | None = None,
                    pin: str = "", reason: str = "", origin: Origin = SELLER) -> couriers.Booked:
        client = courier_account.client(ctx, self.credentials)
        try:
            done = courier_cancel.rebook_part(ctx, order_id, part_no, client, labels_dir=self.labels_dir,
                                              courier_id=courier_id, pin=pin, reason=reason, origin=origin)
        finally:
            client.http.close()
        return couriers.Booked(done.order_id, done.shipment_id, done.awb, done.courier, done.label, done.pickup)

    def remittances(self, ctx: ServiceContext) -> list[cod_remittances.Remittance]:
        client = courier_account.client(ctx, self.credentials)
        try:
            rows = client.remittances()
        finally:
            client.http.close()
        return [cod_remittances.Remittance(str(r.get("awb") or ""), round(float(r.get("remitted_amount") or 0) * 100),
                                           str(r.get("remitted_on") or ""), str(r.get("utr") or "")) for r in rows]

    def save_account(self, ctx: ServiceContext, *, url: str, email: str, password: str = "") -> None:
        courier_account.save(ctx, self.credentials, url=url, email=email, password=password)

    def test_account(self, ctx: ServiceContext) -> tuple[bool, str]:
        verdict = courier_account.test_call(ctx, self.credentials)
        return verdict.ok, verdict.message


def register(data_root: Path) -> AggregatorDesk:
    """Book through the shop's account in this data folder (credentials and labels under it)."""
    desk = AggregatorDesk(Credentials(data_root / "credentials"), data_root / "labels")
    couriers.set_desk(desk)
    return desk
