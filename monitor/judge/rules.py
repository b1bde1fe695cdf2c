"""Evidence -> status: source tiers, thresholds, and a reason in words.

Default rules (design §4): one official source, or two distinct trusted sources, decide; official
outranks trusted; decisive evidence both ways at the deciding tier gives ``disputed``. Items that are
copies of one story count once, and one publisher counts once per side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from monitor.judge.outlet import outlet
from monitor.model import Decision, EvidenceView, RulePolicy, SourceTier, Stance, Status


def is_decisive(stance: Stance, tier: SourceTier) -> bool:
    """Whether evidence can move a status: it confirms or denies, from an official or trusted
    source. Reports never decide, and neither do other sources."""
    return stance is not Stance.REPORTS and tier is not SourceTier.OTHER


@dataclass(frozen=True, slots=True)
class _Side:
    """Decisive evidence for one stance at one tier: one entry per distinct publisher."""

    stance: Stance
    by_source: dict[str, EvidenceView]

    @property
    def count(self) -> int:
        return len(self.by_source)

    def describe(self) -> str:
        parts = [f'{src} ("{_short(ev.title)}")' for src, ev in sorted(self.by_source.items())]
        return ", ".join(parts)

    def ids(self) -> tuple[int, ...]:
        return tuple(sorted(ev.id for ev in self.by_source.values()))


def _short(title: str, limit: int = 80) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


def _side(evidence: Sequence[EvidenceView], stance: Stance, tiers: set[SourceTier]) -> _Side:
    by_source: dict[str, EvidenceView] = {}
    seen_stories: set[str] = set()
    # Oldest first, so the reason names the items that got there first.
    for ev in sorted(evidence, key=lambda e: e.id):
        if ev.stance is not stance or ev.source_tier not in tiers:
            continue
        story = ev.story_key or f"id:{ev.id}"
        if story in seen_stories:
            continue  # a syndicated copy of a story already counted
        seen_stories.add(story)
        # One outlet counts once: uk.reuters.com and www.reuters.com are reuters.com.
        by_source.setdefault(outlet(ev.source) or (ev.source or "?").lower(), ev)
    return _Side(stance, by_source)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


DEFAULT_POLICY = RulePolicy()


def decide(evidence: Sequence[EvidenceView], policy: RulePolicy = DEFAULT_POLICY) -> Decision:
    """The status the evidence supports now, with the rule and the items that decided it."""
    evidence = [ev for ev in evidence if is_decisive(ev.stance, ev.source_tier)]
    tiers: list[tuple[str, set[SourceTier], int]] = [
        ("official", {SourceTier.OFFICIAL}, policy.official_needed),
        # Official publishers are at least as credible as trusted ones, so they count here too.
        ("trusted", {SourceTier.OFFICIAL, SourceTier.TRUSTED}, policy.trusted_needed),
    ]
    for name, tier_set, needed in tiers:
        confirm = _side(evidence, Stance.CONFIRMS, tier_set)
        deny = _side(evidence, Stance.DENIES, tier_set)
        confirmed, denied = confirm.count >= needed, deny.count >= needed
        rule = f"{_plural(needed, name + ' source')} needed"
        if confirmed and denied:
            return Decision(
                Status.DISPUTED,
                f"{name} sources disagree ({rule}): confirmed by {confirm.describe()}; "
                f"denied by {deny.describe()}",
                tuple(sorted(confirm.ids() + deny.ids())),
            )
        if confirmed:
            return Decision(
                Status.CONFIRMED,
                f"confirmed by {_plural(confirm.count, name + ' source')} ({rule}): {confirm.describe()}",
                confirm.ids(),
            )
        if denied:
            return Decision(
                Status.DENIED,
                f"denied by {_plural(deny.count, name + ' source')} ({rule}): {deny.describe()}",
                deny.ids(),
            )
    return Decision(
        Status.UNVERIFIED,
        "no decisive evidence: needs "
        f"{_plural(policy.official_needed, 'official source')} or "
        f"{_plural(policy.trusted_needed, 'distinct trusted source')} confirming or denying",
        (),
    )


def next_status(
    current: Status,
    pinned: bool,
    evidence: Sequence[EvidenceView],
    policy: RulePolicy = DEFAULT_POLICY,
) -> Decision | None:
    """The decision to record, or None when the status stays (or is pinned by a person)."""
    if pinned:
        return None
    decision = decide(evidence, policy)
    return None if decision.status is current else decision
