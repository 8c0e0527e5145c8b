"""The Slack app manifest: scopes, events and URLs that match what the listeners handle."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bot import strings
from bot.slack.http import EVENTS_PATH

# Every one of these has a listener in bot/slack/listeners.py (a test keeps the two in step).
BOT_EVENTS = ("app_home_opened", "app_mention", "message.im", "app_uninstalled", "tokens_revoked")
# Only what the code calls; README ("Scopes") gives the reason for each, and a test keeps the two in step.
BOT_SCOPES = (
    "app_mentions:read",
    "channels:read",
    "chat:write",
    "commands",
    "files:write",
    "groups:read",
    "im:history",
    "im:read",
    "usergroups:read",
    "users:read",
)


class ManifestError(ValueError):
    """The URL given for the manifest cannot be Slack's request URL."""


# A DNS name Slack can reach: dot-separated labels of letters, digits and inner hyphens, at least two of them.
_HOST = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(?:\.(?!-)[a-z0-9-]{1,63}(?<!-))+", re.IGNORECASE)
# What a URL's path may hold unencoded (RFC 3986): anything else would be a different URL once Slack reads it.
_PATH = re.compile(r"[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*")


def events_url(url: str) -> str:
    """Slack's request URL from what an operator types: `bot.example.com`, `https://bot.example.com/`
    or the full `https://bot.example.com/slack/events` all mean the same endpoint. Whatever Slack could
    not call is refused here, so that no manifest is printed for it."""
    url = url.strip()
    if any(character.isspace() for character in url):
        raise ManifestError(strings.MANIFEST_URL_WHITESPACE.format(url=url))
    if not url.isprintable():
        raise ManifestError(strings.MANIFEST_URL_INVALID.format(url=url.encode("unicode_escape").decode()))
    given = url
    if "://" not in url:
        url = f"https://{url}"
    parts = urlsplit(url)
    if parts.scheme.lower() != "https":
        raise ManifestError(strings.MANIFEST_URL_HTTPS)
    if not parts.netloc:
        raise ManifestError(strings.MANIFEST_URL_NO_HOST)
    if "@" in parts.netloc:
        raise ManifestError(strings.MANIFEST_URL_CREDENTIALS)
    if not _HOST.fullmatch(parts.hostname or "") or not _PATH.fullmatch(parts.path):
        raise ManifestError(strings.MANIFEST_URL_INVALID.format(url=given))
    try:
        port = parts.port
    except ValueError:  # not a number, or past 65535
        port = 0
    if port == 0 or parts.netloc.endswith(":"):  # "host:" names no port at all
        raise ManifestError(strings.MANIFEST_URL_PORT.format(url=given))
    # The query and fragment are dropped: Slack posts to the path alone.
    base = urlunsplit(("https", parts.netloc, parts.path.rstrip("/"), "", ""))
    return base if base.endswith(EVENTS_PATH) else f"{base}{EVENTS_PATH}"


def manifest(*, command: str, url: str | None) -> dict[str, Any]:
    """Socket Mode when no public URL is given, otherwise every request goes to {url}/slack/events."""
    request_url = events_url(url) if url else None
    slash: dict[str, Any] = {
        "command": command,
        "description": "How to opt out of AI training and other privacy changes",
        "usage_hint": "[linkedin | status | done <guide> | help]",
        "should_escape": True,  # channel and group mentions arrive as IDs: `campaign start … #general`
    }
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url:
        slash["url"] = request_url
        events["request_url"] = request_url
        interactivity["request_url"] = request_url
    return {
        "display_information": {
            "name": "Privacy Reminder",
            "description": "Helps your team act on privacy changes of the services they use",
            "background_color": "#2c2d30",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "Privacy Reminder", "always_online": True},
            "slash_commands": [slash],
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": request_url is None,
            "token_rotation_enabled": False,
        },
    }


def to_yaml(value: Any, indent: int = 0) -> str:
    """Enough YAML for a manifest; scalars are JSON-quoted, which YAML reads as the same strings."""
    pad = "  " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines.append(to_yaml(item, indent + 1))
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                nested = to_yaml(item, indent + 1).lstrip()
                lines.append(f"{pad}- {nested}")
            else:
                lines.append(f"{pad}- {_scalar(item)}")
    return "\n".join(lines)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value == [] or value == {}:
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)
