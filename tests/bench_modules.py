"""A script under bench/ loaded by path in the test process, as the tests of the benchmarks' loaders need it.

The script's own ``sys.path`` edits are undone, so that the bench folders' module names (``compare``, ``coverage``,
``scale``, ...) never shadow installed packages for the rest of the suite; a script loaded once is loaded once.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def bench_module(folder: str, name: str, *, key: str | None = None) -> ModuleType:
    """``bench/<folder>/<name>.py`` as a module, kept in ``sys.modules`` under ``key`` (default: ``name``)."""
    key = key or name
    if key in sys.modules:
        return sys.modules[key]
    saved = list(sys.path)
    try:
        spec = importlib.util.spec_from_file_location(key, BENCH / folder / f"{name}.py")
        assert spec and spec.loader
        mod = importlib.util.module_from_spec(spec)
        sys.modules[key] = mod
        spec.loader.exec_module(mod)
    finally:
        sys.path[:] = saved
    return mod


def skip_unless_debian_cached(packages) -> None:
    """Skip unless rdata (the bench extra) and the Debian packages ``(package, folder)`` are in the bench cache, which
    ``bench/forecast/debian_r.py`` fills: a test never downloads."""
    import pytest

    pytest.importorskip("rdata")
    debian_r = bench_module("forecast", "debian_r")
    for package, folder in packages:
        if debian_r.unpacked(package, folder, download=False) is None:
            pytest.skip(f"{package} is not in the bench cache (compare.py fetches it)")


def skip_unless_wheels_cached(session: int, *names: str, needs: tuple[str, ...] = ("pandas",)) -> ModuleType:
    """The never-seen set module ``blind<session>`` (bench/forecast), after skipping unless the modules ``needs`` and
    its wheels ``names`` (its module-level specs) are in the bench cache, which ``blind22.wheel`` fills: a test never
    downloads."""
    import pytest

    for module in needs:
        pytest.importorskip(module)
    bench_module("forecast", "debian_r")
    blind22 = bench_module("forecast", "blind22")  # its ``wheel`` fetches and checks the wheels
    blind = blind22 if session == 22 else bench_module("forecast", f"blind{session}")
    for name in names:
        spec = getattr(blind, name)
        if blind22.wheel(spec, download=False) is None:
            pytest.skip(f"{spec[0]} {spec[2]} is not in the bench cache (compare.py fetches it)")
    return blind


def check_registered(compare, key: str, freq: str, series: int, periods: int, unknown_outcomes: int = 0) -> None:
    """``bench/forecast/compare.py`` loads the set under ``key`` as never seen, with horizons 4, 8 and 12 and the season
    of its frequency (52 weeks, statsforecast's 1 as for the other weekly sets), and each horizon's final window
    holds out the last ``h`` periods of every series, ``unknown_outcomes`` of them unknown."""
    import numpy as np

    ds = compare.LOADERS[key]()
    assert ds.name == key and ds.freq == freq and ds.held_out and ds.horizons == (4, 8, 12)
    assert (ds.season, ds.sf_season) == {"M": (12, 12), "Q": (4, 4), "W": (52, 1), "D": (7, 7)}[freq]
    for h in ds.horizons:
        _sub, origin, train, actual, keep = compare.cell(ds, h, 0)
        assert origin == periods - h and train.shape == (series, origin)
        assert actual.shape == (series, h) and int(keep.sum()) == series
        assert int(np.isnan(actual).sum()) == unknown_outcomes
