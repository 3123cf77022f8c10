"""The ``forecast`` command on good and bad CSV files, through its own register() and handler."""

from __future__ import annotations

import argparse
import csv
import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from app.commands import forecast as command
from app.paths import DataDir

END = date(2026, 3, 31)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m app")
    command.register(p.add_subparsers(dest="command"))
    return p


def run(tmp_path: Path, *argv: str) -> int:
    args = parser().parse_args(["forecast", *argv])
    return args.handler(args, DataDir(tmp_path / "data"))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def history_csv(path: Path, items: int = 3, days: int = 120) -> Path:
    rng = np.random.default_rng(2)
    lines = ["series_id,date,qty,price,promo"]
    for i in range(items):
        for d in range(days):
            promo = int(rng.random() < 0.1)
            lines.append(f"sku{i},{(END - timedelta(days=days - 1 - d)).isoformat()},"
                         f"{rng.poisson(5 * (1 + promo))},{45 if promo else 50},{promo}")
    return write(path, "\n".join(lines) + "\n")


def read_out(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_forecast_from_history_only(tmp_path, capsys):
    out = tmp_path / "fc.csv"
    assert run(tmp_path, "--history", str(history_csv(tmp_path / "h.csv")), "--horizon", "7", "--out", str(out)) == 0
    rows = read_out(out)
    assert list(rows[0]) == ["series_id", "date", "forecast", "p10", "p90"]
    assert len(rows) == 3 * 7
    assert rows[0]["date"] == (END + timedelta(days=1)).isoformat()
    for r in rows:
        lo, mid, hi = float(r["p10"]), float(r["forecast"]), float(r["p90"])
        assert 0 <= lo <= mid <= hi
    assert "Wrote 3 forecasts" in capsys.readouterr().out


def test_json_summary(tmp_path, capsys):
    assert run(tmp_path, "--history", str(history_csv(tmp_path / "h.csv")), "--horizon", "3", "--json",
               "--out", str(tmp_path / "fc.csv")) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["series"] == 3 and summary["periods"] == 3 and sum(summary["methods"].values()) == 3


def test_forecast_with_a_plan_and_weekly(tmp_path):
    plan = ["series_id,date,price,promo"] + [
        f"sku0,{(END + timedelta(days=d)).isoformat()},45,1" for d in range(1, 29)
    ]
    out = tmp_path / "fc.csv"
    code = run(tmp_path, "--history", str(history_csv(tmp_path / "h.csv")), "--horizon", "4", "--freq", "W",
               "--future", str(write(tmp_path / "plan.csv", "\n".join(plan))), "--out", str(out))
    assert code == 0
    rows = read_out(out)
    assert len(rows) == 3 * 4
    promo = sum(float(r["forecast"]) for r in rows if r["series_id"] == "sku0")
    plain = sum(float(r["forecast"]) for r in rows if r["series_id"] == "sku1")
    assert promo > plain  # the planned promotion lifts sku0 above its twin


def test_history_with_only_required_columns_monthly(tmp_path):
    lines = ["series_id,date,qty"] + [f"a,{(END - timedelta(days=i)).isoformat()},2" for i in range(400)]
    out = tmp_path / "fc.csv"
    assert run(tmp_path, "--history", str(write(tmp_path / "h.csv", "\n".join(lines))), "--horizon", "3",
               "--freq", "M", "--out", str(out)) == 0
    rows = read_out(out)
    assert [r["date"] for r in rows] == ["2026-04-01", "2026-05-01", "2026-06-01"]
    assert 40 < float(rows[0]["forecast"]) < 80  # about 60 a month


BAD = {
    "missing column": ("series_id,date\na,2026-01-01\n", "no column qty"),
    "bad date": ("series_id,date,qty\na,31/01/2026,3\n", "is not a date"),
    "negative qty": ("series_id,date,qty\na,2026-01-01,3\na,2026-01-02,-1\n", "negative"),
    "empty file": ("", "is empty"),
    "header only": ("series_id,date,qty\n", "no rows"),
    "text qty": ("series_id,date,qty\na,2026-01-01,three\n", "is not a number"),
    "bad promo": ("series_id,date,qty,promo\na,2026-01-01,3,5\n", "promo 5 must be from 0 to 1"),
    "zero price": ("series_id,date,qty,price\na,2026-01-01,3,0\n", "must be more than zero"),
    "empty id": ("series_id,date,qty\n,2026-01-01,3\n", "series_id is empty"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_history_gives_a_message_and_exit_code_2(tmp_path, capsys, name):
    text, message = BAD[name]
    out = tmp_path / "fc.csv"
    code = run(tmp_path, "--history", str(write(tmp_path / "h.csv", text)), "--horizon", "5", "--out", str(out))
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert not out.exists()


def test_bad_plan_and_missing_files(tmp_path, capsys):
    hist = str(history_csv(tmp_path / "h.csv"))
    out = str(tmp_path / "fc.csv")
    plan = write(tmp_path / "p.csv", "series_id,date\nsku0,2026-04-01\n")
    assert run(tmp_path, "--history", hist, "--horizon", "5", "--future", str(plan), "--out", out) == 2
    assert "neither a price nor a promo" in capsys.readouterr().err
    plan = write(tmp_path / "p.csv", "series_id,date,price\nsku0,April 1,40\n")
    assert run(tmp_path, "--history", hist, "--horizon", "5", "--future", str(plan), "--out", out) == 2
    assert "is not a date" in capsys.readouterr().err
    assert run(tmp_path, "--history", str(tmp_path / "none.csv"), "--horizon", "5", "--out", out) == 2
    assert "does not exist" in capsys.readouterr().err
    assert run(tmp_path, "--history", hist, "--horizon", "0", "--out", out) == 2
    assert "horizon" in capsys.readouterr().err


def test_plan_for_unknown_items_is_noted(tmp_path, capsys):
    plan = write(tmp_path / "p.csv", "series_id,date,price,promo\nghee,2026-04-01,500,1\n")
    out = tmp_path / "fc.csv"
    assert run(tmp_path, "--history", str(history_csv(tmp_path / "h.csv")), "--horizon", "2",
               "--future", str(plan), "--out", str(out)) == 0
    assert "ghee" in capsys.readouterr().err


def weekly_with_holes(path: Path, zeros_written: bool = False) -> tuple[Path, np.ndarray]:
    """A store reporting ~20,000 a week, with 14% of the weeks missing from the file."""
    rng = np.random.default_rng(11)
    weeks = 104
    qty = rng.normal(20_000, 1_500, weeks).round()
    missing = rng.random(weeks) < 0.14
    lines = ["series_id,date,qty"]
    for w in range(weeks):
        day = (END - timedelta(weeks=weeks - 1 - w)).isoformat()
        if not missing[w]:
            lines.append(f"store1,{day},{qty[w]:.0f}")
    if zeros_written:
        lines.append(f"store2,{END.isoformat()},0")
        lines.append(f"store2,{(END - timedelta(weeks=1)).isoformat()},5")
    return write(path, "\n".join(lines) + "\n"), qty


def test_missing_weeks_of_a_regular_report_are_unknown_not_zero(tmp_path):
    hist, _qty = weekly_with_holes(tmp_path / "h.csv")
    out = tmp_path / "fc.csv"
    assert run(tmp_path, "--history", str(hist), "--horizon", "8", "--freq", "W", "--out", str(out)) == 0
    rows = read_out(out)
    fc = np.array([float(r["forecast"]) for r in rows])
    p10 = np.array([float(r["p10"]) for r in rows])
    assert np.all(np.abs(fc / 20_000 - 1) < 0.1)
    assert np.all(p10 > 10_000)  # it never sold zero: its range stays well above zero
    # told that a missing week is a week without sales, the same file forecasts less
    out0 = tmp_path / "fc0.csv"
    assert run(tmp_path, "--history", str(hist), "--horizon", "8", "--freq", "W", "--gaps", "zero",
               "--out", str(out0)) == 0
    assert sum(float(r["p10"]) for r in read_out(out0)) < p10.sum()


def test_an_empty_qty_is_unknown_and_gaps_follow_the_file(tmp_path):
    from app.ml.forecast import read_history_csv

    ledger = write(tmp_path / "ledger.csv", "series_id,date,qty\na,2026-03-01,2\na,2026-03-09,1\na,2026-03-31,3\n")
    assert read_history_csv(ledger, "D")[0].gaps == "zero"  # only the days with sales: the rest are zeros
    hist, _ = weekly_with_holes(tmp_path / "z.csv", zeros_written=True)
    series = {s.series_id: s for s in read_history_csv(hist, "W")}
    assert series["store2"].gaps == "unknown"  # the file writes zeros, so a missing row is not one
    holes = write(tmp_path / "e.csv", "series_id,date,qty\nb,2026-03-01,2\nb,2026-03-02,\nb,2026-03-03,4\n")
    assert np.isnan(read_history_csv(holes, "D")[0].qty[1])
