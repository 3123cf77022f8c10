"""The built-in demo shop: what TAVYONIX opens on first run, and ``python -m app demo``.

A believable kirana (Sharma General Store, Kothrud, Pune), deterministic from a seed: 370-odd items
across staples, snacks, drinks, dairy, personal care, household and more, with English and Hindi
names, EAN-13 barcodes, HSN codes under the dated GST table, MRP, cost and price; ten distributors
with lead times, minimum orders and visit days; fifty khata customers; and two years of daily
trading written through the real services on a simulated clock: weekday, salary-cycle, seasonal and
festival demand, slow movers, stock-outs, restocking by purchase order, price and GST changes.
"""

from __future__ import annotations

import datetime
import pathlib
from collections.abc import Callable

from app.paths import DataDir

__all__ = ["build_demo_shop"]


def build_demo_shop(data: DataDir, shop: str = "demo", *, seed: int = 7, days: int = 730,
                    end: datetime.date | None = None, scale: str = "small",
                    progress: Callable[[float, str], None] | None = None,
                    force: bool = False) -> pathlib.Path:
    """Build the demo shop ``shop`` in ``data`` and return the path of its database.

    The history covers the ``days`` days before ``end`` (default: today in IST), the day the shop is
    opened on; the result is the same for the same ``(seed, days, end, scale)``. ``scale`` is
    "small" (the kirana) or "large" (100,000 items, about two million bill lines, for benchmarks).
    ``progress(fraction, message)`` is called now and then with a fraction from 0 to 1; an exception
    raised by it stops the build. The shop is built in a folder of its own inside ``data.root`` and
    moved into place only when finished. An existing shop is refused (``Duplicate``) unless
    ``force``, and then moved aside, never deleted; a shop open in another window raises ``ShopInUse``.
    """
    from app.sim.history.build import build

    path, _report = build(data, shop, seed=seed, days=days, end=end, scale=scale, progress=progress, force=force)
    return path
