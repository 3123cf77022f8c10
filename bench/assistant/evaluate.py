"""The assistant's understanding on the held-out labelled set (tests/data/assistant_eval.jsonl).

    .venv/bin/python bench/assistant/evaluate.py [--errors] [--json OUT.json]

Builds the evaluation shop (tests/assistant/shop.py), then reads every message the way the assistant
does (classifier, rule layer, the conversation before it for follow-ups) and reports intent accuracy,
slot exact match (every slot of the message right, none extra), the language of the reply, accuracy per
language, and the confusion matrix. tests/assistant/test_evaluation.py holds the targets.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.assistant.catalog_index import CatalogIndex  # noqa: E402
from app.assistant.slots import INTENTS as CLASSIFIED  # noqa: E402
from app.assistant.slots import RULE_INTENTS  # noqa: E402
from app.assistant.understand import Context, understand  # noqa: E402

INTENTS = CLASSIFIED + RULE_INTENTS
SETS = {"main": ROOT / "tests" / "data" / "assistant_eval.jsonl",  # 394 messages, written first
        "fresh": ROOT / "tests" / "data" / "assistant_eval_fresh.jsonl",  # 88, written before tuning the rules
        # 422 messages written before the model changes, not from the generator's templates; with
        # 69 out of scope ("kind": "oos"), 34 noise or injection ("noise") and 6 absurd numbers ("absurd")
        "heldout": ROOT / "tests" / "data" / "assistant_eval_heldout.jsonl",
        # 188 messages written in the second session, committed before its model changes (orders waiting,
        # campaigns, compliance due dates included; 21 out of scope, 6 noise, 2 absurd)
        "heldout2": ROOT / "tests" / "data" / "assistant_eval_heldout2.jsonl",
        # 152 messages written in the third session, committed before its changes (order steps, home
        # deliveries and message campaigns included; 22 out of scope, 12 noise, 5 absurd)
        "heldout3": ROOT / "tests" / "data" / "assistant_eval_heldout3.jsonl",
        # 213 messages written in the fourth session, committed (042fdb0) before the model was run on them (packing,
        # delivered and paid, courier booking, a delivery paid by UPI included; 43 out of scope, 10 noise, 5 absurd)
        "heldout4": ROOT / "tests" / "data" / "assistant_eval_heldout4.jsonl",
        # 233 messages written in the fifth session, committed before the assistant was run on them (returns,
        # courier re-booking, partial shipment, GST for a quarter, khata by name included; 54 out of scope,
        # 10 noise, 5 absurd)
        "heldout5": ROOT / "tests" / "data" / "assistant_eval_heldout5.jsonl",
        # 207 messages written in the sixth session, committed before the assistant was run on them (packing a
        # marketplace order, politeness wrappers, numbers in words, new spellings and synonyms; 33 out of scope,
        # 11 noise or injection, 5 absurd)
        "heldout6": ROOT / "tests" / "data" / "assistant_eval_heldout6.jsonl",
        # 439 messages written in the seventh session (issue 15's "Show"), committed before the assistant was run on
        # them and not from the generator's templates: 203 English, 112 Hindi, 124 Hinglish; every intent and order
        # step (cancel the rest, cancel a courier booking included); 75 out of scope, 19 noise or injection, 10 absurd
        "heldout7": ROOT / "tests" / "data" / "assistant_eval_heldout7.jsonl",
        # 460 messages written in the eighth session (issue 15's "Show"), committed before the assistant was run on
        # them, not from the generator's templates and with new words: 219 English, 112 Hindi, 129 Hinglish; every
        # intent in every language and every order step; 75 out of scope, 17 noise or injection, 9 absurd
        "heldout8": ROOT / "tests" / "data" / "assistant_eval_heldout8.jsonl",
        # 486 messages written in the ninth session (issue 15's "Show"), committed before the assistant was run on
        # them, not from the generator's templates and with new words: 217 English, 124 Hindi, 145 Hinglish; every
        # intent in every language and every order step, typos, run-ons, politeness, numbers in words, follow-ups;
        # 76 out of scope, 17 noise or injection, 10 absurd
        "heldout9": ROOT / "tests" / "data" / "assistant_eval_heldout9.jsonl",
        # 462 messages written in the tenth session (issue 15's "Show"), committed before the assistant was run on
        # them, not from the generator's templates and with new words: 211 English, 117 Hindi, 134 Hinglish; every
        # intent in every language and every order step, typos, run-ons, politeness, numbers in words, follow-ups;
        # 83 out of scope, 18 noise or injection, 10 absurd
        "heldout10": ROOT / "tests" / "data" / "assistant_eval_heldout10.jsonl",
        # 514 messages written in the eighth session (issue 15's "Show"), committed before the assistant was run on
        # them, not from the generator's templates and with new words: 231 English, 133 Hindi, 150 Hinglish; every
        # intent in every language and every order step, typos, run-ons, politeness, numbers in words, follow-ups;
        # 90 out of scope, 18 noise or injection, 9 absurd
        "heldout11": ROOT / "tests" / "data" / "assistant_eval_heldout11.jsonl"}


def load(name: str = "main") -> list[dict]:
    return [json.loads(line) for line in SETS[name].read_text(encoding="utf-8").splitlines() if line.strip()]


def run(index: CatalogIndex, rows: list[dict]) -> dict:
    results = []
    for row in rows:
        context = Context()
        for earlier in row.get("context", []):
            seen = understand(earlier, index, context)
            context = Context(lang=seen.lang, last_intent=seen.intent, last_slots=seen.slots)
        started = time.perf_counter()
        found = understand(row["text"], index, context)
        seconds = time.perf_counter() - started
        results.append({"text": row["text"], "lang": row["lang"], "intent": row["intent"], "slots": row["slots"],
                        "kind": row.get("kind"),
                        "got_intent": found.intent, "got_slots": found.slots, "got_lang": found.lang,
                        "confidence": round(found.confidence, 3), "via": found.via, "ms": seconds * 1000})
    return summarise(results)


def summarise(results: list[dict]) -> dict:
    n = len(results)
    intent_ok = [r["intent"] == r["got_intent"] for r in results]
    slots_ok = [r["slots"] == r["got_slots"] for r in results]
    lang_ok = [r["lang"] == r["got_lang"] for r in results]
    by_lang: dict[str, list[bool]] = defaultdict(list)
    for r, ok in zip(results, intent_ok, strict=True):
        by_lang[r["lang"]].append(ok)
    confusion: dict[str, Counter] = {i: Counter() for i in INTENTS}
    for r in results:
        confusion.setdefault(r["intent"], Counter())[r["got_intent"]] += 1
    ms = sorted(r["ms"] for r in results)
    outside = [r for r in results if r["kind"] in ("oos", "noise")]
    scoped = {"out_of_scope_messages": len(outside),
              "out_of_scope_recognised": sum(r["got_intent"] == "unknown" for r in outside) / len(outside),
              "in_scope_read_as_out_of_scope": sum(r["got_intent"] == "unknown" for r in results
                                                   if r["intent"] != "unknown") / n} if outside else {}
    return {**scoped,
        "messages": n,
        "intent_accuracy": sum(intent_ok) / n,
        "slot_exact_match": sum(slots_ok) / n,
        "slot_exact_match_when_intent_right": sum(s for s, i in zip(slots_ok, intent_ok, strict=True) if i)
        / max(1, sum(intent_ok)),
        "language_accuracy": sum(lang_ok) / n,
        "intent_accuracy_by_language": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_lang.items())},
        "understanding_ms_p50": ms[n // 2], "understanding_ms_p95": ms[int(n * 0.95)],
        "confusion": {k: dict(v) for k, v in confusion.items()},
        "errors": [r for r, a, b in zip(results, intent_ok, slots_ok, strict=True) if not (a and b)],
        "language_errors": [r for r, ok in zip(results, lang_ok, strict=True) if not ok],
    }


def confusion_table(confusion: dict[str, dict[str, int]]) -> str:
    short = {i: i[:8] for i in INTENTS}
    header = "true \\ predicted".ljust(18) + " ".join(short[i].rjust(8) for i in INTENTS)
    lines = [header]
    for true in INTENTS:
        row = confusion.get(true, {})
        lines.append(true.ljust(18) + " ".join(str(row.get(p, "")).rjust(8) if row.get(p) else "       ."
                                               for p in INTENTS))
    return "\n".join(lines)


def writes(shop, rows: list[dict]) -> list[str]:
    """The out-of-scope and noise messages after which (each followed by "yes") the shop's tables changed."""
    import hashlib

    def digest() -> str:
        db = shop.store.db()
        h = hashlib.blake2b(digest_size=16)
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                            " AND name NOT IN ('assistant_message', 'assistant_state', 'assistant_action')"
                            " ORDER BY name").fetchall()
        for (table,) in tables:
            for row in sorted(repr(r) for r in db.execute(f'SELECT * FROM "{table}"')):  # some have no rowid
                h.update(row.encode())
        return h.hexdigest()

    changed = []
    for i, row in enumerate(r for r in rows if r.get("kind") in ("oos", "noise")):
        before = digest(), shop.scalar("SELECT count(*) FROM assistant_action WHERE status = 'done'")
        for said in (row["text"], "yes"):
            shop.assistant.ask(said, conversation=f"scope-{i}")
        if (digest(), shop.scalar("SELECT count(*) FROM assistant_action WHERE status = 'done'")) != before:
            changed.append(row["text"])
    return changed


