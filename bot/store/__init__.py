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
from bot.store.models import PLATFORMS, STATUSES, Platform, Status, is_platform, is_status
from bot.store.repo import AttestationView, AuditView, RecordResult, Store

__all__ = [
    "PLATFORMS",
    "STATUSES",
    "AttestationView",
    "AuditView",
    "HealthProbe",
    "Platform",
    "RecordResult",
    "Status",
    "Store",
    "StoreError",
    "StoreUnavailable",
    "current_revision",
    "downgrade",
    "head_revision",
    "is_platform",
    "is_status",
    "make_engine",
    "ping",
    "upgrade",
]
