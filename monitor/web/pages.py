"""The HTML pages: claims board, claim page (with its chart), review queue, feeds, deliveries,
login; and the Atom feeds of status changes. Every value from a feed is escaped by the templates
(Jinja2 autoescaping); forms that write need the login cookie and the page's CSRF token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from monitor.alerts.webhooks import delivery_views
from monitor.clock import utcnow
from monitor.errors import ClaimNotFound, InputError
from monitor.model import MatchKind, Status
from monitor.redact import redact
from monitor.service import feeds_overview
from monitor.store.outbox import list_deliveries
from monitor.web import actions
from monitor.web.app import PAGE_SIZE, WebContext
from monitor.web.atom import changes_feed
from monitor.web.auth import SESSION_COOKIE
from monitor.web.chart import STANCES, TIERS, evidence_chart
from monitor.web.views import Paging

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
STATUSES = [s.value for s in Status]
EVIDENCE_ON_PAGE = 100
ATOM_ENTRIES = 50


def _ctx(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.ctx
    return ctx


def _render(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    ctx = _ctx(request)
    logged_in = ctx.auth.logged_in(request)
    html = request.app.state.templates.get_template(template).render(
        request=request,
        logged_in=logged_in,
        writes_possible=ctx.auth.writes_possible,
        csrf=ctx.auth.csrf_token() if logged_in else "",
        statuses=STATUSES,
        stances=STANCES,
        tiers=TIERS,
        **values,
    )
    return HTMLResponse(html, status_code=status_code)


Page = Annotated[int, Query(ge=1, le=1_000_000)]


@router.get("/")
def board(
    request: Request,
    status: Annotated[Status | None, Query()] = None,
    q: Annotated[str, Query(max_length=200)] = "",
    page: Page = 1,
) -> HTMLResponse:
    store = _ctx(request).store
    params = {"status": status.value if status else "", "q": q}
    rows, total = store.claims_page(status=params["status"] or None, search=q or None,
                                    limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    paging = Paging(page, PAGE_SIZE, total, params)
    breakdown = store.evidence_breakdown([r["id"] for r in rows])
    return _render(request, "board.html", claims=rows, breakdown=breakdown, paging=paging,
                   status=params["status"], q=q, counts=store.status_counts())


@router.get("/claims/{claim_id}")
def claim_page(request: Request, claim_id: str, page: Page = 1) -> HTMLResponse:
    store = _ctx(request).store
    claim = store.claim(claim_id)
    if claim is None:
        raise ClaimNotFound(claim_id)
    changes = store.history(claim_id, limit=200, newest_first=True)
    total = store.count_evidence(claim_id, MatchKind.MATCH)
    paging = Paging(page, EVIDENCE_ON_PAGE, total, {})
    evidence = store.evidence_list(claim_id, MatchKind.MATCH, limit=EVIDENCE_ON_PAGE,
                                   offset=paging.offset)
    candidates = store.evidence_list(claim_id, MatchKind.REVIEW, limit=EVIDENCE_ON_PAGE)
    points = store.evidence_points(claim_id)
    return _render(
        request, "claim.html", claim=claim, changes=changes, evidence=evidence, paging=paging,
        candidates=candidates, breakdown=store.evidence_breakdown([claim_id])[claim_id],
        chart=evidence_chart(points, f"evidence for {claim_id}"),
    )


@router.get("/review")
def review_page(request: Request, page: Page = 1) -> HTMLResponse:
    store = _ctx(request).store
    total = store.count_evidence(None, MatchKind.REVIEW)
    paging = Paging(page, EVIDENCE_ON_PAGE, total, {})
    candidates = store.evidence_list(None, MatchKind.REVIEW, limit=EVIDENCE_ON_PAGE,
                                     offset=paging.offset)
    return _render(request, "review.html", candidates=candidates, paging=paging)


@router.get("/feeds")
def feeds_page(request: Request) -> HTMLResponse:
    feeds = [redact(r) for r in feeds_overview(_ctx(request).loaded, _ctx(request).store)]
    return _render(request, "feeds.html", feeds=feeds)


@router.get("/deliveries")
def deliveries_page(request: Request, state: Annotated[str, Query(pattern="^(|pending|dead)$")] = "",
                    page: Page = 1) -> HTMLResponse:
    engine = _ctx(request).store.engine
    rows = list_deliveries(engine, dead=True if state == "dead" else None,
                           pending=True if state == "pending" else None,
                           limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    now = utcnow()
    return _render(request, "deliveries.html", deliveries=delivery_views(engine, rows[:PAGE_SIZE], now),
                   state=state, page=page, more=len(rows) > PAGE_SIZE)


# ---- writes: form posts with the login cookie and the CSRF token ---------------------------------


def _form_writer(request: Request, csrf: Annotated[str, Form(max_length=200)] = "") -> None:
    _ctx(request).auth.check_write(request, csrf)


Writer = Depends(_form_writer)


def _done(request: Request, message: str, back: str) -> HTMLResponse:
    return _render(request, "done.html", message=message, back=back)


@router.post("/review/{evidence_id}", dependencies=[Writer])
def post_review(request: Request, evidence_id: int, verdict: Annotated[str, Form()]) -> HTMLResponse:
    return _done(request, actions.review(_ctx(request), evidence_id, verdict), "/review")


@router.post("/claims/{claim_id}/status", dependencies=[Writer])
def post_status(request: Request, claim_id: str, status: Annotated[Status, Form()],
                reason: Annotated[str, Form(max_length=2000)]) -> HTMLResponse:
    message = actions.set_status(_ctx(request), claim_id, status, reason)
    return _done(request, message, f"/claims/{claim_id}")


@router.post("/set-status", dependencies=[Writer])
def post_status_by_id(request: Request, claim_id: Annotated[str, Form(max_length=255)],
                      status: Annotated[str, Form()],
                      reason: Annotated[str, Form(max_length=2000)] = "") -> HTMLResponse:
    """The review page's form: a claim named by its id, a status or "unpin"."""
    claim_id = claim_id.strip()
    if status == "unpin":
        return _done(request, actions.unpin(_ctx(request), claim_id), f"/claims/{claim_id}")
    if status not in STATUSES:
        raise InputError(f"status must be one of {', '.join(STATUSES)}, or unpin")
    message = actions.set_status(_ctx(request), claim_id, Status(status), reason)
    return _done(request, message, f"/claims/{claim_id}")


