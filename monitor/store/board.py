"""The reads of the web page and API: claims a page at a time, with their evidence counted in SQL.

A board of 10,000 claims and a million pieces of evidence is read a page at a time: the claims of
the page first (filtered, ordered by id), then one grouped query over their evidence only, so a
page costs the same however large the database grows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from monitor.model import MatchKind
from monitor.store import schema as t


def _filtered(
    status: str | None, search: str | None, include_archived: bool, claim_id: str | None
) -> Select[Any]:
    c = t.claims
    q = select(c)
    if claim_id is not None:
        q = q.where(c.c.id == claim_id)
    if not include_archived:
        q = q.where(c.c.archived.is_(False))
    if status:
        q = q.where(c.c.status == status)
    if search:
        # LIKE with the user's text as a literal: % and _ in it match themselves.
        pattern = "%" + search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        q = q.where(
            or_(
                func.lower(c.c.id).like(pattern, escape="\\"),
                func.lower(c.c.text).like(pattern, escape="\\"),
            )
        )
    return q


def claims_page(
    conn: Connection,
    *,
    status: str | None = None,
    search: str | None = None,
    include_archived: bool = False,
    claim_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """A page of claims as ``status --json`` shows them (ordered by id), and how many match.
    ``claim_id``: that claim alone; ``limit`` None: all of them (what ``status`` lists)."""
    q = _filtered(status, search, include_archived, claim_id)
    total = int(conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())
    q = q.order_by(t.claims.c.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    rows = list(conn.execute(q))
    # A page or one claim: the counts of its claims only; every claim (`status`): one pass over
    # all evidence. (One claim counted all of it: the API's claim took 1.5 s at 1M evidence rows.)
    some = limit is not None or claim_id is not None
    counts = _kind_counts(conn, [r.id for r in rows] if some else None) if rows else {}
    return [
        {
            "id": r.id,
            "text": r.text,
            "status": r.status,
            "since": r.status_since,
            "pinned": bool(r.pinned),
            "archived": bool(r.archived),
            **counts.get(r.id, _NO_EVIDENCE),
        }
        for r in rows
    ], total


_NO_EVIDENCE = {"evidence": 0, "candidates": 0, "rejected": 0}


def _counted(kind: str, review: str | None) -> bool:
    """Evidence the rules count: a match or an accepted candidate, never what a person rejected."""
    return review == "accepted" or (kind == MatchKind.MATCH.value and review != "rejected")


def _kind_counts(conn: Connection, claim_ids: Sequence[str] | None) -> dict[str, dict[str, int]]:
    """Per claim (of these claims, or of all: None): ``evidence`` the rules count, ``candidates``
    still waiting for review, ``rejected`` the ones a person turned down."""
    e = t.evidence
    q = select(e.c.claim_id, e.c.kind, e.c.review, func.count().label("n")).group_by(
        e.c.claim_id, e.c.kind, e.c.review
    )
    if claim_ids is not None:
        q = q.where(e.c.claim_id.in_(list(claim_ids)))
    out: dict[str, dict[str, int]] = {}
    for r in conn.execute(q):
        entry = out.setdefault(r.claim_id, dict(_NO_EVIDENCE))
        if _counted(r.kind, r.review):
            entry["evidence"] += int(r.n)
        elif r.review == "rejected":
            entry["rejected"] += int(r.n)
        elif r.kind == MatchKind.REVIEW.value and r.review is None:
            entry["candidates"] += int(r.n)
    return out


def breakdown(conn: Connection, claim_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per claim: its evidence counted by stance and source tier (``counts[stance][tier]``), and
    when the newest arrived. Evidence is what the rules read: matches and accepted candidates,
    not what a person rejected."""
    if not claim_ids:
        return {}
    e = t.evidence
    q = (
        select(
            e.c.claim_id, e.c.kind, e.c.review, e.c.stance, e.c.source_tier,
            func.count().label("n"), func.max(e.c.created_at).label("last"),
        )
        .where(e.c.claim_id.in_(list(claim_ids)))
        .group_by(e.c.claim_id, e.c.kind, e.c.review, e.c.stance, e.c.source_tier)
    )
    out: dict[str, dict[str, Any]] = {
        cid: {"counts": {}, "last_evidence_at": None} for cid in claim_ids
    }
    for r in conn.execute(q):
        if not _counted(r.kind, r.review):
            continue
        entry = out[r.claim_id]
        by_tier = entry["counts"].setdefault(r.stance, {})
        by_tier[r.source_tier] = by_tier.get(r.source_tier, 0) + int(r.n)
        last = _aware(r.last)
        if last is not None and (entry["last_evidence_at"] is None or last > entry["last_evidence_at"]):
            entry["last_evidence_at"] = last
    return out


def _aware(value: Any) -> datetime | None:
    # max() over a UTCDateTime column comes back untyped on SQLite: a naive UTC value or text.
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    stored: datetime = value
    return stored if stored.tzinfo else stored.replace(tzinfo=UTC)


def evidence_points(conn: Connection, claim_id: str) -> list[tuple[datetime, str, str]]:
    """(when, stance, tier) of each piece of a claim's evidence, oldest first, for its chart.
    When: the item's publication time, or when it was stored if it has none or claims a later
    one (a feed's future date must not stretch the chart)."""
    e, i = t.evidence, t.items
    q = (
        select(e.c.created_at, i.c.published_at, e.c.stance, e.c.source_tier)
        .join(i, i.c.id == e.c.item_id)
        .where(
            e.c.claim_id == claim_id,
            or_(e.c.kind == MatchKind.MATCH.value, e.c.review == "accepted"),
            or_(e.c.review.is_(None), e.c.review != "rejected"),
        )
    )
    points = [
        (min(r.published_at, r.created_at) if r.published_at else r.created_at, r.stance, r.source_tier)
        for r in conn.execute(q)
    ]
    return sorted(points, key=lambda p: p[0])


def count_evidence(conn: Connection, claim_id: str | None, kind: MatchKind | None) -> int:
    e = t.evidence
    q = select(func.count()).select_from(e)
    if claim_id:
        q = q.where(e.c.claim_id == claim_id)
    if kind is not None:
        q = q.where(e.c.kind == kind.value)
    return int(conn.execute(q).scalar_one())


def count_changes(conn: Connection, claim_id: str | None) -> int:
    sc = t.status_changes
    q = select(func.count()).select_from(sc)
    if claim_id:
        q = q.where(sc.c.claim_id == claim_id)
    return int(conn.execute(q).scalar_one())


def status_counts(conn: Connection) -> dict[str, int]:
    """How many claims (not archived) have each status."""
    c = t.claims
    q = select(c.c.status, func.count().label("n")).where(c.c.archived.is_(False)).group_by(c.c.status)
    return {r.status: int(r.n) for r in conn.execute(q)}


def ping(conn: Connection) -> None:
    """A round trip to the database (readiness probes)."""
    conn.execute(select(1)).scalar_one()
