"""Which of the assistant's intents a message is: a trained classifier, with rules when it is missing.

The classifier is a logistic regression over TF-IDF weighted counts of :func:`app.assistant.features.features`,
trained by ``tools/assistant/train.py`` and shipped as ``resources/models/assistant_intent.onnx`` with its
feature list in ``assistant_intent.json``. Counting happens here in Python; the model only sees numbers.
Without the model (a damaged install) :func:`rule_scores` keeps the assistant useful on the clearest words.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from app.assistant.features import features
from app.assistant.slots import INTENTS
from app.ml import runtime

log = logging.getLogger(__name__)

MODEL = "assistant_intent.onnx"
META = "assistant_intent.json"

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _meta() -> tuple[dict[str, int], list[str]] | None:
    path = runtime.model_path(META)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: i for i, name in enumerate(data["features"])}, list(data["classes"])
    except (OSError, ValueError, KeyError) as exc:
        log.warning("intent model metadata unavailable (%s); using rules", exc)
        return None


@lru_cache(maxsize=1)
def scope_words() -> frozenset[str]:
    """Words the shop's own questions are made of (from the in-scope training messages; Latin letters)."""
    try:
        data = json.loads(runtime.model_path(META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(data.get("scope_words", ()))


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """The Latin words the classifier has a feature for, and the in-scope training words."""
    meta = _meta()
    words = {name[2:] for name in meta[0] if name.startswith("w:")} if meta is not None else set()
    return frozenset(words | scope_words())


def available() -> bool:
    return _meta() is not None and runtime.session(MODEL) is not None


def classify(delex: Sequence[str]) -> list[tuple[str, float]]:
    """(intent, probability) for every intent, most likely first."""
    meta = _meta()
    session = runtime.session(MODEL) if meta is not None else None
    if meta is None or session is None:
        return rule_scores(delex)
    columns, classes = meta
    counts = np.zeros((1, len(columns)), dtype=np.float32)
    for name, value in features(delex).items():
        column = columns.get(name)
        if column is not None:
            counts[0, column] = value
    probabilities = session.run(None, {"counts": counts})[1][0]
    order = np.argsort(probabilities)[::-1]
    return [(classes[i], float(probabilities[i])) for i in order]


# --- the fallback: cue words ------------------------------------------------------------------
CUES: dict[str, tuple[str, ...]] = {
    "set_goal": ("goal", "target", "lakshya", "लक्ष्य", "टारगेट", "grow", "badhana", "badhani"),
    "goal_progress": ("progress", "on track", "track", "poora", "pura", "पूरा"),
    "sales_report": ("sell", "sold", "sales", "becha", "bikri", "बिक्री", "बेचा", "hisaab", "हिसाब", "revenue"),
    "stock_query": ("how many", "kitna bacha", "stock of", "बचा", "left", "स्टॉक", "stock"),
    "low_stock": ("running out", "low", "khatam", "खत्म", "finished", "कम है"),
    "reorder": ("reorder", "mangwa", "mangwao", "मंगवा", "restock", "order more"),
    "change_price": ("price", "daam", "दाम", "rate", "bhav", "भाव", "keemat", "कीमत"),
    "start_campaign": ("offer", "discount", "campaign", "promotion", "chhoot", "छूट", "ऑफर"),
    "campaign_report": ("offers running", "campaign performance", "offer ka result"),
    "order_status": ("order status", "where is order", "ऑर्डर", "delivered", "shipped", "arrived"),
    "khata_balance": ("owe", "owes", "owed", "udhaar", "udhar", "उधार", "khata", "खाता", "debtors", "dues"),
    "explain_decision": ("why", "kyun", "kyu", "क्यों", "reason"),
    "approve": ("yes", "haan", "हाँ", "approve", "do it", "ok", "confirm"),
    "reject": ("no", "nahi", "नहीं", "reject", "cancel", "mat karo"),
    "sync_status": ("sync", "synced", "online", "upload", "uploaded", "सिंक", "internet", "connection", "ऑनलाइन",
                    "अपडेट", "offline"),
    "compliance_due": ("due date", "deadline", "last date", "gstr-1", "gstr-3b", "gstr", "cmp-08", "tareekh", "तारीख"),
    "help": ("help", "madad", "मदद", "what can you do", "namaste", "नमस्ते", "hello", "hi"),
}


def rule_scores(delex: Sequence[str]) -> list[tuple[str, float]]:
    text = f" {' '.join(delex)} "
    scores = {intent: 0.0 for intent in INTENTS}
    for intent, cues in CUES.items():
        for cue in cues:
            if f" {cue} " in text:
                scores[intent] += 1.0 + 0.5 * cue.count(" ")
    total = sum(scores.values())
    if total == 0:
        return [("unknown", 1.0)] + [(i, 0.0) for i in INTENTS if i != "unknown"]
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    return [(intent, score / total) for intent, score in ranked]
