"""The content audit against ../shared/facts (linkedin.md, other-services.md), pinned: LinkedIn's dates with their
regions and the source each one comes from, source links the facts give, and wording that must stay our own."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.guides import Catalog, Guide
from tests.guides.conftest import guide_of

# --- LinkedIn sources (facts/linkedin.md) -----------------------------------------------------------

# The only addresses linkedin.md gives as where a fact was found: the help pages it cites (a6278444 the setting,
# a8059228 the November 2025 update, a1339364 the data download). The Privacy Policy, the European notice and the
# User Agreement were read as Open Terms Archive copies, with no address in the facts; a5538339 (the generative
# AI FAQ) is listed there as a link, not as the source of any fact.
LINKEDIN_SOURCE_URLS = {
    "https://www.linkedin.com/help/linkedin/answer/a6278444",
    "https://www.linkedin.com/help/linkedin/answer/a8059228",
    "https://www.linkedin.com/help/linkedin/answer/a1339364",
}


@pytest.mark.parametrize("guide_id", ["linkedin-ai-training", "linkedin-data-download"])
def test_linkedin_source_links_are_the_ones_the_facts_cite(catalog: Catalog, guide_id: str) -> None:
    urls = {source.url for source in guide_of(catalog, guide_id).sources if source.url is not None}
    assert urls <= LINKEDIN_SOURCE_URLS, urls - LINKEDIN_SOURCE_URLS


# Each dated claim of the LinkedIn guide and the publisher the facts table names for it (one is enough).
LINKEDIN_DATE_SOURCES = {
    dt.date(2024, 9, 18): ("404 Media", "Open Terms Archive"),
    dt.date(2024, 9, 20): ("ICO statement",),
    dt.date(2024, 10, 11): ("Hong Kong Free Press",),
    dt.date(2024, 11, 20): ("User Agreement",),
    dt.date(2024, 12, 10): ("Office of the Privacy Commissioner of Canada",),
    dt.date(2025, 9, 18): ("Help Net Security",),
    dt.date(2025, 11, 3): ("a8059228",),
    dt.date(2026, 8, 21): ("European Regional Privacy Notice",),
}


def test_every_linkedin_date_names_its_source(catalog: Catalog) -> None:
    guide = guide_of(catalog, "linkedin-ai-training")
    titles = " | ".join(source.title for source in guide.sources)
    for entry in guide.dates:
        publishers = LINKEDIN_DATE_SOURCES[entry.date]
        assert any(publisher in titles for publisher in publishers), (entry.date, publishers)


# --- X and Meta sources (facts/other-services.md) ----------------------------------------------------

# Each dated claim and the publisher the facts name for it (one is enough), as a source of its own: named in the
# title of the setting page or the form, a link to X or Meta, it read as if that page had said it. Meta's
# 2025-05-27 has no publisher named.
OTHER_DATE_SOURCES = {
    "x-grok-training": {
        dt.date(2024, 7, 26): ("9to5Mac",),  # other-services.md:29
        dt.date(2024, 8, 8): ("Data Protection Commission",),  # :29
        dt.date(2024, 9, 4): ("Data Protection Commission",),  # :30
        dt.date(2024, 11, 15): ("X Privacy Policy",),  # :31, read in Open Terms Archive
    },
    "meta-ai-objection": {
        dt.date(2024, 6, 14): ("Silicon Republic", "Global Relay"),  # other-services.md:12-13
        dt.date(2024, 9, 13): ("Fast Company", "about.fb.com"),  # :14-15
        dt.date(2025, 4, 14): ("Meta, 2025-04-14",),  # :15
        dt.date(2025, 5, 27): (),
    },
}


@pytest.mark.parametrize("guide_id", sorted(OTHER_DATE_SOURCES))
def test_every_dated_claim_names_the_publisher_the_facts_give(catalog: Catalog, guide_id: str) -> None:
    guide = guide_of(catalog, guide_id)
    # A source's name is its title up to the first ':' or '(', as the first message shows it.
    titles = " | ".join(re.split(r"[:(]", source.title)[0] for source in guide.sources)
    expected = OTHER_DATE_SOURCES[guide_id]
    assert {entry.date for entry in guide.dates} == set(expected)
    for entry in guide.dates:
        publishers = expected[entry.date]
        assert not publishers or any(publisher in titles for publisher in publishers), (entry.date, publishers)


def test_the_paths_name_the_guides_that_reported_them(catalog: Catalog) -> None:
    # The Meta paths come from Websters.be and klicksafe (other-services.md:8), X's from MakeUseOf (:28), not
    # from the forms or the settings page that are linked.
    meta = " | ".join(re.split(r"[:(]", source.title)[0] for source in guide_of(catalog, "meta-ai-objection").sources)
    assert "Websters.be" in meta and "klicksafe" in meta
    x = " | ".join(source.title for source in guide_of(catalog, "x-grok-training").sources)
    assert "MakeUseOf" in x


# --- LinkedIn dates and regions (facts/linkedin.md, "Dates") ------------------------------------------

EVERYWHERE: tuple[str, ...] = ()
# Every row of the facts table, with the regions it applies to; the table is the whole list.
LINKEDIN_DATES = {
    (dt.date(2024, 9, 18), ("Outside the EU, EEA and Switzerland",)),
    (dt.date(2024, 9, 20), ("United Kingdom",)),
    (dt.date(2024, 10, 11), ("Hong Kong",)),
    (dt.date(2024, 11, 20), EVERYWHERE),
    (dt.date(2024, 12, 10), ("Canada",)),
    (dt.date(2025, 9, 18), EVERYWHERE),
    (dt.date(2025, 11, 3), ("EU and EEA", "Switzerland", "United Kingdom", "Canada", "Hong Kong")),
    (dt.date(2025, 11, 3), ("United Kingdom",)),  # sharing with Microsoft for its AI training: UK only
    # The European Regional Privacy Notice's revision: listed as everywhere, it read as news for every member.
    (dt.date(2026, 8, 21), ("Europe",)),
}


def test_linkedin_dates_and_regions_are_the_facts_table(catalog: Catalog) -> None:
    guide = guide_of(catalog, "linkedin-ai-training")
    assert {(entry.date, entry.regions) for entry in guide.dates} == LINKEDIN_DATES
    assert len(guide.dates) == len(LINKEDIN_DATES)


def test_linkedin_says_until_further_notice_only_where_the_facts_date_it(catalog: Catalog) -> None:
    # "Until further notice" for the EU, EEA and Switzerland comes from the 2024-09-20 reports, not 2024-09-18's.
    [start] = [entry for entry in guide_of(catalog, "linkedin-ai-training").dates if entry.date == dt.date(2024, 9, 18)]
    assert "until further notice" not in start.what.lower()


def test_linkedin_microsoft_ai_sharing_is_turned_off_at_the_same_link(catalog: Catalog) -> None:
    # The facts say "same link"; they do not say it is the same switch.
    guide = guide_of(catalog, "linkedin-ai-training")
    texts = [entry.what for entry in guide.dates if "Microsoft" in entry.what]
    texts += [note for note in guide.notes if "Microsoft's own AI training" in note]
    assert len(texts) == 2
    for text in texts:
        assert "UK members" in text and "same link" in text and "same setting" not in text, text


# --- our own words, and nothing the facts leave open stated as fact ---------------------------------------

# Phrases of the sources themselves (LinkedIn's generative AI FAQ, setting page, help and European notice, X's
# privacy policy, as quoted in the press or in the facts files): a guide says the same thing in its own words.
VERBATIM = (
    "redact or remove personal data",
    "privacy enhancing technolog",
    "privacy-enhancing technolog",
    "does not affect training that has already taken place",
    "to train models going forward",
    "not available on mobile",  # LinkedIn Help a1339364, quoted in facts/linkedin.md:62
    "a compelling interest",  # LinkedIn's European notice, quoted in facts/linkedin.md:61
    "if you do not opt out",  # X's privacy policy of 2024-11-15, quoted in facts/other-services.md:31
)


@pytest.mark.parametrize("phrase", VERBATIM)
def test_no_guide_copies_a_sources_wording(catalog: Catalog, phrase: str) -> None:
    for guide in catalog:
        assert phrase not in guide.model_dump_json().lower(), guide.id


def test_linkedin_app_flow_on_iphone_and_android_is_hedged(catalog: Catalog) -> None:
    # facts/linkedin.md: one flow reported for both; whether the menus differ is UNVERIFIED.
    notes = [note for note in guide_of(catalog, "linkedin-ai-training").notes if "iPhone" in note and "Android" in note]
    assert notes
    for note in notes:
        assert "reported, not confirmed" in note, note


# --- every address a guide gives is one the facts give (facts/*.md) ------------------------------------

_LINKEDIN = "https://www.linkedin.com/"
# Per guide, every address the facts give for its service (linkedin.md "Setting", other-services.md).
FACTS_LINKS: dict[str, set[str]] = {
    "linkedin-ai-training": {
        _LINKEDIN + "mypreferences/d/settings/data-for-ai-improvement",
        _LINKEDIN + "mypreferences/d/categories/privacy",
        _LINKEDIN + "help/linkedin/ask/TS-DPRO",
        _LINKEDIN + "help/linkedin/ask/TS-DDF",
        _LINKEDIN + "mypreferences/d/close-accounts",
        *(_LINKEDIN + f"help/linkedin/answer/{page}" for page in ("a1339364", "a5538339", "a6278444", "a8059228")),
    },
    "meta-ai-objection": {
        "https://www.facebook.com/help/contact/712876720715583",
        "https://help.instagram.com/contact/767264225370182",
    },
    "x-grok-training": {"https://x.com/settings/grok_settings"},
    "slack-training": {"https://slack.com/trust/data-management/privacy-principles"},
    "gemini-activity": {
        "https://myactivity.google.com/product/gemini",
        "https://support.google.com/gemini/answer/13278892",
    },
    "adobe-content-analysis": {"https://account.adobe.com"},
    # The facts cite "help.quora.com 15205064557844": that help centre's address for the article.
    "quora-training": {"https://help.quora.com/hc/en-us/articles/15205064557844"},
    "wordpress-third-party-sharing": {"https://wordpress.com/settings/general"},
    "grammarly-training": {"https://account.grammarly.com/security/privacy"},
    "chatgpt-training": {
        "https://help.openai.com/en/articles/7730893",
        "https://help.openai.com/en/articles/7039943",
    },
    "claude-training": {
        "https://claude.ai/settings/data-privacy-controls",
        "https://code.claude.com/docs/en/data-usage",
    },
}
FACTS_LINKS["linkedin-data-download"] = FACTS_LINKS["linkedin-ai-training"]
# The facts give no address for these services: the guide opens the service's home page, and says only that.
HOME_PAGES = {
    "copilot-training": "https://copilot.microsoft.com",
    "tumblr-third-party-sharing": "https://www.tumblr.com",
    "substack-ai-training": "https://substack.com",
    "pinterest-canvas-training": "https://www.pinterest.com",
}


# An address written into a guide's words (a second form named in a note, which Slack links as it is).
_ADDRESS_IN_TEXT = re.compile(r"https://[^\s)]+")


def addresses(guide: Guide) -> set[str]:
    found = {guide.url} | {link.url for link in guide.links} | {source.url for source in guide.sources}
    steps = [step for platform in ("desktop", "ios", "android") for step in guide.steps_for(platform)]
    for text in (guide.summary, guide.not_undone or "", *guide.notes, *steps, *(entry.what for entry in guide.dates)):
        found |= {address.rstrip(".,;:") for address in _ADDRESS_IN_TEXT.findall(text)}
    return {str(url) for url in found if url is not None}


def test_every_address_a_guide_gives_is_one_the_facts_give(catalog: Catalog) -> None:
    for guide in catalog:
        if guide.nothing_to_switch:
            assert addresses(guide) == set(), guide.id
            continue
        allowed = FACTS_LINKS.get(guide.id, set()) | {HOME_PAGES.get(guide.id, "")}
        assert addresses(guide), guide.id
        assert addresses(guide) <= allowed, (guide.id, addresses(guide) - allowed)


@pytest.mark.parametrize("guide_id", sorted(HOME_PAGES))
def test_a_home_page_is_opened_not_cited_as_a_source(catalog: Catalog, guide_id: str) -> None:
    guide = guide_of(catalog, guide_id)
    assert guide.url == HOME_PAGES[guide_id]
    assert guide.link_label == f"Open {guide.service.removeprefix('Microsoft ')}"
    assert addresses(guide) == {HOME_PAGES[guide_id]}  # no source claims a page the facts never name


def test_copilots_august_announcement_is_not_cited_for_what_came_in_october(catalog: Catalog) -> None:
    # other-services.md: announced 2024-08-16, opt-out controls 2024-10. The switches' names and path cannot come
    # from an announcement two months before the controls existed.
    sources = guide_of(catalog, "copilot-training").sources
    [announcement] = [source for source in sources if "2024-08-16" in source.title]
    assert "path" not in announcement.title and "October" not in announcement.title
    assert "Model training on text" not in announcement.title


def test_substack_does_not_call_the_website_the_surer_place(catalog: Catalog) -> None:
    # other-services.md gives one path for publication settings and says nothing of the apps.
    guide = guide_of(catalog, "substack-ai-training")
    for platform in ("desktop", "ios", "android"):
        assert "surest" not in " ".join(guide.steps_for(platform)), platform


def test_pinterests_policy_date_says_what_the_facts_say_it_adds(catalog: Catalog) -> None:
    # other-services.md: the policy "adds training on Pins regardless of when posted"; Canvas is only the setting's
    # name, so the dated line does not say the policy names it.
    [entry] = guide_of(catalog, "pinterest-canvas-training").dates
    assert entry.date == dt.date(2025, 4, 30)
    assert "training on Pins" in entry.what and "Canvas" not in entry.what
