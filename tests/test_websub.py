"""WebSub push through the real daemon and a real local hub (tests/helpers/websub_hub.py):
subscription and verification of intent, signed distribution stored and judged like a poll,
bad signatures and foreign topics refused, leases renewed, removed feeds unsubscribed, a feed
moving to another hub, the state shown (CLI, API, page, /metrics), one request per subscription
however many workers share PostgreSQL."""

from __future__ import annotations

import hashlib
import hmac
import signal
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from helpers.cli import cli, cli_json
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feeds import OFFICIAL_RSS
from helpers.feedserver import FeedServer
from helpers.postgres import fresh_pg_database, pg_unavailable
from helpers.wait import wait_until
from helpers.webhook_receiver import Receiver, free_port
from helpers.websub_hub import Hub
from sqlalchemy import select

from monitor.ingest.parse import parse_body
from monitor.ingest.websub import discover, hub_refusal, link_header_rels, signature_valid
from monitor.settings import ConfigError, load_settings
from monitor.store import schema as t
from monitor.store.repo import Store

HOOK_SECRET = "whsec_c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1zaG93LXVw"


def newsroom(hub: str, topic: str, items: bytes = b"") -> bytes:
    """Xiaomi's newsroom naming its hub and topic (WebSub discovery in the feed)."""
    return (
        b'<?xml version="1.0"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        b"<title>Xiaomi newsroom</title><link>https://www.mi.com/global/newsroom</link>"
        + f'<atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="{topic}"/>'.encode()
        + items + b"</channel></rss>"
    )


# The newsroom's confirmation, as the hub pushes it (the polled feed does not have it yet).
CONFIRMATION = OFFICIAL_RSS.split(b"<item>", 1)[1].split(b"</item>", 1)[0]
PUSHED = b"<item>" + CONFIRMATION + b"</item>"

CONFIG = """
[database]
url = "{db}"
[network]
allow_private = true
[matching]
semantic = false
[logging]
format = "json"
[http]
token = "test-token-0123456789abcdef"
listen = "127.0.0.1:{port}"
{public_url}
{feeds}
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
aliases = ["Xiaomi BAIC partnership"]
official_sources = ["mi.com", "xiaomi.com"]
[[webhooks]]
url = "{hook}"
secret = "{secret}"
"""


def write_config(tmp_path: Path, port: int, feeds: list[tuple[str, str]], hook: str,
                 public: bool = True, db_url: str | None = None, public_port: int | None = None) -> Path:
    """``public_port``: the port in public_url, when the hub reaches another worker's listener."""
    path = tmp_path / "monitor.toml"
    feed_text = "".join(f'[[feeds]]\nurl = "{u}"\nsource = "{s}"\n' for u, s in feeds)
    public_url = f'public_url = "http://127.0.0.1:{public_port or port}/"' if public else ""
    text = CONFIG.format(db=db_url or f"sqlite:///{tmp_path / 'monitor.db'}", port=port, public_url=public_url,
                         feeds=feed_text, hook=hook, secret=HOOK_SECRET)
    path.write_text(text.replace("[logging]\n", FAST_SCHEDULE + "[logging]\n", 1), encoding="utf-8")
    return path


def newsroom_config(tmp_path: Path, port: int, feed_server: FeedServer, hub: str, **kw: Any) -> tuple[str, Path]:
    """The newsroom served naming ``hub``, and a config with it as the only feed (its alerts go
    to a port nobody listens on): (the feed's topic URL, the config). ``kw``: ``write_config``'s."""
    topic = feed_server.url("/newsroom.xml")
    feed_server.route("/newsroom.xml", body=newsroom(hub, topic))
    return topic, write_config(tmp_path, port, [(topic, "mi.com")], f"http://127.0.0.1:{free_port()}/hook", **kw)


def remove_feed(config: Path, topic: str, other: str) -> None:
    """The config without the newsroom feed (the other feed takes its place)."""
    text = config.read_text()
    text = text.replace(f'[[feeds]]\nurl = "{other}"\nsource = "example.org"\n', "")
    config.write_text(text.replace(f'url = "{topic}"', f'url = "{other}"', 1))


def stored_titles(db_url: str) -> list[str]:
    store = Store.open(db_url)
    try:
        with store.engine.connect() as conn:
            return [r.title for r in conn.execute(select(t.items.c.title))]
    finally:
        store.close()


