"""Shared fixtures: fresh databases (SQLite file, and the real PostgreSQL when it answers), the
local feed server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.feedserver import FeedServer
from helpers.postgres import fresh_pg_database, pg_unavailable

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database URL: an SQLite file, then the real PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'monitor.db'}"
        return
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    url, drop = fresh_pg_database()
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A real HTTP server on 127.0.0.1 (see tests/helpers/feedserver.py); polls need allow_private."""
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(autouse=True)
def _fresh_logging() -> Iterator[None]:
    """Tests that run the CLI in-process configure structlog onto pytest's captured streams,
    which are closed after the test: start every test from structlog's defaults."""
    import structlog

    yield
    structlog.reset_defaults()
