"""Block Kit as plain text, so `ask`, `guides show` and the shell show exactly what Slack would."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, TextIO

from bot.config import plain_text_wanted

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_BARE_LINK = re.compile(r"<(https?://[^|>]+)>")
_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")
_DATE = re.compile(r"<!date\^(\d+)\^[^|]*\|([^>]+)>")
_EMOJI = {
    # A status, as a checklist box that lines up in any terminal.
    ":white_check_mark:": "[x]",
    ":heavy_minus_sign:": "[-]",
    ":alarm_clock:": "[z]",
    ":hourglass_flowing_sand:": "[ ]",
    # The rest as the picture Slack shows, not the code: ":mega: Campaign … started" read as noise.
    ":calendar:": "\N{CALENDAR}",
    ":warning:": "\N{WARNING SIGN}\N{VARIATION SELECTOR-16}",
    ":wave:": "\N{WAVING HAND SIGN}",
    ":tada:": "\N{PARTY POPPER}",
    ":mega:": "\N{CHEERING MEGAPHONE}",
    ":page_facing_up:": "\N{PAGE FACING UP}",
    ":outbox_tray:": "\N{OUTBOX TRAY}",
    ":mailbox_with_mail:": "\N{OPEN MAILBOX WITH RAISED FLAG}",
    ":mailbox_with_no_mail:": "\N{OPEN MAILBOX WITH LOWERED FLAG}",
    ":lock:": "\N{LOCK}",
}


# A row of buttons whose block_id starts with this is a list (of guides), each button an item: without buttons, the
# labels are still shown, one a line, since they are what the message lists. Other rows are controls.
LIST_BLOCK = "list_"


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str
    url: str | None
    block_id: str | None


# `<!here>`, `<!channel>`, `<!everyone>` as Slack shows them (a ping), unlike `&lt;!here&gt;` (the characters).
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_MENTION = re.compile(r"<([#@])([A-Z0-9]+)(?:\|([^>]*))?>|<!subteam\^(S[A-Z0-9]+)(?:\|([^>]*))?>")


def _mention(match: re.Match[str]) -> str:
    """`<#C…|name>` as #name, `<!subteam^S…|@team>` as @team; an ID alone when Slack would look the name up."""
    if match.group(4):
        return match.group(5) or f"@{match.group(4)}"
    return f"{match.group(1)}{match.group(3) or match.group(2)}"


# Around *bold* text: nothing, for plain text and pipes.
NO_BOLD = ("", "")


def terminal_bold(out: TextIO) -> tuple[str, str]:
    """Bold as `out` draws it: a terminal's escape codes, or nothing where they would be noise (piped, NO_COLOR
    set, TERM=dumb)."""
    if out.isatty() and not plain_text_wanted():
        return ("\x1b[1m", "\x1b[22m")
    return NO_BOLD


def mrkdwn_to_text(text: str, *, zone: tzinfo | None = None, bold: tuple[str, str] = NO_BOLD) -> str:
    """`zone`: where Slack's reader is. Slack shows a date in its reader's zone; without one, its fallback (UTC).
    `bold`: what goes before and after text Slack shows in bold."""
    text = _MENTION.sub(_mention, text)
    text = _SPECIAL.sub(r"@\1", text)
    text = _DATE.sub(lambda match: _date(match, zone), text)
    text = _LINK.sub(r"\2 (\1)", text)
    text = _BARE_LINK.sub(r"\1", text)
    for code, plain in _EMOJI.items():
        text = text.replace(code, plain)
    text = _BOLD.sub(lambda match: f"{bold[0]}{match.group(1)}{bold[1]}", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# A channel mention, labelled or not: its ID is what an operator can use outside Slack.
_CHANNEL_MENTION = re.compile(r"<#([A-Z0-9]+)(?:\|[^>]*)?>")


def command_line_text(text: str) -> str:
    """A sentence of the bot's (mrkdwn) as the command line prints it: without emoji, which a script or a log
    gains nothing from, and with channels as their IDs, as there is no Slack to show their names."""
    for code in _EMOJI:
        text = text.replace(f"{code} ", "").replace(code, "")
    return mrkdwn_to_text(_CHANNEL_MENTION.sub(r"\1", text)).strip()


def _date(match: re.Match[str], zone: tzinfo | None) -> str:
    if zone is None:
        return match.group(2)
    moment = datetime.fromtimestamp(int(match.group(1)), zone)
    return f"{moment:%Y-%m-%d %H:%M} {zone}"


def _text_of(obj: Mapping[str, Any] | None, *, zone: tzinfo | None = None, bold: tuple[str, str] = NO_BOLD) -> str:
    """A text object as Slack shows it: mrkdwn is read; plain_text (headers, buttons) is shown as written."""
    if not obj:
        return ""
    text = str(obj.get("text", ""))
    if obj.get("type") == "plain_text":
        for code, plain in _EMOJI.items():
            text = text.replace(code, plain)
        return text
    return mrkdwn_to_text(text, zone=zone, bold=bold)


def buttons(blocks: Iterable[Mapping[str, Any]]) -> list[Button]:
    found: list[Button] = []
    for block in blocks:
        elements = list(block.get("elements", [])) if block.get("type") == "actions" else []
        if block.get("accessory"):
            elements.append(block["accessory"])
        for element in elements:
            if element.get("type") == "button":
                found.append(
                    Button(
                        label=_text_of(element.get("text")),
                        action_id=str(element.get("action_id", "")),
                        value=str(element.get("value", "")),
                        url=element.get("url"),
                        block_id=block.get("block_id"),
                    )
                )
    return found


def render(
    blocks: Iterable[Mapping[str, Any]],
    *,
    with_buttons: bool = True,
    zone: tzinfo | None = None,
    bold: tuple[str, str] = NO_BOLD,
) -> str:
    """Plain text of a message; buttons are numbered in the order `buttons()` returns them. Without buttons, a
    list of them (LIST_BLOCK) is still shown as a list. `zone`, `bold`: see `mrkdwn_to_text`."""
    lines: list[str] = []
    number = 0
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = _text_of(block.get("text"), zone=zone)
            lines += [title, "=" * len(title)]
        elif kind == "section":
            if block.get("text"):
                lines.append(_text_of(block["text"], zone=zone, bold=bold))
            lines += [_text_of(field, zone=zone, bold=bold) for field in block.get("fields", [])]
        elif kind == "context":
            elements = block.get("elements", [])
            lines += [_text_of(element, zone=zone, bold=bold) for element in elements if "text" in element]
        elif kind == "divider":
            lines.append("-" * 40)
        if with_buttons:
            for button in buttons([block]):
                number += 1
                target = f" -> {button.url}" if button.url else ""
                lines.append(f"  [{number}] {button.label}{target}")
        elif kind == "actions" and str(block.get("block_id") or "").startswith(LIST_BLOCK):
            lines += [f"• {button.label}" for button in buttons([block])]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