def unsubscribed_on_removal(hub: Hub, daemon: Daemon, config: Path, topic: str, other: str,
                            callback: str, secret: str) -> None:
    """Remove the newsroom from the configuration: the daemon unsubscribes at the hub, and
    takes no more content at the old callback."""
    remove_feed(config, topic, other)
    wait_until(lambda: not hub.subscribers(topic), what="the unsubscription")
    (unsub,) = hub.requests("unsubscribe")
    assert unsub["hub.callback"] == callback and "hub.secret" not in unsub
    assert daemon.events("websub.unsubscribed")
    # Content for the old subscription is no longer taken.
    signature = hmac.new(secret.encode(), b"x", hashlib.sha256).hexdigest()
    late = httpx.post(callback, content=b"x", headers={"x-hub-signature": f"sha256={signature}"})
    assert late.status_code == 404


def refusals(hub: Hub, daemon: Daemon, topic: str, callback: str, db_url: str,
             feed_server: FeedServer) -> None:
    """What the callback refuses: bad signatures, bodies over the size limit, verifications we
    did not ask for."""
    # A distribution with a wrong signature: refused, nothing stored, no alert.
    answers = hub.publish(topic, newsroom(hub.url, topic, PUSHED), secret="not-the-secret")
    assert answers == {callback: 403}
    assert daemon.events("websub.bad_signature")
    assert stored_titles(db_url) == []

    # A verification for a topic we never asked for: 404, no challenge echoed.
    foreign = hub.verify_intent(callback, "subscribe", feed_server.url("/someone-else.xml"))
    assert foreign.status == 404 and not foreign.echoed
    # Nor an unsubscription we did not ask for, nor our topic at a guessed callback.
    assert hub.verify_intent(callback, "unsubscribe", topic).status == 404
    guessed = callback.rsplit("/", 1)[0] + "/" + "0" * 32
    assert hub.verify_intent(guessed, "subscribe", topic).status == 404
    # A body over [http] max_body_bytes (64 KiB by default), even signed: 413, nothing stored.
    big = newsroom(hub.url, topic, PUSHED + b"<!-- " + b"x" * 70_000 + b" -->")
    assert hub.publish(topic, big) == {callback: 413}
    assert stored_titles(db_url) == []


def test_push_subscribe_verify_distribute_refuse_and_unsubscribe(
    tmp_path: Path, feed_server: FeedServer, db_url: str
) -> None:
    port = free_port()
    with Hub(lease_seconds=600) as hub, Receiver(HOOK_SECRET) as receiver:
        topic = feed_server.url("/newsroom.xml")
        feed_server.route("/newsroom.xml", body=newsroom(hub.url, topic))
        other = feed_server.route("/other.xml", body=b'<?xml version="1.0"?><rss version="2.0">'
                                  b"<channel><title>Other</title></channel></rss>")
        config = write_config(tmp_path, port, [(topic, "mi.com"), (other, "example.org")],
                              receiver.url(), db_url=db_url)
        daemon = Daemon(config)
        try:
            # Discovery from the polled feed, subscription request, verification of intent.
            subs = wait_until(lambda: hub.subscribers(topic), what="the daemon's subscription")
            ((callback, secret),) = subs.items()
            assert callback.startswith(f"http://127.0.0.1:{port}/websub/")
            (request,) = hub.requests("subscribe")
            assert request["hub.topic"] == topic and len(request["hub.secret"]) >= 32
            assert hub.verifications()[-1].echoed

            refusals(hub, daemon, topic, callback, db_url, feed_server)

            # A signed distribution (sha512 here): stored, judged, the claim confirmed, the
            # webhook sent, exactly as for a polled item (the polled feed still lacks it).
            answers = hub.publish(topic, newsroom(hub.url, topic, PUSHED), method="sha512")
            assert answers == {callback: 200}
            assert stored_titles(db_url) == [
                "Xiaomi officially confirms its electric car partnership with BAIC"
            ]
            (hook,) = wait_until(lambda: receiver.accepted(), what="the webhook of the status change")
            assert hook.verified
            assert hook.payload["data"]["claim"]["id"] == "xiaomi-baic"
            assert hook.payload["data"]["to"] == "confirmed"
            assert hook.payload["data"]["evidence"][0]["title"].startswith("Xiaomi officially confirms")
            (change,) = daemon.events("claim.status_changed")
            assert change["to"] == "confirmed" and change["claim_id"] == "xiaomi-baic"
            (received,) = daemon.events("websub.received")
            assert received["new_items"] == 1
            # The same body pushed again brings nothing new (the same dedup as polling).
            assert hub.publish(topic, newsroom(hub.url, topic, PUSHED)) == {callback: 200}
            assert len(stored_titles(db_url)) == 1
            # Polling goes on as a safety net.
            polls = len(feed_server.requests_for("/newsroom.xml"))
            wait_until(lambda: len(feed_server.requests_for("/newsroom.xml")) > polls,
                       what="a poll after the push")

            # The feed removed from the configuration: the daemon unsubscribes.
            unsubscribed_on_removal(hub, daemon, config, topic, other, callback, secret)
        finally:
            code = daemon.stop(signal.SIGTERM)
        assert code == 0
        log = daemon.log_path.read_text()
        assert secret not in log  # the subscription's secret is never logged


