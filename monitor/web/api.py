"""The JSON API under /api/: each list in the shape ``rumour-monitor ... --json`` prints, a page
at a time (``limit``, ``offset``); the total is in ``X-Total-Count`` and the next page in a
``Link: <...>; rel="next"`` header. Writes need ``Authorization: Bearer <token>``."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field

from monitor.alerts.webhooks import delivery_views
from monitor.clock import utcnow
from monitor.errors import ClaimNotFound
from monitor.model import MatchKind, Status
from monitor.redact import redact
from monitor.service import feeds_overview
from monitor.store.outbox import count_deliveries, list_deliveries
from monitor.web import actions
from monitor.web.app import MAX_PAGE_SIZE, PAGE_SIZE, CliJSONResponse, WebContext

router = APIRouter(prefix="/api", tags=["api"], default_response_class=CliJSONResponse)

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per page")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]


def _ctx(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.ctx
    return ctx


def _page(request: Request, rows: list[Any], total: int, limit: int, offset: int) -> CliJSONResponse:
    headers = {"X-Total-Count": str(total)}
    if offset + limit < total:
        nxt = request.url.include_query_params(limit=limit, offset=offset + limit)
        headers["Link"] = f'<{nxt}>; rel="next"'
    return CliJSONResponse(rows, headers=headers)


def _claim(ctx: WebContext, claim_id: str) -> dict[str, Any]:
    row = ctx.store.claim(claim_id)
    if row is None:
        raise ClaimNotFound(claim_id)
    return row


@router.get("/claims", summary="Claims with status and counts (as `status --json`)")
def claims(
    request: Request,
    status: Annotated[Status | None, Query(description="only claims with this status")] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the id or claim")] = None,
    archived: Annotated[bool, Query(description="include archived claims")] = False,
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> CliJSONResponse:
    rows, total = _ctx(request).store.claims_page(
        status=status.value if status else None, search=q, include_archived=archived,
        limit=limit, offset=offset,
    )
    return _page(request, rows, total, limit, offset)


@router.get("/claims/{claim_id}", summary="One claim: status, aliases, sources, the current reason")
def claim(request: Request, claim_id: str) -> CliJSONResponse:
    ctx = _ctx(request)
    row = _claim(ctx, claim_id)
    (entry,), _ = ctx.store.claims_page(claim_id=claim_id, include_archived=True)
    last = ctx.store.history(claim_id, limit=1, newest_first=True)
    breakdown = ctx.store.evidence_breakdown([claim_id])[claim_id]
    return CliJSONResponse({
        **entry,
        "aliases": row["aliases"],
        "official_sources": row["official_sources"],
        "reason": last[0].reason if last else None,
        "evidence_by_stance": breakdown["counts"],
        "last_evidence_at": breakdown["last_evidence_at"],
    })


@router.get("/history", summary="Status changes of all claims, oldest first (as `history --json`)")
def history(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> CliJSONResponse:
    store = _ctx(request).store
    rows = [c.as_dict() for c in store.history(None, limit=limit, offset=offset)]
    return _page(request, rows, store.count_changes(None), limit, offset)


@router.get("/claims/{claim_id}/history", summary="A claim's status changes (as `history ID --json`)")
def claim_history(request: Request, claim_id: str, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> CliJSONResponse:
    ctx = _ctx(request)
    _claim(ctx, claim_id)
    rows = [c.as_dict() for c in ctx.store.history(claim_id, limit=limit, offset=offset)]
    return _page(request, rows, ctx.store.count_changes(claim_id), limit, offset)


@router.get("/claims/{claim_id}/evidence", summary="A claim's evidence (as `evidence ID --json`)")
def evidence(
    request: Request,
    claim_id: str,
    review: Annotated[bool, Query(description="candidates waiting for review instead")] = False,
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> CliJSONResponse:
    ctx = _ctx(request)
    _claim(ctx, claim_id)
    kind = MatchKind.REVIEW if review else MatchKind.MATCH
    rows = ctx.store.evidence_list(claim_id, kind, limit=limit, offset=offset)
    return _page(request, rows, ctx.store.count_evidence(claim_id, kind), limit, offset)


@router.get("/review", summary="Candidates of every claim (as `evidence --review --json`)")
def review_queue(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> CliJSONResponse:
    store = _ctx(request).store
    rows = store.evidence_list(None, MatchKind.REVIEW, limit=limit, offset=offset)
    return _page(request, rows, store.count_evidence(None, MatchKind.REVIEW), limit, offset)


@router.get("/feeds", summary="Feeds with state and schedule (as `feeds --json`)")
def feeds(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> CliJSONResponse:
    rows = [redact(r) for r in feeds_overview(_ctx(request).loaded, _ctx(request).store)]
    return _page(request, rows[offset : offset + limit], len(rows), limit, offset)


@router.get("/deliveries", summary="Webhook deliveries, newest first (as `deliveries --json`)")
def deliveries(
    request: Request,
    state: Annotated[Literal["pending", "dead"] | None, Query(description="only these")] = None,
    limit: Limit = PAGE_SIZE,
    offset: Offset = 0,
) -> CliJSONResponse:
    engine = _ctx(request).store.engine
    dead = True if state == "dead" else None
    pending = True if state == "pending" else None
    rows = list_deliveries(engine, dead=dead, pending=pending, limit=limit, offset=offset)
    now = utcnow()
    views = delivery_views(engine, rows, now)
    total = count_deliveries(engine, dead=dead, pending=pending)
    return _page(request, views, total, limit, offset)


# ---- writes (token) -------------------------------------------------------------------------------


class Review(BaseModel):
    verdict: Literal["accepted", "rejected"]


class SetStatus(BaseModel):
    status: Status
    reason: str = Field(min_length=1, max_length=2000)


class Done(BaseModel):
    ok: bool
    message: str
    at: datetime


def _writer(request: Request) -> None:
    """Before the body is read: is this request allowed to write? (401/403 if not)"""
    _ctx(request).auth.check_write(request)


def _done(message: str) -> CliJSONResponse:
    return CliJSONResponse({"ok": True, "message": message, "at": utcnow()})


@router.post("/evidence/{evidence_id}/review", summary="Accept or reject a candidate (token)",
             response_model=Done, dependencies=[Depends(_writer)])
def post_review(request: Request, evidence_id: int, body: Review) -> CliJSONResponse:
    ctx = _ctx(request)
    return _done(actions.review(ctx, evidence_id, body.verdict))


@router.post("/claims/{claim_id}/status", summary="Set and pin a claim's status (token)",
             response_model=Done, dependencies=[Depends(_writer)])
def post_status(request: Request, claim_id: str, body: SetStatus) -> CliJSONResponse:
    ctx = _ctx(request)
    return _done(actions.set_status(ctx, claim_id, body.status, body.reason))


@router.post("/claims/{claim_id}/unpin", summary="Hand a claim back to the rules (token)",
             response_model=Done, dependencies=[Depends(_writer)])
def post_unpin(request: Request, claim_id: str) -> CliJSONResponse:
    ctx = _ctx(request)
    return _done(actions.unpin(ctx, claim_id))


@router.post("/deliveries/{delivery_id}/redeliver", summary="Queue a delivery again (token)",
             response_model=Done, dependencies=[Depends(_writer)])
def post_redeliver(request: Request, delivery_id: int) -> CliJSONResponse:
    ctx = _ctx(request)
    return _done(actions.redeliver_one(ctx, delivery_id))
