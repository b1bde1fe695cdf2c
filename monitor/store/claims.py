"""Claims, their evidence and their status changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, bindparam, func, insert, or_, select, update

from monitor.errors import EvidenceNotFound
from monitor.model import (
    Claim,
    ClaimState,
    EvidenceDraft,
    EvidenceView,
    MatchKind,
    RecordedChange,
    SourceTier,
    Stance,
    Status,
)
from monitor.store import schema as t
from monitor.store.bulk import Built, Statements, convert_one, insert_values, same
from monitor.store.items import story_key

_EVIDENCE_COLUMNS = (
    "claim_id", "item_id", "score", "kind", "stance", "stance_confidence", "cues",
    "matched_terms", "why", "source", "source_tier", "created_at", "provenance",
)
_EV_SCORE = _EVIDENCE_COLUMNS.index("score")
_EV_CONFIDENCE = _EVIDENCE_COLUMNS.index("stance_confidence")
_EV_CUES = _EVIDENCE_COLUMNS.index("cues")
_EV_TERMS = _EVIDENCE_COLUMNS.index("matched_terms")
_EV_CREATED = _EVIDENCE_COLUMNS.index("created_at")
# Converted by insert_evidence itself; any other column goes through Prepared.convert.
_EV_CONVERTED = frozenset({_EV_SCORE, _EV_CONFIDENCE, _EV_CUES, _EV_TERMS, _EV_CREATED})
# Enum members' stored values: a dict lookup is cheaper than the .value descriptor.
_ENUM_VALUES: dict[Any, str] = {m: m.value for e in (MatchKind, Stance, SourceTier) for m in e}

# Built once (SQLAlchemy reuses their compiled form): a claim, the claims judged.
_CLAIM = select(t.claims).where(t.claims.c.id == bindparam("claim_id"))
_CLAIMS = select(t.claims).where(t.claims.c.id.in_(bindparam("claim_ids", expanding=True)))
# Row locks are taken in the order rows come out: byte order, the order of Python's sorted().
_CLAIMS_FOR_UPDATE = _CLAIMS.order_by(t.claims.c.id.collate("C")).with_for_update()


def sync_claims(conn: Connection, wanted: Sequence[Claim], now: datetime) -> None:
    """Make the claims table match the configured claims: new ones start unverified, changed
    ones are updated, removed ones archived (their history is kept)."""
    c = t.claims
    existing = {r.id: r for r in conn.execute(select(c))}
    by_id = {claim.id: claim for claim in wanted}
    for cid, claim in by_id.items():
        values = {
            "text": claim.text,
            "aliases": list(claim.aliases),
            "require": [list(g) for g in claim.require],
            "official_sources": list(claim.official_sources),
            "archived": False,
        }
        row = existing.get(cid)
        if row is None:
            conn.execute(
                insert(c).values(
                    id=cid, status=Status.UNVERIFIED.value, status_since=now,
                    pinned=False, created_at=now, **values,
                )
            )
        elif any(getattr(row, k) != v for k, v in values.items()):
            conn.execute(update(c).where(c.c.id == cid).values(**values))
    for cid, row in existing.items():
        if cid not in by_id and not row.archived:
            conn.execute(update(c).where(c.c.id == cid).values(archived=True))


def _state(r: Row[Any]) -> ClaimState:
    return ClaimState(
        id=r.id, text=r.text, status=Status(r.status), pinned=bool(r.pinned),
        archived=bool(r.archived),
    )


def lock_claims(conn: Connection, claim_ids: Sequence[str], *, lock_rows: bool) -> dict[str, ClaimState]:
    """The claims' states by id. ``lock_rows`` (PostgreSQL): locked FOR UPDATE in id order (as
    ``sorted`` orders them: collation "C"), so that workers deciding on the same claims never
    deadlock and two never record the same change."""
    if not claim_ids:
        return {}
    q = _CLAIMS_FOR_UPDATE if lock_rows else _CLAIMS
    return {r.id: _state(r) for r in conn.execute(q, {"claim_ids": list(claim_ids)})}


def _decisive_evidence_query() -> Any:
    e, i = t.evidence, t.items
    return (
        select(
            e.c.claim_id, e.c.id, e.c.source, e.c.source_tier, e.c.stance, e.c.score, i.c.title,
            i.c.link, i.c.published_at, i.c.dedup_key, i.c.link_key, i.c.title_key,
        )
        .join(i, i.c.id == e.c.item_id)
        .where(
            e.c.claim_id.in_(bindparam("claim_ids", expanding=True)),
            or_(e.c.kind == MatchKind.MATCH.value, e.c.review == "accepted"),
            or_(e.c.review.is_(None), e.c.review != "rejected"),
            # A pre-selection only (judge.rules.is_decisive is the rule): reports and other
            # sources never decide, so they need not be read.
            e.c.stance != Stance.REPORTS.value,
            e.c.source_tier != SourceTier.OTHER.value,
        )
        .order_by(e.c.id)
    )


_DECISIVE_EVIDENCE = _decisive_evidence_query()


def decisive_evidence(conn: Connection, claim_ids: Sequence[str]) -> dict[str, list[EvidenceView]]:
    """Each claim's evidence that may decide its status, oldest first: one query for all."""
    views: dict[str, list[EvidenceView]] = {}
    if not claim_ids:
        return views
    for r in conn.execute(_DECISIVE_EVIDENCE, {"claim_ids": list(claim_ids)}):
        views.setdefault(r.claim_id, []).append(
            EvidenceView(
                id=r.id,
                source=r.source,
                source_tier=SourceTier(r.source_tier),
                stance=Stance(r.stance),
                score=r.score,
                title=r.title,
                link=r.link or "",
                published_at=r.published_at,
                story_key=story_key(r.dedup_key, r.link_key, r.title_key),
            )
        )
    return views


