"""The one redaction rule for URLs shown in logs, errors and output (monitor/redact.py)."""

from __future__ import annotations

import pytest

from monitor.redact import redact, redact_text, redact_url


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        # user:password and a token used as the user name both go; host, port, path stay.
        ("https://alice:s3cret@feeds.example:8443/a/rss.xml", "https://***@feeds.example:8443/a/rss.xml"),
        ("https://ghp_token@api.example/feed", "https://***@api.example/feed"),
        # Query values go unless their name identifies a search (allow-list, fails closed).
        ("https://x.example/rss?api_key=K1&k=K2&sig=K3", "https://x.example/rss?api_key=***&k=***&sig=***"),
        (
            "https://news.google.com/rss/search?q=xiaomi+baic&hl=en-US&token=T",
            "https://news.google.com/rss/search?q=xiaomi+baic&hl=en-US&token=***",
        ),
        ("https://x.example/rss?RAWTOKEN", "https://x.example/rss?***"),
        ("https://x.example/cb#access_token=AT", "https://x.example/cb#access_token=***"),
        (
            "postgresql+psycopg://app:pw@db:5432/monitor?password=PW&sslmode=require",
            "postgresql+psycopg://***@db:5432/monitor?password=***&sslmode=require",
        ),
        ("sqlite:////var/lib/monitor.db", "sqlite:////var/lib/monitor.db"),
        ("https://h.example/p", "https://h.example/p"),
        # A URL too broken to split still shows nothing but its scheme.
        ("http://[u:pw@bad/", "http://***"),
    ],
)
def test_redact_url(url: str, shown: str) -> None:
    assert redact_url(url) == shown
    assert redact_url(shown) == shown  # redacting twice changes nothing


def test_urls_inside_text_and_containers() -> None:
    assert redact_text("cannot open the database at postgresql://u:pw@db/x?password=p: refused.") == (
        "cannot open the database at postgresql://***@db/x?password=***: refused."
    )
    text = "Client error '404' for url 'http://u:pw@h.example/f?key=abc'; see https://h.example/help"
    assert redact_text(text) == (
        "Client error '404' for url 'http://***@h.example/f?key=***'; see https://h.example/help"
    )
    event = {"url": "http://u:pw@h/x", "urls": ["http://h/?t=1"], "n": 3, "nested": {"e": "a://b@c"}}
    assert redact(event) == {"url": "http://***@h/x", "urls": ["http://h/?t=***"], "n": 3,
                             "nested": {"e": "a://***@c"}}
