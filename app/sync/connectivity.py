"""Is the marketplace reachable? Online, offline, or behind a captive portal (a Wi-Fi login page that
answers every address with HTML 200). Probes run on their own thread, often while offline (every few
seconds, so sync restarts within seconds of the network returning) and rarely while online; the
worker's own requests also report what they saw. Nothing waits on this: it only wakes the worker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import httpx

from app.sync.transport import looks_like_html

log = logging.getLogger(__name__)

ONLINE, OFFLINE, CAPTIVE, UNKNOWN = "online", "offline", "captive", "unknown"


def probe(client: httpx.Client, url: str, timeout: float = 3.0) -> str:
    """One check of ``url``: any JSON (or empty) answer, whatever its status, means online."""
    try:
        response = client.get(url, timeout=timeout)
    except httpx.HTTPError:
        return OFFLINE
    if looks_like_html(response, response.content) and response.status_code < 400:
        return CAPTIVE
    return ONLINE


class Connectivity:
    def __init__(self, urls: Callable[[], list[str]], *, on_change: Callable[[str], None] | None = None,
                 offline_every_s: float = 3.0, online_every_s: float = 60.0, client: httpx.Client | None = None):
        self.urls, self.on_change = urls, on_change or (lambda state: None)
        self.offline_every_s, self.online_every_s = offline_every_s, online_every_s
        self.client = client or httpx.Client(follow_redirects=False)
        self.state = UNKNOWN
        self._lock = threading.Lock()
        self._stop_event = threading.Event()
        self._kick = threading.Event()
        self._thread: threading.Thread | None = None

    def report(self, state: str) -> None:
        """Set the state (from a probe or from the worker's own traffic); tell ``on_change`` if it changed."""
        with self._lock:
            changed, self.state = state != self.state, state
        if changed:
            log.info("connection is now %s", state)
            self.on_change(state)
            self._kick.set()

    def check(self) -> str:
        urls = self.urls()
        if not urls:
            return self.state
        seen = [probe(self.client, url) for url in urls[:3]]
        state = ONLINE if ONLINE in seen else CAPTIVE if CAPTIVE in seen else OFFLINE
        self.report(state)
        return state

    def start(self) -> Connectivity:
        self._thread = threading.Thread(target=self._run, name="connectivity", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop_event.set()
        self._kick.set()
        if self._thread is not None:
            self._thread.join(5)
        self.client.close()

    def _run(self) -> None:
        while not self._stop_event.is_set():
            try:
                self.check()
            except Exception:
                log.exception("connectivity probe failed")
            wait = self.online_every_s if self.state == ONLINE else self.offline_every_s
            self._kick.wait(wait)
            self._kick.clear()
