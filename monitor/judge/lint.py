"""Warnings about a configuration's claims that loads fine but will judge badly (`check-config`)."""

from __future__ import annotations

from collections.abc import Sequence

from monitor.judge.index import ClaimIndex
from monitor.judge.outlet import host_of, is_aggregator, is_public_suffix
from monitor.judge.text import fold
from monitor.model import Claim


def claim_warnings(claims: Sequence[Claim]) -> list[str]:
    """What may make these claims match nothing, match alike, or be decided by anyone."""
    out: list[str] = []
    index = ClaimIndex([(c.text, *c.aliases) for c in claims])
    for c, terms in zip(claims, index.claims, strict=True):
        if not terms.weights:
            out.append(
                f"claim {c.id}: no words to match on in its text or aliases; write the claim "
                "with its names and the event, in any language"
            )
        out += [w for w in (_official_warning(c, source) for source in c.official_sources) if w]
    seen: dict[tuple[frozenset[str], tuple[tuple[str, ...], ...]], str] = {}
    groups: dict[tuple[tuple[str, ...], ...], str] = {}
    for c, terms in zip(claims, index.claims, strict=True):
        require = tuple(sorted(tuple(sorted(fold(a) for a in g)) for g in c.require))
        key = (frozenset(terms.weights), require)
        identical = bool(terms.weights) and key in seen
        if identical:
            out.append(
                f"claims {seen[key]} and {c.id}: the same words and require groups; no item can "
                "tell them apart (say what differs, or merge them)"
            )
        seen.setdefault(key, c.id)
        if require and require in groups and not identical:
            out.append(
                f"claims {groups[require]} and {c.id}: the same require groups; a headline about "
                "one passes the other's too, and only their wording keeps them apart"
            )
        groups.setdefault(require, c.id)
    return out


def _official_warning(claim: Claim, source: str) -> str:
    domain = host_of(source) if "://" in source else source.strip().lower()
    if is_public_suffix(domain):
        return (
            f"claim {claim.id}: official source {source!r} is a public suffix: anyone can publish "
            "under it; name the organisation's own domain"
        )
    if is_aggregator(source if "://" in source else f"https://{domain}/news") or domain in (
        "news.google.com",
        "bing.com",
        "www.bing.com",
    ):
        return (
            f"claim {claim.id}: official source {source!r} is a news aggregator, which carries "
            "everyone's stories; name the organisation's own domain"
        )
    return ""
