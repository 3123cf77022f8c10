"""How big a demo shop to build (``Scale``: the small kirana or the 100,000-item supermarket) and what the
build did (``Report``)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["SCALES", "Report", "Scale"]


@dataclass(frozen=True, slots=True)
class Scale:
    name: str
    items: int | None  # None: the catalog as written
    base_bills: float  # customers on an ordinary day at the start
    line_weights: tuple[int, ...]  # how many bills have 1, 2, 3 ... lines
    customer_share: float  # share of bills from the fifty regulars
    order_days: int  # how many days of sales a restock brings (a supermarket orders in bigger lots)

    @property
    def mean_lines(self) -> float:
        return sum((n + 1) * w for n, w in enumerate(self.line_weights)) / sum(self.line_weights)


SCALES = {
    "small": Scale("small", None, 80.0, (30, 25, 18, 12, 9, 6), 0.28, 10),
    # a supermarket-sized catalog: bigger baskets, about two million bill lines in two years
    "large": Scale("large", 100_000, 540.0, (12, 14, 14, 12, 11, 9, 8, 6, 5, 4, 3, 2), 0.05, 40),
}


@dataclass
class Report:
    """What the build did, for the log and the benchmark."""

    items: int = 0
    bills: int = 0
    lines: int = 0
    lost_lines: int = 0
    revenue_paise: int = 0
    purchase_orders: int = 0
    price_changes: int = 0
    wasted_moves: int = 0
    khata_payments: int = 0
    closed_days: int = 0
    setup_s: float = 0.0
    days_s: float = 0.0
    notes: list[str] = field(default_factory=list)
