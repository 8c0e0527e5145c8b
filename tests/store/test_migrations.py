"""The migrations build the schema the models describe, and keep data across upgrades."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from bot.store import Store, current_revision, downgrade, head_revision, upgrade
from bot.store.models import Base

TABLES = {"workspaces", "attestations", "audit_log", "member_preferences", "processed_events"} | {
    "campaigns",
    "members",
    "campaign_audience",
    "deliveries",
    "digest_optouts",
}

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
TEAM = "T0001"


def schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return list(compare_metadata(context, Base.metadata))


def test_revisions_are_numbered_in_order() -> None:
    assert head_revision() == "0004"


def test_upgrade_from_an_empty_database_reaches_head(engine: Engine) -> None:
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}


def test_models_and_migrations_agree(engine: Engine) -> None:
    upgrade(engine)
    assert schema_diff(engine) == []


def test_upgrade_is_a_no_op_when_current(engine: Engine) -> None:
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()


def test_upgrade_from_the_previous_revision_keeps_data(engine: Engine) -> None:
    upgrade(engine, revision="0001")
    assert current_revision(engine) == "0001"
    old = Store(engine)
    old.record(team_id=TEAM, user_id="U1", guide_id="g", status="confirmed", now=T0, source="button")
    old.set_platform(team_id=TEAM, user_id="U1", platform="ios", now=T0)

    upgrade(engine)

    assert current_revision(engine) == head_revision()
    indexes = {index["name"] for index in inspect(engine).get_indexes("audit_log")}
    assert "ix_audit_log_team_id_at" in indexes
    store = Store(engine)
    [view] = store.attestations_for(team_id=TEAM, user_id="U1", now=T0 + timedelta(days=1))
    assert (view.status, view.recorded_at) == ("confirmed", T0)
    assert store.platform_of(team_id=TEAM, user_id="U1") == "ios"
    assert [entry.action for entry in store.audit_entries(team_id=TEAM)] == ["attestation.recorded"]
    assert schema_diff(engine) == []


def test_downgrade_and_upgrade_round_trip(engine: Engine) -> None:
    upgrade(engine)
    downgrade(engine, revision="0001")
    assert current_revision(engine) == "0001"
    assert "ix_audit_log_team_id_at" not in {index["name"] for index in inspect(engine).get_indexes("audit_log")}

    downgrade(engine, revision="base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

    upgrade(engine)
    assert current_revision(engine) == head_revision()
    assert schema_diff(engine) == []
