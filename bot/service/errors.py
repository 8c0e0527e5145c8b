"""The one error a member is shown as is; anything else is logged and answered with an apology."""

from __future__ import annotations


class UserFacingError(Exception):
    """A problem the member can fix; its message is shown to them as is."""


class UnknownGuide(UserFacingError):
    """A name no guide answers to: callers that can offer something better (a near name, a line for everyday words
    after a record word) catch this one alone, never an error raised for another reason (a password typed)."""


class NotAllowed(UserFacingError):
    """A manager-only command or button used by someone else: a polite refusal, no names."""


class ManagerRoleUnknown(UserFacingError):
    """Someone who may be a manager through a user group Slack has not listed yet: not refused, told to retry."""
