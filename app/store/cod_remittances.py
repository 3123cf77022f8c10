"""Cash-on-delivery remittances from the courier (table ``cod_remittance``), and the delivered COD parcels
they are matched against."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

__all__ = ["CodParcel", "cod_parcels", "insert", "remitted"]


@dataclass(frozen=True)
class CodParcel:
    """A parcel whose cash the courier collected: the shop's own order sent by courier, delivered."""

    order_id: int
    awb: str
    courier: str
    customer: str
    total_paise: int
    paid_paise: int
    delivered_at: str
    remitted_paise: int | None  # None: no remittance yet
    remitted_on: str
    reference: str


def cod_parcels(db: Database) -> list[CodParcel]:
    """Delivered COD parcels (home-delivery orders booked with the courier), newest first."""
    return [CodParcel(*r) for r in db.execute(
        "SELECT s.order_id, s.awb, s.courier, COALESCE(o.customer_name, ''), o.total_paise, o.paid_paise,"
        " s.updated_at, r.amount_paise, COALESCE(r.remitted_on, ''), COALESCE(r.reference, '')"
        " FROM courier_shipment s JOIN orders o ON o.id = s.order_id"
        " LEFT JOIN cod_remittance r ON r.awb = s.awb"
        " WHERE o.channel = 'delivery' AND s.status = 'delivered' ORDER BY s.updated_at DESC, s.order_id DESC")]


def remitted(db: Database, awb: str) -> bool:
    return db.execute("SELECT 1 FROM cod_remittance WHERE awb = ?", (awb,)).fetchone() is not None


def insert(db: Database, *, awb: str, order_id: int | None, amount_paise: int, remitted_on: str, reference: str,
           source: str, payment_id: int | None, at: str) -> None:
    db.execute("INSERT INTO cod_remittance (awb, order_id, amount_paise, remitted_on, reference, source, payment_id,"
               " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
               (awb, order_id, amount_paise, remitted_on, reference, source, payment_id, at))
