"""websub subscriptions: a feed may have more than one row while it moves to a new hub (the old
hub's row is kept until that hub confirms the unsubscription)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 01:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('websub_subscriptions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_websub_subscriptions_feed_id'), type_='unique')
        batch_op.create_index(batch_op.f('ix_websub_subscriptions_feed_id'), ['feed_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('websub_subscriptions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_websub_subscriptions_feed_id'))
        batch_op.create_unique_constraint(batch_op.f('uq_websub_subscriptions_feed_id'), ['feed_id'])
