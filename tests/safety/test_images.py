"""Finding 5 of issue 12: a 466-byte PNG of 65000 x 2 pixels took 16.7 GB and 93 s in ``onboard``."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app.ml.images import MAX_SIDE, UnreadableImage, load_image


def _png(width: int, height: int) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 35)).save(buf, "PNG", optimize=True)
    return buf.getvalue()


@pytest.mark.parametrize("size", [(65000, 2), (2, 65000), (20000, 1000), (10, 10)])
def test_extreme_sizes_and_shapes_are_refused_from_the_header(size):
    started = time.perf_counter()
    with pytest.raises(UnreadableImage):
        load_image(_png(*size), name="strip.png")
    assert time.perf_counter() - started < 5


def test_no_model_ever_sees_more_than_the_cap():
    big = Image.fromarray(np.full((MAX_SIDE + 900, MAX_SIDE + 100, 3), 128, dtype=np.uint8))
    loaded = load_image(big).image
    assert max(loaded.size) == MAX_SIDE
    assert load_image(_png(800, 600)).image.size == (800, 600)  # ordinary photos are untouched


def test_onboard_on_the_bomb_fails_fast_within_a_small_memory_limit(tmp_path):
    """The whole command, in a process allowed 3 GB of address space, sets the photo aside with a message
    (onboarding asks for another photo rather than failing)."""
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(_png(65000, 2))
    assert bomb.stat().st_size < 1000
    root = Path(__file__).resolve().parents[2]

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (3 * 1024**3, 3 * 1024**3))

    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "app", "--data-dir", str(tmp_path / "home"), "onboard", str(bomb)],
                          cwd=root, capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert done.returncode == 0, done.stderr
    assert "could not be used" in done.stdout and "product photo" in done.stdout
    assert "Traceback" not in done.stderr
    assert time.perf_counter() - started < 60
