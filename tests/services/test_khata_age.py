"""The age of a khata debt: payments settle the oldest credit first, so the debt is as old as the oldest
credit still unpaid."""

from datetime import timedelta

from app.services import khata
from app.store.khata_age import debts_by_age


def test_payments_settle_the_oldest_credit_first(session, ctx, clock):
    start = clock.now()
    ramesh = khata.create_customer(ctx, name="Ramesh", opening_balance_paise=10_000).id  # day 0
    clock.set(start + timedelta(days=5))
    khata.adjust_khata(ctx, ramesh, 20_000, note="bought on credit")  # day 5
    clock.set(start + timedelta(days=6))
    khata.create_customer(ctx, name="Sita", opening_balance_paise=50_000)  # day 6
    clock.set(start + timedelta(days=9))
    khata.receive_payment(ctx, ramesh, 15_000)  # pays off day 0 and half of day 5
    khata.create_customer(ctx, name="Paid up", opening_balance_paise=0)
    debts = debts_by_age(session.store.db())
    assert [(d.customer.name, d.owed_paise) for d in debts] == [("Ramesh", 15_000), ("Sita", 50_000)]
    assert debts[0].since[:10] == (start + timedelta(days=5)).date().isoformat()

    clock.set(start + timedelta(days=10))
    khata.receive_payment(ctx, ramesh, 20_000, confirmed=True)  # 5,000 more than owed: an advance
    khata.adjust_khata(ctx, ramesh, 8_000, note="credit again")  # eaten by the advance, 3,000 left owing
    debts = debts_by_age(session.store.db())
    assert [(d.customer.name, d.owed_paise) for d in debts] == [("Sita", 50_000), ("Ramesh", 3_000)]
    assert debts[1].since[:10] == (start + timedelta(days=10)).date().isoformat()
