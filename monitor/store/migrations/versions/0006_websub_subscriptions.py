"""websub subscriptions: hub, topic, secret and lease of each feed pushed to us

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 23:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from monitor.store.schema import UTCDateTime

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('websub_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('feed_id', sa.Integer(), nullable=False),
    sa.Column('hub', sa.String(length=2048), nullable=False),
    sa.Column('topic', sa.String(length=2048), nullable=False),
    sa.Column('secret', sa.String(length=128), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('verified_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('lease_until', UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_attempt_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feed_id'], ['feeds.id'], name=op.f('fk_websub_subscriptions_feed_id_feeds')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_websub_subscriptions')),
    sa.UniqueConstraint('feed_id', name=op.f('uq_websub_subscriptions_feed_id'))
    )
    with op.batch_alter_table('websub_subscriptions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_websub_subscriptions_next_attempt_at'), ['next_attempt_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('websub_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_websub_subscriptions_next_attempt_at'))
    op.drop_table('websub_subscriptions')
