"""netpolicy: the one SSRF guard (resolve, check, connect to what was checked) under both the feed
fetcher (async) and the webhook client (sync), and the one User-Agent helper."""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import socket
import ssl
from collections.abc import Iterator
from typing import Any

import httpcore
import httpx
import pytest
from helpers.feedserver import FeedServer, loaded_settings, rss
from helpers.webhook_receiver import Receiver

from monitor.alerts.signing import new_secret
from monitor.alerts.webhooks import AttemptResult, send_webhook
from monitor.ingest.fetch import Fetcher, FetchResult
from monitor.netpolicy import (
    PROJECT_URL,
    BlockedAddress,
    checked_addresses,
    tls_context,
    user_agent,
    webhook_client,
)

SECRET = new_secret()
_REAL_GETADDRINFO = socket.getaddrinfo


def only_loopback_is_public(ip: object) -> bool:
    """An address policy for tests: 127.0.0.1 plays a public server, everything else is internal."""
    return str(ip) == "127.0.0.1"


class FakeDNS:
    """Answers for names ending in .test (others resolve as usual): one list of addresses per
    lookup, the last one repeating. ``lookups``: the .test names looked up, in order."""

    def __init__(self) -> None:
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []

    def answer(self, host: str, *per_lookup: list[str]) -> None:
        self.answers[host] = list(per_lookup)

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if not (isinstance(host, str) and host.endswith(".test")):
            return _REAL_GETADDRINFO(host, port, *args, **kwargs)
        self.lookups.append(host)
        queue = self.answers.get(host)
        if not queue:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addrs = queue.pop(0) if len(queue) > 1 else queue[0]
        return [i for a in addrs for i in _REAL_GETADDRINFO(a, port, type=socket.SOCK_STREAM)]


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> FakeDNS:
    fake = FakeDNS()
    monkeypatch.setattr(socket, "getaddrinfo", fake.getaddrinfo)
    return fake


# --- the check, with plain values -----------------------------------------------------------------
def test_checked_addresses_are_every_answer_in_order_once(dns: FakeDNS) -> None:
    dns.answer("two.test", ["127.0.0.2", "127.0.0.1", "127.0.0.2"])
    assert checked_addresses("two.test", 80, allow_private=True) == ["127.0.0.2", "127.0.0.1"]
    checked = checked_addresses(
        "127.0.0.1", 80, allow_private=False, is_allowed=only_loopback_is_public
    )
    assert checked == ["127.0.0.1"]


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "10.0.0.1", "169.254.169.254"])
def test_internal_literal_addresses_are_refused(host: str) -> None:
    with pytest.raises(BlockedAddress) as refused:
        checked_addresses(host, 80, allow_private=False)
    assert str(refused.value) == (
        f"refused to connect to {host}: a private, loopback or link-local address "
        "(set [network] allow_private = true to allow it)"
    )
    assert isinstance(refused.value, httpx.ConnectError)  # webhooks treat it as one
    assert checked_addresses(host, 80, allow_private=True) == [host]


def test_one_internal_answer_among_public_ones_refuses_the_host(
    dns: FakeDNS,
) -> None:
    dns.answer("mixed.test", ["127.0.0.1", "10.0.0.1"])
    with pytest.raises(BlockedAddress, match=r"refused to connect to mixed\.test \(10\.0\.0\.1\)"):
        checked_addresses("mixed.test", 80, allow_private=False, is_allowed=only_loopback_is_public)


def test_failed_lookup_is_a_connect_error(dns: FakeDNS) -> None:
    with pytest.raises(httpcore.ConnectError, match=r"^DNS lookup of nowhere\.test failed: "):
        checked_addresses("nowhere.test", 80, allow_private=False)


# --- the guard under the feed fetcher (async) and the webhook client (sync) -----------------------
def fetch(url: str, *, allow_private: bool) -> FetchResult:
    net = loaded_settings(allow_private=allow_private).settings.network

    async def go() -> FetchResult:
        async with Fetcher(net, address_policy=only_loopback_is_public) as f:
            return await f.fetch(url)

    return asyncio.run(go())


def post(url: str, *, allow_private: bool) -> AttemptResult:
    body = json.dumps({"type": "webhook.test", "data": {}}).encode()
    with webhook_client(allow_private, 5.0, is_allowed=only_loopback_is_public) as client:
        return send_webhook(client, url, SECRET, "msg_abc", body, 5.0)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(SECRET) as rx:
        yield rx


