"""From product families to the shop's items: codes, barcodes, MRP, cost, price, stock levels, demand.

Everything here is decided by a seeded generator before the first service call, so the same seed
always gives the same shelf. ``Item`` also carries the simulation's running state for the item
(stock on the shelf, stock on order, the owner's sense of how fast it sells).
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field, replace

from app.domain.codes import complete_ean13
from app.domain.qty import LOOSE_UNITS, MILLI
from app.sim.history.catalog_data import FAMILIES, Family
from app.sim.history.people import SUPPLIERS
from app.sim.lots import Lots

__all__ = ["MARGIN", "BarcodeMaker", "Item", "build_catalog", "pack_labels"]

TIER_LINES = {"A": 10.0, "B": 3.0, "C": 1.0, "D": 0.35, "S": 0.07}  # relative bill lines a day per family
PACK_SHARES = {1: (1.0,), 2: (0.65, 0.35), 3: (0.55, 0.3, 0.15)}
MARGIN = {  # gross margin on the selling price, by category
    "staples": 0.07, "loose": 0.11, "oils": 0.05, "spices": 0.16, "sugar": 0.05, "breakfast": 0.11,
    "snacks": 0.15, "biscuits": 0.12, "confectionery": 0.18, "beverages": 0.16, "dairy": 0.06, "instant": 0.11,
    "sauces": 0.15, "dry_fruits": 0.2, "personal_care": 0.15, "oral_care": 0.13, "hair_care": 0.15,
    "household": 0.12, "home_needs": 0.2, "baby": 0.1, "fresh": 0.22,
}
SKU_PREFIX = {
    "staples": "STA", "loose": "LSE", "oils": "OIL", "spices": "SPC", "sugar": "SUG", "breakfast": "BRK",
    "snacks": "SNK", "biscuits": "BIS", "confectionery": "CNF", "beverages": "BEV", "dairy": "DRY",
    "instant": "INS", "sauces": "SAU", "dry_fruits": "DFR", "personal_care": "PRC", "oral_care": "ORL",
    "hair_care": "HAR", "household": "HSH", "home_needs": "HOM", "baby": "BBY", "fresh": "FRS",
}
DISCOUNTED = ("staples", "oils", "household", "sugar")  # big packs sold under MRP to keep up with DMart
WASTE_TRACKED_DAYS = 14  # perishables whose expiry the owner watches lot by lot

_PACK = re.compile(r"^(?:(?P<n>\d+)x)?(?P<amount>\d+(?:\.\d+)?)(?P<unit>g|kg|ml|l|pcs|pc)$")
_UNIT_EN = {"g": "g", "kg": "kg", "ml": "ml", "l": "l", "pcs": "pcs", "pc": "pc"}
_UNIT_HI = {"g": "ग्राम", "kg": "किलो", "ml": "मि.ली.", "l": "लीटर", "pcs": "पीस", "pc": "पीस"}

# (pack, how many units of the loose good it holds) for packed variants of loose goods
_PACKED_LOOSE = {"kg": (("1kg", 1), ("5kg", 5), ("500g", 0.5)), "pcs": (("6pcs", 6), ("12pcs", 12), ("30pcs", 30)),
                 "dozen": (("6pcs", 0.5), ("12pcs", 1), ("6pcs", 0.5))}
VARIANTS_EN = ("Value Pack", "Family Pack", "Combo", "Festive Pack", "Mini", "Jumbo", "Refill", "Twin Pack",
               "Smart Pack", "Super Saver", "Pouch", "Jar")
VARIANTS_HI = ("वैल्यू पैक", "फैमिली पैक", "कॉम्बो", "फेस्टिव पैक", "मिनी", "जंबो", "रिफिल", "ट्विन पैक",
               "स्मार्ट पैक", "सुपर सेवर", "पाउच", "जार")


def pack_labels(pack: str) -> tuple[str, str]:
    """'4x100g' -> ('4 x 100 g', '4 x 100 ग्राम'); '1pc' -> ('1 pc', '1 पीस')."""
    match = _PACK.match(pack)
    if not match:
        raise ValueError(f"bad pack {pack!r}")
    head = f"{match['n']} x " if match["n"] else ""
    return (f"{head}{match['amount']} {_UNIT_EN[match['unit']]}",
            f"{head}{match['amount']} {_UNIT_HI[match['unit']]}")


@dataclass(slots=True, eq=False)
class Item:
    """One item on the shelf: what the catalog says about it and how the simulation stands with it."""

    index: int
    family: int
    sku: str
    name_en: str
    name_hi: str
    keywords: str
    brand: str
    category: str
    tags: tuple[str, ...]
    unit: str
    pack_size: str
    barcode: str | None
    hsn: str
    own_rate_bp: int | None
    mrp: int | None
    price: int
    cost: int  # the shop's average cost, as the services keep it
    supplier: int  # index into SUPPLIERS
    alt_supplier: int | None
    supplier_cost: int  # what the main distributor charges now
    case: int  # milli-units
    moq: int
    shelf_life: int | None
    lines_per_day: float  # relative demand (bill lines a day at base conditions, before scaling)
    sell: tuple[int, ...]  # quantities a customer takes, milli-units, drawn uniformly
    launch: bool = False
    retire: bool = False
    # --- simulation state ------------------------------------------------------------------------
    units_per_day: float = 0.0  # expected milli-units a day at base conditions
    reorder_point: int = 0
    reorder_qty: int = 0
    max_stock: int = 0
    on_hand: int = 0
    on_order: int = 0
    lots: Lots = field(default_factory=Lots)  # expiry as a day ordinal; kept for waste-tracked items only
    recent: float = 0.0  # the owner's running average of milli-units asked for a day ...
    recent_on: int = 0  # ... as of the end of this day (ordinal); quiet days since then decay it
    asked_today: int = 0
    active: bool = True  # not archived
    listed: bool = False  # created in the shop (launches come later)
    stop_ordering: bool = False

    @property
    def loose(self) -> bool:
        return self.unit in LOOSE_UNITS

    @property
    def tracks_expiry(self) -> bool:
        return self.shelf_life is not None and self.shelf_life <= WASTE_TRACKED_DAYS


class BarcodeMaker:
    """Unique EAN-13s: GS1 India's 890, a five-digit company number per brand, a four-digit item
    number. Loose and unbranded goods get in-store codes (prefix 2, restricted circulation)."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._companies: dict[str, list[int]] = {}  # brand -> [company, next item]
        self._used_companies: set[int] = set()
        self._in_store = 0

    def _new_company(self) -> int:
        while True:
            company = self._rng.randint(10000, 99999)
            if company not in self._used_companies:
                self._used_companies.add(company)
                return company

    def next(self, brand: str) -> str:
        if not brand:
            self._in_store += 1
            return complete_ean13(f"21{self._in_store:010d}")
        slot = self._companies.get(brand)
        if slot is None or slot[1] > 9999:
            slot = self._companies[brand] = [self._new_company(), 1]
        code = complete_ean13(f"890{slot[0]:05d}{slot[1]:04d}")
        slot[1] += 1
        return code