def _evidence_insert() -> Built:
    return insert_values(t.evidence, _EVIDENCE_COLUMNS, 1)


def insert_evidence(
    conn: Connection, sql: Statements, drafts: Sequence[EvidenceDraft], now: datetime
) -> None:
    if not drafts:
        return
    p = sql.get("evidence", _evidence_insert)
    procs = p.procs
    score, confidence = procs[_EV_SCORE] or same, procs[_EV_CONFIDENCE] or same
    at = convert_one(procs[_EV_CREATED], now)  # the batch's time: converted once, not per row
    cues_json, terms_json = sql.json_of(_EV_CUES, procs), sql.json_of(_EV_TERMS, procs)
    value = _ENUM_VALUES
    rows = [  # in _EVIDENCE_COLUMNS order
        (
            d.claim_id, d.item_id, score(round(d.score, 2)), value[d.kind], value[d.stance],
            confidence(round(d.stance_confidence, 3)), cues_json(d.cues),
            terms_json(d.matched_terms), d.why, d.source, value[d.source_tier], at, d.provenance,
        )
        for d in drafts
    ]
    p.executemany(conn, p.convert(rows, done=_EV_CONVERTED))


def record_change(
    conn: Connection,
    claim: ClaimState,
    to_status: Status,
    reason: str,
    evidence_ids: Sequence[int],
    actor: str,
    now: datetime,
    pin: bool | None = None,
) -> RecordedChange:
    """Append a status change and move the claim to it (pinned or unpinned when ``pin`` is set)."""
    fetched_at, published_at = deciding_item_times(conn, evidence_ids)
    change_id = conn.execute(
        insert(t.status_changes)
        .values(
            claim_id=claim.id,
            from_status=claim.status.value,
            to_status=to_status.value,
            reason=reason,
            evidence_ids=list(evidence_ids),
            at=now,
            actor=actor,
            fetched_at=fetched_at,
            published_at=published_at,
        )
        .returning(t.status_changes.c.id)
    ).scalar_one()
    values: dict[str, Any] = {"status": to_status.value, "status_since": now}
    if pin is not None:
        values["pinned"] = pin
    conn.execute(update(t.claims).where(t.claims.c.id == claim.id).values(**values))
    return RecordedChange(
        id=change_id,
        claim_id=claim.id,
        claim_text=claim.text,
        from_status=claim.status.value,
        to_status=to_status.value,
        reason=reason,
        at=now,
        actor=actor,
        evidence=tuple(evidence_details(conn, evidence_ids)),
        fetched_at=fetched_at,
        published_at=published_at,
    )


