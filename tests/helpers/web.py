"""The web application on a real uvicorn server (127.0.0.1, a free port), for tests over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers.feeds import OFFICIAL_RSS
from helpers.feedserver import FeedServer
from helpers.webhook_receiver import free_port

TOKEN = "test-token-0123456789abcdef"
# Kept out of every page, API answer and log (the secret is a valid Standard Webhooks one).
WEBHOOK_SECRET = "whsec_c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1zaG93LXVw"

# One rumour and its hostile look-alikes: feed-supplied text that must show as text. (The
# normaliser strips whole tags from titles; an unclosed one gets through as text.)
RUMOUR_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tech wire</title><link>https://technode.com/</link>
<item><title>Xiaomi reportedly in talks with BAIC to build electric cars, sources say</title>
<link>https://technode.com/2021/03/29/xiaomi-baic-talks/</link><guid>technode-1</guid>
<pubDate>Mon, 29 Mar 2021 08:00:00 GMT</pubDate></item>
<item><title>Xiaomi BAIC electric car talks &lt;img src=x onerror=alert(1)</title>
<link>https://technode.com/2021/03/30/xiaomi-baic-img/</link><guid>technode-2</guid>
<pubDate>Tue, 30 Mar 2021 06:00:00 GMT</pubDate></item>
</channel></rss>"""

CONFIG = """
[database]
url = "{db_url}"
[network]
allow_private = true
[matching]
semantic = false
[sources]
trusted = ["reuters.com", "bloomberg.com"]
[logging]
format = "json"
[http]
token = "{token}"
[[feeds]]
url = "{rumour}"
source = "technode.com"
[[feeds]]
url = "{official}"
source = "mi.com"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
aliases = ["Xiaomi BAIC partnership"]
official_sources = ["mi.com", "xiaomi.com"]
[[claims]]
id = "tesla-india"
text = "Tesla opens a factory in India"
[[webhooks]]
url = "{hook}"
secret = "{secret}"
"""


def write_web_config(tmp_path: Path, db_url: str, feed_server: FeedServer, token: str = TOKEN) -> Path:
    """A configuration whose feeds are on ``feed_server``: the rumour, then (once the test
    serves it) Xiaomi's newsroom confirming it."""
    rumour = feed_server.route("/tech.xml", body=RUMOUR_RSS)
    official = feed_server.route("/newsroom.xml", body=OFFICIAL_RSS)
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG.format(
        db_url=db_url, token=token, rumour=rumour, official=official,
        hook=f"http://127.0.0.1:{free_port()}/hook", secret=WEBHOOK_SECRET,
    ), encoding="utf-8")
    return path


def add_candidate(config: Path, claim_id: str, title: str, text: str = "") -> int:
    """A review candidate for ``claim_id`` (an item of the first feed, titled ``title``; ``text``
    in each of its other text fields), written with the store's own API; returns its id."""
    from helpers.store import item
    from monitor.clock import utcnow
    from monitor.model import EvidenceDraft, MatchKind, SourceTier, Stance
    from monitor.settings import load_settings
    from monitor.store.repo import Store

    loaded = load_settings(config)
    store = Store.open(loaded.database_url)
    try:
        feed_id = store.feeds_overview()[0]["id"]
        with store.transaction(utcnow()) as tx:
            link = f"https://technode.com/candidate/{abs(hash(title))}"
            (new,) = tx.insert_new_items(feed_id, [item(title, link, text or "technode.com")], 86400)
            tx.insert_evidence([EvidenceDraft(
                claim_id, new.id, 20.0, MatchKind.REVIEW, Stance.REPORTS, 0.5, (text or "cue",),
                ("xiaomi",), text or "why", text or "technode.com", SourceTier.OTHER, text,
            )])
        rows = store.evidence_list(claim_id, MatchKind.REVIEW)
        return int(next(r["id"] for r in rows if r["title"] == title))
    finally:
        store.close()


@contextmanager
def web_server(config: Path, writable: bool = True) -> Iterator[str]:
    """The web application of ``config`` served by uvicorn in this process; yields its base URL."""
    from monitor.settings import load_settings
    from monitor.store.repo import Store
    from monitor.web.app import WebContext
    from monitor.web.server import WebThread

    loaded = load_settings(config)
    store = Store.open(loaded.database_url)
    web = WebThread(WebContext(loaded, store, writable=writable), f"127.0.0.1:{free_port()}")
    web.start()
    try:
        yield web.url.rstrip("/")
    finally:
        web.stop()
        store.close()
