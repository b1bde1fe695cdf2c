"""The judge as the service runs it: one entry point for the service, the parse workers,
``replay`` and ``eval``.

``judge_item`` is the one match + stance loop. ``Judge`` adds what an item's evidence needs beyond
it (the source tier) and decides a claim's status from its evidence. ``WorkerJudgeSpec`` carries
the configuration to the parse worker processes, which judge the items they parse (so judging uses
every core) and send back what they found.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from monitor.judge.match import Matcher
from monitor.judge.rules import is_decisive, next_status, source_tier
from monitor.judge.stance import classify_stance
from monitor.model import (
    Claim,
    ClaimState,
    Decision,
    EvidenceDraft,
    EvidenceView,
    Item,
    Judged,
    MatchKind,
    NewItem,
    RulePolicy,
    SourceTier,
)
from monitor.settings import LoadedSettings

if TYPE_CHECKING:
    from monitor.judge.semantic import SentenceEncoder


def judge_item(matcher: Matcher, claims: Mapping[str, Claim], item: Item) -> Judged:
    """Each claim ``item`` matches (or is a candidate for), with the item's stance towards it."""
    out = []
    for m in matcher.match(item.title, item.summary):
        claim = claims.get(m.claim_id)
        if claim is not None:
            out.append((m, classify_stance(claim, item.title, item.summary)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class WorkerJudgeSpec:
    """What matching and stance need, sent to the parse workers once when they start.

    ``key`` names the configuration: results judged under another one are not used.
    """

    claims: tuple[Claim, ...]
    match_threshold: float
    review_threshold: float
    # The sentence model's folder with semantic matching on, else "": part of the key, so that
    # switching it makes the daemon start new workers (which then leave judging to the service).
    semantic_model: str = ""

    @classmethod
    def from_settings(cls, loaded: LoadedSettings) -> WorkerJudgeSpec:
        m = loaded.settings.matching
        folder = loaded.semantic_model_dir
        return cls(tuple(loaded.claims()), m.match_threshold, m.review_threshold, str(folder or ""))

    @property
    def key(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:32]

    def build(self) -> WorkerJudge:
        """The judge of a parse worker (in the worker process)."""
        return WorkerJudge(self)


class WorkerJudge:
    """Matches and classifies the items a parse worker parsed (see ``ingest.pool``)."""

    def __init__(self, spec: WorkerJudgeSpec) -> None:
        if spec.semantic_model:  # the service judges then (one copy of the sentence model)
            raise ValueError("semantic matching is judged in the service process")
        self.key = spec.key
        self.claims = {c.id: c for c in spec.claims}
        self.matcher = Matcher(
            list(spec.claims),
            match_threshold=spec.match_threshold,
            review_threshold=spec.review_threshold,
        )

    def judge(self, items: Sequence[Item]) -> list[Judged]:
        return [judge_item(self.matcher, self.claims, item) for item in items]


def load_encoder(loaded: LoadedSettings) -> SentenceEncoder | None:
    """The sentence encoder when `[matching] semantic` is on; a ConfigError says what is missing."""
    folder = loaded.semantic_model_dir
    if folder is None:
        return None
    problem = loaded.semantic_problem()
    if problem:
        raise problem
    from monitor.judge.semantic import load

    return load(str(folder))


@dataclass
class Judge:
    """Everything the judgement needs, built once per configuration."""

    claims: dict[str, Claim]
    matcher: Matcher
    trusted: tuple[str, ...]
    policies: dict[str, RulePolicy]
    default_policy: RulePolicy
    # Names the claims and thresholds (WorkerJudgeSpec.key): parse workers' results under the
    # same key are what ``judge_item`` would find here.
    key: str = ""

    @classmethod
    def from_settings(cls, loaded: LoadedSettings) -> Judge:
        s = loaded.settings
        claims = loaded.claims()
        return cls(
            claims={c.id: c for c in claims},
            matcher=Matcher(
                claims,
                match_threshold=s.matching.match_threshold,
                review_threshold=s.matching.review_threshold,
                semantic=load_encoder(loaded),
            ),
            trusted=tuple(x.lower() for x in s.sources.trusted),
            policies={c.id: loaded.rule_policy(c.id) for c in claims},
            default_policy=RulePolicy(s.rules.official_needed, s.rules.trusted_needed),
            key=WorkerJudgeSpec.from_settings(loaded).key,
        )

    def assess(
        self,
        new_items: Sequence[NewItem],
        feed_url: str = "",
        judged: Mapping[str, Judged | None] | None = None,
    ) -> list[EvidenceDraft]:
        """Match each new item against the claims; stance and source tier for every match.

        ``judged``: matches and stances already found (by a parse worker, under this judge's
        key) by dedup key; items not in it are judged here.
        """
        known = judged or {}
        if self.matcher.encoder is not None:
            # Semantic matching encodes the headlines to judge here in one batch.
            self.matcher.embed([n.item.title for n in new_items if known.get(n.item.dedup_key) is None])
        drafts: list[EvidenceDraft] = []
        for new in new_items:
            item = new.item
            found = known.get(item.dedup_key)
            pairs = found if found is not None else judge_item(self.matcher, self.claims, item)
            # An item's tier depends on the claim only through its official sources, which most
            # claims share (none): one source_tier per distinct list, not one per match, since
            # each walks the whole trusted list.
            tiers: dict[tuple[str, ...], SourceTier] = {}
            for m, stance in pairs:
                claim = self.claims.get(m.claim_id)
                if claim is None:
                    continue
                tier = tiers.get(claim.official_sources)
                if tier is None:
                    tier = tiers[claim.official_sources] = source_tier(
                        item.source, item.link, claim.official_sources, self.trusted, feed_url
                    )
                drafts.append(
                    EvidenceDraft(
                        claim_id=claim.id,
                        item_id=new.id,
                        score=m.score,
                        kind=m.kind,
                        stance=stance.stance,
                        stance_confidence=stance.confidence,
                        cues=stance.cues,
                        matched_terms=m.matched_terms,
                        why=m.why,
                        source=item.source,
                        source_tier=tier,
                    )
                )
        return drafts

    def decide(self, claim: ClaimState, evidence: Sequence[EvidenceView]) -> Decision | None:
        """The status change the claim's evidence calls for, or None (see rules.next_status)."""
        policy = self.policies.get(claim.id, self.default_policy)
        return next_status(claim.status, claim.pinned, evidence, policy)


def claims_to_decide(drafts: Sequence[EvidenceDraft]) -> list[str]:
    """The claims whose status new evidence may move, in a fixed (sorted) order: only decisive
    matches (confirming or denying, from an official or trusted source) can move a status."""
    return sorted(
        {
            d.claim_id
            for d in drafts
            if d.kind is MatchKind.MATCH and is_decisive(d.stance, d.source_tier)
        }
    )


def worker_judge_spec(loaded: LoadedSettings) -> WorkerJudgeSpec | None:
    """What the parse workers judge with; None with semantic matching on, which is judged in the
    service process (one copy of the sentence model, a feed's headlines encoded in one batch)."""
    return None if loaded.settings.matching.semantic else WorkerJudgeSpec.from_settings(loaded)
