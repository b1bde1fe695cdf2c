"""False matches out of distribution: the HELD half of the Snopes claims (scripts/unrelated.py),
none of them about the Emergent claims, as headlines (title only) against the first 200 Emergent
claims, as bench/ingest.py tracks them.

    python scripts/ood.py [--semantic] [--model PATH] [--examples 5]

Prints matches and review candidates per sentence at the default thresholds, and the highest
scoring pairs. No model is trained on the HELD half (the TRAIN half is used only when
scripts/train_match.py is given `--unrelated-weight`; off by default).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_stance import DEFAULT_DATA  # noqa: E402
from unrelated import sentences  # noqa: E402

from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD  # noqa: E402
from monitor.judge.match import Matcher  # noqa: E402
from monitor.judge.relatedness import RelatednessModel  # noqa: E402
from monitor.model import Claim, MatchKind  # noqa: E402


def tracked_claims(path: Path = DEFAULT_DATA, n: int = 200) -> list[Claim]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        texts = list(dict.fromkeys(r["claim"].strip() for r in csv.DictReader(f)))
    return [Claim(id=f"claim-{i}", text=t) for i, t in enumerate(t for t in texts if len(t) > 10)][:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--semantic", action="store_true")
    ap.add_argument("--model", help="a match_model.json other than the shipped one")
    ap.add_argument("--match-threshold", type=float, default=DEFAULT_MATCH_THRESHOLD)
    ap.add_argument("--review-threshold", type=float, default=DEFAULT_REVIEW_THRESHOLD)
    ap.add_argument("--examples", type=int, default=5)
    ap.add_argument("--half", default="held", choices=("held", "train"))
    a = ap.parse_args()
    kw: dict[str, object] = {}
    if a.model:
        doc = json.loads(Path(a.model).read_text(encoding="utf-8"))
        kw["relatedness"] = RelatednessModel.from_dict(doc)
        kw["semantic_relatedness"] = RelatednessModel.from_dict(
            {"features": doc["features"], **doc["semantic"]}
        )
        if "english" in doc:
            kw["english_relatedness"] = RelatednessModel.from_dict({"features": doc["features"], **doc["english"]})
    if a.semantic:
        from monitor.judge.semantic import load as load_encoder
        from monitor.judge.semantic import load_english

        kw["semantic"] = load_encoder()
        kw["english"] = load_english()
    claims = tracked_claims()
    texts = sentences(a.half)  # type: ignore[arg-type]
    m = Matcher(claims, a.match_threshold, a.review_threshold, **kw)  # type: ignore[arg-type]
    found = m.match_many([(t, "") for t in texts])
    hits = [(x.score, t, claims[int(x.claim_id.split("-")[1])].text, x.kind) for t, ms in zip(texts, found, strict=True) for x in (ms or [])]
    n = len(texts)
    matches = sum(1 for h in hits if h[3] == MatchKind.MATCH)
    reviews = sum(1 for h in hits if h[3] == MatchKind.REVIEW)
    items_matched = sum(1 for ms in found if any(x.kind == MatchKind.MATCH for x in ms or []))
    print(
        f"{n} held-out sentences, {len(claims)} claims, semantic {'on' if a.semantic else 'off'}: "
        f"matches/sentence {matches / n:.3f} (sentences with a match {items_matched / n:.3f}), "
        f"review candidates/sentence {reviews / n:.3f}"
    )
    for s, t, c, _ in sorted(hits, reverse=True)[: a.examples]:
        print(f"  {s:5.1f} | {t[:80]} || {c[:70]}")


if __name__ == "__main__":
    main()
