"""What a member can check: every guide names sources they can find themselves (a link, or who published what),
never our internal notes, and promises nothing the bot does not do (no guide updates itself)."""

from __future__ import annotations

import json
import re

import pytest

from bot.guides import Guide, load_catalog
from bot.slack.views import as_dicts, details_blocks, guide_blocks, limit_problems

SHIPPED = load_catalog(render_check=limit_problems)
GUIDE_IDS = SHIPPED.ids

# Words that point a member at something only the team can read.
INTERNAL = ("facts file", "our facts", "our notes", "summarised in our", "summarized in our")
# A guide, the bot or "we" promising to act later: nothing in the bot updates a guide or tells anyone it changed.
PROMISE = re.compile(r"\b(?:this guide|these guides|the bot|we)\b[^.]*?\b(?:will|shall)\b|\bwe'll\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Our researchers grade facts ("medium confidence"); a member is shown the source and its date, and a less
# certain claim is worded with a hedge instead of a grade.
GRADE = re.compile(r"\bconfidence\b", re.IGNORECASE)


def guide_of(guide_id: str) -> Guide:
    guide = SHIPPED.get(guide_id)
    assert guide is not None, guide_id
    return guide


def member_visible(guide: Guide) -> str:
    """Everything a member can read of a guide: its message on every platform and its "More details"."""
    messages = [guide_blocks(guide, platform, today=guide.verified) for platform in (None, "desktop", "ios", "android")]
    blocks = [block for message in messages for block in as_dicts(message)] + as_dicts(details_blocks(guide))
    return json.dumps(blocks, ensure_ascii=False)


def label(title: str) -> str:
    """How a source is named in a guide's first message: its title up to the first ':' or '('."""
    return re.split(r"[:(]", title)[0].strip()


@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_no_guide_sends_members_to_our_internal_notes(guide_id: str) -> None:
    shown = member_visible(guide_of(guide_id)).lower()
    assert [words for words in INTERNAL if words in shown] == []


@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_no_guide_shows_members_our_confidence_grading(guide_id: str) -> None:
    assert GRADE.findall(member_visible(guide_of(guide_id))) == []


@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_no_guide_promises_an_update_the_bot_does_not_make(guide_id: str) -> None:
    assert PROMISE.findall(member_visible(guide_of(guide_id))) == []


@pytest.mark.parametrize("guide_id", [guide.id for guide in SHIPPED if guide.kind != "no-switch"])
def test_every_source_of_a_guide_to_act_on_can_be_found_by_a_member(guide_id: str) -> None:
    """A link, or a name to look up: the service's own page or document ("Pinterest Privacy Policy, effective
    2025-04-30"), or an outside publisher with a date ("Silicon Republic, 2024-06-14")."""
    guide = guide_of(guide_id)
    names = {name.casefold() for name in (guide.service, *guide.service_aliases)}
    for source in guide.sources:
        if source.url is not None:
            continue
        shown = label(source.title)
        own = any(shown.casefold().startswith(name) for name in names)
        outside = shown[:1].isupper() and YEAR.search(source.title) is not None
        assert own or outside, source.title


@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_the_first_message_names_each_source_differently(guide_id: str) -> None:
    labels = [label(source.title) for source in guide_of(guide_id).sources]
    assert len(set(labels)) == len(labels), labels
