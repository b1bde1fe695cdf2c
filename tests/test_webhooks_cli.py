"""The webhook CLI as a user runs it, the full chain from a feed to a verified alert, and a relay
killed with SIGKILL in the middle of a batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers.feedserver import FeedServer, Reply, rss
from helpers.webhook_receiver import Receiver, Respond, queue_change
from sqlalchemy import Engine
from standardwebhooks import Webhook

from monitor.alerts.signing import check_secret, new_secret
from monitor.cli import main
from monitor.model import OutboxRow
from monitor.settings import ConfigError, load_settings
from monitor.store import outbox
from monitor.store.db import open_engine

SECRET = new_secret()
REPO = Path(__file__).resolve().parents[1]


def write_config(
    path: Path, db_url: str, hooks: list[dict[str, Any]], extra: str = ""
) -> Path:
    lines = [
        "[database]",
        f'url = "{db_url}"',
        "[network]",
        "allow_private = true",
        "[logging]",
        'status_log = "status.jsonl"',
        'format = "json"',
        extra,
    ]
    for claim in ("a", "b", "c"):
        lines += ["[[claims]]", f'id = "{claim}"', f'text = "Claim {claim} is true"']
    for h in hooks:
        lines.append("[[webhooks]]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in h.items()]
    path.write_text("\n".join(lines) + "\n")
    return path


def run_cli(config: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--config", str(config), *args])
    out = capsys.readouterr().out
    return code, out


@pytest.fixture
def rx() -> Iterator[Receiver]:
    with Receiver(SECRET) as r:
        yield r


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_engine(db_url)
    yield eng
    eng.dispose()


def test_webhooks_secret_prints_fresh_valid_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "m.toml", f"sqlite:///{tmp_path / 'db'}", [])
    _, first = run_cli(config, "webhooks", "secret", capsys=capsys)
    _, second = run_cli(config, "webhooks", "secret", capsys=capsys)
    assert first != second
    check_secret(first.strip())
    Webhook(first.strip())  # the standardwebhooks package accepts it too


@pytest.mark.parametrize(
    ("hook", "key", "words"),
    [
        ({"url": "http://h.example/", "secret": "${RM_TEST_UNSET_VAR}"}, "webhooks[0].secret", "RM_TEST_UNSET_VAR"),
        ({"url": "http://h.example/", "secret": "whsec_c2hvcnQ="}, "webhooks[0].secret", "24 to 64"),
        ({"url": "http://h.example/", "secret": "not-a-secret"}, "webhooks[0].secret", "whsec_"),
        ({"url": "ftp://h.example/", "secret": SECRET}, "webhooks[0].url", "http"),
        ({"url": "http://h.example/", "secret": SECRET, "claims": ["nope"]}, "webhooks[0].claims", "nope"),
        ({"url": "http://h.example/", "secret": SECRET, "statuses": ["maybe"]}, "webhooks[0].statuses[0]", ""),
    ],
)
def test_bad_webhook_config_names_the_key(
    tmp_path: Path, hook: dict[str, Any], key: str, words: str
) -> None:
    config = write_config(tmp_path / "m.toml", "sqlite:///x.db", [hook])
    with pytest.raises(ConfigError) as err:
        load_settings(config)
    text = str(err.value)
    assert key in text and words in text
    assert "c2hvcnQ" not in text  # never echo a secret, even a bad one


def test_deliver_deliveries_redeliver_and_list(
    tmp_path: Path, db_url: str, engine: Engine, rx: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {"url": rx.url("/good"), "secret": SECRET, "retry_schedule": ["0s"]}
    bad = {"url": rx.url("/bad") + "?token=hunter2", "secret": SECRET, "retry_schedule": ["0s", "0s"]}
    config = write_config(tmp_path / "m.toml", db_url, [good, bad])
    loaded = load_settings(config)
    rx.script("/bad", [], then=Respond(500, body=b"not today"))
    queued = queue_change(engine, loaded.settings.webhooks, "a", "confirmed")

    code, out = run_cli(config, "deliver", "--once", "--json", capsys=capsys)
    assert code == 0
    assert json.loads(out) | {"endpoints": None} == {
        "delivered": 1, "failed": 1, "dead": 1, "endpoints": None
    }
    code, out = run_cli(config, "deliveries", "--dead", "--json", capsys=capsys)
    [dead] = json.loads(out)
    assert dead["state"] == "dead" and dead["attempts"] == 2 and dead["last_status"] == 500
    assert dead["endpoint"].endswith("/bad?token=***") and dead["event_id"] == queued[1].event_id
    _, text = run_cli(config, "deliveries", capsys=capsys)
    assert "dead" in text and "delivered" in text and "500 Internal Server Error: not today" in text

    _, listing = run_cli(config, "webhooks", "list", capsys=capsys)
    assert "[ok]" in listing and "[failing]" in listing and "dead 1" in listing

    rx.script("/bad", [], then=Respond(204))
    code, out = run_cli(config, "redeliver", "--dead", capsys=capsys)
    assert code == 0 and f"#{dead['id']}" in out
    code, out = run_cli(config, "deliver", "--once", capsys=capsys)
    assert out.startswith("delivered 1,")
    assert [r.event_id for r in rx.accepted("/bad")] == [queued[1].event_id]
    code, out = run_cli(config, "deliveries", "--dead", capsys=capsys)
    assert out.strip() == "no deliveries are dead"
    assert main(["--config", str(config), "redeliver", "999"]) == 1

    everything = ""
    for args in (["webhooks", "list", "--json"], ["deliveries", "--json"], ["webhooks", "list"]):
        everything += run_cli(config, *args, capsys=capsys)[1]
    assert SECRET.removeprefix("whsec_") not in everything and "hunter2" not in everything


def test_webhooks_test_sends_a_verified_test_event(
    tmp_path: Path, rx: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    url = rx.url("/t")
    config = write_config(
        tmp_path / "m.toml", f"sqlite:///{tmp_path / 'db'}", [{"url": url, "secret": SECRET}]
    )
    code, out = run_cli(config, "webhooks", "test", url, "--json", capsys=capsys)
    [result] = json.loads(out)
    assert code == 0 and result["ok"] and result["status"] == 204
    [got] = rx.accepted()
    assert got.verified and got.payload["type"] == "webhook.test"
    assert got.event_id == result["event_id"]
    _, listing = run_cli(config, "webhooks", "list", capsys=capsys)
    assert "[ok]" in listing

    rx.script("/t", [Respond(503)])
    code, out = run_cli(config, "webhooks", "test", capsys=capsys)
    assert code == 1 and "503 Service Unavailable" in out
    assert main(["--config", str(config), "webhooks", "test", "http://elsewhere.example/"]) == 1


def test_from_a_feed_to_a_verified_alert(
    tmp_path: Path, db_url: str, rx: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole chain: poll a local feed, the claim is confirmed by an official source, the
    outbox row written with the change goes out signed and verifies at the receiver."""
    with FeedServer() as feeds:
        feeds.route("/news.xml", Reply(body=rss("Claim a is true, company confirms")))
        config = tmp_path / "m.toml"
        config.write_text(
            "\n".join(
                [
                    "[database]",
                    f'url = "{db_url}"',
                    "[network]",
                    "allow_private = true",
                    "[logging]",
                    'status_log = "status.jsonl"',
                    "[[feeds]]",
                    f'url = "{feeds.url("/news.xml")}"',
                    'source = "news.example.com"',
                    "[[claims]]",
                    'id = "a"',
                    'text = "Claim a is true"',
                    'official_sources = ["news.example.com"]',
                    "[[webhooks]]",
                    f'url = "{rx.url()}"',
                    f'secret = "{SECRET}"',
                    'statuses = ["confirmed"]',
                ]
            )
        )
        code, out = run_cli(config, "poll", "--json", capsys=capsys)
        assert code == 0, out
        changes = json.loads(out)["status_changes"]
        assert [c["to"] for c in changes] == ["confirmed"], out
    code, out = run_cli(config, "deliver", "--once", capsys=capsys)
    assert out.startswith("delivered 1,"), out
    [got] = rx.accepted()
    assert got.verified
    data = got.payload["data"]
    assert got.payload["type"] == "claim.status_changed"
    assert (data["claim"]["id"], data["from"], data["to"]) == ("a", "unverified", "confirmed")
    assert data["evidence"] and data["evidence"][0]["source_tier"] == "official"
    assert data["evidence"][0]["url"].startswith("https://news.example.com/")


