"""The migrations build the schema the models describe, and keep data across upgrades."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from bot.core import OccasionKind
from bot.store import Store, current_revision, downgrade, head_revision, upgrade
from bot.store.ledger import DeliveryLedger, DmDay, LedgerKey, Spared
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
HOUR = timedelta(hours=1)


def schema_diff(engine: Engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        return list(compare_metadata(context, Base.metadata))


def test_revisions_are_numbered_in_order() -> None:
    assert head_revision() == "0006"


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


@pytest.mark.parametrize("revision", ["0001", "0002", "0003", "0004", "0005"])
def test_upgrade_from_an_older_revision_keeps_data(engine: Engine, revision: str) -> None:
    upgrade(engine, revision=revision)
    assert current_revision(engine) == revision
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


def test_two_dms_of_one_day_from_before_0004_upgrade_and_hold_that_day_once(engine: Engine) -> None:
    """Before 0004 two replicas could both DM a member about a guide the same day. Only one row may hold the day
    under 0004's unique key: the upgrade goes through (a failed one would stop every replica from starting), and
    the day stays taken."""
    upgrade(engine, revision="0003")
    with engine.begin() as db:
        db.execute(text("INSERT INTO workspaces (team_id, created_at) VALUES (:team, :at)"), {"team": TEAM, "at": T0})
        db.execute(
            text(
                "INSERT INTO campaigns (team_id, id, guide_id, channels, groups, deadline, remind_days_before,"
                " remind_at, nudge_pending, weekend_dms, origin, started_at) VALUES (:team, 'c', 'g', '[]', '[]',"
                " :deadline, '[0]', '10:00', true, false, 'slack', :at)"
            ),
            {"team": TEAM, "deadline": T0.date(), "at": T0},
        )
        for kind, at in (("nudge", T0), ("manual", T0 + timedelta(seconds=1))):
            db.execute(
                text(
                    "INSERT INTO deliveries (team_id, campaign_id, kind, occasion, target, due_at, state, attempts,"
                    " done_at) VALUES (:team, 'c', :kind, '0', 'U1', :at, 'sent', 1, :at)"
                ),
                {"team": TEAM, "kind": kind, "at": at},
            )

    upgrade(engine)

    ledger = DeliveryLedger(engine)
    later = LedgerKey(team_id=TEAM, campaign_id="c", kind=OccasionKind.MANUAL_NUDGE, occasion="later", target="U1")
    claimed = ledger.claim(later, due_at=T0, now=T0 + HOUR, lease=HOUR, dm=DmDay(guide_id="g", day=T0.date()))
    assert claimed is Spared.DAY_TAKEN


def test_a_database_upgraded_from_0005_takes_the_notice_of_a_refused_post_and_a_downgrade_drops_it(
    engine: Engine,
) -> None:
    upgrade(engine, revision="0005")
    Store(engine).ensure_workspace(team_id=TEAM, now=T0)
    upgrade(engine)
    ledger = DeliveryLedger(engine)
    key = LedgerKey(team_id=TEAM, campaign_id="c", kind=OccasionKind.POST_REFUSED, occasion="C0TEAM", target="U1")
    assert isinstance(ledger.claim(key, due_at=T0, now=T0, lease=HOUR), int)
    downgrade(engine, revision="0005")
    with engine.connect() as db:
        assert db.execute(text("SELECT count(*) FROM deliveries")).scalar_one() == 0
    upgrade(engine)
    assert schema_diff(engine) == []
