"""Guides as members see them: the first message of every guide, honest dates, and Slack's limits checked
before a member asks (a GUIDES_DIR guide that Slack would refuse stops start-up, naming file and field)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.core import Status
from bot.guides import SHIPPED_DIR, GuideError, Problem, check_paths, load_catalog
from bot.guides.catalog import Catalog
from bot.service.outcomes import Recorded
from bot.slack.plaintext import buttons
from bot.slack.views import (
    ACTION_CONFIRM,
    ACTION_REASON_PREFIX,
    MAX_BUTTON_TEXT,
    as_dicts,
    guide_blocks,
    limit_problems,
    not_found_blocks,
)

SHIPPED = load_catalog(render_check=limit_problems)
GUIDE_IDS = SHIPPED.ids


def shown(guide_id: str, platform: str | None = None, *, today: dt.date | None = None) -> str:
    guide = SHIPPED.get(guide_id)
    assert guide is not None
    return json.dumps(as_dicts(guide_blocks(guide, platform, today=today or guide.verified)), ensure_ascii=False)


@pytest.mark.parametrize("guide_id", GUIDE_IDS)
def test_the_first_message_says_what_switching_off_does_not_undo(guide_id: str) -> None:
    guide = SHIPPED.get(guide_id)
    assert guide is not None
    for platform in (None, "desktop", "ios", "android"):
        message = shown(guide_id, platform)
        if guide.kind == "opt-out":
            assert guide.not_undone is not None
            assert json.dumps(guide.not_undone, ensure_ascii=False)[1:-1] in message, platform
            assert "What opting out does not undo" in message
        # Every guide's first message says when its sources were read, never that steps were checked.
        assert f"Sources read on {guide.verified.isoformat()}" in message
        assert "last checked" not in message.lower()


@pytest.mark.parametrize(
    "guide_id", ["substack-ai-training", "tumblr-third-party-sharing", "wordpress-third-party-sharing"]
)
def test_a_setting_switched_on_to_opt_out_is_not_headed_switching_off(guide_id: str) -> None:
    # These are switched ON to keep data out: "What switching off does not undo" told members the opposite.
    message = shown(guide_id)
    assert "switch it on" in message.lower() or "switch on" in message.lower()
    assert "switching off" not in message.lower()


def test_a_no_switch_answer_has_nothing_to_record_and_a_how_to_keeps_its_button() -> None:
    assert ACTION_CONFIRM not in shown("reddit-ai-licensing")
    assert "There is no setting to turn off" in shown("reddit-ai-licensing")
    assert "I've requested my data" in shown("linkedin-data-download")
    assert "What opting out does not undo" not in shown("linkedin-data-download")


def test_an_answer_whose_sources_are_older_than_180_days_says_so() -> None:
    guide = SHIPPED.get("linkedin-ai-training")
    assert guide is not None
    fresh = shown(guide.id, today=guide.verified + dt.timedelta(days=180))
    stale = shown(guide.id, today=guide.verified + dt.timedelta(days=181))
    assert "days ago" not in fresh
    assert f"These sources were read 181 days ago, on {guide.verified.isoformat()}" in stale


def test_a_source_without_a_link_is_named_without_one() -> None:
    message = shown("linkedin-ai-training")
    assert "USA TODAY, Saleen Martin" in message
    assert "<None|" not in message


def test_every_shipped_guide_fits_slacks_limits() -> None:
    assert [(guide.id, limit_problems(guide)) for guide in SHIPPED if limit_problems(guide)] == []


def test_a_title_too_long_for_a_button_is_cut_with_an_ellipsis_in_a_list_of_guides() -> None:
    """In a list of guides the button is all a member sees of a title (GUIDES_DIR titles may be 150 characters)."""
    guide = SHIPPED.get("grammarly-training")
    assert guide is not None
    long = guide.model_copy(update={"title": "Turn off the setting " + "that trains on your writing " * 4})
    [label] = [button.label for button in buttons(as_dicts(not_found_blocks("zzyzx", Catalog([long]))))]
    assert len(label) <= MAX_BUTTON_TEXT and label.endswith("…")
    assert long.title.startswith(label[:-1])


def long_guide(field: str) -> str:
    text = (SHIPPED_DIR / "grammarly-training.toml").read_text(encoding="utf-8")
    text = text.replace('id = "grammarly-training"', 'id = "long-guide"', 1)
    if field == "title":
        return text.replace('title = "', 'title = "' + "Very long title " * 12, 1)
    if field == "steps.desktop":
        return text.replace("desktop = [", "desktop = [\n" + '    "Scroll on and on. ' + "x" * 3000 + '",', 1)
    if field == "summary":
        return text.replace('summary = """\\', 'summary = """\\\n' + "Word " * 700 + "\\", 1)
    raise AssertionError(field)


@pytest.mark.parametrize("field", ["title", "summary", "steps.desktop"])
def test_check_rejects_a_guide_slack_would_refuse_naming_file_and_field(tmp_path: Path, field: str) -> None:
    path = tmp_path / "long.toml"
    path.write_text(long_guide(field), encoding="utf-8")
    problems = check_paths([path], render_check=limit_problems)
    assert [(problem.file, problem.field) for problem in problems] == [(path, field)]
    assert "Slack allows" in problems[0].message


def test_a_guides_dir_guide_slack_would_refuse_stops_start_up(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text(long_guide("title"), encoding="utf-8")
    with pytest.raises(GuideError, match=rf"^{path}: title: \d+ characters once rendered; Slack allows 150$"):
        load_catalog(extra_dir=tmp_path, render_check=limit_problems)


def test_one_bad_source_link_gives_one_message(tmp_path: Path) -> None:
    text = (SHIPPED_DIR / "grammarly-training.toml").read_text(encoding="utf-8")
    head, _, _ = text.rpartition('url = "')
    for bad in ('"http://example.com"', '"example.com/privacy"', '""', "42"):
        path = tmp_path / "one-source.toml"
        path.write_text(f"{head}url = {bad}\n", encoding="utf-8")
        problems = check_paths([path])
        assert len(problems) == 1, (bad, problems)
        assert problems[0].field == "sources[1].url"


def test_check_max_age_flags_stale_guides(tmp_path: Path) -> None:
    path = tmp_path / "old.toml"
    text = (SHIPPED_DIR / "grammarly-training.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("verified = 2026-11-29", "verified = 2026-01-01"), encoding="utf-8")
    today = dt.date(2026, 11, 29)
    assert check_paths([path], max_age=400, today=today) == []
    assert check_paths([path], max_age=300, today=today) == [
        Problem(path, "verified", "sources read on 2026-01-01, 332 days ago: older than 300 days")
    ]
    # One day is a day: `--max-age 1` said "older than 1 days".
    assert check_paths([path], max_age=1, today=dt.date(2026, 1, 3)) == [
        Problem(path, "verified", "sources read on 2026-01-01, 2 days ago: older than 1 day")
    ]
    assert check_paths([path], max_age=0, today=dt.date(2026, 1, 2))[0].message.startswith(
        "sources read on 2026-01-01, 1 day ago"
    )


def test_an_opt_out_guide_without_not_undone_fails_the_check(tmp_path: Path) -> None:
    path = tmp_path / "silent.toml"
    text = (SHIPPED_DIR / "quora-training.toml").read_text(encoding="utf-8")
    start = text.index("not_undone = ")
    path.write_text(text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8")
    assert check_paths([path]) == [
        Problem(path, "not_undone", "an opt-out guide must say what switching off does not undo")
    ]


def reasons_offered(guide_id: str) -> list[str]:
    """The labels of the optional reasons a member is offered after pressing "Doesn't apply to me"."""
    guide = SHIPPED.get(guide_id)
    assert guide is not None
    at = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    outcome = Recorded(guide=guide, status=Status.NOT_APPLICABLE, changed=True, at=at, snooze_until=None)
    blocks = as_dicts(guide_blocks(guide, "desktop", outcome=outcome, today=guide.verified))
    return [button.label for button in buttons(blocks) if button.action_id.startswith(ACTION_REASON_PREFIX)]


# "Not in a region where it applies" is a reason only where the guide names regions: LinkedIn's training covers
# every region since 2025-11-03, and Adobe's content analysis was never regional. The owners-only Slack guide is
# read in Slack: "I have no Slack account" would be absurd there.
@pytest.mark.parametrize(
    ("guide_id", "offered"),
    [
        ("linkedin-ai-training", ["I have no LinkedIn account"]),
        ("adobe-content-analysis", ["I have no Adobe account"]),
        ("meta-ai-objection", ["I have no Meta account", "Not in a region where it applies"]),
        ("slack-training", []),
    ],
)
def test_doesnt_apply_offers_only_reasons_that_can_be_true(guide_id: str, offered: list[str]) -> None:
    assert reasons_offered(guide_id) == offered


def test_a_guide_with_no_reason_to_offer_does_not_ask_why() -> None:
    guide = SHIPPED.get("slack-training")
    assert guide is not None
    at = dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC)
    outcome = Recorded(guide=guide, status=Status.NOT_APPLICABLE, changed=True, at=at, snooze_until=None)
    message = json.dumps(as_dicts(guide_blocks(guide, None, outcome=outcome, today=guide.verified)))
    assert "Why doesn't it apply?" not in message
