"""`privacy-bot shell` shows a campaign end to end: a manager starts it, `next` sends the next
reminder, and a member who acted gets no more nudges."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine

# A Sunday noon two weeks and two days before the campaign's deadline (the shell's clock starts at now).
SUNDAY = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


Shell = Callable[..., str]


@pytest.fixture
def shell(run: Callable[..., tuple[int, str, str]]) -> Shell:
    """`privacy-bot shell` fed `lines` from a pipe, in this process (a fresh one costs a second or more): its
    clocks start at `at` and tick on, as tests/travel moves a whole process; `settings` for this session only."""

    def session(lines: list[str], *, cwd: Path, at: datetime = SUNDAY, **settings: str) -> str:
        assert cwd == Path.cwd()  # where the shell runs, as the newcomer's working folder
        with pytest.MonkeyPatch.context() as scoped, time_machine.travel(at, tick=True):
            scoped.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
            for name, value in settings.items():
                scoped.setenv(name, value)
            code, out, err = run("shell")
        assert code == 0, err
        return out

    return session


def test_a_campaign_in_the_shell_announces_and_nudges_only_the_pending(tmp_path: Path, shell: Shell) -> None:
    out = shell(
        [
            "next",
            "as Chiara",
            "/privacy campaign start linkedin #general 2026-12-15",
            "as Ada",
            "/privacy campaign start linkedin #general 2026-12-15",
            "as Chiara",
            "next",  # Monday 09:00: the managers' weekly digest (Ada, an admin; Ben, through his group)
            "next",  # Devi's 10:00 in Kolkata: someone else's DM
            "next",  # Chiara's 10:00 in Rome
            "click opted out",
            "next",  # the channel post and Ada's DM in London
            "next",
            "next",
            "next",
            "next",
        ],
        cwd=tmp_path,
    )
    assert "nothing is scheduled: start a campaign first" in out
    assert "is for the privacy team's managers" in out
    assert "Campaign linkedin-ai-training-2026-12-15 started" in out and "for #general" in out
    digest, first, second, third, *later = out.split("(shell) the clock jumps to")[1:]
    assert "the managers' digest" in digest and "Ada Lovelace, Ben Okafor" in digest and "bot (DM)" not in digest
    assert "and 1 DM to another member: Devi Patel (`as Devi` to read it)" in first and "bot (DM)" not in first
    assert "bot (DM):" in second and "A friendly reminder" in second
    assert "as done on" in second
    assert "bot (#general — everyone):" in third and "14 days left" in third
    # Having opted out, Chiara sees no further DM; others still get theirs.
    assert all("bot (DM)" not in part for part in later)
    assert any("to other members" in part or "to another member" in part for part in later)
    assert not list(tmp_path.iterdir())  # the shell leaves nothing behind


def test_a_manager_sees_the_report_change_and_gets_the_csv_in_the_shell(tmp_path: Path, shell: Shell) -> None:
    out = shell(
        [
            "as Ben",
            "/privacy campaign start linkedin #general 2026-12-15",
            "/privacy report",
            "as Chiara",
            "/privacy linkedin",
            "click opted out",
            "/privacy report",
            "as Ben",
            "/privacy report",
            "click details",
            "click export",
        ],
        cwd=tmp_path,
    )
    started, before, chiara, after = out.split("> /privacy report")
    assert "for #general" in started  # a channel by name, as Slack shows it, not its ID
    assert "0 of 4 answered (0%) · 4 pending" in before
    assert "for the privacy team's managers" in chiara and "Ada" not in chiara
    assert "1 of 4 answered (25%) · 3 pending" in after
    assert "@Ada Lovelace, @Ben Okafor, @Devi Patel" in after
    export = after.split("> click export")[1]
    assert "[file] linkedin-ai-training-2026-12-15-2026-11-29.csv (5 lines)" in export
    assert "user_id,name,status,recorded_at,platform,reason" in export
    assert "U0CHI,Chiara,confirmed,2026-11-29T12:" in export
    assert not list(tmp_path.iterdir())


def test_a_managers_nudge_in_the_shell_shows_what_it_sent_and_the_note_that_follows(
    tmp_path: Path, shell: Shell
) -> None:
    out = shell(
        ["as Ada", "/privacy campaign start linkedin #general 2026-12-15", "/privacy nudge linkedin"],
        cwd=tmp_path,
        # A Monday (the campaign's weekends are free of nudges too) 09:00 in New York: nobody is left for later.
        at=datetime(2026, 11, 30, 14, 0, tzinfo=UTC),
    )
    nudged = out.split("/privacy nudge linkedin", 1)[-1] if "/privacy nudge linkedin" in out else out
    assert "Nudging the 4 members still pending" in nudged
    assert "Nudged 4 members of linkedin-ai-training-2026-12-15" in nudged  # the DM that says they have gone
    assert (
        "(shell) and 3 DMs to other members: Ben Okafor, Chiara Rossi, Devi Patel"
        " (`as Ben`, `as Chiara` or `as Devi` to read them)"
    ) in nudged


def test_the_reports_nudge_button_in_the_shell_shows_the_dms_it_sent_and_the_note_that_follows(
    tmp_path: Path, shell: Shell
) -> None:
    out = shell(
        ["as Ada", "/privacy campaign start linkedin #general 2026-12-15", "/privacy report linkedin", "click nudge"],
        cwd=tmp_path,
        at=datetime(2026, 11, 30, 14, 0, tzinfo=UTC),  # as the typed nudge's test
    )
    clicked = out.split("> click nudge", 1)[-1]
    assert "Nudging the 4 members still pending" in clicked
    assert "Nudged 4 members of linkedin-ai-training-2026-12-15" in clicked  # "I'll tell you when…": it does
    assert "(shell) and 3 DMs to other members: Ben Okafor, Chiara Rossi, Devi Patel" in clicked


def test_a_dm_sent_to_someone_else_is_there_with_its_buttons_on_becoming_them(tmp_path: Path, shell: Shell) -> None:
    out = shell(
        [
            "as Ben",
            "/privacy campaign start linkedin #general 2026-12-20",
            "next",  # Monday 09:00: the managers' digest, Ada's DM and Ben's
            "next",  # Monday 10:00 in Kolkata: Devi's DM, while the terminal is Ben's (Sunday's post waits for Monday)
            "as Devi",
            "back",
            "click opted out",
            "as Ben",
            "as Devi",  # read once, as in Slack
        ],
        cwd=tmp_path,
    )
    digest, nudge = out.split("(shell) the clock jumps to")[1:3]
    assert "(shell) and 1 DM to another member: Ada Lovelace (`as Ada` to read it)" in digest
    assert "(shell) and 1 DM to another member: Devi Patel (`as Devi` to read it)" in nudge
    first, again = out.split("> as Devi")[1:]
    devi, back, click, _ = first.split("\n> ")
    assert "1 DM came while you were someone else" in devi and "bot (DM):" in devi and "A friendly reminder" in devi
    assert "no message with buttons yet" not in back and "I've opted out" in back
    assert "as done on" in click
    assert again.startswith("\n(shell) you are now Devi Patel (U0DEV)\n(shell) Bye.")


def test_the_shell_shows_times_in_the_bots_time_zone_and_names_it(tmp_path: Path, shell: Shell) -> None:
    out = shell(
        [
            "/privacy linkedin",
            "click opted out",
            "as Ada",
            "/privacy campaign start linkedin #general 2026-12-15",
            "next",  # Monday 09:00 in New York: the managers' digest
        ],
        cwd=tmp_path,
        BOT_TIMEZONE="America/New_York",
    )
    assert "as done on 2026-11-29 07:00 America/New_York" in out  # Sunday noon UTC
    assert "the clock jumps to Mon 2026-11-30 09:00 America/New_York: the managers' digest" in out
    assert "UTC" not in out


def test_next_after_the_last_campaign_ended_says_so_instead_of_start_a_campaign_first(
    tmp_path: Path, shell: Shell
) -> None:
    monday = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    out = shell(
        ["as Ada", "/privacy campaign start linkedin #general 2026-12-07", *["next"] * 8],
        cwd=tmp_path,
        at=monday,
    )
    assert "Final summary" in out
    ended = out.rsplit("> next", 1)[1]
    assert "nothing more is scheduled: every campaign has ended or was stopped; start another, e.g." in ended
    assert "start a campaign first" not in out


def test_the_hint_when_nothing_is_scheduled_works_when_copied_whatever_the_date(tmp_path: Path, shell: Shell) -> None:
    spring = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # past any date the hint could have named for good
    out = shell(["next", "as Ben", "next"], cwd=tmp_path, at=spring)
    hint, as_ben = out.split("> as Ben")
    assert "(shell) nothing is scheduled: start a campaign first, e.g. `as Ada`, then" in hint
    assert "e.g. `/privacy campaign start linkedin #general 2027-03-29`" in as_ben  # Ben manages already
    copied = re.findall(r"`([^`]+)`", hint.split("nothing is scheduled", 1)[1])
    assert copied == ["as Ada", "/privacy campaign start linkedin #general 2027-03-29"]
    started = shell(copied, cwd=tmp_path, at=spring)
    assert "Campaign linkedin-ai-training-2027-03-29 started" in started


def test_next_names_everything_that_goes_at_the_moment_it_jumps_to(tmp_path: Path, shell: Shell) -> None:
    sunday = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    out = shell(
        ["as Ada", "/privacy campaign start linkedin #general 2027-01-03", *["next"] * 5], cwd=tmp_path, at=sunday
    )
    jumps = [line for line in out.splitlines() if line.startswith("(shell) the clock jumps to")]
    # Monday the 21st: Chiara's 10:00 in Rome is the digest's 09:00 UTC, and Ada's 10:00 in London is the
    # channel's. Each was announced as one of the two, and the other came unannounced.
    assert jumps[3:] == [
        "(shell) the clock jumps to Mon 2026-12-21 09:00 UTC: linkedin-ai-training-2027-01-03: DMs to those pending;"
        " the managers' digest",
        "(shell) the clock jumps to Mon 2026-12-21 10:00 UTC: linkedin-ai-training-2027-01-03: the channel post"
        " and DMs to those pending",
    ]


def test_a_user_group_is_shown_by_its_handle_as_slack_shows_it(tmp_path: Path, shell: Shell) -> None:
    out = shell(
        ["as Ada", "/privacy campaign start linkedin @design 2026-12-15", "/privacy campaign list"], cwd=tmp_path
    )
    # A channel was shown as #general, a user group by its ID: "for @S0DESIGN".
    assert "for @design, deadline 2026-12-15" in out and "(@design)" in out
    assert "S0DESIGN" not in out


def test_help_says_next_sends_the_managers_digest_too(tmp_path: Path, shell: Shell) -> None:
    # The first `next` after starting a campaign is often Monday's digest, which help did not mention.
    listed = [line for line in shell(["help"], cwd=tmp_path).splitlines() if line.strip().startswith("next ")]
    assert listed and "next scheduled reminder or managers' digest" in listed[0]


def test_next_first_sends_what_is_due_by_now_rather_than_jumping_past_it(tmp_path: Path, shell: Shell) -> None:
    # A campaign started at 20:00 UTC on its deadline day: the channel post (10:00 UTC, 10 hours late) and Ben's
    # DM (15:00 in New York, before his 20:00) are owed now, and the bot's scheduler sends them within 15 s.
    # `next` jumped to the next morning's digest instead, and a warning said both had been missed.
    out = shell(
        ["as Ada", "/privacy campaign start linkedin #general 2026-11-30", "next", "next"],
        cwd=tmp_path,
        at=datetime(2026, 11, 30, 20, 0, tzinfo=UTC),
    )
    due, jumped = out.split("> next")[1:]
    assert "(shell) due by now (Mon 2026-11-30 20:00 UTC), sent as the bot's scheduler would" in due
    assert "bot (#general — everyone):" in due and "Reminder: Stop LinkedIn" in due
    assert "and 1 DM to another member: Ben Okafor" in due
    assert "(shell) the clock jumps to Tue 2026-12-01 09:00 UTC: the managers' digest" in jumped


def test_an_archived_channel_in_the_shell_is_refused_at_start_and_named_in_the_report_once_a_post_fails(
    tmp_path: Path, shell: Shell
) -> None:
    out = shell(
        [
            "as Ada",
            "archive #privacy",
            "/privacy campaign start linkedin #privacy 2026-12-15",
            "unarchive #privacy",
            "/privacy campaign start linkedin #privacy 2026-12-15",
            "/privacy report linkedin",
            "archive #privacy",
            "next",  # Monday 09:00: the managers' digest
            "next",  # Chiara's 10:00 in Rome
            "next",  # the channel post, refused, and Ada's DM in London
            "/privacy report linkedin",
        ],
        cwd=tmp_path,
    )
    refused, started = out.split("> /privacy campaign start")[1:]
    assert "#privacy is archived" in refused and "Nothing was started" in refused, refused
    assert "Campaign linkedin-ai-training-2026-12-15 started" in started and "for #privacy" in started
    before, after = out.split("> /privacy report linkedin")[1:]
    assert "don't reach" not in before
    jumped = out.split("(shell) the clock jumps to")[-1]
    assert "Slack refused the bot's post in #privacy (is_archived)" in jumped, jumped
    assert "nothing went out" not in jumped
    assert "My channel posts don't reach #privacy: it is archived (unarchive it," in after, after


def test_the_channel_posts_buttons_are_reached_by_their_words_beside_the_dm_that_came_with_it(
    tmp_path: Path, shell: Shell
) -> None:
    # Tuesday 10:00 UTC brings the channel post and Ada's DM (London) at once. Once her DM's buttons changed
    # (opted out: Undo), the post's "Doesn't apply to me" was still on her screen, and `click doesn't apply` said
    # "no button", listing the DM's.
    out = shell(
        [
            "as Ada",
            "/privacy campaign start linkedin #general 2026-12-15",
            "next",  # Monday 09:00: the managers' digest
            "next",  # Devi's 10:00 in Kolkata
            "next",  # Chiara's 10:00 in Rome
            "next",  # the channel post and Ada's DM
            "click opted out",
            "click doesn't apply",
        ],
        cwd=tmp_path,
    )
    both = out.split("> next")[-1].split("> click opted out")[0]
    assert both.index("bot (#general — everyone):") < both.index("bot (DM):")
    assert "still reaches" not in both  # each of the post's buttons is on the DM too: words find the DM's
    assert "as done on" in out.split("> click opted out")[1].split("> click")[0]
    clicked = out.split("> click doesn't apply")[1]
    assert "no button" not in clicked
    # As Slack sends a click on a post everyone sees: the bot answers the clicker alone, the post stays as it was.
    assert clicked.startswith("\nbot (only you):\n") and "#general — everyone" not in clicked
    assert "doesn't apply to you" in clicked


def test_a_managers_nudge_click_that_brings_her_own_reminder_leaves_the_reports_buttons_within_reach(
    tmp_path: Path, shell: Shell
) -> None:
    out = shell(
        [
            "as Ada",
            "/privacy campaign start linkedin #general 2026-12-15",
            "/privacy report linkedin",
            "click nudge",  # Ada is pending too: her own reminder DM comes, with its buttons
            "click export",
        ],
        cwd=tmp_path,
        at=datetime(2026, 11, 30, 14, 0, tzinfo=UTC),  # as the typed nudge's test
    )
    nudged, exported = out.split("> click nudge", 1)[1].split("> click export")
    assert "bot (DM):" in nudged and "[2] I've opted out" in nudged
    assert nudged.rstrip().endswith(
        "(shell) `click Nudge pending now` still reaches the reply above; `click N` numbers this message's buttons"
    )
    assert "`back` shows them again" not in nudged  # `back` shows the DM, the last message with buttons
    assert "[file] linkedin-ai-training-2026-12-15-2026-11-30.csv" in exported


def test_next_says_when_a_reminder_moved_rather_than_that_everyone_acted(tmp_path: Path, shell: Shell) -> None:
    # After forget-me the bot no longer knows Ben's zone (New York): "Remind me later" was timed at 10:00 in the
    # bot's zone, and the tick, which reads Slack's members first, moved it to 10:00 where Ben is. `next` said
    # "nothing went out: everyone due has acted already" of a member who had acted in no way.
    out = shell(
        ["as Ben", "/privacy forget-me", "click 1", "/privacy later linkedin", "next", "next"],
        cwd=tmp_path,
        BOT_TIMEZONE="Asia/Kolkata",
    )
    assert "everyone due has acted already" not in out
    moved = out.split("(shell) the clock jumps to")[1]
    assert "nothing went out: it is now planned for Thu 2026-12-03 20:30 Asia/Kolkata" in moved
    assert "You asked me to remind you" in out.split("(shell) the clock jumps to")[2]