@router.post("/claims/{claim_id}/unpin", dependencies=[Writer])
def post_unpin(request: Request, claim_id: str) -> HTMLResponse:
    return _done(request, actions.unpin(_ctx(request), claim_id), f"/claims/{claim_id}")


@router.post("/deliveries/{delivery_id}/redeliver", dependencies=[Writer])
def post_redeliver(request: Request, delivery_id: int) -> HTMLResponse:
    return _done(request, actions.redeliver_one(_ctx(request), delivery_id), "/deliveries")


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    return _render(request, "login.html", failed=False)


@router.post("/login")
def login(request: Request, token: Annotated[str, Form(max_length=500)]) -> Response:
    auth = _ctx(request).auth
    if not auth.writes_possible or not auth.token_matches(token):
        return _render(request, "login.html", status_code=401, failed=True)
    response = RedirectResponse("/review", status_code=303)
    # Secure: sent over HTTPS only (browsers also allow it on http://127.0.0.1 and localhost).
    response.set_cookie(SESSION_COOKIE, auth.session_value(), httponly=True, secure=True,
                        samesite="strict", max_age=12 * 3600)
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, secure=True, samesite="strict")
    return response


# ---- Atom ----------------------------------------------------------------------------------------


def _atom(request: Request, claim_id: str | None) -> Response:
    store = _ctx(request).store
    base = str(request.base_url).rstrip("/")
    changes = store.history(claim_id, limit=ATOM_ENTRIES, newest_first=True)
    title = f"rumour-monitor: {claim_id}" if claim_id else "rumour-monitor: status changes"
    body = changes_feed(
        changes,
        feed_url=str(request.url.replace(query="")),
        page_url=f"{base}/claims/{claim_id}" if claim_id else f"{base}/",
        claim_url=f"{base}/claims/{{claim_id}}",
        title=title,
        updated=changes[0].at if changes else utcnow().replace(microsecond=0),
    )
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/changes.atom")
def changes_atom(request: Request) -> Response:
    return _atom(request, None)


@router.get("/claims/{claim_id}/changes.atom")
def claim_changes_atom(request: Request, claim_id: str) -> Response:
    if _ctx(request).store.claim(claim_id) is None:
        raise ClaimNotFound(claim_id)
    return _atom(request, claim_id)
