"""OCR: our numpy/Pillow pipeline around the PP-OCRv4 ONNX models, and its fallback."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from app.ml import runtime
from app.ml.images import UnreadableImage, connected_components
from app.ml.packtext import _ocr as ocr

PACKS = Path(__file__).resolve().parents[1] / "data" / "packs"


@pytest.fixture
def no_models(tmp_path, monkeypatch):
    """An empty models folder, as on a PC where the model files were not installed."""
    monkeypatch.setenv(runtime.ENV_MODELS, str(tmp_path))
    runtime.forget()
    yield
    runtime.forget()


def test_reads_lines_in_reading_order():
    result = ocr.read(PACKS / "pack_002.jpg")
    assert result.fallback is None
    texts = [line.text for line in result.lines]
    assert texts[0] == "Britannia"
    assert texts[1] == "Good Day Cashew Cookies"
    assert all(0.5 <= line.score <= 1.0 for line in result.lines)
    # the brand is the biggest print on the pack
    assert result.lines[0].height == max(line.height for line in result.lines)


def test_connected_components_by_runs():
    mask = np.zeros((6, 8), dtype=bool)
    mask[0:2, 0:2] = True  # a block
    mask[3, 5] = mask[4, 6] = True  # two pixels touching diagonally: one part
    parts = connected_components(mask)
    sizes = sorted(int((e - s).sum()) for _, s, e in parts)
    assert sizes == [2, 4]


def test_tilted_line_is_straightened():
    image = Image.new("RGB", (640, 360), (255, 255, 255))
    text = Image.new("RGBA", (600, 120), (255, 255, 255, 0))
    ImageDraw.Draw(text).text((10, 10), "MRP 45", fill=(0, 0, 0, 255), font_size=80)
    image.paste(text.rotate(8, expand=True), (20, 60), text.rotate(8, expand=True))
    lines = ocr.read(image).lines
    assert any("MRP" in line.text.replace(" ", "") and "45" in line.text for line in lines)


def test_blank_photo_has_no_text():
    assert ocr.read(Image.new("RGB", (400, 300), (240, 240, 240))).lines == ()


def test_without_models_reads_nothing_and_says_why(no_models):
    result = ocr.read(PACKS / "pack_002.jpg")
    assert result.lines == ()
    assert "missing" in result.fallback
    assert not ocr.available()


def test_a_broken_model_file_falls_back(tmp_path, monkeypatch):
    (tmp_path / ocr.DET_MODEL).write_bytes(b"not an onnx model")
    (tmp_path / ocr.REC_MODEL).write_bytes(b"")
    monkeypatch.setenv(runtime.ENV_MODELS, str(tmp_path))
    runtime.forget()
    try:
        result = ocr.read(PACKS / "pack_002.jpg")
        assert result.lines == () and result.fallback
    finally:
        runtime.forget()


@pytest.mark.parametrize("content", [b"", b"GIF89a nonsense", b"%PDF-1.4 not a photo"])
def test_unreadable_files_get_a_clear_message(tmp_path, content):
    bad = tmp_path / "photo.jpg"
    bad.write_bytes(content)
    with pytest.raises(UnreadableImage) as caught:
        ocr.read(bad)
    assert "photo.jpg" in str(caught.value)
