"""Whether a guide is a to-do for one member: by its kind, who it is for, and the member's region.

Slack tells us a member's time zone, not where they live, so regions are inferred from the
zone. The table below lists the IANA zones of the EU and EEA member states, the UK and
Switzerland, including the zones of their outlying territories that belong to them (Canary
Islands, Madeira, Azores, Ceuta, Åland, Büsingen). Deliberately left out: places in Europe that
are in none of these regions (Andorra, Monaco, San Marino, the Vatican, Gibraltar, Jersey,
Guernsey, the Isle of Man, Svalbard), so a member there is outside a region guide like one in
America/Chicago. A zone we cannot place (none, "UTC", "US/Eastern") says nothing about where a
member is: the region guide is offered to them, but never listed as a to-do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from bot.guides.catalog import Guide, Region

Applicability = Literal["todo", "offered", "not_for_member"]

_EU_ZONES: Final = frozenset(
    {
        "Europe/Amsterdam",
        "Europe/Athens",
        "Europe/Berlin",
        "Europe/Bratislava",
        "Europe/Brussels",
        "Europe/Bucharest",
        "Europe/Budapest",
        "Europe/Busingen",
        "Europe/Copenhagen",
        "Europe/Dublin",
        "Europe/Helsinki",
        "Europe/Lisbon",
        "Europe/Ljubljana",
        "Europe/Luxembourg",
        "Europe/Madrid",
        "Europe/Malta",
        "Europe/Mariehamn",
        "Europe/Nicosia",
        "Europe/Paris",
        "Europe/Prague",
        "Europe/Riga",
        "Europe/Rome",
        "Europe/Sofia",
        "Europe/Stockholm",
        "Europe/Tallinn",
        "Europe/Vienna",
        "Europe/Vilnius",
        "Europe/Warsaw",
        "Europe/Zagreb",
        "Asia/Nicosia",
        "Asia/Famagusta",
        "Atlantic/Azores",
        "Atlantic/Canary",
        "Atlantic/Madeira",
        "Africa/Ceuta",
        # Legacy names still found in old profiles.
        "Eire",
        "Poland",
        "Portugal",
    }
)
# EEA members outside the EU.
_EEA_ONLY_ZONES: Final = frozenset({"Atlantic/Reykjavik", "Iceland", "Europe/Oslo", "Europe/Vaduz"})
_UK_ZONES: Final = frozenset({"Europe/London", "Europe/Belfast", "GB", "GB-Eire"})
_CH_ZONES: Final = frozenset({"Europe/Zurich"})

# IANA zone -> the regions a member in that zone is in.
ZONE_REGIONS: Final[Mapping[str, frozenset[Region]]] = {
    **{zone: frozenset({"EU", "EEA"}) for zone in _EU_ZONES},
    **{zone: frozenset({"EEA"}) for zone in _EEA_ONLY_ZONES},
    **{zone: frozenset({"UK"}) for zone in _UK_ZONES},
    **{zone: frozenset({"CH"}) for zone in _CH_ZONES},
}


def regions_of(tz: str | None) -> frozenset[Region] | None:
    """The regions a member's Slack time zone places them in; None when the zone tells us nothing."""
    if not tz:
        return None
    return ZONE_REGIONS.get(tz.strip())


_AREAS: Final = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"}
)


def _is_known_zone(tz: str | None) -> bool:
    # A zone outside every region is still knowledge ("America/Chicago": not in the EU); an empty,
    # legacy ("US/Eastern") or unheard-of one is not.
    return bool(tz) and "/" in (tz or "") and (tz or "").split("/", 1)[0] in _AREAS


def applicability(guide: Guide, *, is_owner: bool, is_admin: bool = False, tz: str | None) -> Applicability:
    """`todo` when the member should act on the guide; `offered` when it may help them but is nobody's
    to-do (a how-to, a no-switch answer, an owners-only opt-out for a member, a region guide for a member
    whose region we cannot tell); `not_for_member` when their zone places them outside its regions.

    `is_admin` is accepted but counts for nothing: Slack's opt-out needs an owner, not an admin.
    """
    if guide.kind != "opt-out":
        return "offered"
    return reach(guide, is_owner=is_owner, tz=tz)


def reach(guide: Guide, *, is_owner: bool, tz: str | None) -> Applicability:
    """Whom the guide's `applies_to` reaches, whatever its kind: `todo` for those who can act on it. A
    campaign's audience is this, as a manager may run one for a how-to too."""
    if guide.applies_to == "everyone":
        return "todo"
    if guide.applies_to == "owners":
        return "todo" if is_owner else "offered"
    regions = regions_of(tz)
    if regions is None:
        return "not_for_member" if _is_known_zone(tz) else "offered"
    return "todo" if regions & set(guide.applies_to) else "not_for_member"


def is_todo_for(guide: Guide, *, is_owner: bool, is_admin: bool = False, tz: str | None) -> bool:
    """Whether status, App Home and nudges should list the guide as pending for this member."""
    return applicability(guide, is_owner=is_owner, is_admin=is_admin, tz=tz) == "todo"
