"""The optional language model: it may reword a reply, never change its figures, and a missing or broken
server costs the seller nothing (a real HTTP server on 127.0.0.1 plays the model)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import ClassVar

import pytest

from app.api.llm import OpenAICompatiblePhraser
from app.assistant import Assistant
from app.wiring import LazyEngine


class FakeModel(BaseHTTPRequestHandler):
    answer = ""
    seen: ClassVar[list] = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeModel.seen.append(body)
        original = body["messages"][0]["content"].split("\n\n", 1)[1]
        content = FakeModel.answer.format(original=original)
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def model():
    server = HTTPServer(("127.0.0.1", 0), FakeModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeModel.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_a_phrased_reply_is_used_when_it_keeps_every_figure(shop, model):
    FakeModel.answer = "Namaste ji! {original}"
    phraser = OpenAICompatiblePhraser(model, "tiny")
    assistant = Assistant(shop.ctx, LazyEngine(shop.ctx), phraser=phraser)
    try:
        reply = assistant.ask("who owes me money?")
        assert reply.text.startswith("Namaste ji!") and "₹5,680" in reply.text
        sent = FakeModel.seen[0]
        assert sent["model"] == "tiny" and "English" in sent["messages"][0]["content"]
    finally:
        assistant.close()


def test_a_phrasing_that_changes_a_figure_is_thrown_away(shop, model):
    FakeModel.answer = "About 5,000 rupees are owed to you."
    assistant = Assistant(shop.ctx, LazyEngine(shop.ctx), phraser=OpenAICompatiblePhraser(model))
    try:
        assert assistant.ask("who owes me money?").text == "5 customers owe you ₹5,680 in all."
    finally:
        assistant.close()


def test_no_server_means_the_reply_written_on_this_pc(shop):
    phraser = OpenAICompatiblePhraser("http://127.0.0.1:9/v1", timeout_s=1)
    assistant = Assistant(shop.ctx, LazyEngine(shop.ctx), phraser=phraser)
    try:
        started = time.perf_counter()
        reply = assistant.ask("who owes me money?")
        assert reply.text == "5 customers owe you ₹5,680 in all." and time.perf_counter() - started < 2
        assert phraser.rephrase("x", "en") is None  # resting after the failure: no new attempt
    finally:
        assistant.close()
