"""SQLAlchemy tables. Schema changes go through Alembic migrations in ``migrations/``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stored: datetime = value
        if stored.tzinfo is None:
            return stored.replace(tzinfo=UTC)
        return stored.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

feeds = Table(
    "feeds",
    metadata,
    Column("id", Integer, primary_key=True),
    # The URL as written in the configuration: how config entries find their row.
    Column("config_url", String(2048), nullable=False, unique=True),
    # The URL polled now (a 301/308 moves it).
    Column("url", String(2048), nullable=False),
    Column("source", String(255)),
    Column("interval", Float),  # per-feed override from config, seconds
    Column("min_interval", Float),
    Column("max_interval", Float),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", String(64)),
    Column("last_polled_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("last_status", Text),  # e.g. "200 OK, 3 new items", "304 Not Modified"
    Column("next_poll_at", UTCDateTime, nullable=False),
    Column("current_interval", Float),  # adapted to the feed's rhythm, seconds
    Column("error_count", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("failing", Boolean, nullable=False, default=False),
    Column("disabled_reason", Text),
    Column("removed", Boolean, nullable=False, default=False),  # gone from config
    # A news-search feed: its items are attributed to their own publishers.
    Column("aggregator", Boolean, nullable=False, default=False, server_default=false()),
    Column("lease_owner", String(255)),
    Column("lease_until", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "next_poll_at"),
)

items = Table(
    "items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("feed_id", Integer, ForeignKey("feeds.id", ondelete="SET NULL")),
    Column("guid", Text),
    Column("link", Text),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("source", String(255), nullable=False, default=""),
    Column("published_at", UTCDateTime),
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("dedup_key", String(128), nullable=False, unique=True),
    # Secondary identities: a syndicated copy with another guid is still the same story.
    Column("link_key", String(64)),
    Column("title_key", String(64)),
    # How many feeds delivered this story (syndicated copies are linked, not stored twice).
    Column("copies", Integer, nullable=False, default=1),
    # What the item is written in: an ISO 639-1 code ("" when unsure) and the Unicode script.
    Column("language", String(16)),
    Column("script", String(32)),
    # A link to an official domain from another feed: "verified at URL" / "not verified: why".
    Column("link_proof", Text),
    Index(None, "link_key"),
    Index(None, "title_key"),
    Index(None, "fetched_at"),
)

# Other keys under which a stored story arrived (syndicated copies, repeats within a feed), so a
# later poll recognises them without storing the story twice.
item_keys = Table(
    "item_keys",
    metadata,
    Column("dedup_key", String(128), primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
)

# Sentence vectors of claim texts, by model: a daemon with thousands of claims starts without
# encoding them again, and a reload encodes only the texts that changed.
text_vectors = Table(
    "text_vectors",
    metadata,
    Column("model", String(64), primary_key=True),
    Column("text_key", String(64), primary_key=True),  # sha256 of the text
    Column("vector", LargeBinary, nullable=False),  # float32, little-endian
    Column("created_at", UTCDateTime, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("text", Text, nullable=False),
    Column("aliases", JSON, nullable=False, default=list),
    Column("require", JSON, nullable=False, default=list),
    Column("official_sources", JSON, nullable=False, default=list),
    Column("status", String(32), nullable=False, default="unverified"),
    Column("status_since", UTCDateTime, nullable=False),
    Column("pinned", Boolean, nullable=False, default=False),
    Column("archived", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", String(255), ForeignKey("claims.id"), nullable=False),
    Column("item_id", Integer, ForeignKey("items.id", ondelete="CASCADE"), nullable=False),
    Column("score", Float, nullable=False),
    Column("kind", String(16), nullable=False),  # match | review
    Column("stance", String(16), nullable=False),
    Column("stance_confidence", Float, nullable=False, default=0.0),
    Column("cues", JSON, nullable=False, default=list),
    Column("matched_terms", JSON, nullable=False, default=list),
    Column("why", Text, nullable=False, default=""),
    Column("source", String(255), nullable=False, default=""),
    Column("source_tier", String(16), nullable=False),
    # Why the source has its tier (declared feed source, verified link, trusted outlet, ...).
    Column("provenance", Text, nullable=False, default="", server_default=""),
    # Set by a person reviewing a candidate: accepted | rejected.
    Column("review", String(16)),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("claim_id", "item_id"),
    Index(None, "claim_id", "kind"),
)

status_changes = Table(
    "status_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("claim_id", String(255), ForeignKey("claims.id"), nullable=False),
    Column("from_status", String(32), nullable=False),
    Column("to_status", String(32), nullable=False),
    Column("reason", Text, nullable=False),
    Column("evidence_ids", JSON, nullable=False, default=list),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(64), nullable=False),  # rules | manual
    # Time to alert: the deciding item (of the evidence, the one fetched last) was fetched and
    # published; the change was committed (written just after the commit; None until then).
    Column("fetched_at", UTCDateTime),
    Column("published_at", UTCDateTime),
    Column("committed_at", UTCDateTime),
    Index(None, "claim_id", "id"),
)

# Outbox: one row per (event, endpoint), written in the transaction that records the change.
deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", String(64), nullable=False),  # = webhook-id, stable across retries
    Column("event_type", String(64), nullable=False),
    Column("claim_id", String(255)),
    Column("status_change_id", Integer, ForeignKey("status_changes.id")),
    Column("endpoint", String(2048), nullable=False),
    Column("payload", Text, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),  # every attempt, across redeliveries
    # Attempts made before the latest `redeliver`: the retry schedule counts from here.
    Column("earlier_attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("next_attempt_at", UTCDateTime, nullable=False),
    Column("last_status", Integer),
    Column("last_error", Text),
    Column("delivered_at", UTCDateTime),
    Column("dead", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("lease_owner", String(255)),
    Column("lease_until", UTCDateTime),
    UniqueConstraint("event_id", "endpoint"),
    Index(None, "delivered_at", "dead", "next_attempt_at"),
    Index(None, "endpoint", "claim_id", "id"),
)

# Every attempt of every delivery, kept across `redeliver`: what `deliveries` shows.
delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("delivery_id", Integer, ForeignKey("deliveries.id"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("outcome", String(16), nullable=False),  # delivered | retry | dead | gone
    Column("status", Integer),  # the HTTP answer; None when there was none
    Column("error", Text),
    Column("duration_ms", Integer),
    Index(None, "delivery_id", "id"),
)

webhook_endpoints = Table(
    "webhook_endpoints",
    metadata,
    Column("url", String(2048), primary_key=True),
    Column("disabled_reason", Text),
    Column("disabled_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("last_failure_at", UTCDateTime),
    Column("last_error", Text),
)

heartbeats = Table(
    "heartbeats",
    metadata,
    Column("worker_id", String(255), primary_key=True),
    Column("hostname", String(255), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("beat_at", UTCDateTime, nullable=False),
    Column("last_poll_at", UTCDateTime),
    Column("stopped_at", UTCDateTime),
)

# WebSub subscriptions, one per feed that names a hub (while [http] public_url is set). The
# secret signs what the hub pushes: it is never shown or logged.
websub_subscriptions = Table(
    "websub_subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    # One row per feed and hub: while a feed moves to a new hub, the old hub's row (mode
    # unsubscribe) stays until that hub confirms the unsubscription.
    Column("feed_id", Integer, ForeignKey("feeds.id"), nullable=False),
    Column("hub", String(2048), nullable=False),
    Column("topic", String(2048), nullable=False),
    Column("secret", String(128), nullable=False),
    # What we last asked the hub for: subscribe | unsubscribe (its verification must match it).
    Column("mode", String(16), nullable=False),
    Column("verified_at", UTCDateTime),  # the hub's last verification of a subscribe
    Column("lease_until", UTCDateTime),
    Column("next_attempt_at", UTCDateTime, nullable=False),  # the next (re)request to the hub
    Column("last_error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "next_attempt_at"),
    Index(None, "feed_id"),
)
