"""The ``feed_server`` fixture (tests/conftest.py imports it, so every test module can use it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from feedserver import FeedServer


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 (see tests/feedserver.py); polls need allow_private."""
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()
