"""One home for the simulated shop and everything around it: nothing here runs in a shopkeeper's day.

- :mod:`app.sim.history` builds the demo shop's two-year history (what TAVYONIX opens on first run and
  ``python -m app demo``), deterministic from a seed.
- :mod:`app.sim.harness` with :mod:`~app.sim.scenario`, :mod:`~app.sim.world`, :mod:`~app.sim.market` and
  :mod:`~app.sim.policies` is the policy harness: a year of a kirana's customers, suppliers and
  competitors run through the real engine, agents and services on a temporary shop with a simulated
  clock, agents against baseline policies (``python -m app simulate``, docs/simulator.md).
- :mod:`app.sim.marketplace` is the marketplace simulator: the four marketplaces and the WhatsApp Cloud
  API on 127.0.0.1 with their semantics and seeded faults (``python -m app marketplace-sim``, docs/sync.md).

The names below are loaded on first use, so importing one part (the marketplace server in a test, the
history in the installer's self-check) does not pull in the others and their dependencies.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["FaultSchedule", "SimResult", "SimServer", "Simulator", "build_demo_shop", "load_scenario",
           "parse_scenario", "run_simulation"]

_HOME = {
    "build_demo_shop": "app.sim.history",
    "run_simulation": "app.sim.harness",
    "SimResult": "app.sim.harness",
    "load_scenario": "app.sim.scenario",
    "parse_scenario": "app.sim.scenario",
    "FaultSchedule": "app.sim.marketplace",
    "SimServer": "app.sim.marketplace",
    "Simulator": "app.sim.marketplace",
}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'app.sim' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
