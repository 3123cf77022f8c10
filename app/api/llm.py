"""An optional language model that phrases the assistant's replies (``assistant.llm_url``).

The seller may point TAVYONIX at an OpenAI-compatible chat endpoint, such as a model server on this PC.
It only rewords a reply that the assistant has already written on this PC: it never decides what the
seller meant or what is done, and a reply whose figures it changed is thrown away
(:func:`app.assistant.assistant.keeps_numbers`). It has a short timeout, and after a failure it rests a
minute, so a missing server costs the counter nothing. Nothing else of the assistant needs it.
"""

from __future__ import annotations

import logging
import time

import httpx

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"en": "English", "hi": "Hindi in Devanagari script", "hinglish": "Hinglish (Hindi in Latin letters)"}
TIMEOUT_S = 4.0
REST_S = 60.0


class OpenAICompatiblePhraser:
    def __init__(self, url: str, model: str = "", *, timeout_s: float = TIMEOUT_S,
                 client: httpx.Client | None = None) -> None:
        base = url.rstrip("/")
        self.url = base if base.endswith("/chat/completions") else f"{base}/chat/completions"
        self.model = model or "local"
        self.client = client or httpx.Client(timeout=timeout_s)
        self._rest_until = 0.0

    def rephrase(self, text: str, lang: str) -> str | None:
        if time.monotonic() < self._rest_until:
            return None
        prompt = (f"Rewrite this reply of a shop assistant to an Indian shopkeeper in friendly, short "
                  f"{LANGUAGE_NAMES.get(lang, 'English')}. Keep every number, amount and name exactly as written. "
                  f"Answer with the reply only.\n\n{text}")
        try:
            response = self.client.post(self.url, json={
                "model": self.model, "temperature": 0.2, "max_tokens": 300,
                "messages": [{"role": "user", "content": prompt}]})
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, KeyError, IndexError, TypeError, ValueError) as exc:
            log.warning("language model unavailable (%s); replies stay as written", type(exc).__name__)
            self._rest_until = time.monotonic() + REST_S
            return None
        content = str(content).strip()
        return content or None

    def close(self) -> None:
        self.client.close()
