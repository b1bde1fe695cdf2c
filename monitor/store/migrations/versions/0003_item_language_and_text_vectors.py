"""item language and script; sentence vectors of claim texts

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05 02:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from monitor.store.schema import UTCDateTime

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (both databases have it): no table rebuild, however many items there are.
    op.add_column('items', sa.Column('language', sa.String(length=16), nullable=True))
    op.add_column('items', sa.Column('script', sa.String(length=32), nullable=True))
    op.create_table('text_vectors',
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('text_key', sa.String(length=64), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('model', 'text_key', name=op.f('pk_text_vectors'))
    )


def downgrade() -> None:
    op.drop_table('text_vectors')
    with op.batch_alter_table('items') as batch:
        batch.drop_column('script')
        batch.drop_column('language')
