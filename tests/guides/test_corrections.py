"""Issue 9's fact-check, pinned: each correction of the shipped guides against ../shared/facts, and the rule
that nothing the facts mark UNVERIFIED is stated as a fact."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.guides import Catalog, Guide
from tests.guides.conftest import guide_of


def everything(guide: Guide) -> str:
    return guide.model_dump_json().lower()


def first_message(guide: Guide) -> str:
    """What a member reads before pressing "More details": title, summary, not_undone, steps, first notes."""
    steps = [step for platform in ("desktop", "ios", "android") for step in guide.steps_for(platform)]
    return " ".join([guide.title, guide.summary, guide.not_undone or "", *steps, *guide.notes[:3]])


# --- Gemini ---------------------------------------------------------------------------------------


def test_gemini_says_switching_off_covers_future_chats_and_hedges_what_is_taken_back(catalog: Catalog) -> None:
    # facts/other-services.md:52: "No source says turning it off takes back chats already used": hedged, as the
    # note saying so was before it was folded into not_undone; "nothing is taken back" stated it as fact.
    guide = guide_of(catalog, "gemini-activity")
    assert guide.not_undone is not None
    assert "future chats only" in guide.not_undone
    assert "no source says it takes back chats already used for training" in guide.not_undone
    assert "nothing is taken back" not in everything(guide)
    assert "future" in guide.summary


def test_gemini_offers_turn_off_and_delete_in_the_app_as_on_the_web(catalog: Catalog) -> None:
    guide = guide_of(catalog, "gemini-activity")
    for platform in ("desktop", "ios", "android"):
        assert any("Turn off and delete activity" in step for step in guide.steps_for(platform)), platform
    assert "https://support.google.com/gemini/answer/13278892" in {source.url for source in guide.sources}


# --- Meta -----------------------------------------------------------------------------------------


def test_meta_dates_the_pause_on_june_14_and_june_26_as_the_planned_start(catalog: Catalog) -> None:
    guide = guide_of(catalog, "meta-ai-objection")
    by_date = {entry.date: entry for entry in guide.dates}
    pause = by_date[dt.date(2024, 6, 14)]
    assert "pauses" in pause.what and "due to start on 2024-06-26" in pause.what
    assert dt.date(2024, 6, 26) not in by_date  # nothing happened that day


def test_meta_names_interactions_with_meta_ai_as_training_data(catalog: Catalog) -> None:
    guide = guide_of(catalog, "meta-ai-objection")
    assert "interactions with Meta AI" in guide.summary
    assert "public Facebook and Instagram posts and comments" in guide.summary


def test_meta_does_not_say_an_objection_stops_training_on_meta_ai_interactions(catalog: Catalog) -> None:
    # facts/other-services.md:20-21: whether an objection covers Meta AI chats is UNVERIFIED, so the sentence that
    # says what objecting stops names the public posts and comments only, and the interactions are hedged.
    summary = guide_of(catalog, "meta-ai-objection").summary
    for sentence in summary.split(". "):
        if "unless you object" in sentence:
            assert "Meta AI" not in sentence, sentence
        if "interactions with Meta AI" in sentence:
            assert "reported, not confirmed" in sentence, sentence


def test_meta_says_only_what_the_facts_say_about_linked_accounts(catalog: Catalog) -> None:
    # facts/other-services.md:11: "Linked accounts: one objection covers both"; nothing about unlinked ones.
    [note] = [note for note in guide_of(catalog, "meta-ai-objection").notes if "linked" in note]
    assert "one objection covers both" in note
    assert "our sources do not say" in note and "to be safe" not in note


def test_meta_says_the_reason_is_optional(catalog: Catalog) -> None:
    guide = guide_of(catalog, "meta-ai-objection")
    for platform in ("desktop", "ios", "android"):
        steps = " ".join(guide.steps_for(platform))
        assert "A reason is optional" in steps
        assert "the reason for your objection" not in steps


def test_meta_says_eu_and_eea_not_eu_alone(catalog: Catalog) -> None:
    guide = guide_of(catalog, "meta-ai-objection")
    for entry in guide.dates:
        assert "EU" not in entry.regions, entry
    assert "EU and EEA" in guide.summary
    assert guide.applies_to == ("EU", "EEA", "UK")


# --- LinkedIn -------------------------------------------------------------------------------------


def test_linkedin_title_says_generative_ai(catalog: Catalog) -> None:
    assert "generative AI" in guide_of(catalog, "linkedin-ai-training").title


def test_linkedin_2024_09_18_applied_outside_the_eu_eea_and_switzerland(catalog: Catalog) -> None:
    guide = guide_of(catalog, "linkedin-ai-training")
    [start] = [entry for entry in guide.dates if entry.date == dt.date(2024, 9, 18)]
    assert start.regions == ("Outside the EU, EEA and Switzerland",)


def test_linkedin_uk_was_suspended_on_2024_09_20_not_excluded_from_the_start(catalog: Catalog) -> None:
    guide = guide_of(catalog, "linkedin-ai-training")
    [uk] = [entry for entry in guide.dates if entry.date == dt.date(2024, 9, 20)]
    assert uk.regions == ("United Kingdom",)
    assert "suspends" in uk.what
    assert "from the start" not in everything(guide)
    assert any("suspended on 2024-09-20" in note for note in guide.notes)


@pytest.mark.parametrize("guide_id", ["linkedin-ai-training", "linkedin-data-download"])
def test_linkedin_guides_list_the_seed_article(catalog: Catalog, guide_id: str) -> None:
    titles = [source.title for source in guide_of(catalog, guide_id).sources]
    assert any(title.startswith("USA TODAY, Saleen Martin") and "2025-04-14" in title for title in titles)


def test_linkedin_says_the_microsoft_advertising_sharing_is_a_separate_setting(catalog: Catalog) -> None:
    notes = " ".join(guide_of(catalog, "linkedin-ai-training").notes)
    assert "Microsoft advertising data sharing" in notes and "separate setting" in notes


def test_linkedin_data_download_is_not_called_a_subject_access_request(catalog: Catalog) -> None:
    for guide in catalog:
        assert "subject access request" not in everything(guide), guide.id


# --- Claude, ChatGPT, Slack -----------------------------------------------------------------------


def test_claude_retention_wording(catalog: Catalog) -> None:
    guide = guide_of(catalog, "claude-training")
    assert "new and resumed chats" in guide.summary and "5 years" in guide.summary
    assert "30-day retention continues" in guide.summary
    assert guide.not_undone == "Switching off does not take back chats already used for training."


def test_claude_deadline_is_hedged(catalog: Catalog) -> None:
    guide = guide_of(catalog, "claude-training")
    [deadline] = [entry for entry in guide.dates if entry.date == dt.date(2025, 9, 28)]
    assert "autumn 2025" in deadline.what and "differ" in deadline.what


def test_chatgpt_says_opt_outs_apply_going_forward_only(catalog: Catalog) -> None:
    guide = guide_of(catalog, "chatgpt-training")
    assert guide.not_undone is not None and "going forward only" in guide.not_undone
    assert "https://help.openai.com/en/articles/7039943" in {source.url for source in guide.sources}


def test_slack_names_the_same_owners_everywhere(catalog: Catalog) -> None:
    guide = guide_of(catalog, "slack-training")
    owners = "Workspace Owner, Org Owner or Primary Owner"
    assert owners in guide.summary
    for platform in ("desktop", "ios", "android"):
        steps = guide.steps_for(platform)
        assert owners in steps[0] and owners in steps[1], platform
    assert "Workspace or Org Owner" not in everything(guide)
    assert guide.applies_to == "owners"


def test_slack_says_data_still_improves_your_own_workspace_and_hedges_past_use(catalog: Catalog) -> None:
    guide = guide_of(catalog, "slack-training")
    assert guide.not_undone is not None
    assert "improve your own workspace" in guide.not_undone
    assert "No source says opting out removes anything already used" in guide.not_undone


# --- claims the facts do not make -------------------------------------------------------------------


@pytest.mark.parametrize("guide_id", ["tumblr-third-party-sharing", "wordpress-third-party-sharing"])
def test_automattic_guides_do_not_say_who_the_third_parties_are(catalog: Catalog, guide_id: str) -> None:
    # The facts give the option's name, that it is per blog or site, and its date: nothing about AI companies.
    guide = guide_of(catalog, guide_id)
    assert "ai companies" not in everything(guide)
    assert "for ai" not in guide.title.lower()
    assert any("do not say who the third parties are" in note for note in guide.notes)


def test_medium_gives_no_advice_the_facts_do_not_support(catalog: Catalog) -> None:
    # The facts say only that Medium blocks GPTBot site-wide and that no per-user setting was found.
    text = everything(guide_of(catalog, "medium-ai-training"))
    assert "unpublish" not in text and "delete" not in text


def test_copilot_does_not_say_its_path_is_the_websites(catalog: Catalog) -> None:
    # The facts give one path with no platform, and web/app parity is unverified either way.
    text = everything(guide_of(catalog, "copilot-training"))
    assert "described for the website" not in text
    assert "use the website" not in text


# --- what the facts grade medium confidence is hedged in the wording, not graded -----------------------

# Guides whose facts are of medium confidence as a whole: the first thing a member reads says so in words.
MEDIUM = ["copilot-training", "pinterest-canvas-training", "meta-ai-objection"]
SUMMARY_HEDGES = ("reported", "may ", "our sources")


@pytest.mark.parametrize("guide_id", MEDIUM)
def test_a_guide_of_medium_confidence_hedges_its_summary(catalog: Catalog, guide_id: str) -> None:
    summary = guide_of(catalog, guide_id).summary.lower()
    assert any(hedge in summary for hedge in SUMMARY_HEDGES), summary


# --- nothing UNVERIFIED stated as fact ------------------------------------------------------------

ALL = "*"
# Key phrases of the claims the facts files mark UNVERIFIED or "do not repeat" (lower case), with the guides
# they concern. "never": the phrase must not appear at all. "reported": it may appear only in a note that
# says the claim is reported, not confirmed.
UNVERIFIED: list[tuple[str, str, str]] = [
    (ALL, "under 18", "never"),  # LinkedIn: under-18s' data reportedly not used
    (ALL, "under-18", "never"),
    (ALL, "minors", "never"),
    (ALL, "60 days", "never"),  # "LinkedIn makes you re-opt-out every 60 days": no source
    (ALL, "/data-for-generative-ai", "never"),  # a third-party variant of the link
    (ALL, "share data with affiliates and partners", "never"),  # the ads toggle's label
    ("linkedin-ai-training", '"data sharing"', "never"),
    (ALL, "workplace research", "never"),  # "Social, economic, and workplace research" setting
    ("claude-training", "2025-10-08", "never"),  # a later summary's deadline
    ("claude-training", "8 october", "never"),
    ("claude-training", "october 8", "never"),
    ("meta-ai-objection", "chats with meta ai", "reported"),  # whether an objection covers them
    ("copilot-training", "eea", "reported"),  # whether the EEA is still excluded
    ("copilot-training", "same menus", "reported"),  # web/app parity
    ("linkedin-ai-training", "ios and android menus differ", "never"),
]
HEDGES = ("reported, not confirmed", "do not confirm")


@pytest.mark.parametrize(("guide_id", "phrase", "rule"), UNVERIFIED, ids=[row[1] for row in UNVERIFIED])
def test_nothing_unverified_is_stated_as_fact(catalog: Catalog, guide_id: str, phrase: str, rule: str) -> None:
    guides = list(catalog) if guide_id == ALL else [guide_of(catalog, guide_id)]
    for guide in guides:
        if rule == "never":
            assert phrase not in everything(guide), guide.id
            continue
        stated = guide.model_dump(exclude={"notes", "sources"})
        assert phrase not in str(stated).lower(), f"{guide.id}: {phrase!r} outside the notes"
        for note in guide.notes:
            if phrase in note.lower():
                assert any(hedge in note.lower() for hedge in HEDGES), note


def test_the_reported_claims_are_there_hedged(catalog: Catalog) -> None:
    # The table above must not pass just because a phrase vanished: these notes exist, hedged.
    copilot = " ".join(guide_of(catalog, "copilot-training").notes).lower()
    assert "eea" in copilot and "same menus" in copilot
    meta = " ".join(guide_of(catalog, "meta-ai-objection").notes).lower()
    assert "chats with meta ai" in meta


# --- every guide's first message says what switching off does not undo ----------------------------


def test_every_opt_out_guide_says_what_switching_off_does_not_undo(catalog: Catalog) -> None:
    for guide in catalog:
        if guide.kind == "opt-out":
            assert guide.not_undone, guide.id
            text = guide.not_undone.lower()
            assert any(word in text for word in ("not", "only", "still")), guide.id
            assert guide.not_undone in first_message(guide)


def test_the_first_message_does_not_say_the_same_caveat_twice(catalog: Catalog) -> None:
    for guide in catalog:
        for note in guide.notes[:3]:
            assert note != guide.not_undone, guide.id
