"""The sentencepiece-unigram tokenizer of multilingual-e5-small (XLM-R vocabulary), in plain Python.

It does what the ``tokenizers`` package does with e5's ``tokenizer.json``, without shipping that package:
normalise each character by the model's own table (NFKC-like: full-width to ASCII, compatibility
forms, control characters dropped), squeeze runs of spaces, mark word starts with "▁", and cut each
word into the pieces with the highest total log-probability (Viterbi). Queries and product titles
are short, so this costs well under a millisecond per text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

WORD_START = "▁"
UNK_PENALTY = 10.0  # sentencepiece scores an unknown character 10 below the least likely piece


@dataclass(frozen=True, slots=True)
class Encoded:
    ids: np.ndarray  # int64 [batch, seq]
    mask: np.ndarray  # int64 [batch, seq]


class UnigramTokenizer:
    def __init__(self, pieces: Sequence[tuple[str, float]], *, normalize: dict[int, str], bos: int, eos: int,
                 pad: int, unk: int) -> None:
        self.vocab: dict[str, tuple[int, float]] = {}
        for i, (piece, score) in enumerate(pieces):
            if i in (bos, eos, pad, unk):
                continue
            self.vocab.setdefault(piece, (i, float(score)))
        self.max_len = max(len(p) for p in self.vocab)
        self.unk_score = min(score for _, score in self.vocab.values()) - UNK_PENALTY
        self.table = {cp: rep for cp, rep in normalize.items()}
        self.bos, self.eos, self.pad, self.unk = bos, eos, pad, unk
        self._cache: dict[str, list[int]] = {}

    @classmethod
    def from_file(cls, path: Path) -> UnigramTokenizer:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls([tuple(p) for p in data["pieces"]], normalize={int(k): v for k, v in data["normalize"].items()},
                   bos=data["bos"], eos=data["eos"], pad=data["pad"], unk=data["unk"])

    def normalize(self, text: str) -> str:
        out = "".join(self.table.get(ord(ch), ch) for ch in text)
        # sentencepiece drops leading and trailing spaces and squeezes the rest (remove_extra_whitespaces)
        return " ".join(out.split())

    def tokenize(self, text: str) -> list[int]:
        """Piece ids of ``text`` without the sentence marks."""
        norm = self.normalize(text)
        ids: list[int] = []
        for word in norm.split(" "):
            if word:
                ids.extend(self._word(WORD_START + word))
        return ids

    def _word(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        n = len(word)
        best = [-np.inf] * (n + 1)
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)
        best[0] = 0.0
        for start in range(n):
            if best[start] == -np.inf:
                continue
            base = best[start]
            found_single = False
            for end in range(start + 1, min(n, start + self.max_len) + 1):
                hit = self.vocab.get(word[start:end])
                if hit is None:
                    continue
                if end == start + 1:
                    found_single = True
                score = base + hit[1]
                if score > best[end]:
                    best[end], back[end] = score, (start, hit[0])
            if not found_single and base + self.unk_score > best[start + 1]:
                best[start + 1], back[start + 1] = base + self.unk_score, (start, self.unk)
        ids: list[int] = []
        pos = n
        while pos > 0:
            start, piece = back[pos]
            ids.append(piece)
            pos = start
        ids.reverse()
        # consecutive unknown characters become one <unk>, as sentencepiece does
        fused = [i for k, i in enumerate(ids) if not (i == self.unk and k and ids[k - 1] == self.unk)]
        if len(self._cache) < 50_000:
            self._cache[word] = fused
        return fused

    def encode(self, texts: Sequence[str], *, max_tokens: int = 128) -> Encoded:
        """Padded id and mask arrays for a batch, each text as <s> pieces </s>, cut to ``max_tokens``."""
        rows = [[self.bos, *self.tokenize(t)[: max_tokens - 2], self.eos] for t in texts]
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad, dtype=np.int64)
        mask = np.zeros((len(rows), width), dtype=np.int64)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        return Encoded(ids=ids, mask=mask)