def _ids_by_claim(received: list[Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in received:
        ids = out.setdefault(r.payload["data"]["claim"]["id"], [])
        if r.event_id not in ids:
            ids.append(r.event_id)
    return out


def test_sigkill_mid_batch_then_restart_delivers_everything(
    tmp_path: Path, db_url: str, engine: Engine, rx: Receiver
) -> None:
    rx.script("/hook", [], then=Respond(204, delay=0.15))  # slow enough to kill mid-batch
    config = write_config(
        tmp_path / "m.toml", db_url, [{"url": rx.url(), "secret": SECRET, "timeout": 1}]
    )
    loaded = load_settings(config)
    queued: list[OutboxRow] = []
    statuses = ["confirmed", "disputed", "denied", "unverified"] * 2
    for status in statuses:
        for claim in ("a", "b", "c"):
            queued += queue_change(engine, loaded.settings.webhooks, claim, status)
    cmd = [sys.executable, "-m", "monitor", "--config", str(config), "deliver", "--once"]
    env = os.environ | {"PYTHONPATH": str(REPO)}

    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while len(rx.received) < 8:
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)  # the 8th request is being answered right now
    proc.wait(10)
    assert proc.returncode == -signal.SIGKILL

    now = datetime.now(UTC)
    rows = outbox.list_deliveries(engine, limit=None)
    in_flight = [r for r in rows if r["delivered_at"] is None and r["lease_until"]]
    assert len(in_flight) == 1 and in_flight[0]["lease_until"] > now
    assert sum(r["delivered_at"] is not None for r in rows) < len(queued)
    # The lease outlives the HTTP timeout; after it, the row is free again.
    time.sleep((in_flight[0]["lease_until"] - now).total_seconds() + 0.1)

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    received = rx.accepted()
    assert all(r.verified for r in rx.received)
    counts = Counter(r.event_id for r in received)
    assert set(counts) == {q.event_id for q in queued}  # nothing lost
    duplicates = {eid for eid, n in counts.items() if n > 1}
    assert duplicates <= {in_flight[0]["event_id"]}  # only the one in flight, same webhook-id
    assert all(n <= 2 for n in counts.values())
    expected = _ids_by_claim([])
    for q in queued:
        expected.setdefault(q.claim_id or "", []).append(q.event_id)
    assert _ids_by_claim(received) == expected  # per claim, in the order of the changes
    assert all(r["delivered_at"] is not None for r in outbox.list_deliveries(engine, limit=None))
    # The attempt log is JSON lines naming each delivered event.
    logged = [json.loads(line) for line in done.stderr.splitlines() if line.startswith("{")]
    assert {x["event_id"] for x in logged if x["event"] == "webhook.delivered"} <= set(counts)
