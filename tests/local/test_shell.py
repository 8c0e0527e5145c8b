"""`privacy-bot shell` as a newcomer types into it: the real bot over HTTP, the stand-in as Slack."""

from __future__ import annotations

import io
import re
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import strings
from bot.cli import serve_in_background
from bot.guides import load_catalog
from bot.local.fake_slack import FakeSlack
from bot.local.sender import SignedSender
from bot.local.settings import stand_in_settings
from bot.local.shell import Shell
from bot.local.workspace import ADMIN, GENERAL, LOCAL_BOT_TOKEN, LOCAL_SIGNING_SECRET, MEMBER, PRIVACY
from tests.botproc import bot_env

Chat = Callable[..., str]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    # The stand-in on real time, as `privacy-bot shell` runs it (this folder's default is a manual clock).
    with FakeSlack() as stand_in:
        yield stand_in


@pytest.fixture
def chat(slack: FakeSlack, tmp_path: Path) -> Iterator[Chat]:
    """Feed lines to one shell session; returns what it printed for them."""
    settings = stand_in_settings(api_url=slack.api_url, database_url=f"sqlite:///{tmp_path / 'shell.db'}")
    served = serve_in_background(settings)
    url, stop = served.url, served.stop
    out = io.StringIO()
    sender = SignedSender(url, LOCAL_SIGNING_SECRET, response_urls=slack, settle=served.settle)
    shell = Shell(slack=slack, sender=sender, user=MEMBER, out=out)

    def say(*lines: str, width: int | None = None) -> str:
        shell.width = width
        start = out.tell()
        for line in lines:
            try:
                shell.handle(line)
            except (ValueError, TimeoutError) as error:
                out.write(f"(shell) {error}\n")
        return out.getvalue()[start:]

    say.shell = shell  # type: ignore[attr-defined]
    try:
        yield say
    finally:
        stop()


@pytest.mark.parametrize(
    ("label", "recorded"),
    [
        ("I've opted out", "as done on"),
        ("i’ve opted OUT", "as done on"),
        ('"I\'ve opted out"', "as done on"),
        ("doesn't apply", "doesn't apply to you"),
    ],
)
def test_buttons_are_pressed_by_their_label_apostrophes_and_all(chat: Chat, label: str, recorded: str) -> None:
    chat("/privacy linkedin iphone")
    answer = chat(f"click {label}")
    assert recorded in answer
    assert "No closing quotation" not in answer


def test_an_unmatched_question_lists_each_guide_once_with_a_number_to_click(chat: Chat) -> None:
    shown = chat("how do i opt out")
    guides = list(load_catalog())
    assert [guide.title for guide in guides if shown.count(guide.title) != 1] == []
    assert f"[{len(guides)}] Zoom: nothing to turn off for AI training" in shown
    assert "Content analysis" in chat("click 3")  # Adobe's, third in the list


def test_each_answer_says_who_sees_it(chat: Chat) -> None:
    assert chat("/privacy linkedin").startswith("bot (only you):\n")
    assert chat("how do I download my linkedin data?").startswith("bot (DM):\n")
    assert chat("@bot linkedin").startswith("bot (#general thread — everyone):\n")
    assert chat("home").startswith("bot (App Home — only you):\n")


@pytest.mark.parametrize("who", ["Ben", "ben", "u0ben", "U0BEN", "@ben", "Ben Okafor"])
def test_as_takes_a_name_or_an_id_in_any_case(chat: Chat, who: str) -> None:
    assert chat(f"as {who}") == "(shell) you are now Ben Okafor (U0BEN)\n"


def test_as_refuses_a_deactivated_member_and_says_what_it_does_not_know(chat: Chat) -> None:
    assert "deactivated" in chat("as olga")
    assert chat("as nobody") == "(shell) no member 'nobody'; `users` lists them\n"


