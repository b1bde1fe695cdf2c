"""Every file of the feedparser corpus, served by a real local HTTP server and ingested by the
real Poller: no crash, no markup or script text in any item, a clear reason for every empty feed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers.corpus import CORPUS, corpus_files, header_lines
from helpers.feedserver import FeedServer, Reply, feed_row, loaded_settings, poll_once

from monitor.ingest.normalise import TAG

# Script payloads of the sanitizer fixtures: none may survive as text.
_SCRIPT_TEXT = re.compile(r"alert\(|document\.(?:cookie|write)|javascript:|<script|vbscript:", re.I)


def _reply(path: Path, base_url: str) -> Reply:
    data = path.read_bytes()
    headers: dict[str, str] = {}
    status = 200
    for name, value in header_lines(data):
        value = value.replace("http://localhost:8097", base_url).replace(
            "http://127.0.0.1:8097", base_url
        )
        if name.lower() == "status":
            status = int(value)
        else:
            headers[name] = value
    if path.suffix == ".gz":
        headers.setdefault("Content-Encoding", "gzip")
    elif path.suffix == ".z":
        headers.setdefault("Content-Encoding", "deflate")
    headers.setdefault("Content-Type", "application/xml")
    return Reply(status=status, body=data, headers=headers)


@pytest.fixture(scope="module")
def corpus_results():  # type: ignore[no-untyped-def]
    files = corpus_files()
    with FeedServer() as server:
        base = server.url("")
        # The http/ fixtures redirect to these fixed paths of feedparser's own test server.
        server.route("/tests/http/target.xml", _reply(CORPUS / "http" / "target.xml", base))
        server.route("/-/return-304.xml", Reply(status=304))
        feeds = []
        for i, path in enumerate(files):
            rel = "/" + path.relative_to(CORPUS).as_posix()
            server.route(rel, _reply(path, base))
            feeds.append(feed_row(server.url(rel), id=i))
        loaded = loaded_settings(network={"per_host_connections": 8, "max_connections": 16})
        results = poll_once(loaded, feeds)
    return files, results


def test_every_file_is_polled_without_crashing(corpus_results) -> None:  # type: ignore[no-untyped-def]
    files, results = corpus_results
    assert len(files) > 2000
    assert sorted(p.feed.id for p in results) == list(range(len(files)))
    crashes = [
        (p.feed.url, p.update.last_error)
        for p in results
        if p.update.last_error
        and p.update.last_error.startswith(("internal error", "parse failed", "the parser process"))
    ]
    assert crashes == []
    assert sum(len(p.items) for p in results) > 500


def test_no_markup_or_script_text_in_items(corpus_results) -> None:  # type: ignore[no-untyped-def]
    _, results = corpus_results
    bad = [
        (p.feed.url, field, text)
        for p in results
        for item in p.items
        for field, text in (("title", item.title), ("summary", item.summary))
        if TAG.search(text) or _SCRIPT_TEXT.search(text)
    ]
    assert bad == []


def test_every_feed_without_items_says_why(corpus_results) -> None:  # type: ignore[no-untyped-def]
    _, results = corpus_results
    empty = [p for p in results if not p.items]
    assert empty
    unexplained = []
    for p in empty:
        u = p.update
        # A reason is an error, a note after the HTTP status, or "304 Not Modified".
        if not (u.last_error or ", " in u.last_status or u.last_status == "304 Not Modified"):
            unexplained.append((p.feed.url, u.last_status))
    assert unexplained == []
