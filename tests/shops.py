"""Building test shops, shared by every folder of tests: each builder makes a real SQLite shop through the
services once, and tests get plain file copies of it (milliseconds each, so every test or Hypothesis
example starts from the same books).

- :func:`at`: a time of day in IST on a given day, as the UTC datetime the services take.
- :func:`open_shop_file`: open (or create) a shop file for a builder or a test, on a clock the test sets.
- :func:`copy_shop` and :class:`Copies`: a fresh copy of a built template, for one test or per example.

Builders of particular shops: ``tests/agents/conftest.py`` (four weeks of sales for the agents),
``tests/assistant/shop.py`` (the assistant's evaluation shop, also used by bench/ and tools/),
:func:`build_sample_shop` below (the UI's sample shop, also used for the screenshots in docs/screenshots)
and ``tests/demo/conftest.py`` (one short demo history); ``tests/conftest.py`` has the empty ``session``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Generic, TypeVar

from app.domain.clock import IST, ManualClock
from app.domain.codes import complete_ean13
from app.events import EventBus
from app.paths import DataDir
from app.services import catalog, khata, sales
from app.services import shop as shop_service
from app.services.context import Origin, ServiceContext
from app.session import Session, open_session
from app.store import Store, open_store

SELLER = Origin(actor="seller")
T = TypeVar("T")


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """``hour:minute`` in India on ``day``, as a UTC datetime."""
    return datetime.combine(day, time(hour, minute), tzinfo=IST).astimezone(UTC)


def open_shop_file(path: Path, when: datetime, *, create: bool = False) -> tuple[Store, ServiceContext, ManualClock]:
    """The shop file at ``path`` with its services on a clock at ``when``; not locked, and without fsync
    (a test's file does not need to survive a power cut; building templates is ten times faster)."""
    store = open_store(path, create=create, exclusive=False)
    store.db().conn.execute("PRAGMA synchronous=OFF")
    clock = ManualClock(when)
    return store, ServiceContext(store, EventBus(), clock), clock


def copy_shop(template: Path, directory: Path) -> Path:
    """A copy of the closed shop file ``template`` as ``directory/shop.db``."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "shop.db"
    shutil.copyfile(template, path)
    return path


class Copies(Generic[T]):
    """For Hypothesis: call it for a new copy per example, each in its own folder (the caller closes it)."""

    def __init__(self, open_copy: Callable[[Path], T], new_folder: Callable[[str], Path]) -> None:
        self.open_copy, self.new_folder, self.count = open_copy, new_folder, 0

    def __call__(self) -> T:
        self.count += 1
        return self.open_copy(self.new_folder(f"example{self.count}"))


# The UI's sample shop, made through the services: five items (Hindi names, loose sugar, two running
# low), a customer on khata, one cash sale and one price change.

SHOP_NAME = "Sharma Kirana Store"
PARLE_BARCODE = complete_ean13("890171910103")

PRODUCTS = [
    dict(sku="TATA-SALT-1KG", hsn_code="25010010",
         name_en="Tata Salt 1 kg", name_hi="टाटा नमक 1 किलो", keywords="namak", brand="Tata",
         price_paise=2800, mrp_paise=2800, cost_paise=2400, opening_stock_milli=20_000, reorder_point_milli=5_000),
    dict(sku="SUGAR-LOOSE", hsn_code="17019990",
         name_en="Sugar (loose)", name_hi="चीनी (खुली)", keywords="chini shakkar", unit="kg",
         price_paise=4400, cost_paise=4000, opening_stock_milli=25_000, reorder_point_milli=10_000),
    dict(sku="AASH-ATTA-5KG", hsn_code="11010000",
         name_en="Aashirvaad Atta 5 kg", name_hi="आशीर्वाद आटा 5 किलो", keywords="atta gehun",
         brand="Aashirvaad", price_paise=24_500, mrp_paise=26_000, cost_paise=22_800, opening_stock_milli=3_000,
         reorder_point_milli=4_000),
    dict(sku="PARLE-G-80", hsn_code="19053100",
         name_en="Parle-G Biscuit 80 g", name_hi="पारले-जी बिस्कुट 80 ग्राम", keywords="biskut",
         brand="Parle", barcode=PARLE_BARCODE, price_paise=1000, mrp_paise=1000, cost_paise=850,
         opening_stock_milli=48_000, reorder_point_milli=12_000),
    dict(sku="AMUL-BUTTER-100", hsn_code="04051000",
         name_en="Amul Butter 100 g", name_hi="अमूल मक्खन 100 ग्राम", keywords="makhan",
         brand="Amul", price_paise=5600, mrp_paise=5800, cost_paise=5100, opening_stock_milli=2_000,
         reorder_point_milli=3_000),
]
SALE_TOTAL_PAISE = 2 * 2800 + 1000  # two Tata Salt and one Parle-G, at the prices before the change
KHATA_PAISE = 45_000


def fill_shop(session: Session) -> None:
    ctx = session.ctx
    shop_service.create_shop(ctx, name=SHOP_NAME, state_code="27", gstin="27AAPFU0939F1ZV", city="Pune")
    for product in PRODUCTS:
        catalog.create_product(ctx, **product)
    khata.create_customer(ctx, name="Ramesh Kumar", name_hi="रमेश कुमार", phone="9876543210",
                          opening_balance_paise=KHATA_PAISE)
    sales.record_sale(ctx, lines=[sales.SaleLine(sku="TATA-SALT-1KG", qty_milli=2000),
                                  sales.SaleLine(sku="PARLE-G-80", qty_milli=1000)],
                      payments=[sales.PaymentIn(method="cash", amount_paise=SALE_TOTAL_PAISE)])
    catalog.change_price(ctx, "TATA-SALT-1KG", price_paise=2700)


def build_sample_shop(data: DataDir, shop: str) -> None:
    """Create ``shop`` in ``data`` and fill it; the shop is closed again afterwards."""
    session = open_session(data, shop, create=True)
    try:
        fill_shop(session)
    finally:
        session.close()
