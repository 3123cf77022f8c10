"""A shop with customers who bought, some of whom agreed to offers on WhatsApp."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.services import khata, sales
from app.services.sales import PaymentIn, SaleLine


def bill(ctx, customer_id: int | None, sku: str = "SALT1", qty: int = 1, days_ago: int = 0) -> int:
    product_price = 2800
    when = ctx.now() - timedelta(days=days_ago)
    changes = sales.record_sale(ctx, lines=[SaleLine(sku=sku, qty_milli=qty * 1000)],
                                payments=[PaymentIn(method="cash", amount_paise=product_price * qty)],
                                customer_id=customer_id, at=when)
    return changes.id


@pytest.fixture
def shop(ctx, make_product):
    """SALT1 (₹28, MRP ₹30, cost ₹24); customers: Asha (regular, consents), Ravi (lapsed, consents, Hindi),
    Meena (regular, no consent)."""
    make_product("SALT1", name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो")
    people = {}
    for name, name_hi, phone in (("Asha", "", "9876543210"), ("Ravi", "रवि", "9876543211"),
                                 ("Meena", "", "9876543212")):
        people[name] = khata.create_customer(ctx, name=name, name_hi=name_hi, phone=phone).id
    for d in (1, 8, 15, 22):
        bill(ctx, people["Asha"], days_ago=d)
        bill(ctx, people["Meena"], days_ago=d)
    for d in (60, 70, 80):
        bill(ctx, people["Ravi"], days_ago=d)
    return people
