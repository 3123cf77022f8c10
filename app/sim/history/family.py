"""One product family of the demo shop's catalogue (one product in one or more pack sizes), and ``f``,
the short way the catalogue tables write one."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KG_DAL", "KG_SMALL", "KG_STAPLE", "KG_VEG", "Family", "f"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    name_en: str
    name_hi: str
    brand: str
    keywords: str
    category: str
    hsn: str
    tier: str
    sup: str
    packs: tuple[tuple[str, int], ...] = ()  # (pack, MRP in rupees); empty for goods without MRP
    unit: str = "pcs"
    price: float = 0.0  # rupees per unit for loose goods and goods without MRP
    sell: tuple[int, ...] = ()  # usual quantities (milli-units) for loose goods
    tags: tuple[str, ...] = ()
    shelf_life: int | None = None
    own_rate_bp: int | None = None
    launch: bool = False  # comes to the shop part-way through the history
    retire: bool = False  # the company stops making it part-way through


def f(name_en: str, name_hi: str, brand: str, keywords: str, category: str, hsn: str, tier: str, sup: str,
      packs: list[tuple[str, int]] | None = None, **kw: object) -> Family:
    return Family(name_en=name_en, name_hi=name_hi, brand=brand, keywords=keywords, category=category, hsn=hsn,
                  tier=tier, sup=sup, packs=tuple(packs or ()), **kw)  # type: ignore[arg-type]


# usual quantities (milli-units) a customer asks for of loose goods
KG_STAPLE = (500, 1000, 1000, 2000, 5000)
KG_DAL = (250, 500, 500, 1000, 2000)
KG_SMALL = (50, 100, 100, 250, 500)
KG_VEG = (250, 500, 1000, 1000, 2000)