def deciding_item_times(
    conn: Connection, evidence_ids: Sequence[int]
) -> tuple[datetime | None, datetime | None]:
    """When the deciding item was fetched and published: of the evidence's items, the one
    fetched last (the change could not happen before it arrived). (None, None) without evidence."""
    if not evidence_ids:
        return None, None
    e, i = t.evidence, t.items
    row = conn.execute(
        select(i.c.fetched_at, i.c.published_at)
        .join(e, e.c.item_id == i.c.id)
        .where(e.c.id.in_(list(evidence_ids)))
        .order_by(i.c.fetched_at.desc(), i.c.id.desc())
        .limit(1)
    ).first()
    return (row.fetched_at, row.published_at) if row else (None, None)


def mark_committed(conn: Connection, change_ids: Sequence[int], at: datetime) -> None:
    """Record when these changes were committed (the first time only)."""
    sc = t.status_changes
    conn.execute(
        update(sc)
        .where(sc.c.id.in_(list(change_ids)), sc.c.committed_at.is_(None))
        .values(committed_at=at)
    )


def first_deliveries(conn: Connection, change_ids: Sequence[int]) -> dict[int, datetime]:
    """change id -> when its first alert was delivered (to any endpoint), for those delivered."""
    if not change_ids:
        return {}
    d, a = t.deliveries, t.delivery_attempts
    q = (
        select(d.c.status_change_id, func.min(a.c.at).label("first"))
        .join(a, a.c.delivery_id == d.c.id)
        .where(d.c.status_change_id.in_(list(change_ids)), a.c.outcome == "delivered")
        .group_by(d.c.status_change_id)
    )
    return {r.status_change_id: r.first for r in conn.execute(q)}


def set_pinned(conn: Connection, claim_id: str, pinned: bool) -> None:
    conn.execute(update(t.claims).where(t.claims.c.id == claim_id).values(pinned=pinned))


def set_review(conn: Connection, evidence_id: int, verdict: str) -> str:
    """Record a person's verdict (accepted | rejected) on evidence; returns its claim's id."""
    e = t.evidence
    claim_id: str | None = conn.execute(
        select(e.c.claim_id).where(e.c.id == evidence_id)
    ).scalar_one_or_none()
    if claim_id is None:
        raise EvidenceNotFound(evidence_id)
    conn.execute(update(e).where(e.c.id == evidence_id).values(review=verdict))
    return claim_id


