"""Copy the PP-OCRv4 detection and recognition models out of PyPI rapidocr-onnxruntime 1.4.4 (Apache-2.0).

    python tools/vision/fetch_ocr_models.py

Downloads the wheel with pip (no install, so opencv never comes along), checks the files against the
hashes of the copies committed in resources/models, and writes them there. Re-running is a no-op.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "rapidocr-onnxruntime==1.4.4"
FILES = {
    "rapidocr_onnxruntime/models/ch_PP-OCRv4_det_infer.onnx":
        ("ocr_det.onnx", "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9"),
    "rapidocr_onnxruntime/models/ch_PP-OCRv4_rec_infer.onnx":
        ("ocr_rec.onnx", "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b"),
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main() -> None:
    out = ROOT / "resources" / "models"
    out.mkdir(parents=True, exist_ok=True)
    if all((out / name).is_file() and sha256((out / name).read_bytes()) == digest for name, digest in FILES.values()):
        print("OCR models already in place")
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", tmp,
                        PACKAGE], check=True)
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as zf:
            for member, (name, digest) in FILES.items():
                data = zf.read(member)
                if sha256(data) != digest:
                    raise SystemExit(f"{member} in {wheel.name} does not match the expected sha256")
                (out / name).write_bytes(data)
                print(f"wrote {out / name} ({len(data) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
