"""The daemon serves the web page itself when [http] listen is set; its /metrics counts what its
log events say happened (polls, items, matches, status changes, webhooks)."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import httpx
from helpers.daemon import FAST_SCHEDULE, Daemon
from helpers.feedserver import FeedServer
from helpers.wait import wait_until
from helpers.web import WEBHOOK_SECRET, write_web_config
from helpers.webhook_receiver import Receiver, free_port


def _metric(text: str, name: str, labels: str = "") -> float:
    m = re.search(rf"^{re.escape(name)}{re.escape(labels)} (\S+)$", text, re.MULTILINE)
    return float(m.group(1)) if m else 0.0


def test_daemon_serves_pages_probes_and_metrics(tmp_path: Path, feed_server: FeedServer) -> None:
    port = free_port()
    with Receiver(WEBHOOK_SECRET) as receiver:
        config = write_web_config(tmp_path, f"sqlite:///{tmp_path / 'monitor.db'}", feed_server)
        text = config.read_text()
        text = re.sub(r'url = "http://127\.0\.0\.1:\d+/hook"', f'url = "{receiver.url()}"', text)
        text = text.replace("[http]\n", f'[http]\nlisten = "127.0.0.1:{port}"\n')
        config.write_text(text.replace("[logging]\n", FAST_SCHEDULE + "[logging]\n", 1))
        daemon = Daemon(config)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until(lambda: daemon.events("web.started"), what="the web server to start")
            with httpx.Client(base_url=base, timeout=10) as http:
                assert http.get("/healthz").text == "ok\n"
                ready = wait_until(lambda: http.get("/readyz").status_code == 200 or None,
                                   what="/readyz to say ready")
                assert ready
                wait_until(lambda: receiver.accepted(), what="the webhook of the status change")
                board = http.get("/").text
                assert 'data-status="confirmed"' in board

                def delivered() -> str | None:
                    m = http.get("/metrics").text
                    return m if _metric(m, "rumour_monitor_webhook_deliveries_total") >= 1 else None

                metrics = wait_until(delivered, what="the delivery to be counted")
                assert _metric(metrics, "rumour_monitor_polls_total", '{outcome="ok"}') >= 2
                assert _metric(metrics, "rumour_monitor_items_total", '{kind="new"}') >= 3
                assert _metric(metrics, "rumour_monitor_matches_total", '{kind="match"}') >= 2
                assert _metric(metrics, "rumour_monitor_status_changes_total",
                               '{actor="rules",status="confirmed"}') == 1
                assert _metric(metrics, "rumour_monitor_webhook_attempts_total") >= 1
                assert _metric(metrics, "rumour_monitor_poll_seconds_count") >= 2
                assert _metric(metrics, "rumour_monitor_claims", '{status="confirmed"}') == 1
                assert _metric(metrics, "rumour_monitor_deliveries", '{state="dead"}') == 0
                assert "rumour_monitor_parser_restarts_total 0.0" in metrics
                assert "rumour_monitor_database_errors_total" in metrics

                # A new token is not taken live: the daemon says a restart is needed.
                config.write_text(config.read_text().replace("test-token-", "new-token-"))
                wait_until(lambda: daemon.events("config.restart_needed"), what="the reload")
                (restart,) = daemon.events("config.restart_needed")
                assert restart["key"] == "http" and "new-token" not in str(restart)
        finally:
            code = daemon.stop(signal.SIGTERM)
    assert code == 0
    assert daemon.events("daemon.stopped")
    log = daemon.log_path.read_text()
    assert f"web page: http://127.0.0.1:{port}/" in log  # what `make run` shows
    assert WEBHOOK_SECRET not in log and "test-token" not in log


def test_daemon_refuses_a_taken_port(tmp_path: Path, feed_server: FeedServer) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        config = write_web_config(tmp_path, f"sqlite:///{tmp_path / 'monitor.db'}", feed_server)
        config.write_text(config.read_text().replace("[http]\n", f'[http]\nlisten = "127.0.0.1:{port}"\n'))
        daemon = Daemon(config)
        code = daemon.proc.wait(60)
    assert code != 0
    assert f"cannot listen on 127.0.0.1:{port}" in daemon.log_path.read_text()
