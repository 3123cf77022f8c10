"""``python -m app ask`` and ``api token`` on a real shop folder (run in-process through the CLI's parser)."""

from __future__ import annotations

import io
import json
import shutil

from app.main import run as run_app
from app.paths import DataDir


def shop_folder(template, tmp_path) -> DataDir:
    data = DataDir(tmp_path / "data").ensure()
    shutil.copyfile(template[0], data.shop_db("kirana"))
    return data


def run(data: DataDir, *argv: str) -> int:
    return run_app(["--data-dir", str(data.root), "--shop", "kirana", *argv])


def test_ask_prints_a_reply_or_one_json_object(template, tmp_path, capsys):
    data = shop_folder(template, tmp_path)
    assert run(data, "ask", "who owes me money?") == 0
    out = capsys.readouterr().out
    assert "customers owe you" in out and "Pooja Sharma" in out
    assert run(data, "ask", "--json", "Maggi ka daam 2 rupay kam karo") == 0
    reply = json.loads(capsys.readouterr().out)
    assert {"intent", "slots", "reply", "actions"} <= set(reply)
    assert reply["intent"] == "change_price" and reply["slots"] == {"product": "MAGGI70", "amount": 200,
                                                                      "direction": "down"}
    confirm = next(a["id"] for a in reply["actions"] if a["kind"] == "confirm")
    assert run(data, "ask", "--press", confirm, "--json") == 0
    assert "Ho gaya" in json.loads(capsys.readouterr().out)["reply"]


def test_ask_reads_one_message_per_line_and_writes_one_json_per_line(template, tmp_path, capsys, monkeypatch):
    data = shop_folder(template, tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("kal kitna becha?\n\nand last week?\nकौन सा माल कम है?\n"))
    assert run(data, "ask") == 0
    lines = capsys.readouterr().out.strip().splitlines()
    replies = [json.loads(line) for line in lines]
    assert [r["intent"] for r in replies] == ["sales_report", "sales_report", "low_stock"]
    assert replies[1]["slots"] == {"period": "last_week"} and replies[2]["lang"] == "hi"


def test_api_tokens_from_the_command_line(template, tmp_path, capsys):
    data = shop_folder(template, tmp_path)
    assert run(data, "api", "token", "add", "Owner's phone", "--json") == 0
    token = json.loads(capsys.readouterr().out)["token"]
    assert token.startswith("tvx_")
    assert run(data, "api", "token", "list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["name"] == "Owner's phone" and token not in json.dumps(listed)
    assert run(data, "api", "token", "revoke", str(listed[0]["id"])) == 0
    assert run(data, "api", "token", "revoke", str(listed[0]["id"])) == 2  # not active any more


def test_the_monitor_runs_on_a_scheduler(shop):
    from apscheduler.schedulers.background import BackgroundScheduler

    from app.wiring import schedule_monitor

    scheduler = BackgroundScheduler()
    schedule_monitor(scheduler, shop.assistant)
    job = scheduler.get_job("assistant-monitor")
    assert job is not None and job.trigger.interval.total_seconds() == 600
    job.func()  # what the scheduler runs: the alerts of the shop are posted once
    assert any(m["source"] == "system" for m in shop.assistant.history())


def test_ask_answers_due_dates_and_orders_and_undoes_a_payment_on_a_second_yes(template, tmp_path, capsys):
    data = shop_folder(template, tmp_path)
    assert run(data, "ask", "when is my next gst return due?") == 0
    assert "GSTR-" in capsys.readouterr().out
    assert run(data, "ask", "how many online orders are waiting?") == 0
    assert "online orders wait to be sent" in capsys.readouterr().out

    def ask(*argv: str) -> dict:
        assert run(data, "ask", "--json", *argv) == 0
        return json.loads(capsys.readouterr().out)

    def button(reply: dict, kind: str) -> str:
        return next(a["id"] for a in reply["actions"] if a["kind"] == kind)

    offer = ask("received 100 rupees from dinesh verma")
    done = ask("--press", button(offer, "confirm"))
    asked = ask("--press", button(done, "undo"))
    assert "Take back" in asked["reply"] and button(asked, "confirm")
    taken = ask("--press", button(asked, "confirm"))
    assert "Taken back" in taken["reply"] and "₹900" in taken["reply"]


def test_an_order_is_shipped_from_the_command_line_only_after_the_press(template, tmp_path, capsys):
    import sqlite3

    data = shop_folder(template, tmp_path)
    order_id = template[1].amazon_order_id

    def status() -> str:
        with sqlite3.connect(data.shop_db("kirana")) as db:
            return db.execute("SELECT status FROM orders WHERE id = ?", (order_id,)).fetchone()[0]

    assert run(data, "ask", "--json", "AMZ-40211 ship karo, Blue Dart, AWB 50321987") == 0
    reply = json.loads(capsys.readouterr().out)
    assert reply["intent"] == "order_action" and reply["slots"]["tracking"] == "50321987"
    assert status() == "pending"
    confirm = next(a["id"] for a in reply["actions"] if a["kind"] == "confirm")
    assert run(data, "ask", "--press", confirm, "--json") == 0
    assert "Ho gaya" in json.loads(capsys.readouterr().out)["reply"] and status() == "shipped"
