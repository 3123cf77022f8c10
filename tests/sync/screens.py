"""Helpers of the window tests here: save a screenshot when ``TAVYONIX_SCREENSHOTS`` names a folder, and find
English left in a Hindi screen."""

from __future__ import annotations

import os
import re
from pathlib import Path

LATIN_WORDS = re.compile(r"[A-Za-z]{3,}")


def shot(widget, name: str) -> None:
    folder = os.environ.get("TAVYONIX_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / name))


def english_in(texts: list[str], *, allowed: tuple[str, ...] = ()) -> list[str]:
    """The texts that still hold an English word (three letters or more), once ``allowed`` words are taken out."""
    out = []
    for text in texts:
        bare = text
        for word in allowed:
            bare = bare.replace(word, "")
        if LATIN_WORDS.search(bare):
            out.append(text)
    return out