def evidence_details(conn: Connection, evidence_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Evidence as a status change shows it (history, the status log, webhook payloads)."""
    if not evidence_ids:
        return []
    e, i = t.evidence, t.items
    q = (
        select(e, i.c.title, i.c.link, i.c.published_at)
        .join(i, i.c.id == e.c.item_id)
        .where(e.c.id.in_(list(evidence_ids)))
        .order_by(e.c.id)
    )
    return [
        {
            "id": r.id,
            "item_id": r.item_id,
            "title": r.title,
            "url": r.link,
            "source": r.source,
            "source_tier": r.source_tier,
            "stance": r.stance,
            "score": r.score,
            "published_at": r.published_at.isoformat() if r.published_at else None,
            "cues": r.cues,
            "matched_terms": r.matched_terms,
            "provenance": r.provenance,
        }
        for r in conn.execute(q)
    ]


# ---- reading ----------------------------------------------------------------------------------


def get(conn: Connection, claim_id: str) -> dict[str, Any] | None:
    r = conn.execute(_CLAIM, {"claim_id": claim_id}).one_or_none()
    return dict(r._mapping) if r else None


def history(
    conn: Connection,
    claim_id: str | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
    newest_first: bool = False,
) -> list[RecordedChange]:
    """Status changes, oldest first (``newest_first``: the other way), a page at a time."""
    sc, c = t.status_changes, t.claims
    order = (sc.c.at.desc(), sc.c.id.desc()) if newest_first else (sc.c.at, sc.c.id)
    q = select(sc, c.c.text).join(c, c.c.id == sc.c.claim_id).order_by(*order).offset(offset)
    if claim_id:
        q = q.where(sc.c.claim_id == claim_id)
    if limit is not None:
        q = q.limit(limit)
    return _recorded_rows(conn, list(conn.execute(q)))


def change_keys_from(conn: Connection, first_id: int) -> list[tuple[int, datetime]]:
    """The id and time of each status change from ``first_id`` on, in id order."""
    sc = t.status_changes
    q = select(sc.c.id, sc.c.at).where(sc.c.id >= first_id).order_by(sc.c.id)
    return [(r.id, r.at) for r in conn.execute(q)]


def changes_by_id(conn: Connection, ids: Sequence[int]) -> list[RecordedChange]:
    """These status changes, as ``history`` shows them, in id order."""
    sc, c = t.status_changes, t.claims
    q = (
        select(sc, c.c.text)
        .join(c, c.c.id == sc.c.claim_id)
        .where(sc.c.id.in_(list(ids)))
        .order_by(sc.c.id)
    )
    return _recorded_rows(conn, list(conn.execute(q))) if ids else []


def _recorded_rows(conn: Connection, rows: Sequence[Row[Any]]) -> list[RecordedChange]:
    delivered = first_deliveries(conn, [r.id for r in rows])
    return [_recorded(conn, r, delivered.get(r.id)) for r in rows]


def _recorded(conn: Connection, r: Row[Any], delivered_at: datetime | None) -> RecordedChange:
    return RecordedChange(
        id=r.id,
        claim_id=r.claim_id,
        claim_text=r.text,
        from_status=r.from_status,
        to_status=r.to_status,
        reason=r.reason,
        at=r.at,
        actor=r.actor,
        evidence=tuple(evidence_details(conn, r.evidence_ids or [])),
        fetched_at=r.fetched_at,
        published_at=r.published_at,
        committed_at=r.committed_at,
        delivered_at=delivered_at,
    )


def evidence_list(
    conn: Connection,
    claim_id: str | None,
    kind: MatchKind | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Evidence (or candidates) with their items, as ``evidence --json`` shows it."""
    e, i = t.evidence, t.items
    q = select(e, i.c.title, i.c.link, i.c.published_at, i.c.copies).join(i, i.c.id == e.c.item_id)
    if claim_id:
        q = q.where(e.c.claim_id == claim_id)
    if kind is not None:
        q = q.where(e.c.kind == kind.value)
    q = q.order_by(e.c.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    return [
        {
            "id": r.id,
            "claim_id": r.claim_id,
            "item_id": r.item_id,
            "title": r.title,
            "url": r.link,
            "source": r.source,
            "source_tier": r.source_tier,
            "provenance": r.provenance,
            "published_at": r.published_at,
            "score": r.score,
            "kind": r.kind,
            "stance": r.stance,
            "stance_confidence": r.stance_confidence,
            "cues": r.cues,
            "matched_terms": r.matched_terms,
            "why": r.why,
            "review": r.review,
            "copies": r.copies,
            "at": r.created_at,
        }
        for r in conn.execute(q)
    ]


def evidence_pairs(conn: Connection, claim_ids: Sequence[str], item_ids: Sequence[int]) -> set[tuple[str, int]]:
    """The (claim, item) pairs among these that already have evidence."""
    if not claim_ids or not item_ids:
        return set()
    e = t.evidence
    q = select(e.c.claim_id, e.c.item_id).where(
        e.c.claim_id.in_(list(claim_ids)), e.c.item_id.in_(list(item_ids))
    )
    return {(r.claim_id, r.item_id) for r in conn.execute(q)}


def statuses(conn: Connection) -> dict[str, tuple[str, bool]]:
    """Every claim not archived: id -> (status, pinned). Cheap: read every poll cycle."""
    c = t.claims
    q = select(c.c.id, c.c.status, c.c.pinned).where(c.c.archived.is_(False))
    return {r.id: (r.status, bool(r.pinned)) for r in conn.execute(q)}