def test_both_connect_to_the_address_checked_not_a_second_answer(
    dns: FakeDNS, feed_server: FeedServer, receiver: Receiver
) -> None:
    """DNS rebinding: the first answer is "public", any later one internal. Each connection
    resolves once and connects to what it checked."""
    dns.answer("rebind.test", ["127.0.0.1"], ["10.0.0.1"])
    feed_server.route("/f", body=rss("a"))
    res = fetch(f"http://rebind.test:{feed_server.port}/f", allow_private=False)
    assert res.ok and res.body == rss("a")
    assert feed_server.requests_for("/f")[0].headers["host"] == f"rebind.test:{feed_server.port}"
    assert dns.lookups == ["rebind.test"]

    dns.answer("rebind.test", ["127.0.0.1"], ["10.0.0.1"])
    result = post(receiver.url().replace("127.0.0.1", "rebind.test"), allow_private=False)
    assert result.ok and len(receiver.received) == 1
    assert dns.lookups == ["rebind.test", "rebind.test"]


def test_both_refuse_a_name_with_an_internal_answer_before_connecting(
    dns: FakeDNS, feed_server: FeedServer, receiver: Receiver
) -> None:
    dns.answer("inside.test", ["127.0.0.1", "10.0.0.1"])
    feed_server.route("/f", body=rss("a"))
    res = fetch(f"http://inside.test:{feed_server.port}/f", allow_private=False)
    assert (res.error or "").startswith("refused to connect to inside.test (10.0.0.1)")
    result = post(receiver.url().replace("127.0.0.1", "inside.test"), allow_private=False)
    assert result.status is None and (result.error or "").startswith(
        "refused: refused to connect to inside.test (10.0.0.1)"
    )
    assert feed_server.requests == [] and receiver.received == []


def test_both_try_the_next_checked_address_when_one_refuses(
    dns: FakeDNS, feed_server: FeedServer, receiver: Receiver
) -> None:
    # Nothing listens on 127.0.0.2 (the servers are bound to 127.0.0.1): that connect is refused.
    dns.answer("two.test", ["127.0.0.2", "127.0.0.1"])
    feed_server.route("/f", body=rss("a"))
    assert fetch(f"http://two.test:{feed_server.port}/f", allow_private=True).ok
    assert post(receiver.url().replace("127.0.0.1", "two.test"), allow_private=True).ok


def test_both_report_a_failed_lookup_as_a_connection_failure(
    dns: FakeDNS,
) -> None:
    res = fetch("http://nowhere.test/f", allow_private=True)
    assert res.error is not None
    assert res.error.startswith("cannot connect: DNS lookup of nowhere.test failed: ")
    result = post("http://nowhere.test/hook", allow_private=True)
    assert (result.error or "").startswith("ConnectError: DNS lookup of nowhere.test failed: ")


# --- User-Agent and TLS ---------------------------------------------------------------------------
def test_user_agent_strings() -> None:
    version = importlib.metadata.version("rumour-monitor")
    assert PROJECT_URL == "https://github.com/rumour-monitor/rumour-monitor"
    assert user_agent("feed reader") == (
        f"rumour-monitor/{version} (feed reader; +https://github.com/rumour-monitor/rumour-monitor)"
    )
    assert user_agent("webhooks") == (
        f"rumour-monitor/{version} (webhooks; +https://github.com/rumour-monitor/rumour-monitor)"
    )
    assert user_agent(None) == f"rumour-monitor/{version} (+{PROJECT_URL})"
    assert user_agent("feed reader", "MyBot/1.0") == "MyBot/1.0"


def test_each_client_sends_its_user_agent(feed_server: FeedServer, receiver: Receiver) -> None:
    url = feed_server.route("/f", body=rss("a"))
    assert fetch(url, allow_private=True).ok
    assert feed_server.requests_for("/f")[0].headers["user-agent"] == user_agent("feed reader")
    assert post(receiver.url(), allow_private=True).ok
    assert receiver.received[0].headers["user-agent"] == user_agent("webhooks")


def test_one_verifying_tls_context_per_process() -> None:
    ctx = tls_context()
    assert ctx is tls_context()
    assert ctx.verify_mode == ssl.CERT_REQUIRED and ctx.check_hostname
