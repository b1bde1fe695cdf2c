"""The writes the web makes: the same use cases as the CLI (``Decisions``, ``outbox.redeliver``),
recorded with the actor ``web``. Each returns a sentence saying what happened."""

from __future__ import annotations

from monitor.clock import utcnow
from monitor.errors import ClaimNotFound, InputError, NotFound
from monitor.model import Status
from monitor.store.outbox import list_deliveries, redeliver
from monitor.web.app import WebContext

ACTOR = "web"
VERDICTS = ("accepted", "rejected")


def review(ctx: WebContext, evidence_id: int, verdict: str) -> str:
    if verdict not in VERDICTS:
        raise InputError(f"verdict must be one of {', '.join(VERDICTS)}")
    claim_id, change = ctx.decisions().review(evidence_id, verdict)
    done = f"evidence {evidence_id} {verdict} for {claim_id}"
    return done + (f"; {claim_id}: {change.from_status} → {change.to_status}" if change else "")


def set_status(ctx: WebContext, claim_id: str, status: Status, reason: str) -> str:
    if ctx.store.claim(claim_id) is None:
        raise ClaimNotFound(claim_id)
    reason = reason.strip()
    if not reason:
        raise InputError("say why (the reason is kept in the history)")
    change = ctx.decisions().set_status(claim_id, status, reason, actor=ACTOR)
    if change is None:
        return f"{claim_id} is already {status.value}; now pinned"
    return f"{claim_id}: {change.from_status} → {change.to_status} (pinned until unpinned)"


def unpin(ctx: WebContext, claim_id: str) -> str:
    if ctx.store.claim(claim_id) is None:
        raise ClaimNotFound(claim_id)
    change = ctx.decisions().unpin(claim_id)
    if change:
        return f"{claim_id} unpinned: {change.from_status} → {change.to_status}: {change.reason}"
    return f"{claim_id} unpinned; the rules keep its status"


def redeliver_one(ctx: WebContext, delivery_id: int) -> str:
    if not list_deliveries(ctx.store.engine, ids=[delivery_id], limit=None):
        raise NotFound(f"no delivery with id {delivery_id}")
    redeliver(ctx.store.engine, utcnow(), ids=[delivery_id])
    return f"delivery {delivery_id} queued again (same webhook-id)"