def test_leases_are_renewed_before_they_expire(tmp_path: Path, feed_server: FeedServer) -> None:
    port = free_port()
    with Hub(lease_seconds=3) as hub:
        topic, config = newsroom_config(tmp_path, port, feed_server, hub.url)
        daemon = Daemon(config)
        try:
            wait_until(lambda: len([v for v in hub.verifications() if v.echoed]) >= 3,
                       what="two renewals of a 3-second lease")
            renewals = hub.requests("subscribe")
            assert len(renewals) >= 3
            # The same subscription (callback and secret) renewed, not a new one each time.
            assert len({(r["hub.callback"], r["hub.secret"]) for r in renewals}) == 1
            assert len(hub.subscribers(topic)) == 1
        finally:
            assert daemon.stop(signal.SIGTERM) == 0


def websub_shown(config: Path, port: int) -> dict[str, Any]:
    """The one feed's WebSub state as `feeds --json` shows it, checked against the API's."""
    (feed,) = cli_json(config, "feeds")
    (api,) = httpx.get(f"http://127.0.0.1:{port}/api/feeds").json()
    assert api["websub"] == feed["websub"]
    return dict(feed["websub"])


def test_a_feed_that_moves_to_another_hub_leaves_the_old_one(
    tmp_path: Path, feed_server: FeedServer, db_url: str
) -> None:
    port = free_port()
    with Hub(lease_seconds=600) as old_hub, Hub(lease_seconds=600) as new_hub:
        topic, config = newsroom_config(tmp_path, port, feed_server, old_hub.url, db_url=db_url)
        daemon = Daemon(config)
        try:
            subs = wait_until(lambda: old_hub.subscribers(topic), what="the subscription at the first hub")
            ((old_callback, old_secret),) = subs.items()
            # The state is shown: CLI (and --json, the API's rows), the feeds page.
            shown = wait_until(lambda: websub_shown(config, port)["state"] == "subscribed" and websub_shown(
                config, port), what="the subscription to be shown")
            assert shown["hub"] == old_hub.url and shown["topic"] == topic and shown["leaving"] == []
            lease_left = datetime.fromisoformat(shown["lease_until"]) - datetime.now(UTC)
            assert 500 < lease_left.total_seconds() <= 600
            assert f"websub: subscribed at {old_hub.url} (lease until " in cli(config, "feeds").stdout
            page = httpx.get(f"http://127.0.0.1:{port}/feeds").text
            assert f"WebSub: subscribed at {old_hub.url} (lease until " in page

            # The feed now names another hub: unsubscribed at the old one, subscribed at the new.
            feed_server.route("/newsroom.xml", body=newsroom(new_hub.url, topic))
            subs = wait_until(lambda: not old_hub.subscribers(topic) and new_hub.subscribers(topic),
                              what="the move to the new hub")
            ((new_callback, _),) = subs.items()
            assert new_callback != old_callback
            (unsub,) = old_hub.requests("unsubscribe")
            assert unsub["hub.callback"] == old_callback and unsub["hub.topic"] == topic
            assert len(new_hub.requests("subscribe")) == 1
            (changed,) = daemon.events("websub.hub_changed")
            assert (changed["old_hub"], changed["hub"]) == (old_hub.url, new_hub.url)
            shown = wait_until(lambda: websub_shown(config, port)["hub"] == new_hub.url and websub_shown(
                config, port), what="the new hub to be shown")
            assert shown["state"] == "subscribed" and shown["leaving"] == []
            # The old subscription takes no content any more; the new one does.
            signature = hmac.new(old_secret.encode(), b"x", hashlib.sha256).hexdigest()
            late = httpx.post(old_callback, content=b"x", headers={"x-hub-signature": f"sha256={signature}"})
            assert late.status_code == 404
            assert new_hub.publish(topic, newsroom(new_hub.url, topic, PUSHED)) == {new_callback: 200}
            # /metrics counts the WebSub events.
            metrics = httpx.get(f"http://127.0.0.1:{port}/metrics").text
            assert 'rumour_monitor_websub_events_total{kind="subscribed"} 2.0' in metrics
            assert 'rumour_monitor_websub_events_total{kind="unsubscribed"} 1.0' in metrics
            assert 'rumour_monitor_websub_events_total{kind="received"} 1.0' in metrics
        finally:
            assert daemon.stop(signal.SIGTERM) == 0