def _round_rupee(paise: float, step: int = 1) -> int:
    """To the nearest ``step`` rupees, in paise, never below one step."""
    return max(step * 100, round(paise / (step * 100)) * step * 100)


def _sell_choices(mrp_rupees: float) -> tuple[int, ...]:
    if mrp_rupees <= 2:
        return (1000, 2000, 2000, 3000, 5000, 10000)
    if mrp_rupees <= 20:
        return (1000,) * 11 + (2000,) * 5 + (3000, 4000, 5000, 10000)
    if mrp_rupees <= 100:
        return (1000,) * 16 + (2000,) * 3 + (3000,)
    return (1000,) * 14 + (2000,)


def _case(item_unit: str, loose: bool, price_rupees: float, shelf_life: int | None) -> int:
    if shelf_life is not None and shelf_life <= WASTE_TRACKED_DAYS:
        return MILLI  # milk, bread and vegetables come by the piece or the kilo, every morning
    if loose:
        if price_rupees <= 60:
            return 25 * MILLI
        if price_rupees <= 160:
            return 10 * MILLI
        return (5 if price_rupees <= 400 else 2) * MILLI
    if price_rupees <= 2:
        return 100 * MILLI
    if price_rupees <= 10:
        return 48 * MILLI
    if price_rupees <= 40:
        return 24 * MILLI
    if price_rupees <= 150:
        return 12 * MILLI
    return 6 * MILLI


def supplier_index(key: str) -> int:
    for i, plan in enumerate(SUPPLIERS):
        if plan.key == key:
            return i
    raise KeyError(key)


