"""Would a stricter "lapsed" rule pay? A quick check on households drawn as the market simulator draws them
(``app/sim/customers.py``: visit rates, churn), no shop run needed (docs/marketing.md, "Fifth session").

    python3 bench/marketing/lapsed_rule.py [--seeds 7 8 9] [--households 3000]

Counts the households each rule first calls lapsed (weekly, from their own visits only, as the shop sees them)
and whether they had really stopped coming then. ``rhythm`` is the agent's rule (away 4 weeks and 3 times the
customer's mean gap); ``uncertain`` also allows for a rate measured from few visits: lapsed when a customer who
still comes, their rate drawn from Gamma(gaps, span), would be away this long under e^-3 of the time
(``gaps * ln((span + away) / span) >= 3``). Prints the break-even value of a household won back: the stricter
rule pays only if a win-back is worth less than that (it saves messages to customers who still come, and loses
the win-backs of the stopped customers it no longer reaches).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.sim.customers import (
    ANNUAL_CHURN,
    DELIVERED,
    MESSAGE_COST_PAISE,
    READ,
    REDEEM_LAPSED,
    STYLE_LIFT,
    VISIT_EVERY_DAYS,
)

DAYS = 240  # 60 days of history, then 180 of weekly runs


def first_flags(rng: np.random.Generator, households: int) -> dict[str, list[int]]:
    out = {"rhythm": [0, 0], "uncertain": [0, 0]}  # [stopped, still coming] when first called lapsed
    for _h in range(households):
        rate = min(1 / VISIT_EVERY_DAYS * rng.gamma(2.0, 0.5), 0.9)
        start, stop, visits = int(rng.integers(0, 120)), DAYS, []
        for day in range(start, DAYS):
            if rng.random() < ANNUAL_CHURN / 365:
                stop = day
                break
            if rng.random() < rate:
                visits.append(day)
        flagged: dict[str, bool] = {}
        for today in range(60, DAYS, 7):
            seen = [v for v in visits if v < today]
            if len(seen) < 2:
                continue
            away, span, gaps = today - seen[-1], seen[-1] - seen[0], len(seen) - 1
            rules = {"rhythm": away >= 28 and away >= 3 * span / gaps,
                     "uncertain": away >= 28 and gaps * math.log((span + away) / max(span, 1)) >= 3}
            for name, hit in rules.items():
                if hit and name not in flagged:
                    flagged[name] = True
                    out[name][0 if stop <= today else 1] += 1
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[7, 8, 9])
    parser.add_argument("--households", type=int, default=3000)
    args = parser.parse_args()
    win = REDEEM_LAPSED * READ * DELIVERED * STYLE_LIFT["missed_you"]  # a message brings a stopped household back
    print(f"chance a 'we missed you' brings a stopped household back: {win:.4f}; a message costs "
          f"Rs {MESSAGE_COST_PAISE / 100:.2f}")
    for seed in args.seeds:
        got = first_flags(np.random.default_rng(seed), args.households)
        (s_old, a_old), (s_new, a_new) = got["rhythm"], got["uncertain"]
        saved = (a_old - a_new) * MESSAGE_COST_PAISE / 100
        lost = (s_old - s_new) * win
        print(f"seed {seed}: rhythm {s_old} stopped + {a_old} still coming (precision {s_old / (s_old + a_old):.2f});"
              f" uncertain {s_new} + {a_new} ({s_new / (s_new + a_new):.2f}); saves Rs {saved:.0f} of messages,"
              f" loses {lost:.1f} win-backs: pays only if a win-back is worth under Rs {saved / max(lost, 1e-9):.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
