"""`rumour-monitor eval PATH [--json]`: score the matcher and stance code on labelled pairs."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor.cli.context import plural
from monitor.cli.progress import progress_bar
from monitor.evaluate import EvalInputError, evaluate
from monitor.judge.defaults import DEFAULT_MATCH_THRESHOLD, DEFAULT_REVIEW_THRESHOLD

if TYPE_CHECKING:
    from monitor.cli.context import CliContext

# Emergent-style files can hold whole article bodies in `summary`.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval",
        help="score matching and stance on a labelled-pairs CSV",
        description=(
            "Score the real matcher and stance code on a labelled-pairs CSV "
            "(claim_id,claim,item_id,title,summary,source,label[,claim_truth]); each claim is "
            "described by its text only, with the default thresholds unless given."
        ),
    )
    p.add_argument("path", metavar="PATH", help="labelled-pairs CSV file")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument(
        "--match-threshold",
        type=float,
        default=DEFAULT_MATCH_THRESHOLD,
        help=f"score that counts as a match (default {DEFAULT_MATCH_THRESHOLD:g})",
    )
    p.add_argument(
        "--review-threshold",
        type=float,
        default=DEFAULT_REVIEW_THRESHOLD,
        help=f"score stored for review (default {DEFAULT_REVIEW_THRESHOLD:g})",
    )
    p.add_argument(
        "--lexical",
        action="store_true",
        help="score the fallback: words alone, without the sentence model (the default "
        "configuration has semantic matching on)",
    )
    p.add_argument(
        "--no-english",
        action="store_true",
        help="the multilingual sentence model reads English headlines too (the default "
        "configuration reads them with the English model: [matching] english_model)",
    )
    p.add_argument(
        "--by-language",
        action="store_true",
        help="also print ranking, recall, false matches and stance per language of the items",
    )
    p.add_argument(
        "--by-claim",
        action="store_true",
        help="also print each claim's recall, R@1, false matches and stance accuracy "
        "(worst recall first)",
    )
    p.add_argument(
        "--errors",
        type=int,
        nargs="?",
        const=20,
        default=0,
        metavar="N",
        help="also print up to N missed related pairs (with what the item matched best) and N "
        "false matches (default N: 20)",
    )
    p.set_defaults(handler=run_eval)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a labelled-pairs CSV; raises EvalInputError with a readable message."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError as e:
        raise EvalInputError(f"{path}: no such file") from e
    except (UnicodeDecodeError, csv.Error) as e:
        raise EvalInputError(f"{path}: not a UTF-8 CSV file ({e})") from e


def run_eval(args: argparse.Namespace, ctx: CliContext | None = None) -> int:
    path = Path(args.path)
    encoder = english = None
    if not args.lexical:
        from monitor.judge.semantic import ModelUnavailable, load, load_english

        try:
            encoder = load()
            english = None if args.no_english else load_english()
        except ModelUnavailable as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
    try:
        with progress_bar("eval", "items", enabled=not args.json) as progress:
            result = evaluate(
                read_rows(path), args.match_threshold, args.review_threshold, semantic=encoder,
                english=english, progress=progress,
            )
    except EvalInputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    result["semantic"] = encoder is not None
    result["english_model"] = english is not None
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(format_result(result, path))
        if args.by_claim:
            print(format_by_claim(result))
        if args.by_language:
            print(format_by_language(result))
        if args.errors > 0:
            print(format_errors(result, args.errors))
    return 0


def format_result(r: dict[str, Any], path: Path) -> str:
    rk, rel, st = r["ranking"], r["relatedness"], r["stance"]
    lines = [
        f"{path}: {plural(r['pairs'], 'pair')}, {plural(r['items'], 'item')}, "
        f"{plural(r['claims'], 'claim')} "
        f"({r['seconds']:.1f} s; match >= {r['match_threshold']:g}, "
        f"review >= {r['review_threshold']:g}"
        f"{'; semantic matching' if r.get('semantic') else ''}"
        f"{', English model' if r.get('english_model') else ''})",
        f"ranking      R@1 {rk['r_at_1']:.3f}   MRR {rk['mrr']:.3f}   ({plural(rk['items'], 'item')})",
        f"relatedness  accuracy {rel['accuracy']:.3f}   precision {rel['precision']:.3f}   "
        f"recall {rel['recall']:.3f}   F1 {rel['f1']:.3f}",
        f"false matches per item  {r['false_matches_per_item']:.3f}",
        f"stance       accuracy {st['accuracy']:.3f}   macro F1 {st['macro_f1']:.3f}   "
        f"({plural(st['pairs'], 'related pair')})",
        "  label \\ predicted   confirms  denies  reports",
    ]
    for label, row in st["confusion"].items():
        lines.append(f"  {label:<19} {row['confirms']:>8} {row['denies']:>7} {row['reports']:>8}")
    lines.append(f"FNC score    {r['fnc_score']:.3f}")
    return "\n".join(lines)


def _share(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def format_by_claim(r: dict[str, Any]) -> str:
    """One line per claim, worst recall first: where to look when tuning a claim's threshold."""
    rows = r["by_claim"]
    width = max([len("claim"), *(len(cid) for cid in rows)])
    lines = [
        "",
        f"{'claim':<{width}}  related  recall   R@1  false matches  stance  text",
    ]
    for cid, c in rows.items():
        lines.append(
            f"{cid:<{width}}  {c['related']:>7}  {_share(c['recall']):>6}  "
            f"{_share(c['r_at_1']):>4}  {c['false_matches']:>13}  "
            f"{_share(c['stance_accuracy']):>6}  {c['claim'][:60]}"
        )
    return "\n".join(lines)


def format_by_language(r: dict[str, Any]) -> str:
    """One line per language of the items."""
    lines = ["", "language  items   R@1  recall  false matches/item  stance"]
    for lang, x in r["by_language"].items():
        lines.append(
            f"{lang:<8}  {x['items']:>5}  {_share(x['r_at_1']):>4}  {_share(x['recall']):>6}  "
            f"{x['false_matches_per_item']:>18.3f}  {_share(x['stance_accuracy']):>6}"
        )
    return "\n".join(lines)


def format_errors(r: dict[str, Any], limit: int) -> str:
    """The lowest-scoring missed pairs and the highest-scoring false matches, each with its text."""
    missed, false = r["errors"]["missed"], r["errors"]["false_matches"]
    text = {cid: c["claim"] for cid, c in r["by_claim"].items()}

    def claim(cid: str) -> str:
        return f"{text.get(cid, '')[:70]} ({cid})"

    lines = ["", f"missed related pairs ({len(missed)}; lowest score first):"]
    for m in missed[:limit]:
        lines.append(f"  score {m['score']:g} < {m['threshold']:g}  {m['text']!r}")
        lines.append(f"      claim: {claim(m['claim_id'])}")
        if m["best_claim_id"] and m["best_claim_id"] != m["claim_id"]:
            lines.append(f"      best:  {claim(m['best_claim_id'])} scored {m['best_score']:g}")
    lines.append(f"false matches ({len(false)}; highest score first):")
    for f in false[:limit]:
        listed = ", listed as unrelated" if f["listed_unrelated"] else ""
        lines.append(f"  score {f['score']:g}{listed}  {f['text']!r}")
        lines.append(f"      claim: {claim(f['claim_id'])}")
    return "\n".join(lines)
