"""Weekly seasons drift against the calendar (issue 13, thirteenth session): 52 weeks are 364 days, so a holiday
fixed to a date moves one week later in the 52-week cycle every five or six years (and a leap year moves it two
days at once). Theta's seasonal indices on weekly data come from the latest season(s) only, so a holiday week is
forecast where it fell lately, not smeared over every week it has fallen in."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from app.ml.forecast import RegularDates, SeriesHistory, _api, _engine
from app.ml.forecast import _seasonal as ss

END = date(2025, 12, 28)
THETA = _engine.METHODS.index("theta")


def drifting_holiday(n: int, moved: int, pos: int, seed: int = 0, every: int = 52) -> np.ndarray:
    """``n`` weeks at about 100 with a yearly swing and holiday weeks at half the level, at cycle positions ``pos``,
    ``pos + every``, ... up to the last ``moved`` weeks and one week later in them (the calendar's drift)."""
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    y = 100 * (1 + 0.1 * np.sin(2 * np.pi * t / 52)) * rng.lognormal(0, 0.03, n)
    at = (pos + every * np.arange(52 // every)) % 52  # the holidays' places in the cycle
    place = (t % 52 - np.where(t < n - moved, 0, 1)) % 52  # a week's place, one later in the last ``moved``
    return np.where(np.isin(place, at), 0.5 * y, y)


def test_weekly_theta_puts_a_drifted_holiday_where_it_fell_last() -> None:
    n, pos, h = 300, 44, 12
    # holidays every 9 weeks (so most CV windows hold one); in the last two years each one week later
    y = drifting_holiday(n, 104, pos, every=9)
    series = SeriesHistory("station", RegularDates(END - timedelta(weeks=n - 1), n, "W"), y)
    _members, block = next(_api._blocks([series], None, h, "W", END))
    assert block.Y.shape[1] == n  # the block's columns are the series' weeks, so ``t % 52`` is the block's position
    res = _engine.run_block(block, h, None, keep_candidates=True)
    assert res.candidates is not None
    theta = res.candidates[THETA, 0]
    steps = n + np.arange(h)
    new, old = int(np.nonzero(steps % 52 == pos + 1)[0][0]), int(np.nonzero(steps % 52 == pos)[0][0])
    level = np.median(theta)
    # where the holidays fell in the last two years: about half the level (the old code, the whole history's average
    # alone, put it at 0.79 of the level: four years without a holiday there, two with one)
    assert theta[new] < 0.7 * level
    # where they fell four or more years ago: a normal week
    assert theta[old] > 0.9 * level


def test_theta_season_years_none_is_the_whole_history() -> None:
    y = drifting_holiday(300, 104, 20)[None, :]
    whole = ss.theta_lines(y, [300], 4, 52, (0.5,))
    assert np.array_equal(whole, ss.theta_lines(y, [300], 4, 52, (0.5,), None))
    idx_all = ss.seasonal_strength(y, 52)[0][0]
    idx_last = ss.seasonal_strength(y, 52, 1)[0][0]
    # the latest season's index has the holiday at its new place only
    assert idx_last[21] < 0.6 < idx_all[21] and idx_last[20] > 0.9 > idx_all[20]
