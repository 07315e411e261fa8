"""verification of kejadian and field submissions (KoboToolbox / ODK)

Revision ID: 0004
Revises: 0003

Every kejadian gets a status (menunggu | terverifikasi | ditolak). Rows stored before this
migration were uploaded by analysts and already counted, so they become terverifikasi.
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=15), nullable=False,
                                      server_default='terverifikasi'))
        batch_op.add_column(sa.Column('status_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status_by', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('status_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('merged_into', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('submission_uuid', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('submitted_by', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('reporter_role', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_incidents_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_incidents_submission_uuid'), ['submission_uuid'], unique=False)
    # the server default already filled existing rows; this states the rule explicitly
    op.execute("UPDATE incidents SET status = 'terverifikasi' WHERE status IS NULL")


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_submission_uuid'))
        batch_op.drop_index(batch_op.f('ix_incidents_status'))
        for name in ('submitted_at', 'reporter_role', 'submitted_by', 'submission_uuid', 'merged_into',
                     'status_at', 'status_by', 'status_reason', 'status'):
            batch_op.drop_column(name)
