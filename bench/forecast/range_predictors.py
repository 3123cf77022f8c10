"""Coverage of captured p10-p90 ranges, by what a forecaster knows in advance (issue 13, twenty-fourth session).

    nice .venv/bin/python bench/forecast/range_predictors.py /tmp/tuning-captures /tmp/seen-captures

Per series of every weekly, monthly and quarterly cell captured by ``range_capture.py`` (a folder whose name holds
"tun" counts as the tuning group, any other as the seen group): coverage / under p10 / over p90 by the CV windows the
range rests on, the latest window's mean absolute error over all windows', the range's width (log p90/p10 at the last
step, or its width over the scale) over the series' mean absolute change over h periods and over one period, over the
CV windows' mean absolute error, and the series' length. A throw-away diagnosis kept for the record.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.ml.forecast import _intervals as iv  # noqa: E402
from app.ml.forecast import _methods as fm  # noqa: E402

FIELDS = ("windows", "latest", "cv", "lag_h", "lag_1", "width", "inside", "under", "over", "n", "length")


def series_rows(c: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per series of one captured cell: what the forecaster knew and how its outcomes fell."""
    act, lo, hi = c["actual"], c["lo"], c["hi"]
    freq = str(c["freq"])
    S, H = act.shape
    errs = c["errs"][:, : iv.range_windows(c["errs"].shape[2], freq)]  # type: ignore[arg-type]
    nz = fm.never_zero(c["Y"])
    v = iv._values(c["mean_z"], errs, nz)
    if v.shape[1]:
        per_window = np.nanmean(np.abs(v), axis=2)
        latest = per_window[:, 0] / np.nanmean(per_window, axis=1)
        cv = np.nanmean(np.abs(v).reshape(S, -1), axis=1)
    else:
        latest = cv = np.full(S, np.nan)
    Y = c["Y"] / c["scale"][:, None]
    y = fm.last_k(Y, 48 + H)
    ly = np.log(np.where(y > 0, y, np.nan))

    def change(lag: int) -> np.ndarray:
        d = np.where(nz[:, None], ly[:, lag:] - ly[:, :-lag], y[:, lag:] - y[:, :-lag])
        return np.nanmean(np.abs(d), axis=1)

    width = np.where(nz[:, None], np.log(np.maximum(hi, 1e-9) / np.maximum(lo, 1e-9)),
                     (hi - lo) / c["scale"][:, None]).mean(axis=1)
    seen = ~np.isnan(act)
    return {"windows": (~np.isnan(v)).any(axis=2).sum(axis=1), "latest": latest, "cv": cv, "lag_h": change(H),
            "lag_1": change(1), "width": width, "inside": ((act >= lo) & (act <= hi) & seen).sum(axis=1),
            "under": ((act < lo) & seen).sum(axis=1), "over": ((act > hi) & seen).sum(axis=1),
            "n": seen.sum(axis=1), "length": (~np.isnan(c["Y"])).sum(axis=1)}


def show(name: str, key: np.ndarray, edges: list[float], r: dict[str, np.ndarray], sel: np.ndarray) -> None:
    b = np.digitize(np.nan_to_num(key, nan=-9), edges)
    out = []
    for i in range(len(edges) + 1):
        m = sel & (b == i)
        n = r["n"][m].sum()
        if n == 0:
            continue
        out.append(f"[{i and edges[i - 1]}..] {r['inside'][m].sum() / n:.0%}/{r['under'][m].sum() / n:.0%}/"
                   f"{r['over'][m].sum() / n:.0%} ({m.sum()})")
    print(f"  {name}: " + "; ".join(out))


def main() -> int:
    parts: dict[str, list[np.ndarray]] = {k: [] for k in (*FIELDS, "group", "freq")}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        for folder in sys.argv[1:]:
            for f in sorted(Path(folder).glob("*.npz")):
                c = dict(np.load(f))
                if str(c["freq"]) == "D":
                    continue
                rows = series_rows(c)
                for k in FIELDS:
                    parts[k].append(rows[k])
                S = len(rows["n"])
                parts["group"].append(np.full(S, "tun" if "tun" in Path(folder).name else "blind"))
                parts["freq"].append(np.full(S, str(c["freq"])))
        r = {k: np.concatenate(v) for k, v in parts.items()}
        for g in np.unique(r["group"]):
            for fr in ("W", "M", "Q"):
                sel = (r["group"] == g) & (r["freq"] == fr)
                if not sel.any():
                    continue
                print(g, fr, f"{r['inside'][sel].sum() / r['n'][sel].sum():.1%}", sel.sum())
                show("windows", r["windows"], [1, 2, 3, 4, 5], r, sel)
                show("latest/all window err", r["latest"], [0.5, 0.8, 1.0, 1.25, 1.6, 2.0], r, sel)
                show("width/lag-H change", r["width"] / r["lag_h"], [0.5, 1, 1.5, 2, 3, 4], r, sel)
                show("width/lag-1 change", r["width"] / r["lag_1"], [0.5, 1, 1.5, 2, 3, 4, 6], r, sel)
                show("width/cv mean abs", r["width"] / r["cv"], [1, 2, 3, 4, 5, 6], r, sel)
                show("length", r["length"], [24, 36, 48, 72, 96, 160], r, sel)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
