"""Shared fixtures: fresh databases (SQLite file, and the real PostgreSQL when it answers), the
local feed server."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.feedserver import FeedServer
from helpers.postgres import fresh_pg_database, pg_unavailable

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"

# Derived model files (the English model's rewritten graph) go to a cache of this run, inherited by
# the daemons and CLIs the tests start: the suite makes its own copy and leaves none behind.
_MODEL_CACHE = tempfile.mkdtemp(prefix="rumour-monitor-test-cache-")
os.environ["XDG_CACHE_HOME"] = _MODEL_CACHE


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_MODEL_CACHE, ignore_errors=True)


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
