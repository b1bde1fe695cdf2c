"""Notification channels with Apprise (issue 18): `[[notify]] url = "..."` goes through the same
outbox as webhooks (queued in the status change's transaction, retried on the schedule, dead after
the last attempt, shown in `deliveries`, redeliverable), to real local servers: an HTTP receiver
for Apprise's json:// and ntfy:// and an SMTP server (aiosmtpd) for mailto://. The secret in a
channel's URL never appears in output or logs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from helpers.cli import REPO
from helpers.feedserver import FeedServer, Reply, rss
from helpers.webhook_receiver import Receiver, Respond, free_port

from monitor.alerts.notify import notification_message, redact_notify_url
from monitor.alerts.webhooks import redact_endpoint
from monitor.cli import main
from monitor.settings import ConfigError, load_settings

PASSWORD = "n0tify-s3cret-pw"


def write_config(path: Path, db_url: str, channels: list[dict[str, Any]], feed: str = "",
                 allow_private: bool = True) -> Path:
    lines = [
        "[database]", f'url = "{db_url}"',
        "[network]", f"allow_private = {'true' if allow_private else 'false'}",
        "[matching]", "semantic = false",
        "[logging]", 'status_log = "status.jsonl"', 'format = "json"',
        "[[claims]]", 'id = "a"', 'text = "Claim a is true"', 'official_sources = ["news.example.com"]',
    ]
    if feed:
        lines += ["[[feeds]]", f'url = "{feed}"', 'source = "news.example.com"']
    for c in channels:
        lines.append("[[notify]]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in c.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def run(config: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--config", str(config), *args])
    return code, capsys.readouterr().out


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver(None) as r:  # plain HTTP: Apprise's notifications are not signed
        yield r


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with FeedServer() as server:
        server.route("/news.xml", Reply(body=rss("Claim a is true, company confirms")))
        yield server


def _json_url(rx: Receiver, path: str = "/notify", password: str = PASSWORD) -> str:
    return f"json://monitor:{password}@127.0.0.1:{rx.port}{path}"


def test_a_status_change_reaches_a_json_channel_through_the_outbox(
    tmp_path: Path, db_url: str, rx: Receiver, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "m.toml", db_url, [{"url": _json_url(rx)}],
                          feed=feeds.url("/news.xml"))
    code, out = run(config, "poll", "--all", capsys=capsys)
    assert code == 0 and "a: unverified -> confirmed" in out
    # Queued with the change (same transaction), before any relay ran.
    code, out = run(config, "deliveries", "--json", capsys=capsys)
    [queued] = json.loads(out)
    assert queued["state"] == "pending" and queued["event_type"] == "claim.status_changed"
    assert queued["endpoint"].startswith("notify:json://***@127.0.0.1:")

    code, out = run(config, "deliver", "--once", capsys=capsys)
    assert code == 0 and out.startswith("delivered 1,")
    [got] = rx.accepted("/notify")
    message = got.payload
    assert message["title"] == "Confirmed: Claim a is true"
    assert "confirmed by 1 official source" in message["message"]
    assert "news.example.com (confirms, official): Claim a is true, company confirms" in message["message"]
    assert "https://news.example.com/0" in message["message"]  # the evidence link
    assert got.headers["authorization"].startswith("Basic ")  # the password was used ...
    code, out = run(config, "deliveries", capsys=capsys)
    assert "delivered" in out and PASSWORD not in out  # ... and is never shown


def test_receiver_down_then_up_is_delivered_once(
    tmp_path: Path, db_url: str, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    url = f"json://127.0.0.1:{port}/notify"
    config = write_config(tmp_path / "m.toml", db_url, [{"url": url, "retry_schedule": ["0s", "2s", "1h"]}],
                          feed=feeds.url("/news.xml"))
    run(config, "poll", "--all", capsys=capsys)
    code, out = run(config, "deliver", "--once", capsys=capsys)  # nobody listens
    assert out.startswith("delivered 0, failed 1 (will retry), dead 0")
    with Receiver(None, port=port) as rx:
        time.sleep(2.5)  # the second attempt is due 2 s (± 10 %) after the first
        code, out = run(config, "deliver", "--once", capsys=capsys)
        assert out.startswith("delivered 1,")
        run(config, "deliver", "--once", capsys=capsys)  # nothing more to send
        assert len(rx.received) == 1 and rx.received[0].payload["title"].startswith("Confirmed: ")
    code, out = run(config, "deliveries", "--json", capsys=capsys)
    [d] = json.loads(out)
    assert [a["outcome"] for a in d["attempt_log"]] == ["retry", "delivered"]
    assert "Connection error" in d["attempt_log"][0]["error"]


def test_failing_channel_retries_dies_and_is_redelivered(
    tmp_path: Path, db_url: str, rx: Receiver, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "m.toml", db_url,
                          [{"url": _json_url(rx), "retry_schedule": ["0s", "0s"]}],
                          feed=feeds.url("/news.xml"))
    rx.script("/notify", [], then=Respond(500))
    run(config, "poll", "--all", capsys=capsys)
    code, out = run(config, "deliver", "--once", capsys=capsys)
    assert out.startswith("delivered 0, failed 1 (will retry), dead 1")
    code, out = run(config, "deliveries", "--dead", "--json", capsys=capsys)
    [dead] = json.loads(out)
    assert [(a["outcome"], a["status"]) for a in dead["attempt_log"]] == [("retry", 500), ("dead", 500)]

    rx.script("/notify", [], then=Respond(200))
    assert run(config, "redeliver", "--dead", capsys=capsys)[0] == 0
    code, out = run(config, "deliver", "--once", capsys=capsys)
    assert out.startswith("delivered 1,")
    assert len(rx.accepted("/notify")) == 1 and len(rx.received) == 3
    code, out = run(config, "webhooks", "list", capsys=capsys)
    assert "notify:json://***@127.0.0.1" in out and "[ok]" in out and PASSWORD not in out


def test_ntfy_channel(tmp_path: Path, db_url: str, rx: Receiver, feeds: FeedServer,
                      capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "m.toml", db_url,
                          [{"url": f"ntfy://127.0.0.1:{rx.port}/rumours", "statuses": ["confirmed"]}],
                          feed=feeds.url("/news.xml"))
    for path in ("/", "/rumours"):  # a ntfy server answers 200 with the message as JSON
        rx.script(path, [], then=Respond(200, headers={"content-type": "application/json"},
                                          body=b'{"id": "m1", "event": "message"}'))
    run(config, "poll", "--all", capsys=capsys)
    assert run(config, "deliver", "--once", capsys=capsys)[1].startswith("delivered 1,")
    [got] = rx.accepted()
    assert got.payload["topic"] == "rumours" and got.payload["title"] == "Confirmed: Claim a is true"


def test_filters_skip_unwanted_changes(tmp_path: Path, db_url: str, rx: Receiver, feeds: FeedServer,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path / "m.toml", db_url,
                          [{"url": _json_url(rx), "statuses": ["denied"]}], feed=feeds.url("/news.xml"))
    code, out = run(config, "poll", "--all", capsys=capsys)
    assert "a: unverified -> confirmed" in out
    assert run(config, "deliveries", capsys=capsys)[1].strip() == "no deliveries"


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append(envelope)
        return "250 OK"


def test_email_channel_reaches_a_local_smtp_server(
    tmp_path: Path, db_url: str, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = _Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        url = (f"mailto://127.0.0.1:{smtp.port}?from=monitor@example.com&to=ops@example.com"
               "&mode=insecure")
        config = write_config(tmp_path / "m.toml", db_url, [{"url": url}], feed=feeds.url("/news.xml"))
        run(config, "poll", "--all", capsys=capsys)
        code, out = run(config, "deliver", "--once", capsys=capsys)
        assert out.startswith("delivered 1,")
    finally:
        smtp.stop()
    [mail] = inbox.messages
    assert mail.rcpt_tos == ["ops@example.com"]
    text = mail.content.decode()
    assert "Subject: Confirmed: Claim a is true" in text
    assert "confirmed by 1 official source" in text


def test_a_private_channel_host_is_refused_without_allow_private(
    tmp_path: Path, db_url: str, rx: Receiver, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "m.toml", db_url, [{"url": _json_url(rx), "retry_schedule": ["0s"]}],
                          feed=feeds.url("/news.xml"))
    run(config, "poll", "--all", capsys=capsys)
    config = write_config(tmp_path / "m.toml", db_url, [{"url": _json_url(rx), "retry_schedule": ["0s"]}],
                          feed=feeds.url("/news.xml"), allow_private=False)
    run(config, "deliver", "--once", capsys=capsys)
    assert rx.received == []
    [d] = json.loads(run(config, "deliveries", "--json", capsys=capsys)[1])
    assert d["state"] == "dead" and "refused" in d["last_error"] and "allow_private" in d["last_error"]


def test_secret_from_env_never_appears_in_output_or_logs(
    tmp_path: Path, rx: Receiver, feeds: FeedServer
) -> None:
    config = tmp_path / "m.toml"
    write_config(config, "sqlite:///monitor.db",
                 [{"url": f"json://monitor:${{NOTIFY_PASSWORD}}@127.0.0.1:{rx.port}/notify",
                   "retry_schedule": ["0s", "0s"]}], feed=feeds.url("/news.xml"))
    assert "${NOTIFY_PASSWORD}" in config.read_text()  # the file holds no secret
    env = {k: v for k, v in os.environ.items() if k != "RUMOUR_MONITOR_CONFIG"}
    env["NOTIFY_PASSWORD"] = PASSWORD
    seen = ""
    rx.script("/notify", [Respond(500, body=PASSWORD.encode())], then=Respond(200))
    for args in (["poll", "--all"], ["deliver", "--once"], ["deliveries", "--attempts"],
                 ["deliveries", "--json"], ["webhooks", "list", "--json"], ["check-config"],
                 ["webhooks", "test"]):
        proc = subprocess.run([sys.executable, "-m", "monitor", "--log-level", "debug",
                               "--config", str(config), *args],
                              capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        seen += proc.stdout + proc.stderr
    assert len(rx.accepted("/notify")) == 2  # the alert (second attempt) and the test message
    assert "notify.failed" in seen and "notify.delivered" in seen
    assert PASSWORD not in seen
    assert "notify:json://***@127.0.0.1" in seen


def test_bad_channel_config_names_the_key_without_the_secret(tmp_path: Path) -> None:
    config = write_config(tmp_path / "m.toml", "sqlite:///x.db",
                          [{"url": "nosuchservice://tok3n-abcdef/x"}])
    with pytest.raises(ConfigError) as err:
        load_settings(config)
    assert "notify[0].url" in str(err.value) and "Apprise" in str(err.value)
    assert "tok3n-abcdef" not in str(err.value)
    config = write_config(tmp_path / "m.toml", "sqlite:///x.db",
                          [{"url": "ntfy://example.com/t", "claims": ["zzz"]}])
    with pytest.raises(ConfigError, match=r"notify\[0\].claims: unknown claim id 'zzz'"):
        load_settings(config)


def test_message_and_redaction_are_plain_functions() -> None:
    title, body = notification_message({
        "type": "claim.status_changed",
        "data": {"claim": {"id": "x", "text": "X happened"}, "from": "unverified", "to": "denied",
                 "reason": "denied by 2 trusted sources",
                 "evidence": [{"source": "bbc.com", "stance": "denies", "source_tier": "trusted",
                               "title": "X did not happen", "url": "https://bbc.com/x"}]},
    })
    assert title == "Denied: X happened"
    assert body.splitlines() == [
        "x: unverified -> denied", "denied by 2 trusted sources", "",
        "- bbc.com (denies, trusted): X did not happen", "  https://bbc.com/x",
    ]
    assert redact_notify_url("tgram://123456789:AAHsecretbottoken/987654") == "notify:tgram://1...n/987654/"
    assert "TIiajkdnlazkcOXrIdevi7FQ" not in redact_notify_url(
        "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ")


def test_the_daemon_sends_to_a_channel(tmp_path: Path, rx: Receiver, feeds: FeedServer) -> None:
    """`rumour-monitor run`: its relay delivers a channel's alert as it does a webhook's, woken
    by the change; the log names the channel redacted."""
    from helpers.daemon import FAST_SCHEDULE, Daemon
    from helpers.wait import wait_until

    config = write_config(tmp_path / "m.toml", "sqlite:///monitor.db", [{"url": _json_url(rx, "/one")}],
                          feed=feeds.url("/news.xml"))
    config.write_text(config.read_text() + FAST_SCHEDULE)
    daemon = Daemon(config)
    try:
        wait_until(lambda: len(rx.accepted("/one")) == 1, timeout=60, what="the first notification")
        assert rx.accepted("/one")[0].payload["title"] == "Confirmed: Claim a is true"
        # The daemon logs the delivery once the receiver has answered: a moment after it got it.
        wait_until(lambda: daemon.events("notify.delivered"), what="the delivery's log line")
        assert [e["endpoint"] for e in daemon.events("notify.delivered")] == [
            redact_endpoint("notify:" + _json_url(rx, "/one"))
        ]
    finally:
        assert daemon.stop() == 0
    log = daemon.log_path.read_text()
    assert PASSWORD not in log


def test_a_slow_channel_attempt_ends_within_its_timeout(
    tmp_path: Path, rx: Receiver, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "m.toml", "sqlite:///monitor.db",
                          [{"url": _json_url(rx), "timeout": "1s", "retry_schedule": ["0s", "1h"]}],
                          feed=feeds.url("/news.xml"))
    rx.script("/notify", [Respond(200, delay=8)])
    run(config, "poll", "--all", capsys=capsys)
    started = time.monotonic()
    code, out = run(config, "deliver", "--once", capsys=capsys)
    assert time.monotonic() - started < 5  # not the receiver's 8 s
    assert out.startswith("delivered 0, failed 1 (will retry)")
    [d] = json.loads(run(config, "deliveries", "--json", capsys=capsys)[1])
    assert d["state"] == "pending" and "Connection error" in d["last_error"]  # Apprise's words
