"""Fault 5: secrets in clear. Feed URL credentials and ``?api_key=`` values were shown by
check-config (text and --json), in every feed.polled / feed.error log line and by `feeds`; webhook
URL user:password and ``?token=`` by check-config; a database URL's password in `database error:`
messages and check-config.

Marker values go in every secret position (feed URL user, password and api_key; webhook URL user,
password and token; the webhook signing secret; the PostgreSQL URL's password, in the userinfo
and as ``?password=``, which the test server's trust authentication ignores). Then every command
runs, and the daemon goes through a poll cycle, a failed poll, a reload, a rejected reload and a
webhook delivery; all their output and every log line is scanned for the markers. The feeds and
the receiver do get the credentials (so the markers were really in use), and what is shown still
names the feed: scheme, host, port and path.
"""

from __future__ import annotations

import base64
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.cli import cli, log_events, write_config
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feeds import OFFICIAL_RSS, RUMOUR_RSS
from helpers.feedserver import FeedServer, Reply
from helpers.postgres import fresh_pg_database, pg_unavailable
from helpers.wait import wait_until
from helpers.webhook_receiver import Receiver
from sqlalchemy.engine import make_url

from monitor.alerts.signing import new_secret

pytestmark = [pytest.mark.faults, pytest.mark.postgres]

FEED_USER, FEED_PW, FEED_KEY = "feeduser-mk1", "feedpw-mk2", "feedkey-mk3"
HOOK_USER, HOOK_PW, HOOK_TOKEN = "hookuser-mk4", "hookpw-mk5", "hooktoken-mk6"
DB_PW, DB_QUERY_PW = "dbpw-mk7", "dbquerypw-mk8"

EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title></channel></rss>'

CONFIG = """
[database]
url = "{db}"
[network]
allow_private = true
""" + FAST_SCHEDULE + """[logging]
format = "json"
level = "debug"
[[feeds]]
url = "{rumour}"
[[feeds]]
url = "{official}"
source = "mi.com"
[[feeds]]
url = "{down}"
[[claims]]
id = "xiaomi-baic"
text = "Xiaomi makes an official statement on its electric car partnership with BAIC"
official_sources = ["mi.com"]
[[webhooks]]
url = "{hook}"
secret = "{secret}"
retry_schedule = ["0s", "1s", "1s", "1s"]
"""

EXTRA_CLAIM = """
[[claims]]
id = "tesla-india"
text = "Tesla opens a factory in India"
"""


def secret_feed(server: FeedServer, path: str) -> str:
    """The feed's URL with credentials and an API key (and a public search term)."""
    plain = server.url(path)
    scheme, rest = plain.split("://", 1)
    return f"{scheme}://{FEED_USER}:{FEED_PW}@{rest}?api_key={FEED_KEY}&q=xiaomi"


def shown_feed(server: FeedServer, path: str) -> str:
    """How every output names that feed: recognisable, without its secrets."""
    return server.url(path).replace("://", "://***@") + "?api_key=***&q=xiaomi"


def db_url_with_passwords(url: str) -> str:
    return (
        make_url(url).set(password=DB_PW).update_query_dict({"password": DB_QUERY_PW})
        .render_as_string(hide_password=False)
    )


@pytest.fixture
def pg_url() -> Iterator[str]:
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    url, drop = fresh_pg_database()
    try:
        yield db_url_with_passwords(url)
    finally:
        drop()


class Outputs:
    """Everything a user or an operator gets to see, by where it came from."""

    def __init__(self, config: Path) -> None:
        self.config = config
        self.seen: list[tuple[str, str]] = []

    def run(self, *args: str, expect: int | None = 0, config: Path | None = None) -> str:
        proc = cli(config or self.config, *args, check=False)
        label = " ".join(args)
        if expect is not None:
            assert proc.returncode == expect, f"{label}: {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, proc.stderr
        self.seen.append((f"{label} (stdout)", proc.stdout))
        self.seen.append((f"{label} (stderr)", proc.stderr))
        return proc.stdout + proc.stderr

    def add(self, label: str, text: str) -> None:
        self.seen.append((label, text))

    def leaks(self, markers: list[str]) -> list[str]:
        return [
            f"{label}: {line.strip()[:300]}"
            for label, text in self.seen
            for line in text.splitlines()
            if any(m in line for m in markers)
        ]


BAD_FEED = (f'\n[[feeds]]\nurl = "http://{FEED_USER}:{FEED_PW}@127.0.0.1:99999/x'
            f'?api_key={FEED_KEY}"\n')
READ_COMMANDS = (
    ["feeds"], ["feeds", "--json"], ["status"], ["status", "--json"], ["history"],
    ["history", "--json"], ["evidence", "xiaomi-baic"], ["evidence", "xiaomi-baic", "--json"],
    ["deliveries"], ["deliveries", "--json"], ["webhooks", "list"], ["webhooks", "list", "--json"],
    ["health"], ["health", "--json"], ["webhooks", "test"], ["webhooks", "test", "--json"],
    ["deliver", "--once", "--json"], ["check-config"],
)


