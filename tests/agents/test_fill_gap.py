"""bench/agents/by_item.py --fill-gap: the fill gap between two runs, split item by item (docs/agents.md, issue 14,
ninth session)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _by_item():
    spec = importlib.util.spec_from_file_location("by_item", ROOT / "bench" / "agents" / "by_item.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(path: Path, items: list[dict], *, trimmed: float = 0.0) -> Path:
    requested = sum(i["sold"] + i["unserved"] for i in items)
    away = sum(i["priced_away"] for i in items)
    served = sum(i["sold"] for i in items)
    path.write_text(json.dumps({"metrics": {"units_requested": requested, "units_priced_away": away,
                                            "fill_rate_priced": served / (requested + away)},
                                "items": items, "trimmed_units": trimmed}), encoding="utf-8")
    return path


def _item(life: int, sold: float, unserved: float, away: float, *, waste: float = 0.0, margin: float = 0.0,
          empty: int = 0) -> dict:
    return {"sku": "X", "cat": "c", "life": life, "sold": sold, "unserved": unserved, "priced_away": away,
            "waste": waste, "margin": margin, "stock": 0.0, "lost": 0.0, "empty_days": empty}


def test_the_fill_gap_is_split_into_parts_that_add_up_to_it(tmp_path):
    """Milk (2 days' life, fast) sold out more under the first policy, where the second loses money on it; a soap
    (keeps) priced away more; a curd left unstocked all year. Each reading (life, pace, cause, who earns) sums to the
    gap in points; the limit's cut units are reported."""
    by_item = _by_item()
    mine = _run(tmp_path / "a.json", [_item(2, 700, 300, 0, margin=500), _item(0, 180, 0, 20, margin=900),
                                      _item(3, 0, 100, 0, empty=365)], trimmed=42)
    theirs = _run(tmp_path / "b.json", [_item(2, 950, 50, 0, waste=2000, margin=600),
                                        _item(0, 200, 0, 0, margin=1000), _item(3, 90, 10, 0, margin=50)])
    cells = [c.strip() for c in by_item.fill_gap(mine, theirs).strip("|").split("|")]
    gap, short, long_, keep, fast, mid, slow, sold_out, away, they_lose, they_more, i_more, unstocked, cut = cells
    # 1,300 asked at the reference price (units asked for plus priced away) by both; 880 served against 1,240
    assert float(gap) == round((1240 - 880) / 1300 * 100, 1)
    assert float(short) == round((250 + 90) / 1300 * 100, 1)  # milk and curd
    assert float(keep) == round(20 / 1300 * 100, 1) and float(long_) == 0
    assert float(sold_out) == round((250 + 90) / 1300 * 100, 1) and float(away) == round(20 / 1300 * 100, 1)
    assert float(they_lose) == round(250 / 1300 * 100, 1)  # milk: 600 margin less 2,000 waste
    assert float(they_more) == round((20 + 90) / 1300 * 100, 1)
    assert float(i_more) == 0
    assert float(unstocked) == round(90 / 1300 * 100, 1)
    assert (float(fast), float(mid), float(slow)) == (round(250 / 13, 1), round(20 / 13, 1), round(90 / 13, 1))
    assert cut == "42"
