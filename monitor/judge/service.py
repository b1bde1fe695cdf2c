"""The judge as the service runs it: one entry point for the service, the parse workers,
``replay`` and ``eval``.

``judge_items`` is the one match + stance loop. ``Judge`` adds what an item's evidence needs beyond
it (the source tier) and decides a claim's status from its evidence. ``WorkerJudgeSpec`` carries
the configuration to the parse worker processes, which judge the items they parse (so judging uses
every core) and send back what they found.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from monitor.judge.defaults import DEFAULT_SEMANTIC_GATE
from monitor.judge.headline import matching_title
from monitor.judge.match import Matcher
from monitor.judge.provenance import FeedOrigin, assess_source
from monitor.judge.rules import is_decisive, next_status
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
    Stance,
    StanceResult,
)

# The settings only for type checking: a parse worker imports this module for WorkerJudge alone,
# and the settings' pydantic models would cost each worker 20 MB it never uses.
if TYPE_CHECKING:
    from monitor.judge.semantic import EnglishEncoder, SentenceEncoder, VectorStore
    from monitor.settings import ConfigError, LoadedSettings


def judge_items(
    matcher: Matcher,
    claims: Mapping[str, Claim],
    items: Sequence[Item],
    wanted: Sequence[bool] | None = None,
) -> list[Judged | None]:
    """For each item, each claim it matches (or is a candidate for), with its stance towards it;
    None for an item the matcher leaves to a process with the sentence model. ``wanted``: which
    headlines the sentence model should read, when a parse worker decided it already. A press
    release titled only by its kind is matched by its first sentence too (``judge.headline``)."""
    found = matcher.match_views([(matching_title(i.title, i.summary), i.summary) for i in items], wanted)
    out: list[Judged | None] = []
    for item, (view, matches) in zip(items, found, strict=True):
        if matches is None:
            out.append(None)
            continue
        pairs = []
        for m in matches:
            claim = claims.get(m.claim_id)
            if claim is not None:
                pairs.append((m, _stance_or_reports(claim, item, view.vector)))
        out.append(tuple(pairs))
    return out


# The first words of the cue of a stance that could not be read (the service logs such evidence).
STANCE_FAILED = "guard: stance could not be read"


def _stance_or_reports(claim: Claim, item: Item, vector: Sequence[float] | None) -> StanceResult:
    """The item's stance towards the claim; ``reports`` with the error in its cues when reading it
    fails. A fault in the stance rules on one odd headline must not cost the feed its items: they
    are stored, the match waits in the review queue, and the service logs the error."""
    try:
        return classify_stance(claim, item.title, item.summary, vector)
    except Exception as e:  # noqa: BLE001 - any fault of the rules; MemoryError too
        where = e.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        at = f" at {where.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{where.tb_lineno}" if where else ""
        return StanceResult(
            Stance.REPORTS,
            0.0,
            (f"{STANCE_FAILED} ({type(e).__name__}{at}: {str(e)[:120]}): reports, left for review",),
        )


@dataclass(frozen=True, slots=True)
class WorkerJudgeSpec:
    """What matching and stance need, sent to the parse workers once when they start.

    ``key`` names the configuration: results judged under another one are not used.
    """

    claims: tuple[Claim, ...]
    match_threshold: float
    review_threshold: float
    # Semantic matching on: the workers judge on words alone and leave the headlines the sentence
    # model should read to the service (one copy of the model). Part of the key, so switching it
    # makes the daemon start new workers.
    semantic: bool = False
    semantic_gate: float = DEFAULT_SEMANTIC_GATE

    @classmethod
    def from_settings(cls, loaded: LoadedSettings) -> WorkerJudgeSpec:
        m = loaded.settings.matching
        return cls(
            tuple(loaded.claims()), m.match_threshold, m.review_threshold, m.semantic, m.semantic_gate
        )

    @property
    def key(self) -> str:
        return hashlib.sha256(repr(self).encode()).hexdigest()[:32]

    def build(self) -> WorkerJudge:
        """The judge of a parse worker (in the worker process)."""
        return WorkerJudge(self)


class WorkerJudge:
    """Matches and classifies the items a parse worker parsed (see ``ingest.pool``)."""

    def __init__(self, spec: WorkerJudgeSpec) -> None:
        self.key = spec.key
        self.claims = {c.id: c for c in spec.claims}
        self.matcher = Matcher(
            list(spec.claims),
            match_threshold=spec.match_threshold,
            review_threshold=spec.review_threshold,
            defer_semantic=spec.semantic,
            semantic_gate=spec.semantic_gate,
        )

    def judge(self, items: Sequence[Item]) -> list[Judged | None]:
        return judge_items(self.matcher, self.claims, items)


def semantic_problem(loaded: LoadedSettings) -> ConfigError | None:
    """With semantic matching on, why the sentence model cannot load (file and fix), else None."""
    if not loaded.settings.matching.semantic:
        return None
    from monitor.judge.semantic import problem
    from monitor.settings import ConfigError

    found = problem()
    if found:
        return ConfigError(loaded.path, [("matching.semantic", found)])
    if loaded.settings.matching.english_model:
        from monitor.judge.semantic import english_problem

        found = english_problem()
        if found:
            return ConfigError(loaded.path, [("matching.english_model", found)])
    return None


def load_encoders(loaded: LoadedSettings) -> tuple[SentenceEncoder | None, EnglishEncoder | None]:
    """The sentence encoders `[matching]` asks for: the multilingual one when `semantic` is on,
    the English one when `english_model` is too; a ConfigError says what is missing."""
    m = loaded.settings.matching
    if not m.semantic:
        return None, None
    found = semantic_problem(loaded)
    if found:
        raise found
    from monitor.judge.semantic import load, load_english

    return load(), load_english() if m.english_model else None


@dataclass
class Judge:
    """Everything the judgement needs, built once per configuration."""

    claims: dict[str, Claim]
    matcher: Matcher
    trusted: tuple[str, ...]
    policies: dict[str, RulePolicy]
    default_policy: RulePolicy
    # Names the claims and thresholds (WorkerJudgeSpec.key): parse workers' results under the
    # same key are what ``judge_items`` would find here.
    key: str = ""

    @classmethod
    def from_settings(cls, loaded: LoadedSettings, vectors: VectorStore | None = None) -> Judge:
        """``vectors``: where claim vectors are kept between runs (the database)."""
        s = loaded.settings
        claims = loaded.claims()
        encoder, english = load_encoders(loaded)
        return cls(
            claims={c.id: c for c in claims},
            matcher=Matcher(
                claims,
                match_threshold=s.matching.match_threshold,
                review_threshold=s.matching.review_threshold,
                semantic=encoder,
                vector_store=vectors,
                semantic_gate=s.matching.semantic_gate,
                english=english,
            ),
            trusted=tuple(x.lower() for x in s.sources.trusted),
            policies={c.id: loaded.rule_policy(c.id) for c in claims},
            default_policy=RulePolicy(s.rules.official_needed, s.rules.trusted_needed),
            key=WorkerJudgeSpec.from_settings(loaded).key,
        )

    def assess(
        self,
        new_items: Sequence[NewItem],
        feed: FeedOrigin,
        judged: Mapping[str, Judged | None] | None = None,
    ) -> list[EvidenceDraft]:
        """Match each new item against the claims; stance, source tier and provenance for every
        match. ``feed``: where the items were fetched from (who published them).

        ``judged``: matches and stances already found (by a parse worker, under this judge's
        key) by dedup key; items not in it are judged here.
        """
        known = judged or {}
        todo = [n.item for n in new_items if known.get(n.item.dedup_key) is None]
        # A worker leaves an item to us (None) exactly when the sentence model should read it.
        deferred = None if judged is None else [i.dedup_key in judged for i in todo]
        # This matcher has the sentence model when it is on: it leaves nothing unjudged.
        here = {
            i.dedup_key: found or ()
            for i, found in zip(todo, judge_items(self.matcher, self.claims, todo, deferred), strict=True)
        }
        drafts: list[EvidenceDraft] = []
        for new in new_items:
            item = new.item
            found = known.get(item.dedup_key)
            pairs = found if found is not None else here[item.dedup_key]
            # An item's tier depends on the claim only through its official sources, which most
            # claims share (none): one assessment per distinct list, not one per match.
            tiers: dict[tuple[str, ...], tuple[SourceTier, str]] = {}
            for m, stance in pairs:
                claim = self.claims.get(m.claim_id)
                if claim is None:
                    continue
                sourced = tiers.get(claim.official_sources)
                if sourced is None:
                    sourced = tiers[claim.official_sources] = assess_source(
                        item, feed, claim.official_sources, self.trusted
                    )
                tier, provenance = sourced
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
                        provenance=provenance,
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


def worker_judge_spec(loaded: LoadedSettings) -> WorkerJudgeSpec:
    """What the parse workers judge with (on words alone; with semantic matching on, the
    headlines worth the sentence model are left to the service, which has one copy of it)."""
    return WorkerJudgeSpec.from_settings(loaded)