def test_no_secret_is_shown_by_any_command_or_log_line(
    tmp_path: Path, feed_server: FeedServer, pg_url: str
) -> None:
    secret = new_secret()
    markers = [FEED_USER, FEED_PW, FEED_KEY, HOOK_USER, HOOK_PW, HOOK_TOKEN, DB_PW, DB_QUERY_PW,
               secret.removeprefix("whsec_")]
    feed_server.route("/tech.xml", body=RUMOUR_RSS)
    feed_server.route("/newsroom.xml", body=EMPTY_RSS)
    feed_server.route("/down.xml", Reply(status=500, body=b"upstream broke"))
    rx = Receiver(secret).start()
    hook = rx.url("/hook").replace("://", f"://{HOOK_USER}:{HOOK_PW}@") + f"?token={HOOK_TOKEN}"
    config = write_config(tmp_path / "monitor.toml", CONFIG.format(
        db=pg_url, rumour=secret_feed(feed_server, "/tech.xml"),
        official=secret_feed(feed_server, "/newsroom.xml"), down=secret_feed(feed_server, "/down.xml"),
        hook=hook, secret=secret,
    ))
    out = Outputs(config)
    try:
        # The configuration as check-config shows it: every URL recognisable, no secret.
        text = out.run("check-config")
        assert shown_feed(feed_server, "/tech.xml") in text
        assert rx.url("/hook").replace("://", "://***@") + "?token=***" in text
        assert "postgresql+psycopg://***@127.0.0.1:5432/" in text and "password=***" in text
        out.run("check-config", "--json")
        poll_from_the_cli(out, feed_server)
        daemon_cycle(out, config, feed_server, rx)
    finally:
        rx.stop()
    broken_configurations(out, tmp_path, config)

    assert out.leaks(markers) == []

    # The secrets were in use: the feeds got the credentials and key, the receiver its own.
    basic = "Basic " + base64.b64encode(f"{FEED_USER}:{FEED_PW}".encode()).decode()
    tech = [r for r in feed_server.requests if r.path.startswith("/tech.xml")]
    assert tech and all(r.headers.get("authorization") == basic for r in tech)
    assert all(f"api_key={FEED_KEY}" in r.path for r in tech)
    hook_basic = "Basic " + base64.b64encode(f"{HOOK_USER}:{HOOK_PW}".encode()).decode()
    assert rx.received[0].headers.get("authorization") == hook_basic
    assert rx.received[0].verified


def poll_from_the_cli(out: Outputs, server: FeedServer) -> None:
    """A poll cycle from the CLI (its log lines on stderr): three feeds polled, one failing."""
    events = log_events(out.run("poll", "--once"))
    assert {e["url"] for e in events if e["event"] == "feed.polled"} == {
        shown_feed(server, p) for p in ("/tech.xml", "/newsroom.xml", "/down.xml")
    }
    assert [e["url"] for e in events if e["event"] == "feed.error"] == [
        shown_feed(server, "/down.xml")
    ]


def daemon_cycle(out: Outputs, config: Path, server: FeedServer, rx: Receiver) -> None:
    """The daemon: scheduled and failed polls, a status change delivered, a reload and a
    rejected reload; every read command while it runs; its whole log and the status log."""
    daemon = Daemon(config)
    try:
        wait_until(lambda: daemon.events("feed.error"), what="a failed poll")
        server.route("/newsroom.xml", body=OFFICIAL_RSS)
        assert len(rx.wait_for(1, timeout=60)) == 1
        wait_until(lambda: daemon.events("webhook.delivered"), what="webhook.delivered")
        good = config.read_text()
        config.write_text(good + EXTRA_CLAIM)
        wait_until(lambda: daemon.events("config.reloaded"), what="config.reloaded")
        # A rejected reload quotes the bad URL in its error: redacted too.
        config.write_text(good + EXTRA_CLAIM + BAD_FEED)
        invalid = wait_until(lambda: daemon.events("config.invalid"), what="config.invalid")
        assert "feeds[3].url" in " ".join(invalid[0]["errors"])
        config.write_text(good + EXTRA_CLAIM)
        polls = len(daemon.events("feed.polled"))
        wait_until(lambda: len(daemon.events("feed.polled")) > polls + 3, what="more polls")
        for args in READ_COMMANDS:
            out.run(*args)
        # The failing feed is named and its error still told.
        text = out.run("feeds")
        assert shown_feed(server, "/down.xml") in text and "500" in text
    finally:
        assert daemon.stop(signal.SIGTERM) == 0
    daemon_log = daemon.log_path.read_text()
    out.add("daemon log", daemon_log)
    names = {e.get("event") for e in log_events(daemon_log)}
    assert {"feed.polled", "feed.error", "webhook.delivered", "config.reloaded",
            "config.invalid", "claim.status_changed", "daemon.stopped"} <= names
    out.add("status log", (config.parent / "data" / "status-changes.jsonl").read_text())


def broken_configurations(out: Outputs, tmp_path: Path, config: Path) -> None:
    """A database that does not answer, and a configuration error quoting a credentialed URL."""
    broken = write_config(
        tmp_path / "broken.toml", config.read_text().replace("127.0.0.1:5432", "127.0.0.1:1")
    )
    text = out.run("status", expect=3, config=broken)
    assert text.startswith("database error: ") and "postgresql+psycopg://***@127.0.0.1:1/" in text
    out.run("run", expect=3, config=broken)
    out.run("check-config", config=broken)
    out.run("check-config", "--json", config=broken)
    rejected = write_config(tmp_path / "rejected.toml", config.read_text() + BAD_FEED)
    text = out.run("check-config", expect=2, config=rejected)
    assert "feeds[3].url: 'http://***@127.0.0.1:99999/x?api_key=***' has an invalid port" in text
    out.run("check-config", "--json", expect=2, config=rejected)
