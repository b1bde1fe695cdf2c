"""The real PostgreSQL test server (RUMOUR_MONITOR_TEST_PG): is it there, and fresh databases on it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_SERVER = os.environ.get(
    "RUMOUR_MONITOR_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _pg_unavailable_reason() -> str | None:
    try:
        engine = create_engine(PG_SERVER, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as e:  # noqa: BLE001 - any failure means: no server to test against
        return f"no PostgreSQL answers at {PG_SERVER} ({e.__class__.__name__}); set RUMOUR_MONITOR_TEST_PG"
    return None


_PG_REASON: str | None | bool = False  # False: not checked yet


def pg_unavailable() -> str | None:
    global _PG_REASON
    if _PG_REASON is False:
        _PG_REASON = _pg_unavailable_reason()
    return _PG_REASON  # type: ignore[return-value]


def fresh_pg_database() -> tuple[str, Callable[[], None]]:
    """Create an empty database on the test server; returns its URL and a drop function."""
    name = f"rm_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop
