"""Persistence: SQLAlchemy models, queries and Alembic migrations."""

from bot.store.database import (
    HealthProbe,
    StoreError,
    StoreUnavailable,
    current_revision,
    downgrade,
    head_revision,
    make_engine,
    ping,
    upgrade,
)
from bot.store.repo import AttestationView, AuditView, RecordResult, Store

__all__ = [
    "AttestationView",
    "AuditView",
    "HealthProbe",
    "RecordResult",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "current_revision",
    "downgrade",
    "head_revision",
    "make_engine",
    "ping",
    "upgrade",
]
