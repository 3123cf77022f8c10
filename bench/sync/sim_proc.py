"""The marketplace simulator in its own process for benchmarks (so the worker's memory is measured
alone): ``python bench/sync/sim_proc.py PORT SKUS LIMITS(0|1) MARKETS`` prints READY <url>."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.sim.marketplace import SimServer, Simulator

port, skus, limits, markets = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4].split(",")
sim = Simulator(rate_limits=limits, seed=1)
for market in markets:
    for i in range(skus):
        sim.ensure_listing(market, f"B{i:05d}", title=f"Item {i}", quantity=0)
server = SimServer(sim, port=port).start()
print(f"READY {server.url}", flush=True)
try:
    while True:
        time.sleep(1)
        sys.stderr.write(f"throttled={sum(sim.throttled.values())}\n")
except KeyboardInterrupt:
    pass