def test_users_shows_roles_groups_and_who_you_are(chat: Chat) -> None:
    listed = {line.split()[0]: line for line in chat("users").splitlines()}
    assert "primary owner, admin" in listed["U0ADA"]
    assert "guest" in listed["U0GUS"]
    assert "deactivated" in listed["U0OLD"]
    assert "bot" in listed["U0HELPER"]
    assert "@privacy-managers" in listed["U0BEN"]
    assert listed[MEMBER].endswith("<- you")


def test_a_mistyped_command_is_one_line_and_never_reaches_the_bot(chat: Chat, slack: FakeSlack) -> None:
    calls = len(slack.calls)
    answer = chat("/privcy status")
    assert answer == "(shell) /privcy is not a command here; the bot's is /privacy\n"
    assert len(slack.calls) == calls


@pytest.mark.parametrize("typed", ["/Privacy", "/PRIVACY"])
def test_the_command_with_capitals_is_the_command(chat: Chat, typed: str) -> None:
    # A phone's keyboard writes `/Privacy help`; the shell answered "/Privacy is not a command here".
    answer = chat(f"{typed} help")
    assert answer.startswith("bot (only you):\n")
    assert "not a command here" not in answer
    assert "/privacy status" in answer


def test_long_lines_wrap_to_the_width_without_breaking_links(chat: Chat) -> None:
    answer = chat("/privacy linkedin", width=50)
    too_long = [line for line in answer.splitlines() if len(line) > 50]
    # Only an unbreakable link may stick out, so that it stays clickable.
    assert all("https://" in line and " " not in line.strip().split("https://")[1] for line in too_long)
    lines = answer.splitlines()
    step = next(i for i, line in enumerate(lines) if line.startswith("  4. Under"))
    assert lines[step + 1].startswith("     ") and lines[step + 1].strip(), "a step continues under its text"
    unwrapped = chat("/privacy linkedin")
    assert max(len(line) for line in unwrapped.splitlines()) > 50


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


BOLD, NOT_BOLD = "\x1b[1m", "\x1b[22m"


