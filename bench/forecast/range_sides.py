"""Which side of the p10-p90 range misses, and where, pooled over captured cells (issue 13, twenty-fourth session).

    nice .venv/bin/python bench/forecast/range_sides.py /tmp/ranges [/tmp/more ...] [--cells TEXT]

Reads the captures of ``range_capture.py`` (nothing is rerun). For every weekly, monthly and quarterly cell: coverage
with the shares under p10 and over p90; then, pooled over the cells (each cell weighted by its outcomes), the same
split by the horizon step (first, middle and last third), by the series' length (known periods before the origin),
by how many CV windows the range rests on, by the chosen method, and by how far the outcome's error exceeded the
range's own CV errors at that step (``under-read``: the outcome's |log(actual / forecast)|, or |actual - forecast| over
the scale for a series with zeros, over the mean of the same of its CV windows' errors at the steps the range pools).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
for p in (ROOT, ROOT / "bench" / "forecast"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

from app.ml.forecast import _engine as en  # noqa: E402
from app.ml.forecast import _intervals as iv  # noqa: E402
from app.ml.forecast import _methods as fm  # noqa: E402


def outcomes(c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per outcome (flattened, seen only): under, over, step third, length, windows, method, under-read ratio."""
    fc, lo, hi, act = c["fc"], c["lo"], c["hi"], c["actual"]
    freq = str(c["freq"])
    S, H = act.shape
    errs = c["errs"][:, : iv.range_windows(c["errs"].shape[2], freq)]  # type: ignore[arg-type]
    nz = fm.never_zero(c["Y"])
    values = iv._values(c["mean_z"], errs, nz)
    r = max(1, H // 4)
    cv = np.full((S, H), np.nan)
    with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        for h in range(H):
            a, b = max(0, h - r), min(H, h + r + 1)
            cv[:, h] = np.nanmean(np.abs(values[:, :, a:b].reshape(S, -1)), axis=1)
        scale = c["scale"][:, None]
        out = np.where(nz[:, None], np.abs(np.log(np.maximum(act, 1e-12) / fc)), np.abs(act - fc) / scale)
        ratio = out / cv
    seen = ~np.isnan(act)
    length = np.broadcast_to((~np.isnan(c["Y"])).sum(axis=1)[:, None], (S, H))
    windows = np.broadcast_to((~np.isnan(errs)).any(axis=2).sum(axis=1)[:, None], (S, H))
    step = np.broadcast_to((3 * np.arange(H) // H)[None, :], (S, H))
    method = np.broadcast_to(c["method"][:, None], (S, H))
    return {"under": (act < lo)[seen], "over": (act > hi)[seen], "step": step[seen], "length": length[seen],
            "windows": windows[seen], "method": method[seen], "ratio": ratio[seen], "freq": np.full(seen.sum(), freq)}


def split(pool: dict[str, np.ndarray], key: np.ndarray, label: str) -> list[str]:
    lines = [f"  by {label}: cov / under / over (outcomes)"]
    for v in np.unique(key):
        s = key == v
        u, o = pool["under"][s].mean(), pool["over"][s].mean()
        lines.append(f"    {v}: {1 - u - o:.1%} / {u:.1%} / {o:.1%} ({int(s.sum())})")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--cells", default="")
    args = ap.parse_args()
    pools: dict[str, list[dict[str, np.ndarray]]] = defaultdict(list)
    for folder in args.folders:
        for f in sorted(Path(folder).glob("*.npz")):
            if args.cells not in f.stem:
                continue
            c = dict(np.load(f))
            if str(c["freq"]) == "D":
                continue
            o = outcomes(c)
            u, v = o["under"].mean(), o["over"].mean()
            print(f"{f.stem} ({c['freq']}, {c['actual'].shape[0]} series): {1 - u - v:.1%} under {u:.1%} over {v:.1%}")
            pools[str(c["freq"])].append(o)
            pools["all"].append(o)
    for name, parts in pools.items():
        pool = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
        u, v = pool["under"].mean(), pool["over"].mean()
        n = len(pool["under"])
        print(f"\n{name}: {len(parts)} cells, {n} outcomes: {1 - u - v:.1%} under {u:.1%} over {v:.1%}")
        lines = split(pool, pool["step"], "horizon third")
        lb = np.digitize(pool["length"], [24, 48, 96, 160])
        lines += split(pool, np.array(["<24", "24-47", "48-95", "96-159", "160+"])[lb], "length (periods)")
        lines += split(pool, np.minimum(pool["windows"], 8), "CV windows (8: 8 or more)")
        lines += split(pool, np.array(en.METHODS)[pool["method"].astype(int)], "chosen method")
        rb = np.digitize(np.nan_to_num(pool["ratio"], nan=-1), [0, 1, 1.5, 2, 3])
        lines += split(pool, np.array(["no cv", "<1", "1-1.5", "1.5-2", "2-3", "3+"])[rb], "under-read ratio")
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
