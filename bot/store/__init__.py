"""Persistence: SQLAlchemy models, queries and Alembic migrations."""

from bot.store.database import current_revision, downgrade, head_revision, make_engine, ping, upgrade
from bot.store.repo import AttestationView, AuditView, RecordResult, Store

__all__ = [
    "AttestationView",
    "AuditView",
    "RecordResult",
    "Store",
    "current_revision",
    "downgrade",
    "head_revision",
    "make_engine",
    "ping",
    "upgrade",
]
