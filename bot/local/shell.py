"""`privacy-bot shell`: chat with the real bot over real HTTP, with the stand-in playing Slack."""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, tzinfo
from typing import Any, TextIO

from bot import strings
from bot.local import payloads
from bot.local.fake_slack import FakeSlack, ResponsePost
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL, SLACKBOT, Channel, im_channel_id
from bot.question_words import one_slip
from bot.slack.plaintext import Button, buttons, mrkdwn_to_text, render, terminal_bold

WAIT = 5.0  # seconds the shell waits for the bot's reply before saying it got none
FILE_LINES = 6  # lines of an uploaded file the shell prints
# What Slack's client shows as a name: `@U0ADA` and `#C0GENERAL` once the mrkdwn is plain text.
_ID_MENTION = re.compile(r"(?<![\w@#])([@#])([UWCS][A-Z0-9]{2,})\b")
# Bold as Slack shows it, marked with one character at each end while lines are wrapped (so the wrap stays near
# exact), then drawn as `terminal_bold` says.
_BOLD_MARKS = ("\x0e", "\x0f")
ONLY_YOU = "only you"
DM = "DM"


class NoSuchMember(ValueError):
    """`as` or `--user` named nobody in the stand-in's workspace."""


def people(slack: FakeSlack) -> list[str]:
    """The first names `as` and `--user` take for the members one can be (not bots, not deactivated)."""
    return [
        str(member.get("profile", {}).get("first_name") or member.get("name") or user_id)
        for user_id, member in slack.workspace.users.items()
        if _not_a_person(member) is None
    ]


def _alone(rest: str) -> bool:
    return not rest


@dataclass(frozen=True)
class ShellCommand:
    """One word the shell understands; `help` lists them in the order they are added. `takes` says whether
    the text after the word is the command's (else the whole line is a message to the bot: "help me opt
    out", "back up my linkedin", "next steps?")."""

    usage: str
    help: str
    run: Callable[[str], None]
    takes: Callable[[str], bool] = _alone


@dataclass
class _Shown:
    """A message shown, so `click` knows its buttons and where Slack would send the click."""

    blocks: list[dict[str, Any]]
    audience: str = ONLY_YOU
    response_url: str | None = None
    channel: str = GENERAL
    ts: str | None = None
    ephemeral: bool = True
    from_home: bool = False
    buttons: list[Button] = field(default_factory=list)


class _NoSuchButton(ValueError):
    """No button of one message has the words typed (another message shown beside it may)."""


@dataclass
class _Step:
    """What one line typed showed, so that the shell says once, at its end, where the buttons are."""

    clicked: _Shown | None = None  # the message whose button was pressed: it stays beside what the click brought
    new_with_buttons: int = 0  # messages with buttons shown for the first time
    shown_again: bool = False  # `back`
    out_of_sight: bool = False  # a click's answer without buttons, beside the message with them


# `quit` is read before the shell's commands, in `run`; a slip of it ("qiut") is told the word.
_QUIT = ShellCommand(usage="quit", help="leave", run=lambda _: None)


