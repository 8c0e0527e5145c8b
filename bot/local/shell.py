"""`privacy-bot shell`: chat with the real bot over real HTTP, with the stand-in playing Slack."""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from bot.local import payloads
from bot.local.fake_slack import FakeSlack, ResponsePost
from bot.local.sender import SignedSender
from bot.local.workspace import GENERAL
from bot.slack.plaintext import Button, buttons, render

WAIT = 5.0  # seconds the shell waits for the bot's reply before saying it got none

HELP = """\
Type what a member would:
  /privacy linkedin iphone    a slash command (any text after the command)
  how do I opt out of LinkedIn AI training?
                              a direct message to the bot
  @bot linkedin android       a mention in #general (answered in a thread)
  click 2 | click opted out   press a button of the last message (number or words of its label)
  home                        open the bot's App Home
  as U0BEN | users            act as another member | list the members
  help | quit"""


@dataclass
class _Shown:
    """The last message shown, so `click` knows its buttons and where Slack would send the click."""

    blocks: list[dict[str, Any]]
    response_url: str | None = None
    channel: str = GENERAL
    ts: str | None = None
    ephemeral: bool = True
    from_home: bool = False
    buttons: list[Button] = field(default_factory=list)


class Shell:
    def __init__(self, *, slack: FakeSlack, sender: SignedSender, user: str, out: TextIO) -> None:
        self.slack = slack
        self.sender = sender
        self.user = user
        self.out = out
        self.shown: _Shown | None = None

    def run(self, lines: Iterable[str], *, interactive: bool) -> int:
        self._say(
            f"Privacy bot shell – you are {self._name(self.user)} ({self.user}). Type `help` for what you can do."
        )
        for line in lines:
            line = line.strip()
            if not interactive and line:
                self._say(f"\n> {line}")
            if line in {"quit", "exit"}:
                break
            try:
                self.handle(line)
            except (ValueError, TimeoutError) as error:
                self._say(f"(shell) {error}")
        return 0

    def handle(self, line: str) -> None:
        if not line:
            return
        word, _, rest = line.partition(" ")
        if word == "help":
            self._say(HELP)
        elif word == "users":
            for member in self.slack.workspace.users.values():
                self._say(f"  {member['id']:10} {member.get('real_name') or member['name']}")
        elif word == "as":
            self._switch_user(rest.strip())
        elif word == "home":
            self._home()
        elif word == "click":
            self._click(rest.strip())
        elif line.startswith("/"):
            command, _, text = line.partition(" ")
            self._command(command, text)
        elif word.startswith("@"):
            self._mention(rest)
        else:
            self._dm(line)

    def _switch_user(self, user_id: str) -> None:
        if user_id not in self.slack.workspace.users:
            raise ValueError(f"no member {user_id!r}; `users` lists them")
        self.user = user_id
        self.shown = None
        self._say(f"(shell) you are now {self._name(user_id)} ({user_id})")

    def _command(self, command: str, text: str) -> None:
        response_url = self.slack.new_response_url(channel=GENERAL, user=self.user)
        before = len(self.slack.responses)
        reply = self.sender.slash_command(
            text=text, command=command, user_id=self.user, channel_id=GENERAL, response_url=response_url
        )
        if reply.status != 200:
            self._say(f"(shell) the bot answered HTTP {reply.status}: {reply.text[:200]}")
            return
        if reply.text.strip():
            body = reply.json()
            self._show(
                _Shown(blocks=body.get("blocks") or _text_block(body.get("text", "")), response_url=response_url)
            )
        else:
            post = self._next_response(before)
            self._show(_Shown(blocks=_blocks_of(post.body), response_url=response_url))

    def _dm(self, text: str) -> None:
        before = len(self.slack.calls)
        self.sender.event(payloads.dm_message(user_id=self.user, text=text))
        call = self._next_call(before, "chat.postMessage")
        self._show(self._from_call(call))

    def _mention(self, text: str) -> None:
        before = len(self.slack.calls)
        self.sender.event(payloads.app_mention(user_id=self.user, text=text))
        call = self._next_call(before, "chat.postMessage")
        self._show(self._from_call(call))

    def _home(self) -> None:
        before = len(self.slack.calls)
        self.sender.event(payloads.app_home_opened(user_id=self.user))
        call = self._next_call(before, "views.publish")
        view = call.structured("view") or {}
        self._show(_Shown(blocks=list(view.get("blocks", [])), from_home=True, ephemeral=False))

    def _click(self, which: str) -> None:
        if self.shown is None or not self.shown.buttons:
            raise ValueError("there is no button to click; ask the bot something first")
        button = self._pick(which, self.shown.buttons)
        if button.url:
            self._say(f"(shell) Slack would open {button.url} in your browser")
        shown = self.shown
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
        if isinstance(post, ResponsePost):
            if post.body.get("replace_original") or post.body.get("replace_original") == "true":
                self._show(_Shown(**{**shown.__dict__, "blocks": _blocks_of(post.body), "buttons": []}))
            else:
                self._show(_Shown(blocks=_blocks_of(post.body), response_url=shown.response_url))
        else:
            self._show(self._from_call(post))

    def _pick(self, which: str, options: list[Button]) -> Button:
        if which.isdigit() and 1 <= int(which) <= len(options):
            return options[int(which) - 1]
        words = [word.lower() for word in shlex.split(which)] if which else []
        for button in options:
            if words and all(word in button.label.lower() for word in words):
                return button
        raise ValueError(
            f"no button {which!r}; buttons: " + ", ".join(f"{i}) {b.label}" for i, b in enumerate(options, 1))
        )

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
            posts = [call for call in self.slack.calls[calls_before:] if call.method == "chat.postMessage"]
            return posts[0] if posts else None

        try:
            return self.slack.wait_for(arrived, timeout=WAIT)
        except TimeoutError:
            raise TimeoutError(f"the bot did not reply within {WAIT:.0f} s") from None

    def _from_call(self, call: Any) -> _Shown:
        blocks = call.structured("blocks") or _text_block(str(call.args.get("text", "")))
        ts = str(call.response.get("ts", "")) or None
        channel = str(call.response.get("channel") or call.args.get("channel") or GENERAL)
        return _Shown(blocks=list(blocks), channel=channel, ts=ts, ephemeral=False)

    def _show(self, shown: _Shown) -> None:
        shown.buttons = buttons(shown.blocks)
        self.shown = shown
        self._say("bot:")
        self._say(_indent(render(shown.blocks)))

    def _name(self, user_id: str) -> str:
        member = self.slack.workspace.users.get(user_id)
        return str(member.get("real_name") or member["name"]) if member else user_id

    def _say(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def _blocks_of(body: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = body.get("blocks")
    return list(blocks) if blocks else _text_block(str(body.get("text", "")))


def _text_block(text: str) -> list[dict[str, Any]]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.rstrip().splitlines())