@pytest.mark.postgres
def test_several_workers_send_one_request_per_subscription(tmp_path: Path, feed_server: FeedServer) -> None:
    """Three workers on one PostgreSQL: each subscription is requested at the hub once, not once
    per worker (the due rows are claimed)."""
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    db, drop = fresh_pg_database()
    ports = [free_port() for _ in range(3)]
    daemons: list[Daemon] = []
    try:
        with Hub(lease_seconds=600) as hub:
            topics = [feed_server.url(f"/newsroom{i}.xml") for i in range(30)]
            for i, topic in enumerate(topics):
                feed_server.route(f"/newsroom{i}.xml", body=newsroom(hub.url, topic))
            hook = f"http://127.0.0.1:{free_port()}/hook"
            for n, port in enumerate(ports):
                folder = tmp_path / f"worker{n}"
                folder.mkdir()
                # One configuration but for the listener; the hub reaches the first worker.
                config = write_config(folder, port, [(u, "mi.com") for u in topics], hook, db_url=db,
                                      public_port=ports[0])
                daemons.append(Daemon(config))
            wait_until(lambda: all(hub.subscribers(u) for u in topics), 90, "every feed subscribed")
            time.sleep(2)  # time for any second request to come
            per_topic = Counter(r["hub.topic"] for r in hub.requests("subscribe"))
            assert per_topic == dict.fromkeys(topics, 1)
            asked = Counter(e["feed_id"] for d in daemons for e in d.events("websub.requested"))
            assert sorted(asked.values()) == [1] * len(topics)
            assert sum(1 for v in hub.verifications() if v.echoed) == len(topics)
    finally:
        for d in daemons:
            d.stop(signal.SIGTERM)
        drop()


def test_without_public_url_nothing_is_subscribed(tmp_path: Path, feed_server: FeedServer) -> None:
    port = free_port()
    with Hub() as hub:
        topic, config = newsroom_config(tmp_path, port, feed_server, hub.url, public=False)
        daemon = Daemon(config)
        try:
            wait_until(lambda: len(feed_server.requests_for("/newsroom.xml")) >= 3, what="three polls")
            assert httpx.get(f"http://127.0.0.1:{port}/websub/1/{'0' * 32}?hub.mode=subscribe").status_code == 404
        finally:
            assert daemon.stop(signal.SIGTERM) == 0
        assert hub.requests() == []
        assert not daemon.events("websub.hub_found")