class Shell:
    def __init__(
        self,
        *,
        slack: FakeSlack,
        sender: SignedSender,
        user: str,
        out: TextIO,
        width: int | None = None,
        zone: tzinfo = UTC,
    ) -> None:
        self.slack = slack
        self.sender = sender
        self.user = self._person(user)  # `--user`: an ID or a name, as `as` takes
        self.out = out
        # Where the person at the terminal is (BOT_TIMEZONE): Slack shows dates in its reader's zone, not UTC.
        self.zone = zone
        # Wrap to the terminal; piped output keeps whole lines, for grep and for scripts.
        self.width = width or (shutil.get_terminal_size().columns if out.isatty() else None)
        self.bold = {ord(mark): drawn for mark, drawn in zip(_BOLD_MARKS, terminal_bold(out), strict=True)}
        # The messages with buttons that `click` reaches, the last one first: it, and those shown before it in the
        # same step (a channel post and the DM that came with it; the message a click brought and the one clicked).
        self.buttoned: list[_Shown] = []
        self.step = _Step()
        # How far into the stand-in's calls each member has read their DMs: as in Slack, a DM sent while the
        # terminal was someone else's waits for them, and is shown once, when they come back.
        self.read_up_to: dict[str, int] = {}
        self.commands: dict[str, ShellCommand] = {}
        self.add_command(
            "click",
            "click 2 | click opted out",
            "press a button (its number or words of its label)",
            self._click,
            takes=lambda _: True,
        )
        self.add_command("back", "back", "show the last message with buttons again", self._back)
        self.add_command("home", "home", "open the bot's App Home", lambda _: self._home())
        # "as Ben", "as Ben Okafor", "as Bne" (a typo, told so); not "as a manager, how do I …".
        self.add_command(
            "as",
            "as Ben | as U0BEN",
            "act as another member",
            self._switch_user,
            takes=lambda rest: len(rest.split()) <= 1 or self._finds_member(rest),
        )
        self.add_command("users", "users", "the members of this stand-in workspace", lambda _: self._users())
        # "archive #privacy", "archive privacy"; not "archive my linkedin data", a question for the bot.
        self.add_command(
            "archive",
            "archive #channel",
            "archive a channel, as a member can in Slack (the bot's posts there are refused)",
            lambda rest: self._archive(rest, archived=True),
            takes=self._names_a_channel,
        )
        self.add_command(
            "unarchive",
            "unarchive #channel",
            "bring an archived channel back",
            lambda rest: self._archive(rest, archived=False),
            takes=self._names_a_channel,
        )
        self.add_command("help", "help | quit", "this list | leave", lambda _: self._say(self.help()))

    def add_command(
        self,
        word: str,
        usage: str,
        help: str,
        run: Callable[[str], None],
        *,
        takes: Callable[[str], bool] = _alone,
    ) -> None:
        """Teach the shell a word (e.g. one that runs a campaign's next occasion now). By default only the
        word alone is the command."""
        self.commands[word] = ShellCommand(usage=usage, help=help, run=run, takes=takes)

    @property
    def with_buttons(self) -> _Shown | None:
        """The last message shown that had buttons: the one `click 2` and `back` mean."""
        return self.buttoned[0] if self.buttoned else None

    def help(self) -> str:
        command = self.sender.command
        lines = [
            "Type what a member would:",
            f"  {command + ' linkedin iphone':28}a slash command (any text after the command)",
            f"  {'how do I opt out of LinkedIn AI training?'}",
            f"  {'':28}a direct message to the bot",
            f"  {'@bot linkedin android':28}a mention in #general (answered in a thread)",
            "Or tell the shell:",
        ]
        # How to leave comes last, after any word taught later (`next`), as in every help list.
        words = sorted(self.commands, key=lambda word: word == "help")
        lines += [f"  {self.commands[word].usage:28}{self.commands[word].help}" for word in words]
        return "\n".join(lines)

    def run(self, lines: Iterable[str], *, interactive: bool) -> int:
        try:
            self._say(
                f"Privacy bot shell – you are {self._name(self.user)} ({self.user}). Type `help` for what you can do."
            )
            for line in lines:
                line = line.strip()
                if not interactive and line:
                    self._say(f"\n> {line}")
                if line.casefold() in {"quit", "exit"}:
                    break
                try:
                    self.handle(line)
                except (ValueError, TimeoutError) as error:
                    self._say(f"(shell) {error}")
        except KeyboardInterrupt:
            # Ctrl-C is how many people leave a terminal program: leaving is no error, so it ends as
            # `quit` and Ctrl-D do, on a line of its own after the "^C" the terminal echoed.
            self._say("")
        self._say(strings.SHELL_GOODBYE)
        return 0

    def handle(self, line: str) -> None:
        if not line:
            return
        uploads_before = len(self.slack.uploads)
        self.step = _Step()
        try:
            self._handle(line)
        finally:
            self._show_files_since(uploads_before)
        self._say_where_the_buttons_are()

    def _handle(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        # `Users`, `HOME`, `Next` as `users`, `home`, `next`: a capital letter is no question to the bot.
        known = self.commands.get(word.casefold())
        if known is not None and known.takes(rest.strip()):
            known.run(rest.strip())
        elif line.startswith("/"):
            command, _, text = line.partition(" ")
            self._command(command, text)
        elif word.startswith("@"):
            self._mention(rest)
        elif (meant := self._meant_word(word, rest.strip())) is not None:
            # "clik 2", "hepl", "next 3": no member would DM the bot that; the bot's "I couldn't tell which guide
            # “clik 2” is about" and every guide under it left the newcomer wondering whether the click went.
            raise ValueError(f"did you mean {meant}? Nothing was sent to the bot")
        else:
            self._dm(line)

    def _meant_word(self, word: str, rest: str) -> str | None:
        """The shell's own command a line looks like, alone or before a number: a word one slip from one of
        the shell's (a letter missing, extra, wrong or two swapped), or one that takes no number given one."""
        if rest and not rest.isdigit():
            return None  # words after it: a question ("home assistant and zoom ai") is the bot's
        typed = word.casefold()
        if typed in self.commands:
            return f"`{typed}` (it takes nothing after it)" if rest else None
        for known in (*self.commands, "quit"):
            if len(known) >= 4 and one_slip(typed, known):
                return f"`{known} {rest}`" if rest and self.commands.get(known, _QUIT).takes(rest) else f"`{known}`"
        return None

    # ---- people ------------------------------------------------------------------------------

    def _person(self, who: str) -> str:
        """The member `who` names, if Slack would let them in and they are a person; ValueError otherwise."""
        user_id = self._find_member(who)
        why = _not_a_person(self.slack.workspace.users[user_id])
        if why == "deactivated":
            raise ValueError(f"{self._name(user_id)} ({user_id}) is deactivated: Slack would not let them in")
        if why == "bot":
            raise ValueError(f"{self._name(user_id)} ({user_id}) is a bot, not a person")
        return user_id

    def _switch_user(self, who: str) -> None:
        user_id = self._person(who)
        self.read_up_to[self.user] = len(self.slack.calls)
        self.user = user_id
        self.buttoned = []
        self._say(f"(shell) you are now {self._name(user_id)} ({user_id})")
        self._show_unread_dms()

    def _show_unread_dms(self) -> None:
        """What opening Slack as this member shows: the DMs the bot sent them while they were not at the
        terminal, buttons and all, so `click` and `back` work on them."""
        calls = self.slack.calls
        unread = [call for call in calls[self.read_up_to.get(self.user, 0) :] if self._is_dm_to(call, self.user)]
        self.read_up_to[self.user] = len(calls)
        if unread:
            self._say(f"(shell) {_counted(len(unread), 'DM')} came while you were someone else:")
        for call in unread:
            self._show(self._from_call(call))

    def as_word(self, user_id: str) -> str:
        """The shortest `as …` that finds this member (a first name, unless two share it)."""
        member = self.slack.workspace.users.get(user_id, {})
        profile = member.get("profile", {})
        for word in (profile.get("first_name"), profile.get("display_name"), member.get("name")):
            try:
                if word and self._find_member(str(word)) == user_id:
                    return str(word)
            except ValueError:
                continue
        return user_id

    def _finds_member(self, who: str) -> bool:
        try:
            self._find_member(who)
        except ValueError:
            return False
        return True

    def _find_member(self, who: str) -> str:
        wanted = who.strip().lstrip("@").casefold()
        if not wanted:
            raise ValueError("as whom? `users` lists the members")
        users = self.slack.workspace.users
        exact = [uid for uid, member in users.items() if wanted in _names(uid, member)]
        partial = [uid for uid, member in users.items() if any(n.startswith(wanted) for n in _names(uid, member))]
        for found in (exact, partial):
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise ValueError(f"{who!r} could be " + " or ".join(f"{self._name(u)} ({u})" for u in found))
        raise NoSuchMember(f"no member {who!r}; `users` lists them")

    def _users(self) -> None:
        for user_id, member in self.slack.workspace.users.items():
            you = "  <- you" if user_id == self.user else ""
            groups = [f"@{g.handle}" for g in self.slack.workspace.usergroups.values() if user_id in g.users]
            roles = ", ".join(_roles(member) + groups)
            self._say(f"  {user_id:10} {self._name(user_id):16} {roles}{you}".rstrip())

    # ---- channels ------------------------------------------------------------------------------------

    def _names_a_channel(self, rest: str) -> bool:
        return not rest or (len(rest.split()) == 1 and (rest.startswith("#") or self._find_channel(rest) is not None))

    def _find_channel(self, which: str) -> Channel | None:
        wanted = which.strip().lstrip("#")
        return next(
            (
                channel
                for channel in self.slack.workspace.channels.values()
                if not channel.is_im and (channel.id == wanted.upper() or channel.name == wanted.casefold())
            ),
            None,
        )

    def _archive(self, which: str, *, archived: bool) -> None:
        """Archive a channel in the stand-in, as a member does in Slack: its members stay listed and Slack
        refuses every post there with `is_archived`, which a campaign over it runs into at its next post."""
        word = "archive" if archived else "unarchive"
        with self.slack.lock:
            channels = ", ".join(f"#{c.name}" for c in self.slack.workspace.channels.values() if not c.is_im)
            if not which:
                raise ValueError(f"{word} which channel? channels: {channels}")
            channel = self._find_channel(which)
            if channel is None:
                raise ValueError(f"no channel {which!r}; channels: {channels}")
            if archived and channel.id == GENERAL:
                # Slack lets nobody write in an archived channel, and the shell's commands and mentions are typed
                # in #general: they would go on as if it could.
                others = ", ".join(
                    f"#{c.name}" for c in self.slack.workspace.channels.values() if c.id != GENERAL and not c.is_im
                )
                raise ValueError(
                    f"the shell types your commands and mentions in #general, which Slack lets nobody do in an"
                    f" archived channel: archive another one ({others})"
                )
            was = channel.is_archived
            if archived:
                self.slack.workspace.archive(channel.id)
            else:
                self.slack.workspace.unarchive(channel.id)
        name = f"#{channel.name}"
        if was == archived:
            self._say(f"(shell) {name} is archived already" if archived else f"(shell) {name} is not archived")
        elif archived:
            self._say(
                f"(shell) {name} is archived: Slack still lists its members and refuses every post there"
                f" (`unarchive {name}` brings it back)",
                wrap=True,
            )
        else:
            self._say(f"(shell) {name} is no longer archived: posts there go through again", wrap=True)

    # ---- talking to the bot ------------------------------------------------------------------------

    def _command(self, command: str, text: str) -> None:
        if command.casefold() != self.sender.command:
            # What Slack itself answers: the bot never sees a command it did not register. A capital (`/Privacy`,
            # as a phone's keyboard writes it) is the same command: SLASH_COMMAND is lower case, and the bot takes
            # it in any case, so it is sent as typed.
            raise ValueError(f"{command} is not a command here; the bot's is {self.sender.command}")
        response_url = self.slack.new_response_url(channel=GENERAL, user=self.user)
        before = len(self.slack.responses)
        calls_before = len(self.slack.calls)
        # As Slack does for an app that asks for escaping: `#general` arrives as <#C…|general>.
        text = self._linked(text)
        reply = self.sender.slash_command(
            text=text, command=command, user_id=self.user, channel_id=GENERAL, response_url=response_url
        )
        if reply.status != 200:
            self._say(f"(shell) the bot answered HTTP {reply.status}: {reply.text[:200]}")
            return
        if reply.text.strip():
            body = reply.json()
            blocks = body.get("blocks") or _text_block(body.get("text", ""))
            self._show(_Shown(blocks=blocks, audience=self._audience(body), response_url=response_url))
        else:
            post = self._next_response(before)
            self._show(
                _Shown(blocks=_blocks_of(post.body), audience=self._audience(post.body), response_url=response_url)
            )
        # What the command set going (a nudge's DMs and the note to the manager when they have gone):
        # the sender waits for it, so it is all here now.
        self.show_posts_since(calls_before)

    def _linked(self, text: str) -> str:
        """`#general` and `@design` as Slack's client sends them in a message, linked: a DM's "campaign start
        linkedin #general" was refused as a channel "Slack did not link", which in Slack it does."""
        with self.slack.lock:
            return payloads.escaped(text, self.slack.workspace)

    def _dm(self, text: str) -> None:
        before = len(self.slack.calls)
        self.sender.event(payloads.dm_message(user_id=self.user, text=self._linked(text)))
        self._show(self._from_call(self._next_call(before, "chat.postMessage")))

    def _mention(self, text: str) -> None:
        before = len(self.slack.calls)
        self.sender.event(payloads.app_mention(user_id=self.user, text=self._linked(text)))
        self._show(self._from_call(self._next_call(before, "chat.postMessage")))

    def show_posts_since(self, calls_before: int) -> int:
        """What the bot posted since then (a scheduled reminder, say): channel posts and the DMs the
        current member got in full, the other members' DMs counted, and the channel posts Slack refused (an
        archived channel), which a member would not see but whoever archived it wants to. Returns how many posts
        there were, refused ones included."""
        calls = [call for call in self.slack.calls[calls_before:] if call.method == "chat.postMessage"]
        # The bot's fan-out sends a channel post and the DMs of the same moment at once, in any order: the post comes
        # first, as a member reads the channel and then their DMs, so that `click 2` means the same button each run.
        posts = sorted((call for call in calls if call.ok), key=lambda call: not _in_channel(call))
        # Slack's refusals only: a 429 is tried again, and shows once it goes through.
        refused = [call for call in calls if call.status == 200 and call.error and _in_channel(call)]
        others: dict[str, int] = {}
        for call in refused:
            where = self.slack.workspace.channels.get(str(call.args.get("channel")))
            name = f"#{where.name}" if where is not None else str(call.args.get("channel"))
            self._say(f"(shell) Slack refused the bot's post in {name} ({call.error})")
        for call in posts:
            channel = str(call.args.get("channel") or "")
            if _in_channel(call) or self._is_dm_to(call, self.user):
                self._show(self._from_call(call))
            else:
                im = self.slack.workspace.channels.get(channel)
                user = (im.user if im is not None else None) or channel  # a DM goes to a member ID or their D…
                others[user] = others.get(user, 0) + 1
        if others:
            self._say(self._others_got(others))
        return len(posts) + len(refused)

    def _others_got(self, others: dict[str, int]) -> str:
        """Who else got a DM, and how to read it: `and 1 DM to another member: Devi Patel (`as Devi` to read it)`."""
        users = sorted(others)
        count = sum(others.values())
        whom = "another member" if len(users) == 1 else "other members"
        names = ", ".join(self._name(user) for user in users)
        words = [f"`as {self.as_word(user)}`" for user in users]
        how = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
        it = "it" if count == 1 else "them"
        return f"(shell) and {_counted(count, 'DM')} to {whom}: {names} ({how} to read {it})"

    @staticmethod
    def _is_dm_to(call: Any, user_id: str) -> bool:
        """A message the bot posted in its DM with this member (to their ID, or to the D… channel)."""
        channel = call.args.get("channel")
        return bool(call.method == "chat.postMessage" and call.ok and channel in (user_id, im_channel_id(user_id)))

    def _home(self) -> None:
        before = len(self.slack.calls)
        self.sender.event(payloads.app_home_opened(user_id=self.user))
        call = self._next_call(before, "views.publish")
        view = call.structured("view") or {}
        self._show(
            _Shown(
                blocks=list(view.get("blocks", [])), audience=f"App Home — {ONLY_YOU}", from_home=True, ephemeral=False
            )
        )

    def _click(self, which: str) -> None:
        shown, button = self._find(which)
        self.step.clicked = shown
        if button.url:
            self._say(f"(shell) Slack would open {button.url} in your browser")
        calls_before, responses_before = len(self.slack.calls), len(self.slack.responses)
        if shown.from_home:
            self.sender.block_action(
                action_id=button.action_id,
                value=button.value,
                block_id=button.block_id,
                user_id=self.user,
                view={"type": "home", "id": "V0HOME", "blocks": shown.blocks},
            )
        else:
            ts = shown.ts or payloads.message_ts()
            message = {"type": "message", "ts": ts, "blocks": shown.blocks}
            self.sender.block_action(
                action_id=button.action_id,
                value=button.value,
                block_id=button.block_id,
                user_id=self.user,
                channel_id=shown.channel,
                message=None if shown.ephemeral else message,
                container_ts=ts,
                is_ephemeral=shown.ephemeral,
                response_url=shown.response_url,
            )
        if button.url:
            return
        post = self._next_output(calls_before, responses_before)
        if not isinstance(post, ResponsePost):
            self._show(self._from_call(post), beside=shown)
            calls_before = self.slack.calls.index(post) + 1
        elif post.body.get("replace_original") in (True, "true"):
            self._show(replace(shown, blocks=_blocks_of(post.body), buttons=[]), replacing=shown)
        else:
            audience = self._audience(post.body)
            self._show(
                _Shown(blocks=_blocks_of(post.body), audience=audience, response_url=shown.response_url), beside=shown
            )
        # What the click set going (a nudge's DMs, and the note to the manager once they have gone), as after
        # a command.
        self.show_posts_since(calls_before)

    def _back(self, _: str) -> None:
        if self.with_buttons is None:
            raise ValueError("no message with buttons yet; ask the bot something first")
        self._show(self.with_buttons)

    def _find(self, which: str) -> tuple[_Shown, Button]:
        """The button `which` names: by number on the last message with buttons; by its words on the last message
        that has them, as the person reading up the screen would find it."""
        if not self.buttoned:
            raise ValueError("there is no button to click; ask the bot something first")
        last, *earlier = self.buttoned
        try:
            return last, self._pick(which, last.buttons)
        except _NoSuchButton as not_found:  # it lists the last message's buttons, as `click N` numbers them
            for shown in earlier:
                try:
                    return shown, self._pick(which, shown.buttons, numbered=False)
                except _NoSuchButton:
                    continue
            raise not_found from None

    def _pick(self, which: str, options: list[Button], *, numbered: bool = True) -> Button:
        if which.isdigit() and 1 <= int(which) <= len(options):
            return options[int(which) - 1]
        if which.isdigit():
            # Not the list of every label again (nineteen of them under the help): the number was the slip.
            numbers = "there is only button 1" if len(options) == 1 else f"they are numbered 1 to {len(options)}"
            raise ValueError(f"no button {which}: {numbers} (`back` shows them)")
        words = _words(which)
        named = [(button, " ".join(_words(_name(button, options)))) for button in options]
        matches = [button for button, name in named if words and all(word in name for word in words)]
        alike = [button for button in matches if button.label == matches[0].label] if matches else []
        if len(alike) > 1:
            # The App Home's "Show steps" beside each guide: the first of fourteen alike is a guess, not a click.
            if not numbered:  # a message above the last one: `click 2` would press the last one's second button
                listed = ", ".join(_name(b, options) for b in alike)
                raise ValueError(f"which {alike[0].label!r}? {listed} (add the guide's word)")
            listed = ", ".join(f"{options.index(b) + 1}) {_name(b, options)}" for b in alike)
            raise ValueError(f"which {alike[0].label!r}? {listed} (say `click 2`, or add the guide's word)")
        if matches:
            return matches[0]
        listed = ", ".join(f"{i}) {_name(b, options)}" for i, b in enumerate(options, 1))
        # `click` alone asks which, rather than "no button ''", as if an empty label had been looked for.
        if not words:
            raise ValueError(f"click which? buttons: {listed}")
        raise _NoSuchButton(f"no button {which!r}; buttons: {listed}")

    # ---- waiting for Slack -----------------------------------------------------------------------

    def _next_call(self, before: int, method: str) -> Any:
        def arrived() -> Any:
            return next((call for call in self.slack.calls[before:] if call.method == method), None)

        try:
            return self.slack.wait_for(arrived, timeout=WAIT)
        except TimeoutError:
            raise TimeoutError(f"the bot sent nothing ({method}) within {WAIT:.0f} s") from None

    def _next_response(self, before: int) -> ResponsePost:
        def arrived() -> ResponsePost | None:
            return self.slack.responses[before] if len(self.slack.responses) > before else None

        try:
            return self.slack.wait_for(arrived, timeout=WAIT)
        except TimeoutError:
            raise TimeoutError(f"the bot did not reply within {WAIT:.0f} s") from None

    def _next_output(self, calls_before: int, responses_before: int) -> Any:
        def arrived() -> Any:
            if len(self.slack.responses) > responses_before:
                return self.slack.responses[responses_before]
            posts = [
                call
                for call in self.slack.calls[calls_before:]
                if call.method in ("chat.postMessage", "chat.postEphemeral")
            ]
            return posts[0] if posts else None

        try:
            return self.slack.wait_for(arrived, timeout=WAIT)
        except TimeoutError:
            raise TimeoutError(f"the bot did not reply within {WAIT:.0f} s") from None

    # ---- showing ---------------------------------------------------------------------------------

    def _from_call(self, call: Any) -> _Shown:
        blocks = call.structured("blocks") or _text_block(str(call.args.get("text", "")))
        ts = str(call.response.get("ts", "")) or None
        channel = str(call.response.get("channel") or call.args.get("channel") or GENERAL)
        if call.method == "chat.postEphemeral":
            return _Shown(blocks=list(blocks), channel=channel, audience=ONLY_YOU)
        return _Shown(
            blocks=list(blocks),
            audience=self._audience_of_channel(channel, thread=bool(call.args.get("thread_ts"))),
            channel=channel,
            ts=ts,
            ephemeral=False,
        )

    def _audience(self, body: dict[str, Any]) -> str:
        """Slack's rule for replies to commands and clicks: ephemeral unless they say in_channel."""
        return self._audience_of_channel(GENERAL) if body.get("response_type") == "in_channel" else ONLY_YOU

    def _audience_of_channel(self, channel_id: str, *, thread: bool = False) -> str:
        channel = self.slack.workspace.channels.get(channel_id)
        if channel_id.startswith("D") or (channel is not None and channel.is_im):
            return DM
        name = f"#{channel.name}" if channel is not None else channel_id
        return f"{name}{' thread' if thread else ''} — everyone"

    def _show(self, shown: _Shown, *, beside: _Shown | None = None, replacing: _Shown | None = None) -> None:
        """`beside`: the message whose button brought this one (e.g. "More details"), which stays in Slack;
        `replacing`: the message this one rewrote in place."""
        shown.buttons = buttons(shown.blocks)
        self._say(f"bot ({shown.audience}):")
        self._say(_indent(self._named(render(shown.blocks, zone=self.zone, bold=_BOLD_MARKS))), wrap=True)
        step = self.step
        if not shown.buttons:
            # "More details": the buttons went up the screen. Not so when the one clicked was above the last already.
            step.out_of_sight = step.out_of_sight or (beside is not None and beside is self.with_buttons)
            return
        old = replacing if replacing is not None else shown
        if any(other is old for other in self.buttoned):  # `back`, or a click's answer in place of its message
            step.shown_again = replacing is None
            self.buttoned = [shown, *(other for other in self.buttoned if other is not old)]
            return
        if not step.new_with_buttons:
            # A new step's messages replace the last step's, except the one clicked, still beside what it brought.
            clicked = step.clicked
            self.buttoned = [clicked] if clicked is not None and clicked.buttons else []
        step.new_with_buttons += 1
        self.buttoned.insert(0, shown)

    def _say_where_the_buttons_are(self) -> None:
        """One line at the end of a step: how to reach buttons no longer last on the screen, when it matters."""
        step = self.step
        hint = self._earlier_buttons_hint() if step.new_with_buttons or step.shown_again else None
        if hint is not None:
            self._say(hint, wrap=True)
        elif step.out_of_sight and not step.new_with_buttons:
            self._say("(shell) `click …` still presses the buttons before this; `back` shows them again")

    def _earlier_buttons_hint(self) -> str | None:
        """How to press the buttons of messages above the last one, when they have labels it has not (a channel
        post's are all on the reminder DM that comes with it: a word about it would be noise)."""
        if len(self.buttoned) < 2:
            return None
        last, *earlier = self.buttoned
        labels = {button.label for button in last.buttons}
        reached = [
            (shown, [button for button in shown.buttons if button.label not in labels and not button.url])
            for shown in earlier
        ]
        reached = [(shown, own) for shown, own in reached if own]
        if not reached:
            return None
        above, own = reached[0]
        example = own[0].label
        if sum(button.label == own[0].label for button in above.buttons) > 1:
            example += " …"  # the App Home's "Show steps", one a guide
        where = " and ".join(self._where(shown) for shown, _ in reached)
        return f"(shell) `click {example}` still reaches {where} above; `click N` numbers this message's buttons"

    @staticmethod
    def _where(shown: _Shown) -> str:
        if shown.from_home:
            return "the App Home"
        if shown.audience == DM:
            return "the DM"
        if shown.audience.startswith("#"):
            return f"the {shown.audience.split(' — ')[0]} post"
        return "the reply"

    def _show_files_since(self, uploads_before: int) -> None:
        """Files the bot shared with the current member (a manager's CSV export), as Slack shows them in
        the DM: the comment, the file's name and its first lines."""
        for upload in self.slack.uploads[uploads_before:]:
            if not upload.completed or upload.channel != im_channel_id(self.user) or upload.data is None:
                continue
            lines = upload.data.decode("utf-8", errors="replace").splitlines()
            self._say(f"bot ({DM}):")
            if upload.initial_comment:
                self._say(
                    _indent(self._named(mrkdwn_to_text(upload.initial_comment, zone=self.zone, bold=_BOLD_MARKS))),
                    wrap=True,
                )
            self._say(f"  [file] {upload.filename} ({len(lines)} lines)")
            self._say("\n".join(f"    {line}" for line in lines[:FILE_LINES]))
            if len(lines) > FILE_LINES:
                self._say(f"    … {len(lines) - FILE_LINES} more")

    def _named(self, text: str) -> str:
        def name(match: re.Match[str]) -> str:
            sigil, entity = match.groups()
            if sigil == "#":
                channel = self.slack.workspace.channels.get(entity)
                return f"#{channel.name}" if channel is not None else match.group(0)
            if entity.startswith("S"):  # a user group, `@design` in Slack, not `@S0DESIGN`
                group = self.slack.workspace.usergroups.get(entity)
                return f"@{group.handle}" if group is not None else match.group(0)
            return f"@{self._name(entity)}"

        return _ID_MENTION.sub(name, text)

    def _name(self, user_id: str) -> str:
        member = self.slack.workspace.users.get(user_id)
        return str(member.get("real_name") or member["name"]) if member else user_id

    def say(self, text: str) -> None:
        """A line of the shell's own (not the bot's), for commands added from outside."""
        self._say(text, wrap=True)

    def _say(self, text: str, *, wrap: bool = False) -> None:
        if wrap and self.width:
            text = "\n".join(_wrap(line, self.width) for line in text.split("\n"))
        print(text.translate(self.bold), file=self.out, flush=True)


_HANGING = re.compile(r"^(\s*(?:[•\-*]|\d+\.|\[[^\]]{1,3}\])?\s*)")


def _wrap(line: str, width: int) -> str:
    """One rendered line folded to `width`, continuation lines indented under its text (not its bullet);
    links are never broken, so they stay clickable."""
    if set(line.strip()) == {"="}:
        return line[:width]  # a heading's underline: as wide as the heading, never wider than the screen
    if len(line) - sum(line.count(mark) for mark in _BOLD_MARKS) <= width:
        return line
    hanging = " " * len(_HANGING.match(line).group(1))  # type: ignore[union-attr]
    return textwrap.fill(line, width=width, subsequent_indent=hanging, break_long_words=False, break_on_hyphens=False)


def _in_channel(call: Any) -> bool:
    return str(call.args.get("channel") or "").startswith("C")


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _name(button: Button, options: list[Button]) -> str:
    """A button's label, and what it opens where buttons alike sit beside different things (the App Home's "Show
    steps" beside each guide): Slack shows each beside its row, a list of labels would not tell them apart."""
    alike = sum(1 for other in options if other.label == button.label)
    return f"{button.label} ({button.value})" if alike > 1 and button.value else button.label


def _words(text: str) -> list[str]:
    """Words of a label or of what was typed, matched loosely: any case, curly or straight apostrophes,
    with or without quotes around the whole."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").strip().strip("\"'")
    return text.casefold().split()


def _names(user_id: str, member: dict[str, Any]) -> set[str]:
    profile = member.get("profile", {})
    names = {
        user_id,
        member.get("name"),
        member.get("real_name"),
        profile.get("display_name"),
        profile.get("first_name"),
    }
    return {str(name).casefold() for name in names if name}


def _not_a_person(member: dict[str, Any]) -> str | None:
    """ "deactivated" or "bot" for an account nobody can be in Slack; None for a person."""
    if member.get("deleted"):
        return "deactivated"
    if member.get("is_bot") or member.get("id") == SLACKBOT:
        return "bot"
    return None


def _roles(member: dict[str, Any]) -> list[str]:
    why = _not_a_person(member)
    if why is not None:
        return [why]
    roles = []
    if member.get("is_primary_owner"):
        roles.append("primary owner")
    elif member.get("is_owner"):
        roles.append("owner")
    if member.get("is_admin"):
        roles.append("admin")
    if member.get("is_ultra_restricted"):
        roles.append("single-channel guest")
    elif member.get("is_restricted"):
        roles.append("guest")
    return roles or ["member"]


def _blocks_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = body.get("blocks")
    return list(blocks) if blocks else _text_block(str(body.get("text", "")))


def _text_block(text: str) -> list[dict[str, Any]]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.rstrip().splitlines())
