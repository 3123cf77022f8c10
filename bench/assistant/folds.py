"""Is the plateau the training data? Leave-one-set-out on the newest held-out sets (a development bench; needs
scikit-learn, skl2onnx and onnx like tools/assistant/train.py).

    nice .venv/bin/python bench/assistant/folds.py [--folds 7 8 9 10] [--repeats 1 3 10] [--json OUT.json]

For each fold ``heldoutK`` it trains the classifier on the generator's messages (the same ones, filtered the same
way, as the shipped model: ``train.prepare``) plus every other held-out set (``train.REAL`` less ``heldoutK``), each
of their messages weighted ``R`` times, and reads ``heldoutK`` the way the assistant does
(``bench/assistant/evaluate.py`` in a child process with ``TAVYONIX_MODELS`` pointing at the fold's model; the
text encoder and the neighbours bank are the shipped ones) against, in the same run, the shipped model and the
shipped recipe retrained here with no set added (the same scikit-learn as the folds). For every intent error it
says what read the message (the classifier or its neighbours, or a rule) and counts the rule's errors where the
classifier alone had the intent right: the rules overriding a better classifier.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tools" / "assistant")]

import numpy as np  # noqa: E402

from app.assistant.features import features  # noqa: E402

MODELS = ROOT / "resources" / "models"
READ_BY_THE_CLASSIFIER = ("classifier", "neighbours", "unsure")  # "unsure": its best guess too weak


def model_dir(tmp: Path, name: str) -> Path:
    """A models folder holding the shipped models but for the intent classifier (written there later)."""
    out = tmp / name
    out.mkdir(parents=True, exist_ok=True)
    for f in MODELS.iterdir():
        if f.is_file() and f.name not in ("assistant_intent.onnx", "assistant_intent.json"):
            (out / f.name).symlink_to(f)
    return out


def read(models: Path, name: str, tmp: Path) -> dict:
    """bench/assistant/evaluate.py on set ``name`` with the models in ``models``, in a child process."""
    out = tmp / f"{models.name}-{name}.json"
    env = {**os.environ, "TAVYONIX_MODELS": str(models)}
    subprocess.run([sys.executable, str(ROOT / "bench" / "assistant" / "evaluate.py"), "--set", name,
                    "--json", str(out)], env=env, check=True, stdout=subprocess.DEVNULL)
    return json.loads(out.read_text(encoding="utf-8"))


def attribute(report: dict, models: Path, delex: dict[str, list[str]]) -> dict:
    """The intent errors split by what read them; the rules' errors where the classifier alone was right."""
    import onnxruntime as ort

    meta = json.loads((models / "assistant_intent.json").read_text(encoding="utf-8"))
    column = {name: i for i, name in enumerate(meta["features"])}
    sess = ort.InferenceSession(str(models / "assistant_intent.onnx"), providers=["CPUExecutionProvider"])
    wrong = [r for r in report["errors"] if r["intent"] != r["got_intent"]]
    by_rule = [r for r in wrong if r["via"] not in READ_BY_THE_CLASSIFIER]
    overridden = []
    for r in by_rule:
        x = np.zeros((1, len(column)), dtype=np.float32)
        for f, v in features(delex[r["text"]]).items():
            if f in column:
                x[0, column[f]] = v
        if meta["classes"][int(sess.run(None, {"counts": x})[1][0].argmax())] == r["intent"]:
            overridden.append(r["text"])
    return {"intent_errors": len(wrong), "by_classifier": len(wrong) - len(by_rule), "by_rules": len(by_rule),
            "rules_over_a_right_classifier": len(overridden), "overridden": overridden,
            "errors": [(r["text"], r["intent"], r["got_intent"], r["via"]) for r in wrong]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", nargs="+", type=int, default=[7, 8, 9, 10])
    parser.add_argument("--repeats", nargs="+", type=float, default=[1.0, 3.0, 10.0])
    parser.add_argument("--n", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--c", type=float, default=8.0)
    parser.add_argument("--json")
    parser.add_argument("--cache", help="a file keeping the generator's messages as read (made if missing)")
    args = parser.parse_args()

    import train

    started = time.perf_counter()
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.is_file():  # the generator's messages read once for several runs of this bench
        prepared = pickle.loads(cache.read_bytes())
    else:
        prepared = train.prepare(args.n, args.seed)
        if cache is not None:
            cache.write_bytes(pickle.dumps(prepared))
    print(f"prepared: {len(prepared.kept)} generated messages kept ({time.perf_counter() - started:.0f} s)",
          flush=True)
    results: dict = {"n": args.n, "seed": args.seed, "C": args.c, "folds": {}}
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        kept = Path(args.cache).parent / "retrained" if args.cache else None
        if kept is not None and (kept / "assistant_intent.onnx").is_file():
            base = kept  # the shipped recipe retrained, from an earlier run on the same cache
        else:
            base = model_dir(kept.parent if kept else tmp, "retrained")
            model, names = train.fit(prepared.kept, [1.0] * len(prepared.kept), args.c)
            train.export(model, names, prepared.scope_counts, {"added_sets": []}, base)
        for k in args.folds:
            held = f"heldout{k}"
            delex = {r["text"]: r["delex"] for r in prepared.eval_rows if r["set"] == held}
            fold: dict = {}
            for label, models in (("shipped", MODELS), ("retrained", base)):
                report = read(models, held, tmp)
                fold[label] = {"intent_accuracy": report["intent_accuracy"], "messages": report["messages"],
                               "slot_exact_match": report["slot_exact_match"],
                               "out_of_scope_recognised": report.get("out_of_scope_recognised"),
                               **attribute(report, models, delex)}
            real, words = train.real_examples(prepared.eval_rows, set(train.REAL) - {held})
            for repeat in args.repeats:
                t0 = time.perf_counter()
                models = model_dir(tmp, f"{held}-x{repeat:g}")
                model, names = train.fit(prepared.kept + real, [1.0] * len(prepared.kept) + [repeat] * len(real),
                                         args.c)
                train.export(model, names, prepared.scope_counts + words, {"added_sets": "all but " + held}, models)
                report = read(models, held, tmp)
                fold[f"x{repeat:g}"] = {"intent_accuracy": report["intent_accuracy"], "messages": report["messages"],
                                        "slot_exact_match": report["slot_exact_match"],
                                        "out_of_scope_recognised": report.get("out_of_scope_recognised"),
                                        "added_messages": len(real), "seconds": round(time.perf_counter() - t0),
                                        **attribute(report, models, delex)}
            results["folds"][held] = fold
            line = "  ".join(f"{label} {v['intent_accuracy']:.1%} (errors {v['intent_errors']}: classifier "
                             f"{v['by_classifier']}, rules {v['by_rules']}, rules over a right classifier "
                             f"{v['rules_over_a_right_classifier']})" for label, v in fold.items())
            print(f"{held} ({fold['shipped']['messages']}): {line}", flush=True)
            if args.json:
                Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
