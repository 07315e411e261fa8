"""audit hash chain and login throttle

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from analytics.store.audit_chain import rechain

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('row_hash', sa.String(length=64), nullable=True))
    op.create_table('login_throttle',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.Float(), nullable=True),
    sa.Column('blocked_until', sa.Float(), nullable=True),
    sa.PrimaryKeyConstraint('key')
    )
    # Entries written before this revision join the chain in id order (from here on it is checked).
    log = sa.table('audit_log', sa.column('id', sa.Integer), sa.column('ts', sa.DateTime(timezone=True)),
                   sa.column('username', sa.String), sa.column('action', sa.String), sa.column('target', sa.String),
                   sa.column('detail', sa.Text), sa.column('prev_hash', sa.String), sa.column('row_hash', sa.String))
    rechain(op.get_bind(), log)


def downgrade() -> None:
    op.drop_table('login_throttle')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_column('row_hash')
        batch_op.drop_column('prev_hash')
