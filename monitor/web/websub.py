"""The WebSub callback: hubs verify our intent here (GET) and push content here (POST).

Every request passes the app's body size limit ([http] max_body_bytes). The subscription's
secret never appears in an answer.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from monitor.push import Answer
from monitor.web.app import WebContext

router = APIRouter(include_in_schema=False)


def _subscriber_answer(answer: Answer) -> PlainTextResponse:
    return PlainTextResponse(answer.text, status_code=answer.status)


def _none() -> PlainTextResponse:
    return PlainTextResponse("WebSub is off ([http] public_url is not set)\n", status_code=404)


@router.get("/websub/{subscription_id}/{key}")
def verify(subscription_id: int, key: str, request: Request) -> PlainTextResponse:
    ctx: WebContext = request.app.state.ctx
    if ctx.websub is None:
        return _none()
    return _subscriber_answer(ctx.websub.verify(subscription_id, key, dict(request.query_params)))


@router.post("/websub/{subscription_id}/{key}")
async def distribute(subscription_id: int, key: str, request: Request) -> PlainTextResponse:
    ctx: WebContext = request.app.state.ctx
    if ctx.websub is None:
        return _none()
    body = await request.body()
    headers = {k.lower(): v for k, v in request.headers.items()}
    websub = ctx.websub
    # Reading and storing the body blocks (parse workers, the database): off the event loop.
    answer = await run_in_threadpool(websub.distribute, subscription_id, key, body, headers)
    return _subscriber_answer(answer)
