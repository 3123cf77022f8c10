"""The ``sync`` and ``marketplace-sim`` commands, and the status-bar widget with a real status."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx

from app.commands import sync as sync_commands
from app.sync import status


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--shop", default="test")
    p.add_argument("--json", dest="json_first", action="store_true")
    sub = p.add_subparsers(dest="command")
    sync_commands.register(sub)
    return p


def test_sync_status_run_and_retry_commands(session, data, connect, list_item, capsys, memory_keyring):
    ch = connect("ondc")
    list_item("Q1", ch, "ondc")
    session.close()
    args = parser().parse_args(["sync", "status", "--json"])
    assert args.handler(args, data) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["waiting"] == 3 and shown["failed"] == 0
    args = parser().parse_args(["sync", "run"])
    assert args.handler(args, data) == 0
    assert "applied 3" in capsys.readouterr().out
    args = parser().parse_args(["sync", "retry", "--json"])
    assert args.handler(args, data) == 0
    assert json.loads(capsys.readouterr().out) == {"requeued": 0}


def test_marketplace_sim_command_serves_and_injects_faults(tmp_path: Path):
    faults = tmp_path / "faults.json"
    faults.write_text(json.dumps({"seed": 3, "faults": [{"kind": "html_portal", "op": "ondc.orders_list",
                                                         "nth": [1]}]}))
    root = Path(__file__).resolve().parents[2]
    # the same handler ``python -m app marketplace-sim`` runs once app.cli lists app.commands.sync
    script = ("import sys; from tests.sync.test_cli_and_widget import parser; from app.paths import DataDir; "
              "a = parser().parse_args(sys.argv[2:]); sys.exit(a.handler(a, DataDir(sys.argv[1])))")
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "d"), "marketplace-sim", "--port", "0",
                             "--faults", str(faults), "--seconds", "20"], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = line.split(" on ")[1].split(" ")[0]
        headers = {"Authorization": "Bearer ondc-key"}
        first = httpx.get(f"{url}/api/v1/orders", headers=headers)
        assert first.headers["content-type"].startswith("text/html")  # the scheduled captive portal
        second = httpx.get(f"{url}/api/v1/orders", headers=headers)
        assert second.json() == {"orders": [], "next_cursor": None}
    finally:
        proc.terminate()
        proc.wait(10)


def test_status_widget_shows_waiting_failed_and_retries(qtbot, ctx, connect, list_item, make_worker, sim):
    from app.ui.sync_status import SyncStatusWidget

    ch = connect("woocommerce")
    list_item("Q2", ch, "woocommerce")
    del sim.sim.listings["woocommerce"]["Q2"]  # the shop website has no such product
    sim.sim.faults.add("http_500", "woocommerce.", p=1.0, times=100)
    make_worker().run_once()
    calls = []

    def retry():
        calls.append(1)
        return status.retry_failed(ctx)

    widget = SyncStatusWidget(lambda: status.snapshot(ctx.store, "online"), retry, refresh_ms=100000)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: "waiting" in widget.label.text(), timeout=5000)
    assert "Online" in widget.label.text()
    sim.sim.faults.clear()
    make_worker().drain(advance_clock=True)  # changes for an unknown product fail
    widget.refresh()
    qtbot.waitUntil(lambda: widget.retry_button.isVisibleTo(widget), timeout=5000)
    assert "failed" in widget.label.text()
    widget.retry()
    qtbot.waitUntil(lambda: calls == [1], timeout=5000)
    time.sleep(0.1)
