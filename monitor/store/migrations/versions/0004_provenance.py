"""provenance: aggregator feeds, verified links, why a source has its tier

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column('feeds', sa.Column('aggregator', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('items', sa.Column('link_proof', sa.Text(), nullable=True))
    op.add_column('evidence', sa.Column('provenance', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    op.drop_column('evidence', 'provenance')
    op.drop_column('items', 'link_proof')
    op.drop_column('feeds', 'aggregator')
