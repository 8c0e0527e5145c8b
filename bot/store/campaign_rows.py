"""Stored campaigns: those from CAMPAIGNS_FILE and those managers start in Slack, one table for both."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, select, true, update

from bot.campaigns import Campaign
from bot.store.models import Campaign as CampaignRow
from bot.store.sql import check_time, ensure_workspace, insert_for, reading, table_of, writing

log = logging.getLogger(__name__)


class StoredCampaign:
    __slots__ = ("campaign", "origin", "started_at", "stopped_at")

    def __init__(self, campaign: Campaign, *, origin: str, started_at: datetime, stopped_at: datetime | None) -> None:
        self.campaign = campaign
        self.origin = origin
        self.started_at = started_at
        self.stopped_at = stopped_at

    @property
    def id(self) -> str:
        return self.campaign.id


@dataclass(frozen=True, slots=True)
class UnusableCampaign:
    """A stored row that today's checks refuse: saved before they existed (a deadline past LAST_DEADLINE, from
    before the bounds), or edited by hand into values of the right types that the checks refuse (a row whose
    columns no longer read as their types, a NULL list or an impossible date, is not caught). Built into a Campaign
    it would fail every reader, the scheduler's tick and every member's status included; so no reader gets it as
    one. It is listed, with why, and can be stopped, and the row stays as it was: it is the operator's to fix or
    stop, not the bot's to drop or rewrite."""

    team_id: str
    id: str
    guide_id: str
    deadline: date
    channels: tuple[str, ...]
    groups: tuple[str, ...]
    origin: str
    stopped_at: datetime | None
    fields: tuple[str, ...]  # the settings the checks refuse, such as ("deadline",)


class CampaignStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        # Each unusable row is logged once per process, not on every read (every status and tick reads them all).
        self._logged: set[tuple[str, str]] = set()

    def save(self, *, team_id: str, campaign: Campaign, origin: str, now: datetime, running_too: bool = True) -> bool:
        """Insert, or update a campaign of the same origin (a file edited and reloaded). A file never
        overwrites a campaign a manager started in Slack; returns False then, or when unchanged.
        `running_too=False` updates only a stopped one (a manager starting it again): a running one
        was started by someone else meanwhile, and is theirs."""
        check_time(now, "now")
        values = _values(campaign)
        with writing(self._engine) as conn:
            ensure_workspace(conn, team_id=team_id, now=now)
            inserted = conn.execute(
                insert_for(conn, CampaignRow)
                .values(team_id=team_id, id=campaign.id, origin=origin, started_at=now, **values)
                .on_conflict_do_nothing(index_elements=["team_id", "id"])
                .returning(CampaignRow.id)
            ).one_or_none()
            if inserted is not None:
                return True
            updated = conn.execute(
                update(table_of(CampaignRow))
                .where(CampaignRow.team_id == team_id, CampaignRow.id == campaign.id, CampaignRow.origin == origin)
                .where(true() if running_too else CampaignRow.stopped_at.is_not(None))
                .values(**values, stopped_at=None)
                .returning(CampaignRow.id)
            ).one_or_none()
            return updated is not None

    def stop(self, *, team_id: str, campaign_id: str, now: datetime) -> bool:
        with writing(self._engine) as conn:
            stopped = conn.execute(
                update(table_of(CampaignRow))
                .where(CampaignRow.team_id == team_id, CampaignRow.id == campaign_id, CampaignRow.stopped_at.is_(None))
                .values(stopped_at=now)
                .returning(CampaignRow.id)
            ).one_or_none()
            return stopped is not None

    def all(self, *, team_id: str | None = None, include_stopped: bool = False) -> list[tuple[str, StoredCampaign]]:
        """(team_id, campaign) pairs, oldest first; rows today's checks refuse are left to `unusable`."""
        return [
            (team, found) for team, found in self._read(team_id, include_stopped) if isinstance(found, StoredCampaign)
        ]

    def unusable(self, *, team_id: str | None = None) -> list[UnusableCampaign]:
        """Stored rows, stopped ones too, that cannot be run as campaigns, oldest first."""
        return [found for _, found in self._read(team_id, True) if isinstance(found, UnusableCampaign)]

    def get(self, *, team_id: str, campaign_id: str) -> StoredCampaign | None:
        found = self.get_any(team_id=team_id, campaign_id=campaign_id)
        return found if isinstance(found, StoredCampaign) else None

    def get_any(self, *, team_id: str, campaign_id: str) -> StoredCampaign | UnusableCampaign | None:
        query = select(CampaignRow).where(CampaignRow.team_id == team_id, CampaignRow.id == campaign_id)
        with reading(self._engine) as conn:
            row = conn.execute(query).one_or_none()
            return self._stored(row) if row is not None else None

    def _read(self, team_id: str | None, include_stopped: bool) -> list[tuple[str, StoredCampaign | UnusableCampaign]]:
        query = select(CampaignRow).order_by(CampaignRow.started_at, CampaignRow.id)
        if team_id is not None:
            query = query.where(CampaignRow.team_id == team_id)
        if not include_stopped:
            query = query.where(CampaignRow.stopped_at.is_(None))
        with reading(self._engine) as conn:
            return [(row.team_id, self._stored(row)) for row in conn.execute(query)]

    def _stored(self, row: Any) -> StoredCampaign | UnusableCampaign:
        try:
            return _stored(row)
        except ValidationError as error:
            fields = tuple(dict.fromkeys(str(problem["loc"][0]) for problem in error.errors() if problem["loc"]))
            if (row.team_id, row.id) not in self._logged:
                self._logged.add((row.team_id, row.id))
                log.warning(
                    "campaign %s in %s is stored with %s that the bot no longer accepts, so nothing is sent for it;"
                    " `campaign list` shows it, stop it with `campaign stop %s`",
                    row.id,
                    row.team_id,
                    ", ".join(fields) or "values",
                    row.id,
                )
            return UnusableCampaign(
                team_id=row.team_id,
                id=row.id,
                guide_id=row.guide_id,
                deadline=row.deadline,
                channels=tuple(row.channels),
                groups=tuple(row.groups),
                origin=row.origin,
                stopped_at=row.stopped_at,
                fields=fields,
            )


def _values(campaign: Campaign) -> dict[str, object]:
    return {
        "guide_id": campaign.guide,
        "channels": list(campaign.channels),
        "groups": list(campaign.groups),
        "deadline": campaign.deadline,
        "remind_days_before": list(campaign.remind_days_before),
        "remind_at": campaign.remind_at,
        "nudge_pending": campaign.nudge_pending,
        # The column keeps the setting's old name: renaming it would take a migration and change nothing.
        "weekend_dms": campaign.weekend_reminders,
    }


def _stored(row: Any) -> StoredCampaign:
    campaign = Campaign(
        id=row.id,
        guide=row.guide_id,
        channels=tuple(row.channels),
        groups=tuple(row.groups),
        deadline=row.deadline,
        remind_days_before=tuple(row.remind_days_before),
        remind_at=row.remind_at,
        nudge_pending=row.nudge_pending,
        weekend_reminders=row.weekend_dms,
    )
    return StoredCampaign(campaign, origin=row.origin, started_at=row.started_at, stopped_at=row.stopped_at)