@pytest.mark.parametrize("width", [None, 44])
def test_bold_is_bold_on_a_terminal_and_lines_wrap_by_what_shows(
    chat: Chat, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, width: int | None
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    terminal = _Terminal()
    shell = Shell(slack=slack, sender=chat.shell.sender, user=MEMBER, out=terminal, width=width)  # type: ignore[attr-defined]
    shell.handle("/privacy linkedin iphone")
    shell.handle("click opted out")
    shown = terminal.getvalue()
    assert f"Recorded {BOLD}Stop LinkedIn" in shown
    assert shown.count(BOLD) == shown.count(NOT_BOLD) > 1
    if width:
        visible = re.sub(r"\x1b\[\d+m", "", shown).splitlines()
        assert [line for line in visible if len(line) > width and "https://" not in line] == []


@pytest.mark.parametrize("environment", [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {}])
def test_no_escape_codes_where_they_would_be_noise(
    chat: Chat, slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    out = _Terminal() if environment else io.StringIO()  # without either setting: piped
    shell = Shell(slack=slack, sender=chat.shell.sender, user=MEMBER, out=out)  # type: ignore[attr-defined]
    shell.handle("/privacy linkedin iphone")
    shell.handle("click opted out")
    assert "Recorded Stop LinkedIn" in out.getvalue()
    assert "\x1b" not in out.getvalue()
    assert "\x0e" not in out.getvalue()


def test_more_details_keeps_a_way_back_to_the_buttons(chat: Chat) -> None:
    chat("/privacy linkedin")
    details = chat("click more details")
    assert "`back` shows them again" in details
    assert "as done on" in chat("click opted out")
    chat("/privacy linkedin")  # asked again: what is recorded, with its Undo, in place of the status buttons
    chat("click more details")
    assert "[2] Undo" in chat("back")


def test_the_shell_can_be_taught_a_command(chat: Chat) -> None:
    shell: Shell = chat.shell  # type: ignore[attr-defined]
    heard: list[str] = []
    shell.add_command(
        "campaign", "campaign ID", "run a campaign's next occasion now", heard.append, takes=lambda rest: rest != ""
    )
    assert "run a campaign's next occasion now" in chat("help")
    chat("campaign linkedin-2026")
    assert heard == ["linkedin-2026"]
    shell.add_command("now", "now", "what time it is in the shell", heard.append)
    assert chat("now").strip() == "" and heard[-1] == ""
    assert chat("now what about my linkedin data?").startswith("bot (DM):\n")  # a question, not `now`


def test_the_way_back_is_offered_only_where_the_buttons_went_out_of_sight(chat: Chat) -> None:
    chat("/privacy linkedin")
    assert "`back`" not in chat("/privacy status")
    assert "`back`" not in chat("click opted out")


# ---- leaving, and the times the shell shows ------------------------------------------------------------


def _shell_process(cwd: Path, **env: str) -> subprocess.Popen[str]:
    """`privacy-bot shell` as a person starts it, this checkout's code, input from a pipe kept open."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "shell"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cwd,
        env=bot_env(cwd, env),
    )


def test_ctrl_c_leaves_the_shell_as_ctrl_d_does_with_a_goodbye(tmp_path: Path) -> None:
    shell = _shell_process(tmp_path)
    assert shell.stdout is not None
    try:
        assert "Privacy bot shell" in shell.stdout.readline()  # waiting for what the member types
        shell.send_signal(signal.SIGINT)
        out, err = shell.communicate(timeout=30)
    finally:
        shell.kill()
    assert shell.returncode == 0, err
    assert out.rstrip().endswith(strings.SHELL_GOODBYE)
    assert "Traceback" not in err and "KeyboardInterrupt" not in err


# The end of the input is Ctrl-D at the prompt; nothing after `quit` runs.
@pytest.mark.parametrize("lines", [["help"], ["help", "quit", "help"]], ids=["ctrl-d", "quit"])
def test_ctrl_d_and_quit_leave_with_the_same_goodbye(chat: Chat, lines: list[str]) -> None:
    shell: Shell = chat.shell  # type: ignore[attr-defined]
    assert shell.run(iter(lines), interactive=False) == 0
    out = shell.out.getvalue()  # type: ignore[attr-defined]
    assert out.rstrip().endswith(strings.SHELL_GOODBYE)
    assert out.count("Type what a member would") == 1


@pytest.mark.parametrize(
    ("line", "answered_with"),
    [
        ("help me opt out of linkedin ai training", "Stop LinkedIn using your data to train generative AI"),
        ("back up my linkedin", "Get a copy of your LinkedIn data"),
        ("users of chatgpt: how do we stop training?", "Stop ChatGPT using your chats to train OpenAI's models"),
        ("home assistant and zoom ai", "Zoom: nothing to turn off for AI training"),
        ("as a manager how do I opt out of claude training", "Stop Anthropic training Claude on your chats"),
    ],
)
def test_a_question_that_starts_with_one_of_the_shells_words_goes_to_the_bot(
    chat: Chat, line: str, answered_with: str
) -> None:
    answer = chat(line)
    assert answer.startswith("bot (DM):\n") and answered_with in answer


@pytest.mark.parametrize(
    ("line", "told"),
    [
        ("clik 2", "did you mean `click 2`?"),
        ("hepl", "did you mean `help`?"),
        ("usres", "did you mean `users`?"),
        ("nxet", "did you mean `next`?"),
        ("qiut", "did you mean `quit`?"),
        ("home 2", "did you mean `home` (it takes nothing after it)?"),
    ],
)
def test_a_slip_of_the_shells_own_word_is_told_the_word_not_sent_to_the_bot(chat: Chat, line: str, told: str) -> None:
    # "clik 2" went to the bot as a DM, and came back as "I couldn't tell which guide “clik 2” is about" with every
    # guide under it: had the click gone through?
    chat.shell.add_command("next", "next", "the next reminder", lambda _: None)  # type: ignore[attr-defined]
    answer = chat(line)
    assert answer == f"(shell) {told} Nothing was sent to the bot\n"


@pytest.mark.parametrize("line", ["zoom", "slack", "backup", "dates", "home assistant and zoom ai", "done 2"])
def test_a_word_near_the_shells_but_a_question_still_goes_to_the_bot(chat: Chat, line: str) -> None:
    assert chat(line).startswith("bot (DM):\n")


# A guide with no switch ("Zoom: nothing to turn off") has no buttons to record: typing the command is no way
# round that. "Recorded … as done", a snooze and a reminder DM about nothing to do would all be promises of nothing.
@pytest.mark.parametrize("typed", ["/privacy done zoom", "/privacy later reddit", "/privacy skip medium"])
def test_recording_a_guide_with_nothing_to_switch_off_says_there_is_nothing_to_record(chat: Chat, typed: str) -> None:
    answer = chat(typed)
    assert "nothing to record" in answer
    assert "Recorded" not in answer and "I'll remind you" not in answer and "Noted" not in answer
    status = chat("/privacy status all")
    assert "– done" not in status and "snoozed" not in status and "doesn't apply" not in status


def _shell_as(run: Run, monkeypatch: pytest.MonkeyPatch, user: str) -> subprocess.CompletedProcess[str]:
    """`privacy-bot shell --user USER`, asking for the status once: in this process (a fresh one costs a second
    or more), its input a pipe as when a line is piped into it."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("/privacy status\n"))
    code, out, err = run("shell", "--user", user)
    return subprocess.CompletedProcess(["privacy-bot", "shell", "--user", user], code, out, err)


@pytest.mark.parametrize(
    ("user", "said"),
    [("ben", "you are Ben Okafor (U0BEN)"), ("U0BEN", "you are Ben Okafor (U0BEN)"), ("nobody", None)],
)
def test_user_takes_a_member_as_as_does_and_refuses_anyone_else(
    run: Run, monkeypatch: pytest.MonkeyPatch, user: str, said: str | None
) -> None:
    # A stranger was let in, and every request then failed: "the bot answered HTTP 400: not a Slack payload".
    done = _shell_as(run, monkeypatch, user)
    if said is None:
        assert (done.returncode, done.stdout) == (2, "")
        # Not "`users` lists them": that is a word of the shell, which did not start.
        assert done.stderr.splitlines() == [
            "privacy-bot: --user: no member 'nobody'; the stand-in's members: Ada, Ben, Chiara, Devi, Gus"
        ]
    else:
        assert done.returncode == 0 and said in done.stdout and "HTTP 400" not in done.stdout


@pytest.mark.parametrize("user", ["", " "])
def test_an_empty_user_is_refused_naming_the_members(run: Run, monkeypatch: pytest.MonkeyPatch, user: str) -> None:
    # `--user " "` said "as whom? `users` lists the members", a word of a shell that never started; `--user ""`
    # quietly made you Chiara.
    done = _shell_as(run, monkeypatch, user)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines() == [
        "privacy-bot: --user: is empty; the stand-in's members: Ada, Ben, Chiara, Devi, Gus"
    ]


def test_a_channel_named_in_a_dm_is_linked_as_slack_links_it(chat: Chat) -> None:
    # "campaign start linkedin #general …" by DM was refused: "Slack did not link “#general”". Slack's client
    # sends a channel picked as you type `#` linked in a message as it does in a command.
    chat("as Ada")
    started = chat("campaign start linkedin #general 2032-12-15")
    assert "Campaign linkedin-ai-training-2032-12-15 started" in started and "for #general" in started
    assert "did not link" not in started


def test_help_ends_with_how_to_leave_after_any_word_taught_later(chat: Chat) -> None:
    # `privacy-bot shell` teaches the shell `next` after its own words: help listed it below `help | quit`.
    shell: Shell = chat.shell  # type: ignore[attr-defined]
    shell.add_command("next", "next", "jump to the next scheduled reminder", lambda _: None)
    lines = chat("help").rstrip().splitlines()
    assert lines[-1].split()[:3] == ["help", "|", "quit"]
    assert lines[-2].split()[0] == "next"


def test_the_shells_words_work_in_any_case(chat: Chat) -> None:
    # `Users` and `HOME` went to the bot as direct messages, answered with a wall of every guide.
    assert "<- you" in chat("Users")
    assert chat("HOME").startswith("bot (App Home — only you):")
    assert "Type what a member would" in chat("Help")
    shell: Shell = chat.shell  # type: ignore[attr-defined]
    assert shell.run(iter(["Quit", "help"]), interactive=False) == 0
    assert shell.out.getvalue().count("Type what a member would") == 1  # type: ignore[attr-defined]


def test_click_alone_asks_which_button(chat: Chat) -> None:
    chat("/privacy linkedin")
    answer = chat("click")
    assert answer.startswith("(shell) click which? buttons: 1) Open the setting, 2) I've opted out")
    assert "''" not in answer
    assert chat("click nope").startswith("(shell) no button 'nope'; buttons: 1) Open the setting")


def test_an_answer_typed_as_a_command_has_the_undo_a_button_press_has(chat: Chat) -> None:
    # `/privacy done linkedin` typed by mistake had no way back but knowing `/privacy undo linkedin`.
    recorded = chat("/privacy done linkedin")
    assert "Recorded Stop LinkedIn" in recorded and "[1] Undo" in recorded
    undone = chat("click undo")  # one line, as the answer was: not the guide, which the member never asked for
    assert "Undone: Stop LinkedIn" in undone and "I've opted out" not in undone
    assert "[ ] Stop LinkedIn" in chat("/privacy status")


def test_buttons_alike_are_told_apart_by_what_they_open_not_pressed_by_guess(chat: Chat) -> None:
    # The App Home has a "Show steps" beside each guide: listed bare they were fourteen alike, and
    # `click show steps` opened the first, whichever the member meant.
    chat("home")
    listed = chat("click")
    assert "1) Show steps (linkedin-ai-training), 2) Show steps (adobe-content-analysis)" in listed
    asked = chat("click show steps")
    assert asked.startswith("(shell) which 'Show steps'? 1) Show steps (linkedin-ai-training)")
    assert "bot (" not in asked
    assert "OpenAI" in chat("click show steps chatgpt")


def test_the_app_homes_buttons_still_work_by_their_words_beside_the_dm_one_of_them_opened(chat: Chat) -> None:
    # "Show steps" on the App Home opens the guide in a DM, and the Home stays beside it as in Slack: `click show
    # steps linkedin` then was "no button 'show steps'", listing the DM's buttons.
    chat("home")
    opened = chat("click show steps chatgpt")
    assert "OpenAI" in opened
    assert opened.endswith(
        "(shell) `click Show steps …` still reaches the App Home above; `click N` numbers this message's buttons\n"
    )
    asked = chat("click show steps")  # fourteen alike on the Home: numbers there would press the DM's
    assert asked.startswith("(shell) which 'Show steps'? Show steps (linkedin-ai-training), Show steps (adobe")
    assert "`click 2`" not in asked and "bot (" not in asked
    linkedin = chat("click show steps linkedin")
    assert linkedin.startswith("bot (DM):\n") and "Stop LinkedIn using your data" in linkedin
    assert "[2] I've opted out" in linkedin and "as done on" in chat("click 2")  # numbers: the last message's
    assert "[x] Stop LinkedIn" in chat("/privacy status")


def test_back_shows_the_last_message_with_buttons_and_says_the_earlier_ones_are_still_there(chat: Chat) -> None:
    chat("home")
    chat("click show steps chatgpt")
    back = chat("back")
    assert back.startswith("bot (DM):\n") and "OpenAI" in back
    assert back.endswith(
        "(shell) `click Show steps …` still reaches the App Home above; `click N` numbers this message's buttons\n"
    )
    assert "Claude" in chat("click show steps claude")  # `back` kept the Home within reach


def test_one_message_with_buttons_gets_no_word_about_earlier_ones(chat: Chat) -> None:
    chat("/privacy linkedin")
    assert "still reaches" not in chat("/privacy chatgpt")  # a new question: the earlier answer is not "above"
    assert "still reaches" not in chat("click opted out")
    assert "no button 'show steps'" in chat("click show steps")


def test_click_on_a_number_past_the_last_button_says_how_many_there_are(chat: Chat) -> None:
    # "click 99" under the help repeated all nineteen labels on one line.
    chat("/privacy help")
    shell: Shell = chat.shell  # type: ignore[attr-defined]
    assert shell.with_buttons is not None
    count = len(shell.with_buttons.buttons)  # one a guide
    assert chat("click 99") == f"(shell) no button 99: they are numbered 1 to {count} (`back` shows them)\n"
    assert chat("click 0").startswith(f"(shell) no button 0: they are numbered 1 to {count}")


def test_click_on_a_number_under_a_single_button_says_there_is_only_one(chat: Chat) -> None:
    # "they are numbered 1 to 1".
    chat("/privacy done linkedin")  # the record, with its Undo alone
    assert chat("click 2") == "(shell) no button 2: there is only button 1 (`back` shows them)\n"


def test_a_channel_post_is_shown_before_the_dm_sent_with_it_in_whichever_order_they_arrived(
    chat: Chat, slack: FakeSlack
) -> None:
    # A tick sends the channel post and the DMs of one moment at once: shown as they arrived, `click 2` pressed the
    # post's "Doesn't apply to me" in one run of `next` and the DM's second button in another.
    shell: Shell = chat.shell  # type: ignore[attr-defined]
    client = WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url)
    before = len(slack.calls)
    client.chat_postMessage(channel=MEMBER, text="Your own reminder")
    client.chat_postMessage(channel=GENERAL, text="Everyone's reminder")
    shell.show_posts_since(before)
    shown = shell.out.getvalue()  # type: ignore[attr-defined]
    assert shown.index("bot (#general — everyone):\n  Everyone's reminder") < shown.index(
        "bot (DM):\n  Your own reminder"
    )


def test_archive_archives_a_channel_in_the_stand_in_as_a_member_can_in_slack(chat: Chat, slack: FakeSlack) -> None:
    client = WebClient(token=LOCAL_BOT_TOKEN, base_url=slack.api_url)
    assert "archive #channel" in chat("help") and "unarchive #channel" in chat("help")
    said = chat("archive #privacy")
    assert said.startswith("(shell) #privacy is archived") and "unarchive #privacy" in said, said
    assert client.conversations_info(channel=PRIVACY)["channel"]["is_archived"] is True
    assert ADMIN in client.conversations_members(channel=PRIVACY)["members"]  # Slack still lists them
    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel=PRIVACY, text="hello")
    assert refused.value.response["error"] == "is_archived"
    assert "already" in chat("archive privacy")
    said = chat("unarchive #privacy")
    assert said.startswith("(shell) #privacy is no longer archived"), said
    assert client.conversations_info(channel=PRIVACY)["channel"]["is_archived"] is False
    assert client.chat_postMessage(channel=PRIVACY, text="hello")["ok"] is True
    assert "is not archived" in chat("unarchive #privacy")


def test_archive_says_which_channels_there_are_and_a_question_still_goes_to_the_bot(
    chat: Chat, slack: FakeSlack
) -> None:
    assert "no channel '#nosuch'; channels: #general, #privacy, #random" in chat("archive #nosuch")
    assert "archive which channel? channels: #general, #privacy, #random" in chat("archive")
    assert chat("archive my linkedin data").startswith("bot (DM):\n")  # a question, not `archive`
    # The shell's commands and mentions are typed in #general, which Slack would no longer let anyone do.
    assert "archive another one (#privacy, #random)" in chat("archive #general")
    assert not any(channel.is_archived for channel in slack.workspace.channels.values())
