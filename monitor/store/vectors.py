"""Sentence vectors of claim texts, by model and text key (see judge/semantic.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import Connection, select

from monitor.store import schema as t

# Keys looked up per statement: well under every database's parameter limit.
_CHUNK = 500


def get_vectors(conn: Connection, model: str, keys: Sequence[str]) -> dict[str, bytes]:
    v = t.text_vectors
    out: dict[str, bytes] = {}
    for start in range(0, len(keys), _CHUNK):
        chunk = list(keys[start : start + _CHUNK])
        q = select(v.c.text_key, v.c.vector).where(v.c.model == model, v.c.text_key.in_(chunk))
        out.update((key, bytes(raw)) for key, raw in conn.execute(q))
    return out


def put_vectors(conn: Connection, model: str, vectors: Mapping[str, bytes], now: datetime) -> None:
    """Store vectors not stored yet (another worker may have stored the same ones meanwhile)."""
    v = t.text_vectors
    known = set(get_vectors(conn, model, list(vectors)))
    rows = [
        {"model": model, "text_key": key, "vector": raw, "created_at": now}
        for key, raw in vectors.items()
        if key not in known
    ]
    if rows:
        conn.execute(v.insert(), rows)
