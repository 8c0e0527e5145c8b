from __future__ import annotations

import datetime as dt
from pathlib import Path

import pydantic
import pytest

from bot.guides import SHIPPED_DIR, Catalog, Guide, GuideError, Problem, check_paths, load_catalog

VALID = """\
id = "example-setting"
service = "Example"
title = "Turn off the example setting"
setting = "Example setting"
aliases = ["example"]
url = "https://example.com/settings"
summary = "What the setting does."
notes = ["More about the setting."]
not_undone = "Switching it off does not undo past use."
verified = 2026-11-29

[steps]
desktop = ["Open settings.", "Switch it off."]
ios = ["Tap settings.", "Switch it off."]
android = ["Tap settings.", "Switch it off."]

[[dates]]
date = 2024-11-20
what = "The setting appears."
regions = ["Canada"]

[[links]]
label = "Help page"
url = "https://example.com/help"

[[sources]]
title = "Example help"
url = "https://example.com/help"
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# LinkedIn first (rank), then file order, then the no-switch answers.
SHIPPED_IDS = (
    "linkedin-ai-training",
    "linkedin-data-download",
    "adobe-content-analysis",
    "chatgpt-training",
    "claude-training",
    "copilot-training",
    "gemini-activity",
    "grammarly-training",
    "meta-ai-objection",
    "pinterest-canvas-training",
    "quora-training",
    "slack-training",
    "substack-ai-training",
    "tumblr-third-party-sharing",
    "wordpress-third-party-sharing",
    "x-grok-training",
    # No-switch answers come last (rank 200).
    "medium-ai-training",
    "reddit-ai-licensing",
    "zoom-ai-training",
)
NEW_IDS = tuple(guide_id for guide_id in SHIPPED_IDS if not guide_id.startswith("linkedin-"))


def variant(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


# --- the shipped guides -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    return load_catalog()


def test_shipped_guides_are_valid() -> None:
    assert check_paths([SHIPPED_DIR]) == []


def test_shipped_catalog_lists_every_guide_in_file_order(shipped: Catalog) -> None:
    assert shipped.ids == SHIPPED_IDS
    assert len(shipped) == len(SHIPPED_IDS)
    assert [guide.id for guide in shipped] == list(shipped.ids)
    assert "linkedin-ai-training" in shipped
    assert shipped.get("nope") is None


def test_a_bare_linkedin_means_the_ai_training_guide(shipped: Catalog) -> None:
    primary = shipped.primary("linkedin")
    assert primary is not None
    assert primary.id == "linkedin-ai-training"


def test_ai_training_guide_links_the_setting_itself(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    assert guide.setting == "Data for Generative AI Improvement"
    assert guide.url == "https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement"
    assert guide.verified == dt.date(2026, 11, 29)


def test_ai_training_steps_reach_the_setting_on_every_platform(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    for platform in ("desktop", "ios", "android"):
        steps = guide.steps_for(platform)
        assert any("Data for Generative AI Improvement" in step for step in steps), platform
        assert any("Data privacy" in step for step in steps), platform
    assert "Settings & Privacy" in " ".join(guide.steps_for("desktop"))
    # One app flow is reported for both systems; "the app" without an OS gets that flow.
    assert guide.steps_for("ios") == guide.steps_for("android") == guide.steps_for("mobile")


def test_steps_for_an_unknown_platform_is_refused(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    with pytest.raises(ValueError, match="unknown platform"):
        guide.steps_for("blackberry")


def test_ai_training_dates_carry_years_and_regions(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    dates = {entry.date for entry in guide.dates}
    assert {dt.date(2024, 9, 18), dt.date(2024, 11, 20), dt.date(2025, 11, 3)} <= dates
    regions_from_2025 = {
        region for entry in guide.dates if entry.date == dt.date(2025, 11, 3) for region in entry.regions
    }
    assert {"United Kingdom", "Canada", "Hong Kong", "Switzerland"} <= regions_from_2025


def test_ai_training_links_the_objection_and_deletion_forms(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    urls = {link.url for link in guide.links}
    assert "https://www.linkedin.com/help/linkedin/ask/TS-DPRO" in urls
    assert "https://www.linkedin.com/help/linkedin/ask/TS-DDF" in urls
    assert "https://www.linkedin.com/help/linkedin/answer/a6278444" in urls


def test_ai_training_notes_say_what_opting_out_does_not_undo(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    assert guide.not_undone is not None and "does not undo" in guide.not_undone
    assert "group messages" in " ".join(guide.notes).lower()


def test_data_download_sends_app_users_to_a_computer(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-data-download")
    assert guide is not None
    assert any("Request archive" in step for step in guide.steps_for("desktop"))
    for platform in ("ios", "android"):
        steps = guide.steps_for(platform)
        assert "computer" in steps[0]
        # LinkedIn offers no in-app flow, so no step may tell the member to tap through the app.
        assert not any(step.startswith("Tap") for step in steps)


def test_guides_repeat_nothing_the_facts_file_rules_out(shipped: Catalog) -> None:
    for guide in shipped:
        text = guide.model_dump_json().lower()
        assert "60 days" not in text
        assert "/data-for-generative-ai" not in text
        assert "under-18" not in text and "under 18" not in text
        for note in guide.notes:
            if "group" in note.lower():
                assert "do not assume" in note.lower(), note


def test_resolve_finds_a_guide_by_id_or_alias_ignoring_case(shipped: Catalog) -> None:
    by_id = shipped.resolve(" LinkedIn-AI-Training ")
    by_alias = shipped.resolve("linkedin-download")
    assert by_id is not None and by_id.id == "linkedin-ai-training"
    assert by_alias is not None and by_alias.id == "linkedin-data-download"
    assert shipped.resolve("facebook") is None
    assert shipped.resolve("") is None


# --- the guides written from other-services.md ---------------------------------------------


def shipped_guide(catalog: Catalog, guide_id: str) -> Guide:
    guide = catalog.get(guide_id)
    assert guide is not None, guide_id
    return guide


@pytest.mark.parametrize("guide_id", NEW_IDS)
def test_new_guides_are_checked_sourced_and_one_per_service(shipped: Catalog, guide_id: str) -> None:
    guide = shipped_guide(shipped, guide_id)
    assert guide.verified == dt.date(2026, 11, 29)
    assert guide.sources
    assert guide.notes
    # Each of these services has one guide, so no primary is needed: a bare name means that guide.
    assert not guide.primary
    assert [other.id for other in shipped if other.service == guide.service] == [guide_id]
    primary = shipped.primary(guide.service)
    assert primary is not None and primary.id == guide_id
    # One app flow is given for both systems.
    assert guide.steps_for("ios") == guide.steps_for("android")


@pytest.mark.parametrize(
    ("guide_id", "url", "setting"),
    [
        ("chatgpt-training", "https://help.openai.com/en/articles/7730893", "Improve the model for everyone"),
        ("x-grok-training", "https://x.com/settings/grok_settings", "Grok & Third-party Collaborators"),
        ("gemini-activity", "https://myactivity.google.com/product/gemini", "Keep Activity"),
        ("claude-training", "https://claude.ai/settings/data-privacy-controls", "Help improve Claude"),
        ("meta-ai-objection", "https://www.facebook.com/help/contact/712876720715583", "Objection form for AI at Meta"),
        ("grammarly-training", "https://account.grammarly.com/security/privacy", "Product Improvement and Training"),
        (
            "slack-training",
            "https://slack.com/trust/data-management/privacy-principles",
            "Global model opt-out (by email)",
        ),
    ],
)
def test_new_guides_link_what_the_facts_give(shipped: Catalog, guide_id: str, url: str, setting: str) -> None:
    guide = shipped_guide(shipped, guide_id)
    assert guide.url == url
    assert guide.setting == setting
    assert url in {source.url for source in guide.sources}


def test_chatgpt_steps_reach_data_controls(shipped: Catalog) -> None:
    guide = shipped_guide(shipped, "chatgpt-training")
    assert any("profile icon" in step for step in guide.steps_for("desktop"))
    assert any("side bar" in step for step in guide.steps_for("ios"))
    for platform in ("desktop", "ios", "android"):
        steps = guide.steps_for(platform)
        assert any("Data Controls" in step for step in steps), platform
        assert "Improve the model for everyone" in steps[-1], platform
    assert "Temporary Chat" in " ".join(guide.notes)
    assert guide.not_undone is not None and "going forward only" in guide.not_undone


def test_grok_guide_dates_carry_regions(shipped: Catalog) -> None:
    guide = shipped_guide(shipped, "x-grok-training")
    regions = {entry.date: entry.regions for entry in guide.dates}
    assert regions[dt.date(2024, 8, 8)] == ("EU",)
    assert regions[dt.date(2024, 9, 4)] == ("EU and EEA",)
    assert dt.date(2024, 11, 15) in regions
    assert any("Data sharing and personalization" in step for step in guide.steps_for("desktop"))
    assert any("Settings and Support" in step for step in guide.steps_for("ios"))
    assert any("private" in note for note in guide.notes)


def test_gemini_notes_say_what_switching_off_does_not_do(shipped: Catalog) -> None:
    guide = shipped_guide(shipped, "gemini-activity")
    notes = " ".join(guide.notes)
    assert "72 hours" in notes and "3 years" in notes
    assert "Gemini Apps Activity" in notes and "2025" in notes
    assert "administrator" in notes
    assert guide.dates == ()  # the rename has no exact day in the facts


def test_claude_uses_one_short_path_everywhere_and_says_so(shipped: Catalog) -> None:
    guide = shipped_guide(shipped, "claude-training")
    assert guide.steps_for("desktop") == guide.steps_for("ios") == guide.steps_for("android")
    assert len(guide.steps_for("desktop")) == 3
    assert any("not checked separately" in note for note in guide.notes)
    assert {entry.date for entry in guide.dates} == {dt.date(2025, 8, 28), dt.date(2025, 9, 28)}


def test_meta_objection_is_for_eu_eea_uk_and_sent_not_switched(shipped: Catalog) -> None:
    guide = shipped_guide(shipped, "meta-ai-objection")
    assert guide.done_label == "I've sent the objection"
    assert "Privacy Center" in " ".join(guide.steps_for("desktop"))
    app = " ".join(guide.steps_for("ios"))
    assert "Facebook app" in app and "Instagram app" in app and "☰" in app
    regions = {region for entry in guide.dates for region in entry.regions}
    assert regions == {"EU and EEA", "United Kingdom"}
    assert all(entry.regions for entry in guide.dates)
    notes = " ".join(guide.notes)
    assert "EEA" in notes and "third-party guides" in notes and "may look different" in notes
    assert guide.not_undone is not None and "does not remove content" in guide.not_undone
    assert "https://help.instagram.com/contact/767264225370182" in {link.url for link in guide.links}


def test_slack_and_grammarly_send_members_to_an_owner_or_admin(shipped: Catalog) -> None:
    slack = shipped_guide(shipped, "slack-training")
    assert slack.done_label == "I've asked an owner (or emailed Slack)"
    steps = slack.steps_for("desktop")
    assert steps[0].startswith("Members: you cannot opt out yourself")
    assert any("feedback@slack.com" in step and "Slack Global model opt-out request" in step for step in steps)
    assert slack.steps_for("desktop") == slack.steps_for("ios") == slack.steps_for("android")
    grammarly = shipped_guide(shipped, "grammarly-training")
    assert any("admin" in step for step in grammarly.steps_for("desktop"))
    # Only the account page is given: no in-app menu is invented.
    assert not any(step.startswith("Tap") for step in grammarly.steps_for("ios"))


def test_guides_cannot_be_changed_after_loading(shipped: Catalog) -> None:
    guide = shipped.get("linkedin-ai-training")
    assert guide is not None
    with pytest.raises(pydantic.ValidationError):
        guide.title = "changed"


# --- extra_dir (GUIDES_DIR) -----------------------------------------------------------------


def test_extra_dir_adds_a_guide_after_the_shipped_ones(tmp_path: Path) -> None:
    write(tmp_path, "example.toml", VALID)
    catalog = load_catalog(extra_dir=tmp_path)
    # After the shipped guides of the same rank; the no-switch answers (rank 200) still come last.
    assert catalog.ids == (*SHIPPED_IDS[:-3], "example-setting", *SHIPPED_IDS[-3:])
    added = catalog.get("example-setting")
    assert added is not None
    assert added.steps_for("desktop") == ("Open settings.", "Switch it off.")


def test_rank_puts_a_guide_ahead_of_the_shipped_ones(tmp_path: Path) -> None:
    write(tmp_path, "example.toml", VALID.replace('id = "example-setting"', 'id = "example-setting"\nrank = 0', 1))
    assert load_catalog(extra_dir=tmp_path).ids[0] == "example-setting"


def test_extra_dir_overrides_a_shipped_guide_in_place(tmp_path: Path) -> None:
    text = (SHIPPED_DIR / "linkedin-data-download.toml").read_text(encoding="utf-8")
    write(tmp_path, "mine.toml", text.replace('title = "Get a copy of your LinkedIn data"', 'title = "Our wording"'))
    catalog = load_catalog(extra_dir=tmp_path)
    assert catalog.ids == SHIPPED_IDS
    replaced = catalog.get("linkedin-data-download")
    assert replaced is not None
    assert replaced.title == "Our wording"


def test_a_guide_edited_added_or_removed_is_read_again_though_the_same_files_give_the_same_catalog(
    tmp_path: Path,
) -> None:
    # The catalog is kept while the files stay as they are: a process starting several bots reads them once.
    write(tmp_path, "example.toml", VALID)
    first = load_catalog(extra_dir=tmp_path)
    assert load_catalog(extra_dir=tmp_path) is first
    write(tmp_path, "example.toml", VALID.replace('id = "example-setting"', 'id = "example-setting"\nrank = 0', 1))
    assert load_catalog(extra_dir=tmp_path).ids[0] == "example-setting"
    write(tmp_path, "other.toml", VALID.replace('id = "example-setting"', 'id = "other-setting"', 1))
    assert "other-setting" in load_catalog(extra_dir=tmp_path).ids
    (tmp_path / "other.toml").unlink()
    assert "other-setting" not in load_catalog(extra_dir=tmp_path).ids


def test_extra_dir_with_an_invalid_file_names_file_and_field(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.toml", variant('ios = ["Tap settings.", "Switch it off."]', "ios = []"))
    with pytest.raises(GuideError) as raised:
        load_catalog(extra_dir=tmp_path)
    assert str(raised.value) == f"{bad}: steps.ios: must list at least one step"


def test_extra_dir_with_two_files_of_one_id_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", VALID)
    write(tmp_path, "b.toml", VALID)
    with pytest.raises(GuideError, match=r"b\.toml: id: duplicate id 'example-setting'; also used in .*a\.toml"):
        load_catalog(extra_dir=tmp_path)


def test_extra_dir_may_not_add_a_second_primary_for_a_service(tmp_path: Path) -> None:
    text = variant('service = "Example"', 'service = "LinkedIn"\nprimary = true')
    write(tmp_path, "other.toml", text)
    with pytest.raises(GuideError, match=r"other\.toml: primary: LinkedIn already has a primary guide"):
        load_catalog(extra_dir=tmp_path)


def test_extra_dir_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="expected a folder"):
        load_catalog(extra_dir=tmp_path / "missing")


# --- check_paths ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        pytest.param(
            variant('summary = "What the setting does."\n', ""),
            "summary",
            "required field is missing",
            id="missing-field",
        ),
        pytest.param(
            variant("[steps]\n", '[steps]\nweb = ["x"]\n'),
            "steps.web",
            "unknown platform; use desktop, ios or android",
            id="unknown-platform",
        ),
        pytest.param(
            variant('android = ["Tap settings.", "Switch it off."]', "android = []"),
            "steps.android",
            "must list at least one step",
            id="empty-steps",
        ),
        pytest.param(
            variant('desktop = ["Open settings.", "Switch it off."]', 'desktop = ["Open settings.", " "]'),
            "steps.desktop[2]",
            "must not be empty",
            id="blank-step",
        ),
        pytest.param(
            variant('url = "https://example.com/settings"', 'url = "http://example.com/settings"'),
            "url",
            "must be an https:// link",
            id="http-url",
        ),
        pytest.param(
            variant('url = "https://example.com/help"\n\n[[sources]]', 'url = "example.com/help"\n\n[[sources]]'),
            "links[1].url",
            "must be an https:// link",
            id="link-url",
        ),
        pytest.param(
            VALID + '\n[[sources]]\ntitle = "Second"\nurl = "ftp://example.com"\n',
            "sources[2].url",
            "must be an https:// link",
            id="source-url",
        ),
        pytest.param(
            variant("date = 2024-11-20", 'date = "2024-02-30"'),
            "dates[1].date",
            "must be a date such as 2024-11-20",
            id="bad-date",
        ),
        pytest.param(
            variant("verified = 2026-11-29", 'verified = "last week"'),
            "verified",
            "must be a date such as 2024-11-20",
            id="bad-verified",
        ),
        pytest.param(
            variant('id = "example-setting"', 'id = "Example Setting"'),
            "id",
            "must be lowercase letters and digits joined by hyphens, e.g. linkedin-ai-training",
            id="id-shape",
        ),
        pytest.param('colour = "red"\n' + VALID, "colour", "unknown field", id="unknown-field"),
    ],
)
def test_check_names_file_and_field(tmp_path: Path, text: str, field: str, message: str) -> None:
    path = write(tmp_path, "guide.toml", text)
    assert [str(problem) for problem in check_paths([path])] == [f"{path}: {field}: {message}"]


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("verified = 2026-11-29", "verified = 2026-13-01", "verified", 10),
        ("date = 2024-11-20", "date = 2024-02-30", "dates[1].date", 18),
    ],
)
def test_check_names_the_field_of_a_date_toml_cannot_read(
    tmp_path: Path, old: str, new: str, field: str, line: int
) -> None:
    path = write(tmp_path, "guide.toml", variant(old, new))
    assert check_paths([path]) == [Problem(path, field, f"must be a date such as 2024-11-20 (line {line})")]


def test_check_reports_a_toml_syntax_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.toml", 'id = "x"\nthis is not toml\n')
    [problem] = check_paths([path])
    assert problem.file == path
    assert problem.field == "-"
    assert problem.message.startswith("not valid TOML:")
    assert "line 2" in problem.message


def test_check_reports_every_problem_in_every_file(tmp_path: Path) -> None:
    many = variant('title = "Turn off the example setting"', 'title = ""')
    many = many.replace('url = "https://example.com/settings"', 'url = "http://example.com/settings"')
    many = many.replace("ios = [", "ios = []\nold_ios = [")
    write(tmp_path, "a.toml", many)
    write(tmp_path, "b.toml", "= broken")
    write(tmp_path, "notes.txt", "not a guide, not checked")
    problems = check_paths([tmp_path])
    assert [(problem.file.name, problem.field) for problem in problems] == [
        ("a.toml", "title"),
        ("a.toml", "url"),
        ("a.toml", "steps.ios"),
        ("a.toml", "steps.old_ios"),
        ("b.toml", "-"),
    ]


def test_check_reports_an_id_used_by_two_files_on_the_second(tmp_path: Path) -> None:
    first = write(tmp_path / "one", "a.toml", VALID)
    second = write(tmp_path / "two", "b.toml", VALID)
    assert check_paths([first, second]) == [
        Problem(second, "id", f"duplicate id 'example-setting'; also used in {first}")
    ]


def test_check_lets_a_file_replace_a_shipped_guide_as_loading_does(tmp_path: Path) -> None:
    text = (SHIPPED_DIR / "linkedin-ai-training.toml").read_text(encoding="utf-8")
    write(tmp_path, "ours.toml", text.replace('title = "Stop LinkedIn', 'title = "Please stop LinkedIn'))
    assert check_paths([SHIPPED_DIR, tmp_path]) == []
    # ...but a second replacement of the same guide is a clash.
    second = write(tmp_path, "theirs.toml", text)
    [problem] = check_paths([SHIPPED_DIR, tmp_path])
    assert (problem.file, problem.field) == (second, "id")


def test_check_counts_a_file_named_twice_once(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", VALID)
    assert check_paths([tmp_path, path]) == []


def test_check_reports_paths_that_hold_no_guides(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing.toml"
    assert check_paths([empty, missing]) == [
        Problem(empty, "-", "no guide files (*.toml) in this folder"),
        Problem(missing, "-", "no such file or folder"),
    ]


def test_check_reports_two_primaries_for_one_service(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", variant('service = "Example"', 'service = "Example"\nprimary = true'))
    second = write(
        tmp_path,
        "b.toml",
        VALID.replace("example-setting", "other-setting").replace(
            'service = "Example"', 'service = "example"\nprimary = true'
        ),
    )
    [problem] = check_paths([tmp_path])
    assert (problem.file, problem.field) == (second, "primary")
    assert "already has a primary guide (example-setting" in problem.message
