"""How old each customer's unpaid khata is: payments settle the oldest credit first (FIFO), so the debt's
age is the day of the oldest credit not yet paid off. Read-only; the reminders list sorts by it."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from sqlite_utils import Database

from app.domain.records import Customer
from app.store.rows import fetch_all


@dataclass(frozen=True)
class Debt:
    customer: Customer
    owed_paise: int
    since: str  # UTC ISO time of the oldest credit still unpaid


def open_credits(db: Database, customers: list[Customer]) -> dict[int, list[tuple[int, str]]]:
    """For each customer, the credits not yet paid off: (amount left, UTC time of the credit), oldest first.
    Payments settle the oldest credit first; a payment beyond every credit is an advance that the next
    credit uses up first."""
    if not customers:
        return {}
    by_id = {c.id: c for c in customers}
    marks = ",".join("?" * len(by_id))
    queues: dict[int, deque[list]] = {cid: deque() for cid in by_id}
    credit_back: dict[int, int] = dict.fromkeys(by_id, 0)  # paid ahead of any credit (an advance)
    for customer_id, amount, at in db.execute(
            f"SELECT customer_id, amount_paise, at FROM khata_entry WHERE customer_id IN ({marks}) ORDER BY id",
            list(by_id)):
        queue = queues[customer_id]
        if amount > 0:
            use = min(amount, credit_back[customer_id])
            credit_back[customer_id] -= use
            if amount - use:
                queue.append([amount - use, at])
            continue
        left = -amount
        while left and queue:
            take = min(left, queue[0][0])
            queue[0][0] -= take
            left -= take
            if not queue[0][0]:
                queue.popleft()
        credit_back[customer_id] += left
    return {cid: [(amount, at) for amount, at in queue] for cid, queue in queues.items()}


def owing_customers(db: Database) -> list[Customer]:
    return fetch_all(db, Customer, "SELECT * FROM customer WHERE khata_balance_paise > 0")


def debts_by_age(db: Database, *, limit: int = 500) -> list[Debt]:
    """Customers who owe money, the oldest unpaid debt first."""
    owing = owing_customers(db)
    credits = open_credits(db, owing)
    debts = [Debt(customer=c, owed_paise=c.khata_balance_paise, since=credits[c.id][0][1])
             for c in owing if credits.get(c.id)]
    debts.sort(key=lambda d: (d.since, -d.owed_paise))
    return debts[:limit]