def _item_from(family: Family, fam_index: int, pack: tuple[str, int] | None, share: float, rng: random.Random,
               barcodes: BarcodeMaker, sku: str, *, variant: int = 0, price_factor: float = 1.0,
               weight_factor: float = 1.0) -> Item:
    unit = family.unit
    if pack is not None:
        pack_en, pack_hi = pack_labels(pack[0])
        mrp_rupees = pack[1] * price_factor
        mrp = _round_rupee(mrp_rupees * 100) if variant else pack[1] * 100
    else:
        pack_en = pack_hi = ""
        mrp_rupees = family.price * price_factor
        mrp = None
    name_en = f"{family.name_en} {pack_en}".strip()
    name_hi = f"{family.name_hi} {pack_hi}".strip()
    if variant:
        label = variant - 1
        serial = f" {label // len(VARIANTS_EN) + 1}" if label >= len(VARIANTS_EN) else ""
        name_en = f"{name_en} {VARIANTS_EN[label % len(VARIANTS_EN)]}{serial}"
        name_hi = f"{name_hi} {VARIANTS_HI[label % len(VARIANTS_HI)]}{serial}"
    if mrp is not None:
        price = mrp
        if family.category in DISCOUNTED and mrp >= 20_000:
            price = max(100, int(mrp * (1 - rng.uniform(0.02, 0.06))) // 100 * 100)
    else:
        price = _round_rupee(mrp_rupees * 100) if mrp_rupees >= 2 else max(100, round(mrp_rupees * 100))
    margin = MARGIN[family.category] * rng.uniform(0.75, 1.25)
    cost = max(1, round(price * (1 - margin)))
    loose = unit in LOOSE_UNITS
    sup = supplier_index(family.sup)
    alt = None
    if rng.random() < 0.2:
        alt = rng.choice([i for i in range(len(SUPPLIERS)) if i != sup])
    shelf = family.shelf_life
    lines = TIER_LINES[family.tier] * share * math.exp(rng.gauss(0, 0.35)) * weight_factor
    sell = family.sell if family.sell else _sell_choices(mrp_rupees)
    case = _case(unit, loose, mrp_rupees, shelf)
    moq = case * (2 if (case > MILLI and mrp_rupees <= 10 and rng.random() < 0.3) else 1)
    return Item(
        index=0, family=fam_index, sku=sku, name_en=name_en, name_hi=name_hi,
        keywords=family.keywords, brand=family.brand, category=family.category, tags=family.tags, unit=unit,
        pack_size=pack_en or {"kg": "1 kg", "pcs": "1 pc", "dozen": "1 dozen"}[unit],
        barcode=barcodes.next(family.brand if mrp is not None else ""), hsn=family.hsn,
        own_rate_bp=family.own_rate_bp, mrp=mrp, price=price, cost=cost, supplier=sup, alt_supplier=alt,
        supplier_cost=cost, case=case, moq=moq, shelf_life=shelf, lines_per_day=lines, sell=sell,
        launch=family.launch, retire=family.retire)


def build_catalog(seed: int, *, size: int | None = None) -> list[Item]:
    """The items of the demo shop: every pack of every family, then (for a large shop) generated
    variants of them until there are ``size`` items."""
    rng = random.Random(f"tavyonix-demo:{seed}:catalog")
    barcodes = BarcodeMaker(rng)
    counters: dict[str, int] = {}

    def next_sku(category: str) -> str:
        counters[category] = counters.get(category, 0) + 1
        return f"{SKU_PREFIX[category]}-{counters[category]:04d}"

    items: list[Item] = []
    for fam_index, family in enumerate(FAMILIES):
        packs: list[tuple[str, int] | None] = list(family.packs) or [None]
        shares = PACK_SHARES.get(len(packs), tuple(1 / len(packs) for _ in packs))
        for pack, share in zip(packs, shares, strict=True):
            items.append(_item_from(family, fam_index, pack, share, rng, barcodes, next_sku(family.category)))
    base = len(items)
    if size is not None and size > base:
        for n in range(size - base):
            model = items[n % base]
            family = FAMILIES[model.family]
            if family.shelf_life is not None and family.shelf_life <= WASTE_TRACKED_DAYS:
                family = replace(family, shelf_life=90)  # the long-life (UHT, sealed) version
            if family.packs:
                pack = next(p for p in family.packs if pack_labels(p[0])[0] == model.pack_size)
            else:
                # a variant of a loose good is a branded, packed one, with an MRP and the table's GST rate
                pack = _PACKED_LOOSE[family.unit][n // base % 3]
                pack = (pack[0], max(1, round(family.price * pack[1] * 1.15)))
                family = replace(family, unit="pcs", own_rate_bp=None, sell=(),
                                 name_en=family.name_en.replace(" (loose)", ""),
                                 name_hi=re.sub(r" \(खुल[ाी]\)", "", family.name_hi))
            items.append(_item_from(
                family, model.family, pack, 1.0, rng, barcodes, next_sku(family.category), variant=n // base + 1,
                price_factor=rng.uniform(0.7, 1.6), weight_factor=0.25 * math.exp(rng.gauss(0, 0.8)) *
                model.lines_per_day / TIER_LINES[family.tier]))
    for index, item in enumerate(items):
        item.index = index
    return items
