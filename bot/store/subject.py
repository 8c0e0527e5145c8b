"""What is stored about one member: the rows `Store.forget_member` would delete, for a subject-access request."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select

from bot.store.models import Base, Workspace, naming
from bot.store.sql import reading


def rows_naming(engine: Engine, *, user_id: str, team_id: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row that names `user_id` (in `team_id`'s workspace, or in every workspace), by table, as JSON values.

    Found the way forget-me deletes, over every table whose columns are marked as naming a member, so a table
    added later is listed here too once it is forgettable. Only reads: never takes SQLite's write lock."""
    found: dict[str, list[dict[str, Any]]] = {}
    with reading(engine) as conn:
        for table in Base.metadata.sorted_tables:
            names = naming(table, user_id)
            if names is None:
                continue
            query = select(table).where(names)
            if team_id is not None:
                query = query.where(table.c.team_id == team_id)
            rows = conn.execute(query.order_by(*table.primary_key.columns)).mappings().all()
            if rows:
                found[table.name] = [{name: _json(value) for name, value in row.items()} for row in rows]
    return found


def workspaces(engine: Engine) -> list[str]:
    """The IDs of the workspaces the database holds rows of (every row's team is one of them)."""
    with reading(engine) as conn:
        return list(conn.execute(select(Workspace.team_id).order_by(Workspace.team_id)).scalars())


def _json(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