def test_a_hub_that_refuses_is_named_shown_failed_and_the_feed_still_polled(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    port = free_port()
    with Hub(refuse=True) as hub:
        topic, config = newsroom_config(tmp_path, port, feed_server, hub.url)
        daemon = Daemon(config)
        try:
            (failed,) = wait_until(lambda: daemon.events("websub.request_failed"),
                                   what="the refused subscription to be logged")
            assert failed["hub"] == hub.url and failed["mode"] == "subscribe"
            assert failed["error"] == "the hub answered 500: hub is broken"
            assert "polled" in failed["hint"]
            # Shown failed, with the hub's answer, wherever feeds are shown.
            shown = websub_shown(config, port)
            assert shown["state"] == "failed" and shown["lease_until"] is None
            assert shown["last_error"] == "the hub answered 500: hub is broken"
            assert "websub: failed at " in cli(config, "feeds").stdout
            polls = len(feed_server.requests_for("/newsroom.xml"))
            wait_until(lambda: len(feed_server.requests_for("/newsroom.xml")) > polls + 1,
                       what="polls going on")
            # Not asked again at once: the retry waits (5 minutes).
            assert len(hub.requests("subscribe")) == 1
        finally:
            assert daemon.stop(signal.SIGTERM) == 0


# ---- the pure parts -----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["sha1", "sha256", "sha384", "sha512"])
def test_signature_methods_the_spec_allows(method: str) -> None:
    digest = hmac.new(b"s3cret", b"body", getattr(hashlib, method)).hexdigest()
    assert signature_valid(f"{method}={digest}", "s3cret", b"body")
    assert not signature_valid(f"{method}={digest}", "other", b"body")
    assert not signature_valid(f"{method}={digest}", "s3cret", b"body!")


def test_signatures_that_are_not_accepted() -> None:
    md5 = hmac.new(b"k", b"b", hashlib.md5).hexdigest()
    assert not signature_valid(f"md5={md5}", "k", b"b")
    assert not signature_valid(None, "k", b"b")
    assert not signature_valid("", "k", b"b")
    assert not signature_valid("sha256", "k", b"b")


def test_discovery_from_the_link_header_and_from_the_feed() -> None:
    header = '<https://hub.example/>; rel="hub", <https://news.example/feed>; rel="self"'
    assert link_header_rels(header) == {"hub": "https://hub.example/", "self": "https://news.example/feed"}
    link = discover("https://news.example/rss", {"link": header}, None, None)
    assert link is not None and (link.hub, link.topic) == ("https://hub.example/", "https://news.example/feed")
    # From the feed's own links; the topic defaults to the URL polled.
    link = discover("https://news.example/rss", {}, "https://hub.example/", None)
    assert link is not None and link.topic == "https://news.example/rss"
    assert discover("https://news.example/rss", {}, None, "https://news.example/rss") is None
    assert discover("https://news.example/rss", {}, "mailto:x@example.org", None) is None


@pytest.mark.parametrize("fast_path", [True, False])
def test_parse_reads_the_hub_and_self_links(fast_path: bool) -> None:
    body = newsroom("https://hub.example/", "https://www.mi.com/feed.xml", PUSHED)
    result = parse_body(body, {"content-type": "application/rss+xml"}, url="https://www.mi.com/rss",
                        config_url="https://www.mi.com/rss", feed_source="mi.com", fast_path=fast_path)
    assert (result.hub, result.self_url) == ("https://hub.example/", "https://www.mi.com/feed.xml")
    assert len(result.items) == 1
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<link rel="hub" href="https://hub.example/"/><link rel="self" href="https://a.example/atom"/>'
            b"<entry><title>Hello</title><id>1</id><link href=\"https://a.example/1\"/></entry></feed>")
    result = parse_body(atom, {}, url="https://a.example/atom", config_url="https://a.example/atom",
                        feed_source=None, fast_path=fast_path)
    assert (result.hub, result.self_url) == ("https://hub.example/", "https://a.example/atom")


def test_hubs_in_clear_are_used_only_on_private_networks() -> None:
    assert hub_refusal("https://hub.example/", allow_private=False) is None
    assert "in clear" in (hub_refusal("http://hub.example/", allow_private=False) or "")
    assert hub_refusal("http://127.0.0.1:9/", allow_private=True) is None


def test_public_url_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "monitor.toml"
    path.write_text('[http]\nlisten = "127.0.0.1:8080"\npublic_url = "not a url"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_settings(path)
    assert "http.public_url" in str(e.value.problems)
    path.write_text('[http]\npublic_url = "https://monitor.example.org/"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_settings(path)
    assert "needs [http] listen" in str(e.value.problems)
    path.write_text('[http]\nlisten = "127.0.0.1:8080"\npublic_url = "https://monitor.example.org/"\n',
                    encoding="utf-8")
    assert load_settings(path).settings.http.public_url == "https://monitor.example.org/"
