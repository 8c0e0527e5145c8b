"""Which guides are a member's to-do: owners-only and region-only guides never nag members they cannot
apply to, and a how-to or a no-switch answer is offered, never pending."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.guides import Catalog, Guide, check_paths, load_catalog
from bot.guides.applicability import ZONE_REGIONS, applicability, is_todo_for, regions_of

MEMBER = {"is_owner": False, "is_admin": False}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def guide(catalog: Catalog, guide_id: str) -> Guide:
    found = catalog.get(guide_id)
    assert found is not None
    return found


def todo_ids(catalog: Catalog, *, is_owner: bool = False, is_admin: bool = False, tz: str | None) -> set[str]:
    return {item.id for item in catalog if is_todo_for(item, is_owner=is_owner, is_admin=is_admin, tz=tz)}


@pytest.mark.parametrize(
    ("tz", "regions"),
    [
        ("Europe/Paris", {"EU", "EEA"}),
        ("Europe/Dublin", {"EU", "EEA"}),
        ("Atlantic/Canary", {"EU", "EEA"}),
        ("Asia/Nicosia", {"EU", "EEA"}),
        ("Europe/Oslo", {"EEA"}),
        ("Atlantic/Reykjavik", {"EEA"}),
        ("Europe/Vaduz", {"EEA"}),
        ("Europe/London", {"UK"}),
        ("Europe/Zurich", {"CH"}),
        ("America/New_York", None),
        ("Europe/Andorra", None),
        ("Europe/Kyiv", None),
        (None, None),
        ("", None),
    ],
)
def test_regions_come_from_the_time_zone(tz: str | None, regions: set[str] | None) -> None:
    found = regions_of(tz)
    assert (set(found) if found is not None else None) == regions


def test_every_eu_member_state_has_a_zone() -> None:
    # 27 member states; some have several zones (Spain, Portugal, Cyprus), none is missing.
    capitals = {
        "Amsterdam", "Athens", "Berlin", "Bratislava", "Brussels", "Bucharest", "Budapest", "Copenhagen",
        "Dublin", "Helsinki", "Lisbon", "Ljubljana", "Luxembourg", "Madrid", "Malta", "Nicosia", "Paris",
        "Prague", "Riga", "Rome", "Sofia", "Stockholm", "Tallinn", "Vienna", "Vilnius", "Warsaw", "Zagreb",
    }  # fmt: skip
    assert len(capitals) == 27
    for city in capitals:
        assert ZONE_REGIONS[f"Europe/{city}"] >= {"EU", "EEA"}, city


def test_an_ordinary_member_in_new_york_is_nagged_about_neither_slack_nor_meta(catalog: Catalog) -> None:
    todo = todo_ids(catalog, tz="America/New_York")
    assert "slack-training" not in todo  # owners only
    assert "meta-ai-objection" not in todo  # EU, EEA and UK only
    assert "linkedin-data-download" not in todo  # offered, not a to-do
    assert not {"reddit-ai-licensing", "zoom-ai-training", "medium-ai-training"} & todo  # nothing to switch
    assert {"linkedin-ai-training", "chatgpt-training", "x-grok-training"} <= todo


@pytest.mark.parametrize("tz", ["Europe/Berlin", "Europe/Oslo", "Europe/London"])
def test_the_meta_objection_is_a_to_do_in_the_eu_eea_and_uk(catalog: Catalog, tz: str) -> None:
    assert "meta-ai-objection" in todo_ids(catalog, tz=tz)


def test_switzerland_is_not_in_the_meta_regions(catalog: Catalog) -> None:
    meta = guide(catalog, "meta-ai-objection")
    assert applicability(meta, **MEMBER, tz="Europe/Zurich") == "not_for_member"


def test_a_zone_we_cannot_place_offers_the_region_guide_without_listing_it(catalog: Catalog) -> None:
    meta = guide(catalog, "meta-ai-objection")
    for tz in (None, "", "UTC", "US/Eastern", "Etc/GMT+1"):
        assert applicability(meta, **MEMBER, tz=tz) == "offered", tz
        assert not is_todo_for(meta, **MEMBER, tz=tz)


def test_owners_get_the_slack_opt_out_admins_and_members_are_offered_it(catalog: Catalog) -> None:
    slack = guide(catalog, "slack-training")
    assert applicability(slack, is_owner=True, tz=None) == "todo"
    assert applicability(slack, is_owner=False, is_admin=True, tz=None) == "offered"
    assert applicability(slack, **MEMBER, tz="Europe/Paris") == "offered"


def test_a_how_to_is_offered_even_to_owners(catalog: Catalog) -> None:
    download = guide(catalog, "linkedin-data-download")
    assert download.kind == "how-to"
    assert applicability(download, is_owner=True, tz="Europe/Paris") == "offered"


GUIDE = """\
id = "example"
service = "Example"
title = "t"
setting = "s"
aliases = []
url = "https://example.com"
summary = "s"
dates = []
notes = []
not_undone = "n"
verified = 2026-11-29
{extra}

[steps]
desktop = ["d"]
ios = ["i"]
android = ["a"]

[[sources]]
title = "s"
url = "https://example.com"
"""


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ('applies_to = "admins"', "applies_to", 'must be "everyone", "owners" or a list of regions from EU, EEA, UK'),
        ('applies_to = ["EU", "Mars"]', "applies_to", 'must be "everyone", "owners" or a list of regions'),
        ("applies_to = []", "applies_to", 'must be "everyone", "owners" or a list of regions'),
        ('kind = "tutorial"', "kind", "Input should be 'opt-out', 'how-to' or 'no-switch'"),
    ],
)
def test_check_names_a_bad_applies_to_or_kind(tmp_path: Path, extra: str, field: str, message: str) -> None:
    path = tmp_path / "g.toml"
    path.write_text(GUIDE.format(extra=extra), encoding="utf-8")
    [problem] = check_paths([path])
    assert problem.field == field
    assert problem.message.startswith(message)


def test_only_a_no_switch_answer_may_have_no_link(tmp_path: Path) -> None:
    path = tmp_path / "g.toml"
    path.write_text(GUIDE.format(extra="").replace('url = "https://example.com"\nsummary', "summary"), "utf-8")
    [problem] = check_paths([path])
    assert (problem.field, problem.message) == ("url", 'required unless kind is "no-switch"')
    path.write_text(
        GUIDE.format(extra='kind = "no-switch"').replace('url = "https://example.com"\nsummary', "summary"), "utf-8"
    )
    assert check_paths([path]) == []
