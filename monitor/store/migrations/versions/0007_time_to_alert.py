"""time to alert: when a status change's deciding item was fetched and published, and when the
change was committed

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from monitor.store.schema import UTCDateTime

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable: older changes, and changes made by hand, have no deciding item.
    with op.batch_alter_table('status_changes') as batch:
        batch.add_column(sa.Column('fetched_at', UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('published_at', UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('committed_at', UTCDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('status_changes') as batch:
        batch.drop_column('committed_at')
        batch.drop_column('published_at')
        batch.drop_column('fetched_at')
