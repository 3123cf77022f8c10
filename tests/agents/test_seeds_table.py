"""bench/agents/seeds_table.py reads each seed's agents and ss from their own files and counts the targets met."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "agents" / "seeds_table.py"


def _results(path: Path, rows: list[tuple[str, str, int, float, int]]) -> Path:
    path.write_text(json.dumps({"results": [
        {"file": shop, "policy": policy, "metrics": {
            "profit_paise": profit, "fill_rate_priced": fill, "supplier_unordered_over_days": days}}
        for shop, policy, profit, fill, days in rows]}), encoding="utf-8")
    return path


def test_each_seed_is_judged_against_its_own_baseline_and_the_median_counted(tmp_path: Path) -> None:
    agents, ss = [], []
    # shop a: 1.10x, 1.00x, 1.06x (median 1.06, meets); fill 0.5 points under each seed; a supplier day on seed 2
    # shop b: 1.04x every seed (misses); fill 3 points under; the ss file also holds an older agents row (ignored)
    for seed, (ratio_a, days_a) in enumerate([(1.10, 0), (1.00, 4), (1.06, 0)], start=1):
        agents.append(_results(tmp_path / f"a{seed}.json", [
            ("a", "agents", round(100_000 * ratio_a), 0.795, days_a), ("b", "agents", 104_000, 0.77, 0)]))
        ss.append(_results(tmp_path / f"s{seed}.json", [
            ("a", "ss", 100_000, 0.80, 0), ("b", "ss", 100_000, 0.80, 9), ("b", "agents", 1, 0.0, 99)]))
    out = subprocess.run([sys.executable, str(SCRIPT), "--agents", *map(str, agents), "--ss", *map(str, ss)],
                         capture_output=True, text=True, check=True).stdout
    assert "| a | 1.100x, 1.000x, 1.060x | **1.060x** | -0.5, -0.5, -0.5 | 0, 4, 0 |" in out
    assert "| b | 1.040x, 1.040x, 1.040x | **1.040x** | -3.0, -3.0, -3.0 | 0, 0, 0 |" in out
    assert "multiple: 1, 0, 1, 1" in out
    assert "fill: 1, 1, 1, 1" in out
    assert "supplier: 2, 1, 2, 2" in out
