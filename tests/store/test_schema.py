"""Rules every table follows, checked on the metadata so a new table cannot forget them."""

from __future__ import annotations

import pytest
from sqlalchemy import Table

from bot.store.models import Base, member_columns

TABLES = sorted(Base.metadata.tables.values(), key=lambda table: table.name)
# Columns ending in _id that never hold a Slack user ID. Add to this only for
# such columns; one that can name a member must carry info=NAMES_MEMBER instead.
NOT_MEMBER_IDS = {"team_id", "guide_id", "campaign_id"}


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_every_row_is_scoped_by_workspace(table: Table) -> None:
    assert "team_id" in table.c
    assert not table.c.team_id.nullable


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_columns_that_can_name_a_member_are_marked_for_forget_me(table: Table) -> None:
    unmarked = [
        column.name
        for column in table.columns
        if column.name.endswith("_id") and column.name not in NOT_MEMBER_IDS and column not in member_columns(table)
    ]
    assert unmarked == []


@pytest.mark.parametrize("table", TABLES, ids=lambda table: table.name)
def test_times_come_from_the_caller_not_the_database(table: Table) -> None:
    assert [column.name for column in table.columns if column.server_default or column.server_onupdate] == []
    assert [column.name for column in table.columns if column.default or column.onupdate] == []


def test_the_audit_log_has_no_free_text_column() -> None:
    # "No message text": the audit detail is small structured data written by the store only.
    assert set(Base.metadata.tables["audit_log"].c.keys()) == {
        "id",
        "team_id",
        "at",
        "actor_id",
        "action",
        "subject_id",
        "guide_id",
        "detail",
    }
