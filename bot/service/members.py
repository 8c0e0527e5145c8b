"""The member directory and who counts as a manager: resolved from Slack, stored, refreshed daily.

A request (a manager command or button) never waits for Slack here: when the directory is a day old it
asks for a refresh in the background and answers from what is stored."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from bot import strings
from bot.guides.applicability import reach
from bot.guides.catalog import Guide
from bot.service.background import Background
from bot.service.besteffort import best_effort
from bot.service.clock import Clock
from bot.service.errors import ManagerRoleUnknown
from bot.service.ports import SlackError, SlackPort
from bot.store.directory import MemberDirectory, MemberRow
from bot.store.repo import Store

log = logging.getLogger(__name__)

REFRESH_EVERY = timedelta(days=1)
# A channel member the last read did not list is read for again once it is this old: a new hire added to the
# channel, whom a directory up to a day old would leave out of a campaign started (or read) today.
NEWCOMER_REREAD = timedelta(hours=1)
# Only until this process has read its managers' user groups once (the read starts with the process): a
# group's manager asking in the first moments waits this long rather than be refused.
FIRST_READ_WAIT_S = 0.5


class Members:
    def __init__(
        self,
        *,
        slack: SlackPort,
        directory: MemberDirectory,
        store: Store,
        clock: Clock,
        managers: tuple[str, ...],
        admins_are_managers: bool,
        background: Background,
        bot_user_id: str | None = None,
    ) -> None:
        self.slack = slack
        self.directory = directory
        self.store = store
        self.clock = clock
        self.manager_users = frozenset(item for item in managers if not item.startswith("S"))
        self.manager_groups = tuple(item for item in managers if item.startswith("S"))
        self.admins_are_managers = admins_are_managers
        self.bot_user_id = bot_user_id
        self._lock = threading.Lock()
        self._humans: dict[str, frozenset[str]] = {}  # team -> active human members, from the last refresh
        self._group_managers: dict[str, frozenset[str]] = {}
        # team -> active members as the last read listed them: the directory stores names only of audience members,
        # and no row at all of one who used forget-me, until an audience holds them again (see `humans_in`).
        self._read: dict[str, dict[str, MemberRow]] = {}
        self._listed: dict[str, frozenset[str]] = {}  # team -> every account the last read listed, of any kind
        # team -> in a channel, yet not listed by a read made after they were seen there: Slack Connect members
        # of another company (users.list lists only the workspace's own), never read for again.
        self._unlisted: dict[str, set[str]] = {}
        self._refreshed: dict[str, datetime] = {}
        self.background = background
        self._refreshing: dict[str, threading.Event] = {}  # team -> set when its background refresh ends
        self._reading = threading.Lock()

    def refresh(self, *, team_id: str) -> int:
        """Read the whole directory (users.list, 200 a page) and the managers' user groups; store them."""
        now = self.clock()
        people = self.slack.directory()
        rows = [
            MemberRow(
                user_id=p.user_id,
                name=p.name,
                tz=p.tz,
                is_admin=p.is_admin,
                is_owner=p.is_owner,
                active=p.active,
            )
            for p in people
            if p.human and p.user_id != self.bot_user_id
        ]
        self.directory.replace(
            team_id=team_id, members=rows, now=now, named=self.directory.ever_in_audience(team_id=team_id)
        )
        group_managers: set[str] = set()
        for group in self.manager_groups:
            group_managers.update(self.slack.group_members(group))
        with self._lock:
            self._humans[team_id] = frozenset(row.user_id for row in rows if row.active)
            self._read[team_id] = {row.user_id: row for row in rows if row.active}
            self._listed[team_id] = frozenset(p.user_id for p in people)
            self._group_managers[team_id] = frozenset(group_managers)
            self._refreshed[team_id] = now
        return len(rows)

    def refresh_if_stale(self, *, team_id: str, older_than: timedelta = REFRESH_EVERY) -> None:
        """Read the directory when it is a day old; when Slack cannot be asked, keep the stored one. One read at
        a time: a caller that finds one under way waits for it rather than asking Slack for every page again
        (the scheduler's first tick and its housekeeping both ask at start; users.list is Slack's tier 2)."""
        if not self._stale(team_id, older_than):
            return
        with self._reading:
            if not self._stale(team_id, older_than):
                return
            try:
                self.refresh(team_id=team_id)
            except SlackError as error:
                log.warning("could not read the member directory from Slack (%s); using the stored one", error.code)

    def refresh_soon(self, *, team_id: str) -> threading.Event:
        """`refresh_if_stale` in the background, one at a time per workspace; the event is set when it ends."""
        with self._lock:
            running = self._refreshing.get(team_id)
            if running is not None:
                return running
            done = self._refreshing[team_id] = threading.Event()

        def refresh() -> None:
            try:
                self.refresh_if_stale(team_id=team_id)
            finally:
                with self._lock:
                    self._refreshing.pop(team_id, None)
                done.set()

        self.background.run("directory", refresh)
        return done

    def _stale(self, team_id: str, older_than: timedelta = REFRESH_EVERY) -> bool:
        with self._lock:
            last = self._refreshed.get(team_id)
        return last is None or self.clock() - last >= older_than

    def humans(self, *, team_id: str) -> frozenset[str]:
        """Active human members (no bots, guests, deactivated accounts or the bot itself). Raises SlackError
        when Slack has not listed them since this process started and nothing is stored either."""
        self.refresh_if_stale(team_id=team_id)
        with self._lock:
            read = self._humans.get(team_id)
        if read is not None:
            return read
        # Slack refused since the start (a restart in a busy hour meets users.list's tier 2): the stored
        # directory, not nobody, or every campaign would mark its whole audience as gone and nudge no one.
        stored = frozenset(user for user, row in self.directory.members(team_id=team_id).items() if row.active)
        if not stored:
            raise SlackError("directory_unavailable", retryable=True)
        return stored

    def resolve(
        self, *, team_id: str, channels: tuple[str, ...], groups: tuple[str, ...], guide: Guide | None = None
    ) -> set[str]:
        """The human members of channels and user groups: conversations.members / usergroups.users.list,
        filtered by the stored directory, never one users.info per member. With a guide, only those it
        is a to-do for (an owners-only opt-out, a region's): a campaign's audience is who can act on it."""
        return self.for_guide(
            team_id=team_id, found=self.humans_in(team_id=team_id, channels=channels, groups=groups), guide=guide
        )

    def humans_in(self, *, team_id: str, channels: tuple[str, ...], groups: tuple[str, ...]) -> set[str]:
        """The human members of the channels and user groups, whoever the guide is for."""
        humans = self.humans(team_id=team_id)
        found: set[str] = set()
        for channel in channels:
            found.update(self.slack.channel_members(channel))
        for group in groups:
            found.update(self.slack.group_members(group))
        if self._unknown(team_id, found):
            asked = self.clock()
            self.refresh_if_stale(team_id=team_id, older_than=NEWCOMER_REREAD)
            humans = self.humans(team_id=team_id)
            with self._lock:
                read = self._refreshed.get(team_id)
            if read is not None and read >= asked:
                unknown = self._unknown(team_id, found)
                with self._lock:
                    self._unlisted.setdefault(team_id, set()).update(unknown)
        found &= humans
        self._remember(team_id, found)
        return found

    def _unknown(self, team_id: str, found: set[str]) -> set[str]:
        """Those of `found` the last read in this process did not list, nor found unlisted again (none before
        a first read: the stored directory serves then)."""
        with self._lock:
            listed = self._listed.get(team_id)
            unlisted = self._unlisted.get(team_id, set())
            return set() if listed is None else found - listed - unlisted

    def _remember(self, team_id: str, found: set[str]) -> None:
        """Those joining an audience, as the last read listed them: a name for one the directory stored nameless
        (its reports show them), and the whole row for one it holds no longer (forget-me deleted it): without
        their zone, their DMs went at BOT_TIMEZONE's hour and a region's guide no longer counted them."""
        with self._lock:
            read = self._read.get(team_id, {})
        if not read:  # not read since the start: the next read names them (they are in an audience by then)
            return
        stored = self.directory.members(team_id=team_id, user_ids=found)
        gone = [read[user] for user in sorted(found) if user in read and user not in stored]
        nameless = {
            user: read[user].name
            for user in found
            if user in read and read[user].name and (row := stored.get(user)) is not None and not row.name
        }
        if gone:
            self.directory.add(team_id=team_id, members=gone, now=self.clock())
        if nameless:
            self.directory.name(team_id=team_id, names=nameless, now=self.clock())

    def for_guide(self, *, team_id: str, found: set[str], guide: Guide | None) -> set[str]:
        """Those of `found` the guide is a to-do for."""
        if guide is None or guide.applies_to == "everyone":
            return found
        rows = self.directory.members(team_id=team_id, user_ids=found)
        return {user_id for user_id in found if todo_for(guide, rows.get(user_id))}

    def is_manager(self, *, team_id: str, user_id: str) -> bool:
        """MANAGERS (users and user groups) plus, when ADMINS_ARE_MANAGERS, admins and owners; False
        also while Slack has not yet listed the managers' user groups (see `may_manage`)."""
        return self._manager(team_id=team_id, user_id=user_id) is True

    def may_manage(self, *, team_id: str, user_id: str) -> bool:
        """`is_manager` for a manager-only command or button: rather than refuse someone who may be in a
        managers' user group Slack has not listed since the start, raises ManagerRoleUnknown."""
        known = self._manager(team_id=team_id, user_id=user_id)
        if known is None:
            raise ManagerRoleUnknown(strings.MANAGER_ROLE_UNKNOWN)
        return known

    def _manager(self, *, team_id: str, user_id: str) -> bool | None:
        """None: not a manager by name, and what else could make them one (the user groups, or their admin
        flag when the stored directory has no row for them) has not been read from Slack yet."""
        if user_id in self.manager_users:
            return True
        if (self.manager_groups or self.admins_are_managers) and self._stale(team_id):
            # Only what Slack says can make someone a manager beyond MANAGERS' user IDs is worth reading for.
            refreshed = self.refresh_soon(team_id=team_id)
            with self._lock:
                never_read = team_id not in self._group_managers
            if never_read and (self.manager_groups or self.admins_are_managers):
                refreshed.wait(FIRST_READ_WAIT_S)
        with self._lock:
            groups = self._group_managers.get(team_id)
        if groups is not None and user_id in groups:
            return True
        row = None
        if self.admins_are_managers:
            row = self.directory.members(team_id=team_id, user_ids=[user_id]).get(user_id)
            if row is not None and row.active and (row.is_admin or row.is_owner):
                return True
        if groups is None and (self.manager_groups or (self.admins_are_managers and row is None)):
            # On a fresh install the first users.list may still be paging (tier 2: minutes for a big
            # workspace) or failing: refusing then would tell an admin they are not a manager.
            return None
        return False

    def managers(self, *, team_id: str) -> list[str]:
        """Everyone who is a manager now, for digests: not an account the directory knows as deactivated,
        named in MANAGERS or still in a managers' user group (Slack refuses a DM to it, week after week).
        One the directory has never seen (not read yet) is kept: Slack has the last word on it."""
        self.refresh_if_stale(team_id=team_id)
        found = set(self.manager_users)
        with self._lock:
            found |= self._group_managers.get(team_id, frozenset())
        if self.admins_are_managers:
            found |= self.directory.admins(team_id=team_id)
        known = self.directory.members(team_id=team_id, user_ids=found)
        return sorted(user for user in found if (row := known.get(user)) is None or row.active)

    def refused(self, *, team_id: str, user_id: str, what: str) -> None:
        """A non-manager tried a manager command or button: kept in the audit log (no names shown). Best
        effort: when the database is busy the refusal is still shown, only its audit entry is missing."""
        now = self.clock()
        best_effort(
            "auditing a refusal",
            lambda: self.store.audit_refusal(team_id=team_id, user_id=user_id, what=what, now=now),
        )


def todo_for(guide: Guide, member: MemberRow | None) -> bool:
    """A campaign's guide is this member's to do: not an owners-only one for a plain member, nor a
    region's for someone whose time zone places them elsewhere (or nowhere known)."""
    if member is None:
        return reach(guide, is_owner=False, tz=None) == "todo"
    return reach(guide, is_owner=member.is_owner, tz=member.tz) == "todo"
