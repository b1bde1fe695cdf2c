"""The pages in a real browser: headless Chromium (the distribution's package) loads the claims
board and a claim page of a database filled by a real poll, and we check what it rendered. Feed
text made to look like markup stays text: no element is made of it and no script runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.browser import Dom, dump_dom, find_chromium, screenshot
from helpers.cli import cli, cli_json
from helpers.feedserver import FeedServer
from helpers.web import add_candidate, web_server, write_web_config

pytestmark = pytest.mark.skipif(
    find_chromium() is None,
    reason="no Chromium: install the distribution's package (apt-get install -y chromium); "
    ".ci/run does when it can",
)

CLAIM = "xiaomi-baic"
# Stored as they came (a feed that slipped past the normaliser): the page must show them as text.
HOSTILE_TITLE = "<script>document.body.dataset.pwned = 'script'</script> Xiaomi BAIC"
HOSTILE_IMG = "<img src=x onerror=\"document.body.dataset.pwned = 'img'\">"


def test_board_and_claim_page_in_chromium(tmp_path: Path, feed_server: FeedServer) -> None:
    config = write_web_config(tmp_path, f"sqlite:///{tmp_path / 'monitor.db'}", feed_server)
    cli(config, "poll", "--all")
    cli(config, "poll", "--all")
    add_candidate(config, CLAIM, HOSTILE_TITLE, HOSTILE_IMG)
    stored = cli_json(config, "evidence", CLAIM)
    assert any("<img src=x onerror=alert(1)" in e["title"] for e in stored)  # through a real poll
    stances = [e["stance"] for e in stored]

    with web_server(config) as base:
        board = Dom.of(dump_dom(f"{base}/"))
        rows = {r.attrs["data-claim"]: r for r in board.with_class("tr", "claim")}
        assert set(rows) == {CLAIM, "tesla-india"}
        statuses = [b.attrs["data-status"] for b in board.with_class("span", "badge")]
        assert sorted(statuses) == ["confirmed", "unverified"]
        shot = screenshot(f"{base}/", tmp_path / "board.png")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        page = Dom.of(dump_dom(f"{base}/claims/{CLAIM}"))
        (chart,) = page.with_class("svg", "chart")
        summary = ", ".join(f"{stances.count(s)} {s}" for s in ("confirms", "denies", "reports"))
        assert chart.attrs["aria-label"] == f"evidence for {CLAIM}: {summary}"
        for stance in set(stances):
            assert page.with_class("polyline", stance)
        assert page.with_class("circle", "official")  # the newsroom's confirmation
        evidence = page.with_class("li", "evidence")
        assert len(evidence) == len(stored) + 1  # the evidence, and the one candidate
        text = page.text
        assert "Xiaomi officially confirms its electric car partnership with BAIC" in text
        assert "Xiaomi BAIC electric car talks <img src=x onerror=alert(1)" in text
        assert HOSTILE_TITLE in text and HOSTILE_IMG in text
        # Nothing of the feed became markup, and no script ran.
        assert page.find("img") == [] and page.find("script") == []
        (body,) = page.find("body")
        assert "data-pwned" not in body.attrs
        screenshot(f"{base}/claims/{CLAIM}", tmp_path / "claim.png", height=1400)
        assert (tmp_path / "claim.png").stat().st_size > 10_000