def evaluate(shop_path: Path | None = None, name: str = "main") -> dict:
    from tests.assistant.shop import build, open_shop

    with tempfile.TemporaryDirectory() as tmp:
        path = shop_path or Path(tmp) / "shop.db"
        if shop_path is None:
            build(path)
        store, _ctx, _clock = open_shop(path)
        try:
            index = CatalogIndex(store).ensure()
            return run(index, load(name))
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--json")
    parser.add_argument("--set", choices=sorted(SETS), default="main")
    parser.add_argument("--writes", action="store_true", help="ask the real assistant every out-of-scope and noise"
                        " line, then 'yes', with autonomy on, and report any that changed the shop")
    args = parser.parse_args()
    report = evaluate(name=args.set)
    if args.writes:
        from app import config
        from app.assistant import Assistant
        from app.services import settings as shop_settings
        from app.wiring import LazyEngine
        from tests.assistant.shop import build, open_shop

        class Opened:  # what writes() needs of a shop: its store, its assistant, one value of SQL
            def __init__(self, store, assistant) -> None:
                self.store, self.assistant = store, assistant

            def scalar(self, sql: str):
                return self.store.db().execute(sql).fetchone()[0]

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "shop.db"
            build(path)
            store, ctx, _clock = open_shop(path)
            shop = Opened(store, Assistant(ctx, LazyEngine(ctx)))
            shop_settings.set_setting(ctx, config.ASSISTANT_AUTONOMY.key, "within_limits")
            try:
                report["changed_the_shop"] = writes(shop, load(args.set))
            finally:
                shop.assistant.close()
                store.close()
        print(f"out-of-scope and noise lines that changed the shop: {len(report['changed_the_shop'])}"
              f" {report['changed_the_shop']}")
    print(f"{report['messages']} messages")
    print(f"intent accuracy     {report['intent_accuracy']:.1%}  by language {report['intent_accuracy_by_language']}")
    print(f"slot exact match    {report['slot_exact_match']:.1%}  "
          f"({report['slot_exact_match_when_intent_right']:.1%} where the intent is right)")
    print(f"reply language      {report['language_accuracy']:.1%}")
    if "out_of_scope_recognised" in report:
        print(f"out of scope        {report['out_of_scope_recognised']:.1%} of {report['out_of_scope_messages']}"
              f" recognised; in-scope messages read as out of scope {report['in_scope_read_as_out_of_scope']:.1%}")
    print(f"understanding time  p50 {report['understanding_ms_p50']:.1f} ms, "
          f"p95 {report['understanding_ms_p95']:.1f} ms")
    print(confusion_table(report["confusion"]))
    if args.errors:
        for r in report["errors"]:
            print(f"- {r['text']!r}: {r['intent']} {r['slots']} -> {r['got_intent']} {r['got_slots']}"
                  f" ({r['confidence']}, {r['via']})")
        for r in report["language_errors"]:
            print(f"  lang {r['text']!r}: {r['lang']} -> {r['got_lang']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
