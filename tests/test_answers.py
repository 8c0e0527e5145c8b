from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.answers import Answer, Platform, asks_more_than_a_guide, detect_platform, interpret
from bot.guides import Catalog, load_catalog
from bot.service.answering import Answering
from bot.store import make_engine
from bot.store.ledger import DeliveryLedger
from bot.store.repo import Store
from tests.guide_ids import (
    ADOBE,
    AI,
    CHATGPT,
    CLAUDE,
    COPILOT,
    DOWNLOAD,
    GEMINI,
    GRAMMARLY,
    GROK,
    MEDIUM,
    META,
    PINTEREST,
    QUORA,
    REDDIT,
    SLACK,
    SUBSTACK,
    TUMBLR,
    WORDPRESS,
    ZOOM,
)

# (what a member types, the guide they should get, the platform they named)
PHRASINGS: list[tuple[str, str | None, Platform | None]] = [
    # AI training, asked in many ways
    ("How do I opt out of LinkedIn AI training?", AI, None),
    ("opt out of linkedin ai training", AI, None),
    ("stop linkedin using my posts for AI", AI, None),
    ("Data for Generative AI Improvement", AI, None),
    ("Use my data for training content creation AI models", AI, None),
    ("turn off data for generative ai improvement on my iphone", AI, "ios"),
    ("LinkedIn's AI setting", AI, None),
    ("linkedins ai training", AI, None),
    ("How do I stop LinkedIn from training A.I. on my data?", AI, None),
    ("LI gen ai opt-out", AI, None),
    ("LI genAI", AI, None),
    ("linkedin gen-ai on ipad", AI, "ios"),
    ("linkedin artificial intelligence opt out", AI, None),
    ("linkedin machine learning", AI, None),
    ("Does LinkedIn use my posts to train its LLM?", AI, None),
    ("is linkedin using my content to train models", AI, None),
    ("stop linkedin scraping my posts", AI, None),
    ("does linkedin share my data with microsoft for ai", AI, None),
    ("does linkedin use my private messages for ai", AI, None),
    ("does linkedin train on my messages", AI, None),
    ("LINKEDIN AI!!!", AI, None),
    # typos of the service name
    ("linkdin ai", AI, None),
    ("linkedn genai opt out", AI, None),
    ("lnkedin ai training", AI, None),
    ("linked in AI training on my iPhone", AI, "ios"),
    ("Linked-In generative AI", AI, None),
    # Slack markup
    ("<@U123ABC> how do I turn off *LinkedIn* AI training?", AI, None),
    ("<https://www.linkedin.com|LinkedIn> _AI_ opt out :pray:", AI, None),
    ("hey <!here> does ~linkedin~ train ai on our posts &amp; comments?", AI, None),
    # platforms
    ("linkedin AI on android", AI, "android"),
    ("turn off linkedin generative ai on my samsung galaxy", AI, "android"),
    ("LinkedIn ai training pixel phone", AI, "android"),
    ("linkedin ai training on my laptop", AI, "desktop"),
    ("linkedin ai opt out in the browser", AI, "desktop"),
    ("LinkedIn AI setting on the website", AI, "desktop"),
    ("linkedin ai windows pc", AI, "desktop"),
    ("linkedin ai on my mac", AI, "desktop"),
    ("linkedin app ai training", AI, "mobile"),
    ("how to opt out of linkedin ai on my phone", AI, "mobile"),
    ("linkedin ai cell", AI, "mobile"),
    # a bare service name means its primary guide
    ("linkedin", AI, None),
    ("LinkedIn", AI, None),
    ("linkdin", AI, None),
    ("linked in", AI, None),
    ("linkedin iphone", AI, "ios"),
    ("linkedin android", AI, "android"),
    ("linkedin desktop", AI, "desktop"),
    ("LinkedIn privacy settings", AI, None),
    ("what do I need to do about linkedin?", AI, None),
    ("how do i opt out of linkedin", AI, None),
    ("LI opt out", AI, None),
    # getting a copy of one's data
    ("download my linkedin data", DOWNLOAD, None),
    ("get a copy of my data from linkedin", DOWNLOAD, None),
    ("export linkedin archive", DOWNLOAD, None),
    ("How do I download my LinkedIn data on my iPhone?", DOWNLOAD, "ios"),
    ("linkedin data export", DOWNLOAD, None),
    ("request my linkedin archive", DOWNLOAD, None),
    ("linkdin data download on desktop", DOWNLOAD, "desktop"),
    ("Get a copy of your data", DOWNLOAD, None),
    ("backup my linkedin", DOWNLOAD, None),
    ("back up my linkedin", DOWNLOAD, None),
    ("backup my linkedin data", DOWNLOAD, None),
    ("how do I back up my linkedin data", DOWNLOAD, None),
    ("save my linkedin data", DOWNLOAD, None),
    ("download linkedin data android", DOWNLOAD, "android"),
    # downloading or exporting the member's own posts is getting a copy of their data, not AI training
    ("download my posts from linkedin", DOWNLOAD, None),
    # the training switch asked in German or French
    ("wie deaktiviere ich linkedin ki training", AI, None),
    ("linkedin KI-Training ausschalten", AI, None),
    ("comment désactiver l'entraînement IA de linkedin", AI, None),
    ("linkedin désactiver IA", AI, None),
    ("Wie ist das Wetter heute?", None, None),
    # a change on one of a guide's policy dates, asked about its service
    ("what changed on nov 3 2025 at linkedin", AI, None),
    ("linkedin policy change november 2025", AI, None),
    ("what happened at linkedin in march 2023", None, None),
    ("export my linkedin posts", DOWNLOAD, None),
    ("download all my posts from linkedin", DOWNLOAD, None),
    # ChatGPT
    ("How do I stop ChatGPT training on my chats?", CHATGPT, None),
    ("chatgpt", CHATGPT, None),
    ("chat gpt training", CHATGPT, None),
    ("Chat GPT on my iphone", CHATGPT, "ios"),
    ("chatgtp ai training", CHATGPT, None),
    ("does openai train on my conversations", CHATGPT, None),
    ("improve the model for everyone", CHATGPT, None),
    ("chatgpt data controls android", CHATGPT, "android"),
    # X / Grok
    ("grok", GROK, None),
    ("twitter ai training", GROK, None),
    ("twiter ai", GROK, None),
    ("is Grok trained on my tweets?", GROK, None),
    ("stop X using my tweets for grok", GROK, None),
    ("grok training on android", GROK, "android"),
    ("x ai training in the browser", GROK, "desktop"),
    ("third-party collaborators", GROK, None),
    # Google Gemini
    ("gemini app android", GEMINI, "android"),
    ("google gemini training", GEMINI, None),
    ("gemni ai training on my laptop", GEMINI, "desktop"),
    ("keep activity", GEMINI, None),
    ("does gemini keep my chats", GEMINI, None),
    ("turn off gemini activity on iphone", GEMINI, "ios"),
    # Claude
    ("claude", CLAUDE, None),
    ("claude ai training", CLAUDE, None),
    ("anthropic training opt out", CLAUDE, None),
    ("help improve claude", CLAUDE, None),
    ("claud ai on iphone", CLAUDE, "ios"),
    ("does claude code train on my code", CLAUDE, None),
    # Meta (Facebook, Instagram); "on Facebook" used to be a negative, before this guide existed
    ("opt out of AI training on Facebook", META, None),
    ("facebook", META, None),
    ("instagram ai", META, None),
    ("instagarm ai", META, None),
    ("fb ai", META, None),
    ("meta ai training objection", META, None),
    ("right to object", META, None),
    ("object to meta ai on instagram iphone", META, "ios"),
    ("facebok ai training on my phone", META, "mobile"),
    ("how do I stop facebook ai on my samsung", META, "android"),
    ("<@U123ABC> how do I stop *Instagram* using my photos for AI?", META, None),
    # Grammarly
    ("grammarly", GRAMMARLY, None),
    ("grammarly ai training", GRAMMARLY, None),
    ("grammerly training", GRAMMARLY, None),
    ("product improvement and training", GRAMMARLY, None),
    ("grammarly on my android", GRAMMARLY, "android"),
    # Slack (workspace owners only)
    ("slack ai training", SLACK, None),
    ("does slack train ai on our messages", SLACK, None),
    ("how do I opt slack out of global model training", SLACK, None),
    ("can my slack admin opt us out of ai training", SLACK, None),
    ("slack on my laptop", SLACK, "desktop"),
    ("does slack read my dms for ai", SLACK, None),
    # LinkedIn still wins when it is named next to a word another service uses
    ("how do I open AI settings on linkedin", AI, None),
    # not about any guide
    ("", None, None),
    ("hello", None, None),
    ("thanks!", None, None),
    ("what's for lunch", None, None),
    (":wave: hi bot", None, None),
    ("<@U123ABC>", None, None),
    ("<@U123ABC|linkedin> what's for lunch", None, None),
    ("<#C123ABC|linkedin-ai> is the wifi down?", None, None),
    ("how do I change my profile photo on LinkedIn", None, None),
    ("how do I add a job to my linkedin profile", None, None),
    ("delete my linkedin account", None, None),
    ("does linkedin sell my data to advertisers", None, None),
    ("linkedin premium price", None, None),
    ("linkedin learning certificate", None, None),
    ("Li Wei is out today", None, None),
    ("my slack account is linked to google", None, None),
    ("linking my calendar to zoom", None, None),
    # "AI training" with no service named now fits several services: the bot lists its guides
    # instead of guessing (this used to answer with the LinkedIn guide, when it was the only one).
    ("how do I opt out of AI training?", None, None),
    ("stop my chats being used for training", None, None),
    # services that had no guide until the facts covered them
    ("copilot ai training", COPILOT, None),
    ("reddit ai training", REDDIT, None),
    # "slack" is said all day in a Slack workspace: only AI-training questions should match
    ("slack is down", None, None),
    ("how do I set my slack status", None, None),
    ("who is our slack admin", None, None),
    ("how do I change my facebook profile picture", None, None),
    ("instagram reels not loading", None, None),
    ("delete my chatgpt history", None, None),
    ("google takeout", None, None),
    ("can I use AI to write my report", None, None),
    ("how do I download the zoom app", None, "mobile"),
    ("is it raining in london", None, None),
    # Microsoft Copilot
    ("microsoft copilot", COPILOT, None),
    ("turn off model training on voice", COPILOT, None),
    ("does copilot train on my conversations", COPILOT, None),
    ("copilot training on my iphone", COPILOT, "ios"),
    ("copliot ai", COPILOT, None),
    # Adobe
    ("adobe content analysis", ADOBE, None),
    ("does adobe train ai on my photos", ADOBE, None),
    ("photoshop ai training", ADOBE, None),
    ("turn off content analysis", ADOBE, None),
    ("adobe on my laptop", ADOBE, "desktop"),
    # Quora
    ("quora", QUORA, None),
    ("stop quora training llms on my answers", QUORA, None),
    ("quora ai opt out android", QUORA, "android"),
    # Tumblr and WordPress.com
    ("tumblr ai", TUMBLR, None),
    ("prevent third-party sharing for my blog on tumblr", TUMBLR, None),
    ("wordpress ai training", WORDPRESS, None),
    ("wordpress.com third-party data sharing", WORDPRESS, "desktop"),
    ("stop wordpress sharing my blog with ai companies", WORDPRESS, None),
    # Substack
    ("substack", SUBSTACK, None),
    ("block ai training on my substack newsletter", SUBSTACK, None),
    # Pinterest
    ("pinterest canvas", PINTEREST, None),
    ("is pinterest training ai on my pins", PINTEREST, None),
    ("pintrest ai on my phone", PINTEREST, "mobile"),
    # no switch: the honest answer is the guide that says so
    ("reddit", REDDIT, None),
    ("can I stop reddit selling my posts to ai companies", REDDIT, None),
    ("zoom ai training", ZOOM, None),
    ("does zoom use my meetings to train ai", ZOOM, None),
    ("medium ai", MEDIUM, None),
    ("does medium let ai scrape my stories", MEDIUM, None),
    # asked as a new user would (issue 9)
    ("linkedin data", DOWNLOAD, None),
    ("my linkedin data", DOWNLOAD, None),
    ("open ai", CHATGPT, None),
    ("does open ai train on my chats", CHATGPT, None),
    ("X", GROK, None),
    ("bard", GEMINI, None),
    ("google bard ai training", GEMINI, None),
    ("gemini apps activity", GEMINI, None),
    ("opt out of ai training on linkedin.com", AI, "desktop"),
    ("facebook.com ai objection", META, "desktop"),
    ("what do i do about meta ai in the uk", META, None),
    ("claude settings privacy", CLAUDE, None),
    ("chatgpt temporary chat", CHATGPT, None),
    ("grok settings", GROK, None),
    # not a guide question, though a service is named
    ("write me a LinkedIn post about my promotion", None, None),
    ("how do I change my profile photo on linkedin", None, None),
    ("linkedin job search tips", None, None),
    ("can you summarise this chatgpt answer", None, None),
    ("my zoom keeps crashing", None, None),
    ("is reddit down", None, None),
    ("best pinterest boards for recipes", None, None),
    ("how do I post a video on instagram", None, None),
    ("post a photo on facebook", None, None),
    ("how do I post on reddit", None, None),
    ("save my linkedin posts", None, None),  # also LinkedIn's bookmark: the download guide is offered, not given
    ("where are my saved posts on linkedin", None, None),  # the bookmark again
    ("copy a post on linkedin", None, None),  # copy and paste: the download guide is offered, not given
    ("download a video from linkedin", None, None),
    # a service and a topic of its guide named alone, with no question, ask for the guide (see
    # test_a_service_and_a_topic_named_alone_get_the_guide): this row once expected None, contradicting that test
    ("instagram video", META, None),
    # ... while the same words in a question about privacy get the guide
    ("stop instagram using my videos", META, None),
    ("does meta use my instagram posts", META, None),
    # generic words only, no service: guides are offered, none chosen
    ("data controls", None, None),
    # privacy questions we have no guide for: no guide, never a training guide for a download question
    ("delete my chatgpt account", None, None),
    ("download my chatgpt data", None, None),
    ("stop meta ai reading my whatsapp", None, None),
    ("does linkedin sell my data to advertisers", None, None),
    ("export my claude conversations", None, None),
    ("delete my grok history", None, None),
    ("how do I stop tiktok tracking me", None, None),
    ("spotify ai training opt out", None, None),
    ("does alexa listen to me", None, None),
    ("facebook ai opt out usa", META, None),
    ("gemini activity delete", GEMINI, None),
    ("does grammarly use my documents for ai", GRAMMARLY, None),
    ("does linkedin save my posts", None, None),  # what LinkedIn keeps: no guide yet, never "off topic"
    ("does chatgpt save my chats", None, None),
    ("opt out of google photos ai", None, None),
    # greetings, thanks and help
    ("help me", None, None),
    ("good morning!", None, None),
    ("thank you so much", None, None),
    ("hey there :wave:", None, None),
    ("what can you do?", None, None),
]


# The guides of every service with a switch (or form) against AI training, as a member asking with no service named
# is offered them: those about generative AI first, then the rest, Slack's (owners only) last.
GENERATIVE_SWITCHES = (AI, CHATGPT, CLAUDE, COPILOT, GEMINI, META, QUORA, GROK)
TRAINING_SWITCHES = (*GENERATIVE_SWITCHES, ADOBE, GRAMMARLY, PINTEREST, SUBSTACK, TUMBLR, WORDPRESS, SLACK)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def ids(row: tuple[str, str | None, Platform | None]) -> str:
    return row[0] or "<empty>"


def test_accuracy_over_the_table(catalog: Catalog) -> None:
    """Guide and platform together; misses are printed so a regression shows what a member would get."""
    misses = []
    for text, guide, platform in PHRASINGS:
        answer = interpret(text, catalog=catalog)
        if (answer.guide_id, answer.platform) != (guide, platform):
            misses.append(f"  {text!r}: got {answer.guide_id}/{answer.platform}, expected {guide}/{platform}")
        elif guide is None:
            assert answer.confidence < 0.3, text
        else:
            assert answer.confidence >= 0.4, text
    negatives = sum(guide is None for _text, guide, _platform in PHRASINGS)
    # Questions answered by a guide of a service other than LinkedIn.
    others = sum(guide is not None and not guide.startswith("linkedin-") for _text, guide, _platform in PHRASINGS)
    correct = len(PHRASINGS) - len(misses)
    share = f"{correct}/{len(PHRASINGS)} = {correct / len(PHRASINGS):.1%}"
    print(f"answers accuracy: {share} ({negatives} negatives, {others} about other services)")
    print("\n".join(misses))
    assert len(PHRASINGS) >= 150 and negatives >= 40 and others >= 30
    assert correct / len(PHRASINGS) >= 0.97


def test_confidence_ranks_exact_above_typo_above_bare_above_nothing(catalog: Catalog) -> None:
    def confidence(text: str) -> float:
        return interpret(text, catalog=catalog).confidence

    exact = confidence("opt out of linkedin ai training")
    typo = confidence("opt out of linkdin ai training")
    bare = confidence("linkedin")
    bare_typo = confidence("linkdin")
    unnamed = confidence("opt out of ai training")
    off_topic = confidence("how do I change my profile photo on LinkedIn")
    nothing = confidence("what's for lunch")
    assert 1.0 >= exact > typo > bare > bare_typo > off_topic > nothing >= 0.0
    assert exact >= 0.9
    assert exact > unnamed > off_topic


def test_more_topic_words_raise_confidence(catalog: Catalog) -> None:
    one = interpret("linkedin ai", catalog=catalog)
    three = interpret("does linkedin train ai models on my posts", catalog=catalog)
    assert one.guide_id == three.guide_id == AI
    assert three.confidence > one.confidence


def test_answer_is_a_plain_value() -> None:
    answer = Answer(guide_id=AI, platform="ios", confidence=0.9)
    assert answer == Answer(AI, "ios", 0.9)
    assert answer.intent == "guide"
    assert Answer(None, None, 0.0).intent == "unclear"
    with pytest.raises(AttributeError):
        answer.confidence = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("on my laptop", "desktop"),
        ("in Chrome, the web browser", "desktop"),
        # a browser alone is a computer's; beside a phone, the phone says which steps
        ("how to stop linkedin using my data for ai in chrome", "desktop"),
        ("in firefox", "desktop"),
        ("safari on my iphone", "ios"),
        ("chrome on my android phone", "android"),
        ("Windows computer", "desktop"),
        ("my MacBook", "desktop"),
        ("iPhone", "ios"),
        ("on the iPad app", "ios"),
        ("iOS 18", "ios"),
        ("Android", "android"),
        ("my Pixel phone", "android"),
        ("Samsung Galaxy app", "android"),
        ("the app", "mobile"),
        ("on my cell", "mobile"),
        ("mobile", "mobile"),
        ("iphone and android", "mobile"),
        ("laptop or phone", None),
        ("website or app", None),
        ("nothing to see", None),
        ("", None),
        ("application form", None),
        ("apple pie", None),
    ],
)
def test_detect_platform(text: str, platform: Platform | None) -> None:
    assert detect_platform(text) == platform


GUIDE = """\
id = "{id}"
service = "{service}"
{extra}
title = "t"
setting = "{setting}"
aliases = {aliases}
url = "https://example.com/s"
summary = "s"
dates = []
notes = []
verified = 2026-11-29
keywords = {keywords}

[steps]
desktop = ["d"]
ios = ["i"]
android = ["a"]

[[sources]]
title = "s"
url = "https://example.com/s"
"""


def _snapshare(path: Path, **fields: str) -> None:
    """A guide file for the made-up service Snapshare."""
    path.write_text(GUIDE.format(service="Snapshare", **fields))


def test_a_new_service_needs_only_a_guide_file(tmp_path: Path) -> None:
    _snapshare(
        tmp_path / "photos.toml",
        id="example-photos-ai",
        extra="primary = true",
        setting="Improve our models",
        aliases='["ai training"]',
        keywords='["ai", "training", "faces"]',
    )
    _snapshare(
        tmp_path / "photos-faces.toml",
        id="example-photos-faces",
        extra='service_aliases = ["snap share"]',
        setting="Face grouping",
        aliases="[]",
        keywords='["face", "grouping"]',
    )
    catalog = load_catalog(extra_dir=tmp_path)

    def guide(text: str) -> str | None:
        return interpret(text, catalog=catalog).guide_id

    assert guide("snapshare ai training") == "example-photos-ai"
    assert guide("snapshre ai") == "example-photos-ai"  # typo of the new name
    assert guide("snap share") == "example-photos-ai"  # its primary
    assert guide("turn off face grouping in snapshare") == "example-photos-faces"
    # The shipped guides are unaffected; "AI training" with no service named now fits two services.
    assert guide("linkedin ai training") == AI
    assert guide("opt out of ai training") is None


@pytest.mark.parametrize(
    "text", ["", "hello", "thanks!", ":wave: hi bot", "<@U123ABC>", "help me", "good morning!", "what can you do?"]
)
def test_greetings_thanks_and_help_ask_for_the_help(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "help"
    assert answer.guide_id is None and answer.unknown_service is None


@pytest.mark.parametrize(
    ("text", "service", "first"),
    [
        ("delete my linkedin account", "LinkedIn", AI),
        ("download my chatgpt data", "ChatGPT", CHATGPT),
        ("stop meta ai reading my whatsapp", "WhatsApp", META),
        ("does linkedin sell my data to advertisers", "LinkedIn", DOWNLOAD),
        ("spotify ai training opt out", "Spotify", None),
        ("opt out of google photos ai", "Google Photos", None),
        # Stopping what the service sends: a setting of its own, not training on the member's messages.
        ("how do i stop linkedin emails", "LinkedIn", AI),
        ("how do i stop linkedin messages", "LinkedIn", AI),
        ("stop linkedin notifications", "LinkedIn", AI),
        ("how do i unsubscribe from linkedin emails", "LinkedIn", AI),
    ],
)
def test_a_privacy_question_without_a_guide_names_the_service_and_the_closest_guides(
    catalog: Catalog, text: str, service: str, first: str | None
) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "unknown_service"
    assert answer.unknown_service == service
    assert answer.guide_id is None
    assert all(guide_id in catalog for guide_id in answer.closest)
    if first is not None:
        assert len(answer.closest) <= 3
        assert answer.closest[0] == first
    else:
        # AI training at a service with no guide: every guide with a switch against it (see test_answers_unknown).
        assert answer.closest[:1] == (AI,)
        assert DOWNLOAD not in answer.closest and ZOOM not in answer.closest


def test_a_data_download_question_never_gets_a_training_guide(catalog: Catalog) -> None:
    for text in (
        "download my chatgpt data",
        "export my claude conversations",
        "download my grok data",
        "download my posts from reddit",
        "download all my posts from medium",
    ):
        answer = interpret(text, catalog=catalog)
        assert answer.guide_id is None, text
    # LinkedIn has a download guide, so it answers.
    assert interpret("download my linkedin data", catalog=catalog).guide_id == DOWNLOAD


@pytest.mark.parametrize(
    "text", ["write me a LinkedIn post about my promotion", "how do I change my profile photo on LinkedIn"]
)
def test_a_question_about_something_else_is_unclear_not_a_guide(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "unclear"
    assert answer.unknown_service is None


def test_the_name_of_a_setting_is_not_a_platform(catalog: Catalog) -> None:
    assert interpret("gemini apps activity", catalog=catalog).platform is None
    assert interpret("on linkedin.com", catalog=catalog).platform == "desktop"
    # A pasted link says nothing about the device it was pasted from.
    assert detect_platform("see https://www.linkedin.com/help") is None


@pytest.mark.parametrize(
    "text", ["how to stop linkedin from using my data for ads", "how do I stop linkedin using my location"]
)
def test_generic_words_are_no_evidence_for_a_guide(catalog: Catalog, text: str) -> None:
    # "stop", "using", "my data" are in every privacy question: they leave only the topic we have no guide for.
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unknown_service"
    assert answer.unknown_service == "LinkedIn"


@pytest.mark.parametrize(("text", "guide"), [("linkedin data", DOWNLOAD), ("how do i opt out of linkedin", AI)])
def test_generic_words_beside_only_a_service_name_still_choose_between_its_guides(
    catalog: Catalog, text: str, guide: str
) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# A question in generic words only, with no service named: the guides whose own setting or alias those
# words spell are offered to pick from (best first), never chosen, since another service may be meant.
@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("data controls", CHATGPT),
        ("where are my data controls?", CHATGPT),
        ("turn off data controls", CHATGPT),
        ("Data Controls settings", CHATGPT),
        ("data privacy controls", CLAUDE),
    ],
)
def test_a_setting_named_in_generic_words_offers_its_guides(catalog: Catalog, text: str, first: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert answer.closest[:1] == (first,)
    assert len(answer.closest) <= 3


@pytest.mark.parametrize(
    "text",
    [
        "how do I turn off ai training",
        "how do I opt out of AI training?",
        "stop ai training on my data",
        "opt out of model training",
        "ai training settings",
    ],
)
def test_an_ai_training_question_without_a_service_offers_training_guides(catalog: Catalog, text: str) -> None:
    # Which service? Every guide with a switch against AI training, those about generative AI first: not the three
    # whose files sort first (Adobe's content analysis, which Adobe says is not generative-AI training, second).
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.closest == TRAINING_SWITCHES


# Generative AI with no service named: the guides of services that train generative models on what members write.
# Not Adobe's or Slack's: both guides say their service does not train generative AI on customer content
# (../shared/facts/other-services.md), so offering them here sent a member to a guide that answers "not this".
@pytest.mark.parametrize(
    "text",
    [
        "opt out of genai training",
        "how do I opt out of genai training",
        "stop genai training on my data",
        "opt out of generative ai training",
        "opt out of gen ai training",
        "how do I turn off generative ai",
    ],
)
def test_a_generative_ai_question_without_a_service_offers_generative_ai_guides(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.closest == GENERATIVE_SWITCHES
    assert ADOBE not in answer.closest
    assert SLACK not in answer.closest


# "Model training" is the LinkedIn switch's own wording ("training content creation AI models"): asked with no
# service, it offers the same guides, LinkedIn's first, as "AI training" does, not Adobe's first by file order.
@pytest.mark.parametrize(
    "text",
    [
        "opt out of model training",
        "turn off model training",
        "how do i opt out of ai training",
        "ai training settings",
    ],
)
def test_an_ai_training_question_without_a_service_offers_linkedin_first(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.closest[:1] == (AI,)


def test_a_member_asking_about_genai_training_is_not_offered_adobe(ask: Callable[[str], str]) -> None:
    offered = [line for line in lines_of(ask("opt out of genai training")) if line.startswith("•")]
    assert offered[0] == f"• {AI_TITLE}"
    assert len(offered) == len(GENERATIVE_SWITCHES)
    assert not [line for line in offered if "Adobe" in line or "Slack" in line]


@pytest.mark.parametrize("text", ["privacy settings", "opt out", "my data", "stop using my data"])
def test_generic_words_every_guide_shares_single_out_none(catalog: Catalog, text: str) -> None:
    # Every guide is about data, privacy and opting out: offering three of them would be a guess, so the
    # member gets the list of all guides (not_found) instead.
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert answer.closest == ()


# Words for what a member makes ("post", "video", "photo") are keywords of guides about training AI on
# them; a question with nothing about privacy, AI or data is about something else: the guide is only offered.
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("how do I post a video on instagram", META),
        ("how can I post a photo on facebook", META),
        ("where are my facebook comments", META),
        ("how do I post on reddit", REDDIT),
        ("can I post a story on medium", MEDIUM),
        ("how do I make a pinterest board of photos", PINTEREST),
    ],
)
def test_a_question_about_making_content_only_offers_the_guide(catalog: Catalog, text: str, offered: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert answer.closest == (offered,)


# Named alone to a privacy bot, a service and a topic of its guide ask for that guide.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("instagram video", META),
        ("facebook comments", META),
        ("pinterest board photos", PINTEREST),
        ("chatgpt chat", "chatgpt-training"),
        ("zoom meeting", "zoom-ai-training"),
        ("my posts on linkedin", AI),  # "posts" is what the member has, not "post a photo on facebook"
    ],
)
def test_a_service_and_a_topic_named_alone_get_the_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("stop instagram using my videos", META),
        ("does meta use my instagram posts", META),
        ("is facebook training ai on my photos", META),
        ("object to meta using my facebook posts", META),
        ("can I stop reddit selling my posts to ai companies", REDDIT),
        ("stop medium scraping my articles", MEDIUM),
        ("is pinterest training on my pins", PINTEREST),
        ("stop linkedin scraping my posts", AI),
        ("turn off gemini activity", GEMINI),
    ],
)
def test_the_same_words_about_privacy_still_get_the_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# Questions a guide's own summary, notes, steps or not_undone answer, as members type them: each once got "I couldn't
# tell which guide" (or "no guide for that yet") because one of its words was no topic word of the guide that says it.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("stop microsoft using my copilot chats", COPILOT),  # Copilot is Microsoft's: the title says so
        ("does turning off chatgpt training undo past training", CHATGPT),  # not_undone: going forward only
        ("does opting out of chatgpt delete past data", CHATGPT),
        ("can meta use my private messages for ai", META),  # a note: private messages are not used
        ("does instagram use my dms for ai", META),
        ("x private account grok", GROK),  # a note: a private account keeps posts out
        ("chatgpt business account training", CHATGPT),  # a note: Business and Enterprise are not used
        ("grammarly business admin opt out", GRAMMARLY),  # a note: on multi-user plans admins decide
        ("can I opt out of slack ai as a member", SLACK),  # the steps: members ask an owner
        ("what is the subject line for slack opt out email", SLACK),  # the steps give it
        ("is linkedin training on uk members data", AI),  # the dates and notes, region by region
        ("wordpress self hosted ai", WORDPRESS),  # a note: self-hosted WordPress is not covered
        ("turn off grok data sharing", GROK),  # the desktop path: "Data sharing and personalization"
        ("gemini human reviewers", GEMINI),  # not_undone and a note: reviewed chats are kept up to 3 years
        ("meta sent me an email about ai", META),  # the email tells of the change the guide is about
    ],
)
def test_a_question_a_guide_answers_gets_it(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


@pytest.mark.parametrize(
    "text",
    [
        "who is our slack admin",
        "add a member to slack channel",
        "how do i add members to my linkedin group",
        "share a post on x",
        "how do i share a grok chat",
        "make my instagram private",  # an account setting, not the objection (a note: private messages are not used)
        "choose a claude model",
    ],
)
def test_new_topic_words_outside_a_privacy_question_choose_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# A plural in "-ies" is its singular in "-y", as "posts" is "post": the guides' topic words are singular
# ("activity", "story", "third party", "copy") and so are the words of the privacy vocabulary ("policy").
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("does wordpress share my blog with third parties", WORDPRESS),
        ("does tumblr share my posts with third parties", TUMBLR),
        ("stop x sharing my posts with third parties", GROK),
        ("stop medium using my stories for ai", MEDIUM),
        ("does gemini keep my activities", GEMINI),
        ("turn off gemini activities", GEMINI),
        ("get copies of my linkedin data", DOWNLOAD),
        ("linkedin ai policies", AI),
        ("linkedin privacy policies", AI),
    ],
)
def test_a_plural_in_ies_reads_as_its_singular(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# A named service's deadline is its guides' policy dates, as a date named is: missing it, choosing by it, too late.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("anthropic deadline to choose training", CLAUDE),
        ("did i miss the claude deadline", CLAUDE),
        ("did i miss the deadline for anthropic", CLAUDE),
        ("claude deadline passed what now", CLAUDE),
        ("is it too late to opt out of claude training", CLAUDE),
        ("did i miss the meta deadline to object", META),
        ("is it too late to object to meta", META),
    ],
)
def test_a_deadline_asked_about_chooses_the_guide_with_dates(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


@pytest.mark.parametrize(
    "text",
    [
        "choose a claude model",
        "my zoom meeting is running late",  # no Zoom guide lists a date
        "linkedin job application deadline",
        "deadline for my linkedin learning course",
    ],
)
def test_a_deadline_or_a_choice_about_something_else_chooses_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# How long something lasts, and whether it expires, is what a guide's notes say ("the download link lasts 72 hours").
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("how long is the linkedin download link valid", DOWNLOAD),
        ("linkedin download link expired", DOWNLOAD),
        ("when does the linkedin download link expire", DOWNLOAD),
        ("how many days does the linkedin download link last", DOWNLOAD),
        ("linkedin download link only lasts 72 hours?", DOWNLOAD),
        ("does the meta objection expire", META),
    ],
)
def test_how_long_something_lasts_gets_the_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


@pytest.mark.parametrize("text", ["my linkedin premium expired", "when does my claude subscription expire"])
def test_something_else_expiring_chooses_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# Whether something is covered asks what a guide's setting covers: "is wordpress.org covered" is answered by the
# WordPress.com guide's note that self-hosted WordPress is not. ".org" is a domain's end, as ".com" is.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("is wordpress.org covered", WORDPRESS),
        ("does this apply to wordpress.org", WORDPRESS),
        ("is self hosted wordpress covered", WORDPRESS),
        ("is my self-hosted wordpress site covered", WORDPRESS),
        ("is chatgpt enterprise covered", CHATGPT),
        ("is my org covered by the slack opt out", SLACK),
    ],
)
def test_what_a_setting_covers_gets_its_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


@pytest.mark.parametrize("text", ["how do i add someone to my slack org", "is my linkedin company page covered"])
def test_an_org_or_something_else_covered_chooses_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# After `done`, `skip` or `undo`: a guide's name, in any of its names, is the command's; more is a question.
@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("send on slack", True),
        ("ads on youtube", True),
        ("how do i see it on linkedin", True),
        ("a message on slack", True),
        ("linkedin because i dont use it", False),  # a reason after the guide's name
        ("slack", False),
        ("linkedin", False),
        ("linkedin ai", False),
        ("with linkedin ai training on my iphone", False),
        ("the linkedin download", False),
        ("linkedin-data-download", False),
        ("meta, im not in the eu", False),
        ("my toaster", False),  # no service: the command says it knows no such guide
        ("youtube", False),
    ],
)
def test_what_follows_a_record_word_asks_more_than_a_guide(catalog: Catalog, text: str, asks: bool) -> None:
    assert asks_more_than_a_guide(text, catalog=catalog) is asks


# Sending, before the service's name, is the member's doing, as posting is: no privacy question by itself.
@pytest.mark.parametrize(("text", "offered"), [("undo send on slack", SLACK), ("send a message on instagram", META)])
def test_sending_on_a_service_only_offers_the_guide(catalog: Catalog, text: str, offered: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None and answer.closest[:1] == (offered,)


# What the member did, in the past ("posted", "objected", "chatted"), is the topic word it is a form of, as the guides
# list "trained" beside "train"; a sentence in the past is no topic named alone, and no privacy question by itself.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("can i object to meta if i already posted", META),
        ("does the meta objection cover photos i posted last year", META),
        ("i objected to meta already, do i need to object again", META),
        ("i chatted with claude about my health, is it used for training", CLAUDE),
        ("i tweeted something, does grok use it", GROK),
        ("i downloaded my linkedin data, now what", DOWNLOAD),
        ("gemini reviewed my chats", GEMINI),
        ("objecting to meta ai from the netherlands", META),
        ("tumblr shared my blog with ai companies", TUMBLR),
        ("linked-in ai trainning", AI),  # a slip of "training", not a form of "train"
    ],
)
def test_a_form_in_ed_or_ing_reads_as_its_topic_word(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


@pytest.mark.parametrize(
    "text",
    [
        "i pinned a photo on pinterest",
        "quora answered my question",
        "linkedin blocked my account",
        "i pasted my code into chatgpt",
        "i posted a video on instagram",
        "chatting with gemini about work",  # what members do all day, in -ing: as typed
        "i have been chatting with chatgpt all day",
        "stop commenting on my instagram",
    ],
)
def test_a_past_form_outside_a_privacy_question_chooses_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# The guides' regions are the EU, the EEA and the UK: a member names their country as often as the region.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("meta ai opt out germany", META),
        ("linkedin ai training france", AI),
        ("can i object to meta in ireland", META),
        ("does the linkedin ai setting apply in germany", AI),
        ("meta ai opt out denmark", META),
        ("facebook ai objection for italian users", META),
        ("can i object to meta as a french user", META),
        ("i live in spain, can i object to meta ai", META),
        ("as an eu resident can i object to meta", META),
        ("linkedin ai united kingdom", AI),
    ],
)
def test_a_country_of_the_eu_eea_or_uk_reads_as_its_region(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# A country or its adjective is no privacy word: in a question about something else it is as unexplained as ever.
@pytest.mark.parametrize(
    "text",
    [
        "how do i change linkedin language to german",
        "linkedin in french",
        "does chatgpt work in germany",
        "linkedin jobs in germany",
        "how do i polish my linkedin profile",
        "how do i live stream on instagram",
    ],
)
def test_a_country_outside_a_privacy_question_chooses_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("chatgpt chat histories", "chatgpt chat history"),  # a privacy topic we have no guide for
        ("linkedin cookies", "linkedin cookie"),  # "cookies" is "cookie", not "cooky"
        ("does linkedin use cookies", "does linkedin use cookie"),
    ],
)
def test_a_plural_gets_the_same_answer_as_its_singular(catalog: Catalog, plural: str, singular: str) -> None:
    assert interpret(plural, catalog=catalog) == interpret(singular, catalog=catalog)
    assert interpret(plural, catalog=catalog).intent == "unknown_service"


def test_a_guide_written_in_plurals_matches_a_question_in_the_singular(tmp_path: Path) -> None:
    _snapshare(
        tmp_path / "photos.toml",
        id="example-photos-ai",
        extra="primary = true",
        setting="Improve our models",
        aliases='["ai training"]',
        keywords='["ai", "training"]',
    )
    _snapshare(
        tmp_path / "photos-galleries.toml",
        id="example-photos-galleries",
        extra="",
        setting="Public galleries",
        aliases='["gallery sharing"]',
        keywords='["galleries", "memories"]',
    )
    catalog = load_catalog(extra_dir=tmp_path)
    assert interpret("hide my snapshare public gallery", catalog=catalog).guide_id == "example-photos-galleries"
    assert interpret("stop snapshare using my memory", catalog=catalog).guide_id == "example-photos-galleries"


# Sharing and posting are what members do on these services all day: before the service's name they are the
# member's own doing, asked as a question or as a request, and offer the guide without claiming it answers.
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("share a post on linkedin", AI),
        ("how do I share a post on linkedin", AI),
        ("how do I share my linkedin post", AI),
        ("how do I share a blog post on wordpress", WORDPRESS),
        ("post a photo on facebook", META),
    ],
)
def test_sharing_or_posting_on_a_service_only_offers_the_guide(catalog: Catalog, text: str, offered: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert answer.closest == (offered,)


# Any other privacy word the member does to something they made ("copy a post", "download a video", "read a
# message") is the same: a how-to about using the service, offered the guide of the word, never answered with it.
# The post is only what the word acts on: it does not also offer the guide about training AI on posts.
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("copy a post on linkedin", DOWNLOAD),
        ("how do I copy a post on linkedin", DOWNLOAD),
        ("copy my post on linkedin", DOWNLOAD),
        ("copy posts from linkedin", DOWNLOAD),
        ("download a video from linkedin", DOWNLOAD),
        ("download someone's post from linkedin", DOWNLOAD),
        ("export posts from linkedin", DOWNLOAD),
        ("how do I read a message on slack", SLACK),
    ],
)
def test_doing_something_to_a_post_on_a_service_only_offers_the_guide(
    catalog: Catalog, text: str, offered: str
) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert answer.closest == (offered,)


# The same words about the member's data, or done by the service, are still privacy questions.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("copy my linkedin data", DOWNLOAD),
        ("does slack read my messages", SLACK),
        ("opt my posts out of linkedin", AI),
        ("stop my posts on linkedin being used for ai", AI),
    ],
)
def test_privacy_words_about_the_members_data_still_get_the_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


def test_a_member_asking_how_to_copy_a_post_is_offered_not_given_the_guide(ask: Callable[[str], str]) -> None:
    shown = ask("copy a post on linkedin")
    assert "Is it one of these?" in shown
    assert f"• {DOWNLOAD_TITLE}" in shown
    assert AI_TITLE not in shown  # copying a post has nothing to do with training AI on it


# A copy of the member's own posts is what the download guide gets them: "posts" is what the copy is of, not a
# sign of the guide about training AI on posts (this tied, and the AI guide won at confidence 0.5).
@pytest.mark.parametrize(
    "text",
    [
        "get a copy of my posts from linkedin",
        "how do I get a copy of my linkedin posts",
        "download my linkedin data",
        "export my data from linkedin",
        "download my posts from linkedin",
        "how do I download my linkedin posts",
        "export my posts from linkedin",
        "backup my linkedin posts",
        "download all my posts from linkedin",
    ],
)
def test_a_copy_of_the_members_own_posts_gets_the_download_guide(ask: Callable[[str], str], text: str) -> None:
    assert lines_of(ask(text))[0] == DOWNLOAD_TITLE


# Someone else's post is not the member's data, wherever the copying stands: the guides are offered, the
# download guide first, and neither is given as the answer.
@pytest.mark.parametrize(
    "text",
    [
        "copy someone's post on linkedin",
        "get a copy of someone's post from linkedin",
        "copy other people's posts from linkedin",
        "copy my post on linkedin",
    ],
)
def test_copying_a_post_offers_the_download_guide_first(ask: Callable[[str], str], text: str) -> None:
    shown = lines_of(ask(text))
    assert "Is it one of these?" in shown
    offered = [line for line in shown if line.startswith("•")]
    assert offered[0] == f"• {DOWNLOAD_TITLE}"


# "Back up" is "backup": the download guide, as for "backup my linkedin".
@pytest.mark.parametrize("text", ["back up my linkedin", "backup my linkedin data", "how do I back up my linkedin"])
def test_backing_up_linkedin_gets_the_download_guide(ask: Callable[[str], str], text: str) -> None:
    assert lines_of(ask(text))[0] == DOWNLOAD_TITLE


# Saving posts is also LinkedIn's bookmark, not a privacy question: the member hears that the bot only does
# LinkedIn's privacy settings and is offered the download guide (keeping a copy of their posts), never the AI guide.
# So is finding the posts saved there ("Saved items"), however "saved" is spelled.
@pytest.mark.parametrize(
    "text",
    [
        "save my linkedin posts",
        "how do I save a post on linkedin",
        "where are my saved posts on linkedin",
        "how do I see saved posts on linkedin",
        "linkedin saved posts",
        "my saved posts on linkedin",
    ],
)
def test_saving_linkedin_posts_offers_only_the_download_guide(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "For LinkedIn, I only help with privacy settings." in shown
    assert DOWNLOAD_TITLE in shown
    assert AI_TITLE not in shown


# Saving done BY the service to what the member made is the service keeping their data: a privacy question we have
# no guide for, answered as "does linkedin keep my posts" is, never "I only help with privacy settings".
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("does linkedin save my posts", "does linkedin keep my posts"),
        ("is linkedin saving my posts", "does linkedin keep my posts"),
        ("does chatgpt save my chats", "does chatgpt keep my chats"),
        ("linkedin saved all my posts", "linkedin kept all my posts"),
    ],
)
def test_the_service_saving_the_members_posts_is_a_privacy_question(catalog: Catalog, text: str, kept: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "unknown_service"
    assert answer.off_topic is None
    assert answer == interpret(kept, catalog=catalog)


def test_a_member_asking_whether_linkedin_saves_their_posts_is_not_told_it_is_off_topic(
    ask: Callable[[str], str],
) -> None:
    shown = ask("does linkedin save my posts")
    assert lines_of(shown)[0] == "I have no guide for that yet (LinkedIn)."
    assert "I only help with privacy settings" not in shown
    assert f"• {DOWNLOAD_TITLE}" in shown


# Recording a meeting is using Zoom, not a privacy question: answered as "how do I change my profile photo on
# linkedin" is, never with "no guide for that yet", which would say a guide for it is missing.
@pytest.mark.parametrize("text", ["record a meeting on zoom", "how do I record a zoom meeting"])
def test_recording_a_meeting_is_not_a_missing_guide(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "no guide for that yet" not in shown
    assert "Is it one of these?" in shown
    assert "• Zoom: nothing to turn off for AI training" in shown


def test_a_question_about_recording_by_the_service_is_still_a_privacy_question(catalog: Catalog) -> None:
    answer = interpret("does zoom record my meetings", catalog=catalog)
    assert answer.intent == "unknown_service"
    assert answer.unknown_service == "Zoom"


@pytest.mark.parametrize("text", ["how do I delete a post on linkedin", "share a photo on instagram"])
def test_a_how_to_with_a_privacy_word_claims_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# The service named before it is the one sharing: a privacy question, answered with the guide.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("does linkedin share my posts", AI),
        ("is linkedin sharing my posts with microsoft", AI),
        ("i dont want linkedin to share my posts", AI),
        ("does tumblr share my posts", TUMBLR),
        ("how do I stop sharing my posts on linkedin", AI),
        ("how do I turn off sharing on linkedin", AI),
        ("share my linkedin data", AI),
        ("linkedin share", AI),
        ("linkedin", AI),
        ("linkedin ai", AI),
        ("linkedin privacy", AI),
        ("stop linkedin using my data", AI),
        ("how do I opt out of linkedin ai training", AI),
    ],
)
def test_sharing_by_the_service_still_gets_the_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# A service's policy change on a date one of its guides lists is that guide's question: the date (month with a day
# or a year) chooses the guide when no other word does. A date no guide of the service lists chooses nothing.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("what changed on nov 3 2025 at linkedin", AI),
        ("linkedin policy change november 2025", AI),
        ("what changed at linkedin on 3 November 2025?", AI),
        ("linkedin update 2025-11-03", AI),
        ("linkedin nov 20th", AI),
        ("what is the linkedin change of september 2024", AI),
        ("download my linkedin data from november 2025", DOWNLOAD),  # the date does not outweigh "download"
    ],
)
def test_a_policy_date_of_a_guide_chooses_it(catalog: Catalog, text: str, guide: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id == guide
    assert answer.confidence >= 0.4


@pytest.mark.parametrize(
    "text",
    [
        "what happened at linkedin in march 2023",
        "what changed at linkedin on 4 nov 2025",
    ],
)
def test_a_date_no_guide_of_the_service_lists_chooses_nothing(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# -- "How do I opt out of LinkedIn AI training?", asked every way members ask it --

# (what a member types, the guide they should get, the platform they named). None: no guide answers it, and above all
# not the training guide by accident (LinkedIn's ads, account, profile …). Each row is checked against
# ../shared/facts/linkedin.md: "does opting out delete my data" is the training guide's question (opting out stops
# future use and does not undo past training), the Microsoft ADVERTISING sharing is a separate setting no guide
# covers, and rows about what the facts leave open (re-opting out every 60 days, under-18s) get the guide, which
# does not state them.
LINKEDIN_QUESTIONS: list[tuple[str, str | None, Platform | None]] = [
    # the training switch, as people ask
    ("How do I opt out of LinkedIn AI training?", AI, None),
    ("how do i opt out of linkedin ai training", AI, None),
    ("how to opt out of linkedin ai", AI, None),
    ("opt out linkedin ai", AI, None),
    ("linkedin ai opt out", AI, None),
    ("linkedin ai", AI, None),
    ("linkedin genai", AI, None),
    ("linkedin gen ai", AI, None),
    ("linkedin gen ai opt out", AI, None),
    ("linkedin gen-ai opt out", AI, None),
    ("LI ai", AI, None),
    ("LI genai opt out", AI, None),
    ("LI gen ai", AI, None),
    ("how do i turn off LI ai training", AI, None),
    ("data for generative ai improvement", AI, None),
    ("Data for Generative AI Improvement setting", AI, None),
    ("where is data for generative ai improvement", AI, None),
    ("how do I turn off data for generative ai improvement", AI, None),
    ("data for gen ai improvement", AI, None),
    ("data for genai improvement linkedin", AI, None),
    ("linkedin data for ai improvement", AI, None),
    ("stop linkedin using my posts to train ai", AI, None),
    ("stop linkedin from using my posts to train ai", AI, None),
    ("stop linkedin using my data to train ai", AI, None),
    ("how do I stop linkedin training ai on my data", AI, None),
    ("does linkedin train ai on my posts", AI, None),
    ("is linkedin using my data for ai", AI, None),
    ("is linkedin using my data to train ai", AI, None),
    ("linkedin using my data for ai training", AI, None),
    ("does linkedin use my profile to train ai", AI, None),
    ("does linkedin use my resume for ai", AI, None),
    ("linkedin training ai on my profile", AI, None),
    ("linkedin ai training opt out", AI, None),
    ("linkedin ai data setting", AI, None),
    ("linkedin generative ai setting", AI, None),
    ("turn off linkedin generative ai", AI, None),
    ("disable linkedin ai training", AI, None),
    ("linkedin disable ai", AI, None),
    ("how to disable genai on linkedin", AI, None),
    ("linkedn ai opt out", AI, None),
    ("linkdin genai", AI, None),
    ("linkedin ai traning", AI, None),
    ("opt out of linkedin's ai", AI, None),
    ("how do i opt out of linkedins ai data thing", AI, None),
    ("how do I make linkedin stop using my stuff for ai", AI, None),
    ("linkedin ai setting where", AI, None),
    ("where do I find the linkedin ai setting", AI, None),
    ("where is the linkedin ai toggle", AI, None),
    ("linkedin ai switch", AI, None),
    ("is linkedin ai training on by default", AI, None),
    ("is it on by default linkedin ai", AI, None),
    ("linkedin ai on by default?", AI, None),
    ("is the linkedin ai setting on by default", AI, None),
    ("is linkedin ai training turned on automatically", AI, None),
    ("did linkedin opt me in automatically", AI, None),
    ("linkedin opted me in to ai training without asking", AI, None),
    ("does opting out delete my data from linkedin ai", AI, None),
    ("does opting out of linkedin ai delete my data", AI, None),
    ("if i opt out of linkedin ai does it delete what they already trained on", AI, None),
    ("does turning off linkedin ai training remove my data from their models", AI, None),
    ("linkedin ai opt out retroactive", AI, None),
    ("does opting out of linkedin ai stop future training", AI, None),
    ("has linkedin already trained ai on my posts", AI, None),
    ("did linkedin use my data to train ai", AI, None),
    ("is linkedin still training on my data after i opt out", AI, None),
    ("what changed at linkedin", AI, None),
    ("what changed with linkedin ai", AI, None),
    ("linkedin what changed nov 3", AI, None),
    ("what changed on nov 3 at linkedin", AI, None),
    ("linkedin nov 3", AI, None),
    ("linkedin november 3rd 2025", AI, None),
    ("linkedin ai november 3rd 2025", AI, None),
    ("what is happening on november 3rd 2025 with linkedin", AI, None),
    ("linkedin nov 20 2024", AI, None),
    ("linkedin user agreement nov 20 2024", AI, None),
    ("linkedin new terms november 2025", AI, None),
    ("linkedin terms update nov 3 2025", AI, None),
    ("linkedin privacy policy change", AI, None),
    ("linkedin ai training in the eu", AI, None),
    ("does linkedin ai training apply in the uk", AI, None),
    ("linkedin ai canada", AI, None),
    ("im in switzerland, does linkedin use my data for ai", AI, None),
    ("linkedin ai hong kong", AI, None),
    ("does linkedin give my posts to microsoft for ai training", AI, None),
    ("linkedin microsoft ai training uk", AI, None),
    ("linkedin llm training", AI, None),
    ("linkedin machine learning opt out", AI, None),
    ("does linkedin use my messages for ai", AI, None),
    ("does linkedin use my dms to train ai", AI, None),
    ("are my linkedin group messages used for ai", AI, None),
    ("use my data for training content creation ai models", AI, None),
    ("turn off use my data for training content creation ai models", AI, None),
    ("linkedin content creation ai", AI, None),
    ("how do i stop linkedin ai", AI, None),
    ("stop linkedin ai", AI, None),
    ("linkedin ai privacy setting", AI, None),
    ("linkedin data privacy ai", AI, None),
    ("linkedin opt-out", AI, None),
    ("linkedin optout", AI, None),
    ("opt out linkedin", AI, None),
    ("linkedin ai training?? how to stop", AI, None),
    ("LINKEDIN AI TRAINING", AI, None),
    ("Linkedin A.I. training", AI, None),
    ("linkedin artificial intelligence", AI, None),
    ("how do i opt out of linkedin using my data for generative ai", AI, None),
    ("can i opt out of linkedin ai training", AI, None),
    ("should i opt out of linkedin ai training", AI, None),
    ("do I need to opt out of linkedin ai", AI, None),
    ("when did linkedin start training ai", AI, None),
    ("when does linkedin ai training start in the eu", AI, None),
    ("i heard linkedin is using our posts for ai, how do i stop that", AI, None),
    ("linkedin ai training default on", AI, None),
    ("does one switch cover all my devices for linkedin ai", AI, None),
    ("https://www.linkedin.com/mypreferences/d/settings/data-for-ai-improvement", AI, None),
    ("do i have to opt out of linkedin ai again every 60 days", AI, None),
    ("does linkedin train ai on teenagers data", AI, None),
    ("linkedin ai learning from my posts", AI, None),
    ("is linkedin feeding my posts to ai", AI, None),
    ("linkedin ai using my photos", AI, None),
    ("linkedin ai using my comments", AI, None),
    ("does linkedin ai read my posts", AI, None),
    ("how do i stop linkedin from using my data for ai???", AI, None),
    ("LinkedIn - AI opt out - where?", AI, None),
    ("that linkedin ai setting everyone is talking about", AI, None),
    ("linkedin ai thing", AI, None),
    ("linkedin ai nov 3 2025", AI, None),
    ("what happens on nov 3 at linkedin", AI, None),
    # in other services' words
    ("linkedin improve the model for everyone", AI, None),
    ("linkedin model training", AI, None),
    ("turn off model training on linkedin", AI, None),
    ("object to linkedin ai training", AI, None),
    ("prevent linkedin from training ai on my content", AI, None),
    ("block ai training on linkedin", AI, None),
    ("does linkedin let ai scrape my profile", AI, None),
    ("linkedin help improve ai setting", AI, None),
    # platforms
    ("how do I opt out of linkedin ai training on my iphone", AI, "ios"),
    ("linkedin ai on my iphone", AI, "ios"),
    ("linkedin ai iphone", AI, "ios"),
    ("opt out of linkedin ai on iphone app", AI, "ios"),
    ("linkedin genai ipad", AI, "ios"),
    ("linkedin ai training ios", AI, "ios"),
    ("linkedin ai setting iphone 15", AI, "ios"),
    ("li ai opt out iphone", AI, "ios"),
    ("stop linkedin using my posts to train ai on my iphone", AI, "ios"),
    ("data for generative ai improvement iphone", AI, "ios"),
    ("linkedin ai android app", AI, "android"),
    ("linkedin ai on android", AI, "android"),
    ("how do i turn off linkedin ai on my android phone", AI, "android"),
    ("linkedin gen ai samsung", AI, "android"),
    ("LI ai android", AI, "android"),
    ("data for generative ai improvement android", AI, "android"),
    ("where is the linkedin ai setting in the android app", AI, "android"),
    ("linkedin ai pixel", AI, "android"),
    ("linkedin ai desktop", AI, "desktop"),
    ("linkedin ai on desktop", AI, "desktop"),
    ("linkedin ai training on my computer", AI, "desktop"),
    ("turn off data for generative ai improvement on desktop", AI, "desktop"),
    ("linkedin ai on the website", AI, "desktop"),
    ("linkedin ai web", AI, "desktop"),
    ("linkedin.com ai opt out", AI, "desktop"),
    ("i use linkedin on my mac, how do i turn off ai", AI, "desktop"),
    ("linkedin ai chromebook", AI, "desktop"),
    ("linkedin ai in the app", AI, "mobile"),
    ("linkedin ai on my phone", AI, "mobile"),
    ("linkedin ai mobile", AI, "mobile"),
    ("are the linkedin ai steps different on iphone and android", AI, "mobile"),
    # getting a copy of one's data
    ("how do i download my linkedin data", DOWNLOAD, None),
    ("linkedin data download", DOWNLOAD, None),
    ("download my linkedin data on my iphone", DOWNLOAD, "ios"),
    ("get a copy of my linkedin data", DOWNLOAD, None),
    ("linkedin export my data", DOWNLOAD, None),
    ("request my linkedin data archive", DOWNLOAD, None),
    ("how do I get my data out of linkedin", DOWNLOAD, None),
    ("linkedin data archive android", DOWNLOAD, "android"),
    ("download my linkedin connections", DOWNLOAD, None),
    ("how long does the linkedin data download take", DOWNLOAD, None),
    # other LinkedIn things: no guide, never the training guide
    ("does linkedin share my data with microsoft for ads", None, None),
    ("linkedin ads opt out", None, None),
    ("stop linkedin showing me targeted ads", None, None),
    ("linkedin ad personalization setting", None, None),
    ("linkedin microsoft advertising data sharing", None, None),
    ("delete my linkedin account", None, None),
    ("how do I close my linkedin account", None, None),
    ("delete my linkedin data", None, None),
    ("linkedin profile visibility", None, None),
    ("who viewed my linkedin profile", None, None),
    ("cancel linkedin premium", None, None),
    ("linkedin password reset", None, None),
    ("linkedin two factor authentication", None, None),
    ("turn off linkedin email notifications", None, None),
    ("how do i use linkedin ai to write a post", None, None),
    ("linkedin job alerts", None, None),
    ("does linkedin track my location", None, None),
    ("linkedin social economic and workplace research setting", None, None),
    ("linkedin id verification", None, None),
    ("is linkedin down", None, None),
    ("linkedin learning ai course", None, None),
    ("write a linkedin post about ai", None, None),
    ("unsubscribe from linkedin emails", None, None),
    ("stop linkedin selling my data", None, None),
    ("linkedin cookie settings", None, None),
    ("linkedin data sharing with microsoft for advertising", None, None),
    # sharing with Microsoft or LinkedIn's affiliates, nothing said about AI: the ads sharing is a setting of its own
    ("stop linkedin sharing my data with microsoft", None, None),
    ("stop linkedin from sharing data with microsoft", None, None),
    ("how do i stop linkedin sharing my data with microsoft", None, None),
    ("linkedin share my data with affiliates", None, None),
    ("linkedin microsoft data sharing", None, None),
    # ... but asked whether it does, the training guide's note answers: the UK sharing for Microsoft's AI training is
    # turned off at the same link, and the advertising sharing is a setting of its own
    ("does linkedin give my data to microsoft", AI, None),
    ("does linkedin share my data with microsoft", AI, None),
    ("is linkedin sending my data to microsoft", AI, None),
    ("will linkedin pass my info to microsoft?", AI, None),
    # ... and for AI training, or the posts the UK sharing for Microsoft's AI training takes, the switch covers it
    ("does linkedin share my data with microsoft for ai", AI, None),
    ("is linkedin sharing my posts with microsoft", AI, None),
    ("linkedin share my data with affiliates for ai training", AI, None),
    ("does microsoft use my linkedin data for ai", AI, None),
    ("stop linkedin sharing my posts with microsoft for ai training", AI, None),
    # other services, in the same words
    ("how do I opt out of facebook ai training", META, None),
    ("gen ai opt out chatgpt", CHATGPT, None),
    ("does x use my posts to train ai", GROK, None),
    ("how do i opt out of ai training on instagram", META, None),
    ("claude genai training opt out", CLAUDE, None),
    ("how do I opt out of genai training", None, None),
    ("stop using my posts to train ai", None, None),
    # generative AI with no service: guides are offered (see test_a_generative_ai_question_without_a_service_…)
    ("opt out of genai training", None, None),
    ("stop genai training on my data", None, None),
    ("opt out of generative ai training", None, None),
    ("how do i opt out of ai training", None, None),
    ("opt out of model training", None, None),
    # ... while a service named with the same words still gets its guide, Adobe's and Slack's included
    ("linkedin genai setting", AI, None),
    ("opt out of linkedin generative ai training", AI, None),
    ("does adobe train generative ai on my photos", ADOBE, None),
    ("adobe genai training", ADOBE, None),
    ("does slack use my messages for generative ai", SLACK, None),
    ("slack genai", SLACK, None),
    ("claude genai", CLAUDE, None),
    ("chatgpt generative ai", CHATGPT, None),
    # asked in more ways still
    ("hey how do i stop linkedin from feeding my stuff into their ai", AI, None),
    ("is there a way to opt out of linkedin's generative ai thing", AI, None),
    ("linkedin ai opt out link?", AI, None),
    ("can someone send me the linkedin ai opt out link", AI, None),
    ("linkedin genAI toggle on iOS", AI, "ios"),
    ("Where's the LinkedIn AI data setting on Android?", AI, "android"),
    ("linkedin ai settings in chrome", AI, "desktop"),
    ("how to turn off linkedin ai training on ipad", AI, "ios"),
    ("lnkdin ai", AI, None),
    ("linkdn genai opt out", AI, None),
    ("linked-in ai trainning", AI, None),
    ("LI AI opt-out pls", AI, None),
    ("does the LI ai thing apply to me in the uk", AI, None),
    ("what's this linkedin data for generative ai improvement thing", AI, None),
    ("data for generative AI improvement - should i turn it off?", AI, None),
    ("linkedin nov 3 2025 ai change", AI, None),
    ("linkedin terms november 3rd", AI, None),
    ("what did linkedin change on nov 20 2024", AI, None),
    ("linkedin ai is it on by default", AI, None),
    ("is linkedin ai training opt in or opt out", AI, None),
    ("does turning off linkedin ai undo what they already trained", AI, None),
    ("will linkedin delete my data from their ai if i opt out", AI, None),
    ("does linkedin use my posts and comments to train its ai", AI, None),
    ("linkedin is training ai on my articles", AI, None),
    ("stop LI using my content for AI on my android phone", AI, "android"),
    ("linkedin ai privacy concerns", AI, None),
    ("how do I get linkedin to stop training on my profile", AI, None),
    ("linkedin machine learning on my data", AI, None),
    ("opt out of linkedin llm", AI, None),
    ("linkedin ai training after nov 3 in the eu", AI, None),
    ("export my linkedin profile data", DOWNLOAD, None),
    ("linkedin download archive how long", DOWNLOAD, None),
    ("how do i get a copy of everything linkedin has on me", DOWNLOAD, None),
    ("linkedin ad settings", None, None),
    ("stop linkedin sharing my data with advertisers", None, None),
    ("linkedin targeted ads microsoft", None, None),
    ("how do I delete my linkedin posts", None, None),
    ("linkedin ai job match feature", None, None),
    ("how do i turn off linkedin notifications", None, None),
    ("linkedin premium ai features worth it", None, None),
    ("how do I opt out of instagram ai", META, None),
    ("does chatgpt train on my data", CHATGPT, None),
]


def test_linkedin_questions_get_the_right_guide(catalog: Catalog) -> None:
    """Guide and platform together; the misses are printed, so a regression shows what a member would get."""
    misses = [
        f"  {text!r}: got {answer.guide_id}/{answer.platform}, expected {guide}/{platform}"
        for text, guide, platform in LINKEDIN_QUESTIONS
        if ((answer := interpret(text, catalog=catalog)).guide_id, answer.platform) != (guide, platform)
    ]
    print(f"LinkedIn questions: {len(LINKEDIN_QUESTIONS) - len(misses)}/{len(LINKEDIN_QUESTIONS)} right")
    print("\n".join(misses))
    assert len(LINKEDIN_QUESTIONS) >= 150
    assert misses == []


# What the training guide itself says, asked about with LinkedIn named (an audit of `privacy-bot ask`): each got "no
# guide for that yet" or "couldn't tell" though a note of the guide answers it (facts/linkedin.md). The UK sharing
# with Microsoft for its AI training is turned off at the same link; LinkedIn says it strips or masks personal details
# in its training data; the switch leaves LinkedIn's AI features on; what members type into them is kept.
@pytest.mark.parametrize(
    "text",
    [
        # the UK member, or asking whether the switch covers it: the guide says what it covers (and that the
        # advertising sharing is a setting of its own)
        "im in the uk does linkedin share my stuff with microsoft",
        "does this cover LinkedIn sharing my data with Microsoft?",
        "does linkedin share my data with microsoft in the united kingdom",
        "does opting out of linkedin stop the sharing with microsoft",
        # asked whether LinkedIn shares with Microsoft at all: its note on the UK sharing answers, and its details say
        # the advertising sharing is a setting of its own
        "does linkedin share my data with microsoft",
        "is linkedin giving my data to microsoft?",
        # personal details taken out of the training data
        "does linkedin remove personal info from training data?",
        "does linkedin redact personal data from training",
        "does linkedin anonymise my data before training",
        # what the switch covers and what it leaves
        "does the linkedin setting cover my messages?",
        "will I lose access to linkedin's AI features if I opt out?",
        "does LinkedIn keep what I type into its AI writing assistant?",
        "what's the direct link to the linkedin setting",
        # in generic words: "stop", "using", "my data" are in every privacy question
        "how do I stop linkedin using my data to train ai",
        "opt out of linkedin ai training",
        "stop linkedin using my posts for AI",
        # two slips: "otu", "linkedn"
        "how to opt otu of linkedn AI",
        # in German or French
        "Wie deaktiviere ich das KI-Training bei LinkedIn?",
        "wie deaktiviere ich linkedin ki training",
        "linkedin KI-Training ausschalten",
        "LinkedIn KI abschalten",
        "Datenschutz: LinkedIn darf meine Daten nicht für KI nutzen",
        "Comment désactiver l'entraînement de l'IA sur LinkedIn ?",
        "comment désactiver l'entraînement IA de linkedin",
        "linkedin désactiver IA",
        "linkedin desactiver ia",
        "LinkedIn utilise mes données pour l’IA",
        # LinkedIn's email or message about its AI: the member asks about the change it tells of
        "linkedin sent me an email about ai",
        "linkedin emailed me about using my data for ai",
        "linkedin sent me an email about using my data for ai",
    ],
)
def test_a_question_the_linkedin_training_guide_answers_gets_it(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == AI


# ... while the same words about something the guide does not cover still get no guide.
@pytest.mark.parametrize(
    "text",
    [
        "stop linkedin sharing my data with microsoft",
        "does linkedin share my data with microsoft for ads in the uk",
        "delete my linkedin data",
        "does linkedin remove my posts",
        "i lost access to my linkedin account",
        "does linkedin keep my posts",
        "does linkedin keep what i type",
        "how do i write a post with linkedin ai writing assistant",
        "linkedin otp not working",  # a one-time password, not "opt" slipped
        # stopping what LinkedIn sends, not what it trains on
        "how do i stop linkedin emails",
        "how do i stop getting linkedin emails",
        "how do i stop linkedin email",
        "how do i stop linkedin messages",
    ],
)
def test_the_same_words_about_what_the_guide_does_not_cover_get_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


def test_a_uk_member_asking_about_sharing_with_microsoft_gets_the_training_guide(ask: Callable[[str], str]) -> None:
    shown = ask("im in the uk does linkedin share my stuff with microsoft")
    assert lines_of(shown)[0] == AI_TITLE
    assert "no guide for that yet" not in shown


# A policy date with no service named ("what happens on nov 3") could be any service's: the guides that list that
# date are offered, none is chosen. With the service named, the date chooses its guide (see above).
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("what happens on nov 3", (AI,)),
        ("what happens on november 3rd 2025", (AI,)),
        ("nov 20 2024", (AI,)),
        ("what changed on nov 3 2025", (AI,)),
        ("what is the nov 20 deadline", (AI,)),
        ("what happened on sept 18 2024", (AI,)),
        ("what happens on may 27", (META,)),
        ("what happened on 2024-02-27", (TUMBLR, WORDPRESS)),
    ],
)
def test_a_policy_date_alone_offers_the_guides_that_list_it(
    catalog: Catalog, text: str, offered: tuple[str, ...]
) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert answer.closest == offered
    assert answer.confidence < 0.3


def test_a_member_naming_only_a_date_is_offered_the_linkedin_guide(ask: Callable[[str], str]) -> None:
    shown = ask("what happens on nov 3")
    # Found, so not framed as a failure: "I couldn't tell which guide … is about" above the one guide with the date.
    assert shown.startswith("That date is in these guides:"), shown
    assert "couldn't tell" not in shown
    assert [line for line in lines_of(shown) if line.startswith("•")] == [f"• {AI_TITLE}"]
    assert "ask again naming the service" in shown


# facts/linkedin.md: LinkedIn's sharing with Microsoft for ads is a separate setting, and the training switch covers
# sharing with Microsoft only for AI training (UK). A question about sharing with Microsoft or LinkedIn's affiliates
# that says nothing about AI gets "no guide for that yet", as "... for ads" does, with the training guide offered
# (it says which sharing it covers), never the training guide as if it answered it; unless the member asks whether
# LinkedIn shares with Microsoft at all, which the guide's note answers.
@pytest.mark.parametrize(
    "text",
    [
        "stop linkedin sharing my data with microsoft",
        "stop linkedin from sharing data with microsoft",
        "linkedin share my data with affiliates",
        "does linkedin share my data with microsoft for ads",
    ],
)
def test_sharing_with_microsoft_for_nothing_said_about_ai_has_no_guide_yet(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unknown_service"
    assert answer.unknown_service == "LinkedIn"
    assert answer.closest[:1] == (AI,)
    assert answer.confidence < 0.3


def test_a_member_asking_linkedin_to_stop_sharing_with_microsoft_is_told_there_is_no_guide(
    ask: Callable[[str], str],
) -> None:
    shown = ask("stop linkedin sharing my data with microsoft")
    assert shown.startswith("I have no guide for that yet (LinkedIn).")
    assert f"• {AI_TITLE}" in shown


# Whether opting out deletes anything is what an opt-out guide's "What opting out does not undo" answers.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("does opting out delete my data from linkedin ai", AI),
        ("does opting out of linkedin ai delete my data", AI),
        ("does opting out of linkedin delete my data", AI),
        ("does turning off chatgpt training delete my chats", CHATGPT),
    ],
)
def test_whether_opting_out_deletes_data_gets_the_opt_out_guide(catalog: Catalog, text: str, guide: str) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# Whether opting out deletes anything is what the training guide says first (facts/linkedin.md: switching off stops
# future use and does not undo training that already happened), so the member gets that guide, not "no guide".
def test_a_member_asking_whether_opting_out_deletes_their_data_hears_what_it_does_not_undo(
    ask: Callable[[str], str],
) -> None:
    shown = ask("does opting out delete my data from linkedin ai")
    assert lines_of(shown)[0] == AI_TITLE
    assert "it does not undo training that already happened" in shown
    assert "no guide for that yet" not in shown


# LinkedIn's sharing with Microsoft for ads is a separate setting (facts/linkedin.md, "Do not repeat"): the
# training guide's words "share" and "microsoft" do not make it that guide's question.
@pytest.mark.parametrize(
    "text",
    ["does linkedin share my data with microsoft for ads", "linkedin data sharing with microsoft for advertising"],
)
def test_a_member_asking_about_linkedins_ad_sharing_is_not_given_the_training_guide(
    ask: Callable[[str], str], text: str
) -> None:
    assert lines_of(ask(text))[0] == "I have no guide for that yet (LinkedIn)."


# A training guide's words ("ai", "post") in a question about making something with the service's AI features are
# no question about training on the member's data: the guide is offered, never given.
@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("how do i use linkedin ai to write a post", AI),
        ("write a linkedin post about ai", AI),
    ],
)
def test_making_something_with_a_services_ai_only_offers_the_guide(catalog: Catalog, text: str, offered: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.closest[:1] == (offered,)


# "Keeps crashing" is "still crashes", not a service keeping data: a question about using a service we have guides
# for, with no word about privacy, AI or data, names the service so the member hears that we only do its privacy.
@pytest.mark.parametrize(
    ("text", "service", "offered"),
    [
        ("my zoom keeps crashing", "Zoom", ZOOM),
        ("zoom keeps freezing", "Zoom", ZOOM),
        ("linkedin keeps asking me to verify", "LinkedIn", AI),
        ("how do I change my profile photo on LinkedIn", "LinkedIn", AI),
        ("is reddit down", "Reddit", REDDIT),
        ("record a meeting on zoom", "Zoom", ZOOM),
        ("how do I post a video on instagram", "Instagram", META),
    ],
)
def test_a_question_about_using_a_service_names_it_as_off_topic(
    catalog: Catalog, text: str, service: str, offered: str
) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "unclear"
    assert answer.unknown_service is None
    assert answer.off_topic == service
    assert answer.closest[0] == offered
    first = catalog.get(offered)
    assert first is not None
    assert all(guide.service == first.service for guide_id in answer.closest if (guide := catalog.get(guide_id)))


# A service is named as the member named it where its guide's title does ("Object to Meta AI training on Facebook
# and Instagram"): never "Meta" to someone who asked about Instagram. A name the title does not spell ("insta"),
# or two names of one service, get the service's own name.
@pytest.mark.parametrize(
    ("text", "called"),
    [
        ("how do I post a video on instagram", "Instagram"),
        ("instagarm keeps crashing", "Instagram"),
        ("how can I post a photo on facebook", "Facebook"),
        ("how do i change my openai password", "OpenAI"),
        ("insta reels not loading", "Meta"),
        ("my facebook and instagram keep crashing", "Meta"),
        ("wordpress keeps crashing", "WordPress.com"),  # "WordPress" in the title is part of "WordPress.com"
        ("linked in keeps asking me to verify", "LinkedIn"),
    ],
)
def test_a_service_is_called_what_the_member_called_it_where_its_guide_does(
    catalog: Catalog, text: str, called: str
) -> None:
    assert interpret(text, catalog=catalog).off_topic == called


def test_a_member_asking_how_to_post_on_instagram_hears_about_instagram_not_meta(ask: Callable[[str], str]) -> None:
    shown = ask("how do I post a video on instagram")
    assert "For Instagram, I only help with privacy settings." in shown
    assert "settings for Meta" not in shown
    assert "I have no guide for that yet (Instagram)." in ask("delete my instagram account")


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("does linkedin keep tracking me", "LinkedIn"),  # "tracking" is a privacy word either way
        ("does chatgpt keep everything i type", "ChatGPT"),
        ("keep my zoom meetings private", "Zoom"),
    ],
)
def test_keeping_data_is_still_a_privacy_question(catalog: Catalog, text: str, service: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "unknown_service"
    assert answer.unknown_service == service
    assert answer.off_topic is None


@pytest.mark.parametrize(
    "text", ["linkedin privacy zzyzx", "does linkedin use my zzyzx", "linkedin ai", "linkedin", "zzyzx", "hi"]
)
def test_a_question_about_privacy_or_naming_no_service_is_not_off_topic(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).off_topic is None


def test_a_member_whose_zoom_crashes_hears_the_bot_only_does_zoom_privacy(ask: Callable[[str], str]) -> None:
    shown = ask("my zoom keeps crashing")
    assert lines_of(shown)[0] == (
        "I couldn't tell which guide “my zoom keeps crashing” is about. For Zoom, I only help with privacy settings."
    )
    assert "no guide for that yet" not in shown and "add a guide" not in shown
    assert "• Zoom: nothing to turn off for AI training" in shown
    assert "Gemini" not in shown


# A member who named the service is not asked to name it again; one who named none still is.
@pytest.mark.parametrize(
    "text",
    [
        "my zoom keeps crashing",
        "how do I post a video on instagram",
        "copy a post on linkedin",
        "linkedin zzyzx",
        "Wie ändere ich mein Profilbild bei LinkedIn?",
    ],
)
def test_a_member_who_named_the_service_is_not_asked_to_name_it(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert "Is it one of these?" in shown
    assert "naming the service" not in shown
    assert "Not these? Ask me for `help` to see every guide I have." in shown


def test_a_member_who_named_no_service_may_still_name_one(ask: Callable[[str], str]) -> None:
    shown = ask("how do I opt out of AI training?")
    assert shown.startswith("Which service?")
    assert "ask again naming the service" in shown


# Whether LinkedIn trains on messages is what the training guide's notes answer (press reports: private messages
# are not used; the European notice lists group messages): the member gets that guide, not "no guide for that yet".
@pytest.mark.parametrize(
    "text",
    [
        "does linkedin use my private messages for ai",
        "does linkedin train on my messages",
        "is linkedin training ai on my dms",
    ],
)
def test_a_member_asking_whether_linkedin_trains_on_messages_gets_the_training_guide(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert lines_of(shown)[0] == AI_TITLE
    assert "no guide for that yet" not in shown
    # The answer itself says what is known, not only "More details" (facts/linkedin.md: private messages reported
    # left out, group messages listed by the European notice).
    assert "private messages" in shown and "group messages" in shown


# When LinkedIn's training started and whether opting out undoes it are answered by the training guide's dates,
# notes and not_undone (facts/linkedin.md), so the member gets that guide, not a list to choose from.
@pytest.mark.parametrize(
    "text",
    [
        "when does linkedin start using my data for ai in the eu",
        "when did linkedin start training ai on my data",
        "does opting out undo past training on linkedin",
        "is the linkedin ai opt out retroactive",
    ],
)
def test_when_linkedin_started_and_whether_opting_out_undoes_it_get_the_training_guide(
    catalog: Catalog, text: str
) -> None:
    answer = interpret(text, catalog=catalog)
    assert (answer.guide_id, answer.platform) == (AI, None)
    assert answer.confidence >= 0.75


# A privacy question about a service we have guides for, that none of them answers, is offered that service's
# guides only: "keep" is a word of Gemini's guide, "message" of Slack's, "object" of Meta's, but the member asked
# about LinkedIn.
@pytest.mark.parametrize(
    "text",
    [
        "does linkedin keep my posts",
        "does linkedin save my posts",
        "does linkedin read my messages",
        "linkedin object form",
    ],
)
def test_a_question_about_linkedin_without_a_guide_offers_only_linkedins_guides(
    ask: Callable[[str], str], catalog: Catalog, text: str
) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "unknown_service"
    assert answer.closest and all(guide_id.startswith("linkedin-") for guide_id in answer.closest)
    shown = ask(text)
    assert "I have no guide for that yet (LinkedIn)." in shown
    assert not any(service in shown for service in ("Gemini", "Slack's", "Meta", "Adobe"))


# Questions whose answer is in a guide, though they used a word the guide did not list: the guide is the answer.
@pytest.mark.parametrize(
    ("text", "guide"),
    [
        ("facebook ai opt out usa", META),  # the guide says no equivalent mechanism is reported in the US
        ("can I object to meta ai in america", META),
        ("gemini activity delete", GEMINI),  # "Turn off and delete activity" is one of its steps
        ("how do I delete my gemini activity", GEMINI),
        ("does grammarly use my documents for ai", GRAMMARLY),
    ],
)
def test_a_question_the_guide_answers_gets_the_guide(
    ask: Callable[[str], str], catalog: Catalog, text: str, guide: str
) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide
    guide_obj = catalog.get(guide)
    assert guide_obj is not None
    assert lines_of(ask(text))[0] == guide_obj.title


def test_deleting_linkedin_data_is_still_a_privacy_question(catalog: Catalog) -> None:
    answer = interpret("delete my linkedin data", catalog=catalog)
    assert answer.intent == "unknown_service"
    assert answer.unknown_service == "LinkedIn"


# -- What a member sees, through the real commands and views (as `privacy-bot ask` prints a direct message) --


def lines_of(shown: str) -> list[str]:
    return [line for line in shown.splitlines() if line.strip()]


FULL_HELP = "Guides I have"
AI_TITLE = "Stop LinkedIn using your data to train generative AI"
DOWNLOAD_TITLE = "Get a copy of your LinkedIn data"


# A slip in a topic word, as in a service's name, still means the word: words of six letters or more,
# one slip (two from eight letters on; a swap of two letters is one), the same first letter.
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("how do i opt out of linkedin ai trainign", "how do i opt out of linkedin ai training"),
        ("linkedin ai traning", "linkedin ai training"),
        ("linkedin ai trainning", "linkedin ai training"),  # "train" never doubles its n: a slip, not a form of it
        ("opt out of linkedin ai trianing", "opt out of linkedin ai training"),
        ("linkedin genrative ai", "linkedin generative ai"),
        (
            "stop linkedin using my data for artifical intelligence",
            "stop linkedin using my data for artificial intelligence",
        ),
        ("dowload my linkedin data", "download my linkedin data"),
        ("turn off gemini activty", "turn off gemini activity"),
        ("how do I opt out of ai trainign", "how do I opt out of ai training"),
    ],
)
def test_a_typo_in_a_topic_word_reads_as_the_word(catalog: Catalog, typed: str, meant: str) -> None:
    assert interpret(typed, catalog=catalog) == interpret(meant, catalog=catalog)


def test_the_typo_from_the_newcomer_gets_the_training_guide(catalog: Catalog) -> None:
    assert interpret("how do i opt out of linkedin ai trainign", catalog=catalog).guide_id == AI


# Short words are left as typed: "trian" could be anything, and "al" a slip of "ai" or a name. ("ia" is read as
# "ai", but as the French and Spanish for it, not as a slip: see the questions in German and French below.)
@pytest.mark.parametrize("text", ["linkedin ai trian", "linkedin al trainin", "linkedin ai modle"])
def test_a_short_word_is_never_read_as_a_typo(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


# Everyday words one slip away from a topic word are what they say: "context" is not "content", "remote" not
# "remove"; nor is a form of a word we know ("trainer" is not "trained").
@pytest.mark.parametrize("text", ["linkedin context", "linkedin contest", "linkedin remote jobs", "linkedin trainer"])
def test_an_everyday_word_near_a_topic_word_is_read_as_typed(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"


# A question naming a service we have guides for, that we cannot tell the guide of, offers that service's
# guides (LinkedIn has two), never all of them and never another service's.
@pytest.mark.parametrize(
    "text",
    [
        "Wie ändere ich mein Profilbild bei LinkedIn?",
        "Comment changer ma photo de profil sur LinkedIn ?",
        "how do I change my profile photo on LinkedIn",
        "linkedin job search tips",
    ],
)
def test_an_unclear_question_naming_a_service_offers_only_its_guides(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.intent == "unclear"
    assert sorted(answer.closest) == sorted([AI, DOWNLOAD])


# The common German and French words for the training switch count as the English words they translate (the
# guide itself stays in English). They used to leave only LinkedIn's two guides to pick from.
@pytest.mark.parametrize(
    ("text", "guide"),
    [("meine LinkedIn-Daten herunterladen", DOWNLOAD), ("télécharger mes données linkedin", DOWNLOAD)],
)
def test_a_download_question_in_german_or_french_gets_the_download_guide(
    catalog: Catalog, text: str, guide: str
) -> None:
    assert interpret(text, catalog=catalog).guide_id == guide


# Only the table's words are read: other German and French matches nothing, and a translated word alone does not
# choose a guide without a service, as its English would not.
@pytest.mark.parametrize(
    "text",
    [
        "Wie ist das Wetter heute?",
        "Ich gehe heute zum Training",
        "Où est la réunion de demain ?",
        "Meine Daten sind weg",
        "Comment ça va ?",
        "die KI ist toll",
        "désactiver l'IA",
        "Datenschutz",
    ],
)
def test_other_german_and_french_matches_no_guide(catalog: Catalog, text: str) -> None:
    assert interpret(text, catalog=catalog).guide_id is None


def test_a_member_who_mistypes_training_gets_the_guide(ask: Callable[[str], str]) -> None:
    shown = ask("how do i opt out of linkedin ai trainign")
    assert shown.startswith(AI_TITLE)
    assert "couldn't tell" not in shown


@pytest.mark.parametrize(
    "text",
    ["Wie deaktiviere ich das KI-Training bei LinkedIn?", "Comment désactiver l'entraînement de l'IA sur LinkedIn ?"],
)
def test_a_member_asking_in_another_language_gets_the_training_guide_in_english(
    ask: Callable[[str], str], text: str
) -> None:
    shown = ask(text)
    assert shown.startswith(AI_TITLE)
    assert "couldn't tell" not in shown


def test_a_member_asking_something_else_in_another_language_is_offered_linkedins_guides_only(
    ask: Callable[[str], str],
) -> None:
    shown = ask("Wie ändere ich mein Profilbild bei LinkedIn?")
    assert "Is it one of these?" in shown
    assert "For LinkedIn, I only help with privacy settings" in shown
    assert AI_TITLE in shown and DOWNLOAD_TITLE in shown
    assert "Adobe" not in shown and "Zoom" not in shown  # not the whole catalogue
    assert len(lines_of(shown)) <= 6


# -- Follow-ups: a thanks, or a platform named alone, after an answer --

THANKS = ["thanks!", "thank you", "ok", "great", "Thanks a lot :pray:", "thank you so much", "cheers", "perfect, thx"]
PLATFORMS_ALONE = [
    ("iphone", "ios"),
    ("desktop", "desktop"),
    ("on android", "android"),
    ("what about on my iphone?", "ios"),
    ("and on the app?", "mobile"),
]


@pytest.mark.parametrize("text", THANKS)
def test_thanks_is_answered_in_a_line_not_with_the_help(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.reply == "thanks"


@pytest.mark.parametrize(("text", "platform"), PLATFORMS_ALONE)
def test_a_platform_named_alone_asks_which_service(catalog: Catalog, text: str, platform: Platform) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.guide_id is None
    assert answer.reply == "which_service"
    assert answer.platform == platform


# Greetings and asking for help still get the help: what the bot does, its commands and every guide.
@pytest.mark.parametrize(
    "text", ["", "help", "hi", "help me", "what can you do?", "good morning!", "help on iphone", "is it ok?"]
)
def test_greetings_and_asking_for_help_still_get_the_help(catalog: Catalog, text: str) -> None:
    answer = interpret(text, catalog=catalog)
    assert answer.intent == "help"
    assert answer.reply is None


def test_thanks_for_the_help_is_a_thanks(catalog: Catalog) -> None:
    assert interpret("thanks for your help!", catalog=catalog).reply == "thanks"
    assert interpret("thanks, help me with chatgpt", catalog=catalog).reply is None


@pytest.fixture
def answering(catalog: Catalog) -> Answering:
    engine = make_engine("sqlite://")
    return Answering(
        catalog=catalog,
        store=Store(engine),
        ledger=DeliveryLedger(engine),
        clock=lambda: datetime(2026, 12, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize("text", THANKS)
def test_the_line_for_a_thanks_is_friendly_and_short(answering: Answering, text: str) -> None:
    line = answering.short_reply(answering.answer(text=text), command="/privacy")
    assert line is not None
    assert "welcome" in line
    assert "\n" not in line and len(line) < 120


@pytest.mark.parametrize(("text", "example"), [("iphone", "iphone"), ("on android", "android"), ("desktop", "desktop")])
def test_the_line_for_a_platform_alone_asks_which_service_with_an_example(
    answering: Answering, text: str, example: str
) -> None:
    line = answering.short_reply(answering.answer(text=text), command="/privacy")
    assert line is not None
    assert "Which service" in line
    assert f"`/privacy linkedin {example}`" in line
    assert "\n" not in line


@pytest.mark.parametrize("text", ["help", "hi", "linkedin", "what's for lunch"])
def test_there_is_no_short_line_for_the_help_a_guide_or_an_unclear_question(answering: Answering, text: str) -> None:
    assert answering.short_reply(answering.answer(text=text), command="/privacy") is None


@pytest.mark.parametrize("text", ["thanks!", "thank you", "ok", "great"])
def test_a_member_who_says_thanks_gets_one_line(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert FULL_HELP not in shown
    assert len(lines_of(shown)) == 1


@pytest.mark.parametrize(
    ("text", "example"),
    [("iphone", "iphone"), ("desktop", "desktop"), ("what about on my iphone?", "iphone"), ("on android", "android")],
)
def test_a_member_naming_only_a_platform_is_asked_which_service(
    ask: Callable[[str], str], text: str, example: str
) -> None:
    shown = ask(text)
    assert FULL_HELP not in shown
    assert f"/privacy linkedin {example}" in shown
    assert len(lines_of(shown)) <= 2


# In Slack the guides are listed once, as buttons (tests/slack/test_conversation.py); `ask`, which prints no
# buttons, still lists them, each once.
def test_an_unmatched_question_lists_each_guide_once(ask: Callable[[str], str], catalog: Catalog) -> None:
    shown = ask("how do i opt out")
    assert "Pick one, or ask again naming the service:" in shown
    assert [guide.title for guide in catalog if shown.count(guide.title) != 1] == []
    assert f"• {AI_TITLE}" in shown


@pytest.mark.parametrize("text", ["", "help", "guides", "list", "hi"])
def test_asking_for_help_or_the_guides_still_shows_every_guide(ask: Callable[[str], str], text: str) -> None:
    shown = ask(text)
    assert FULL_HELP in shown
    assert AI_TITLE in shown and "Zoom: nothing to turn off" in shown


# Questions a busy member types, with the answer each should get: the misses once reported (the first rows), then
# phrasings written to find more (typos, lower case, dates, devices by model, other services). Every row must hold.
EVERYDAY_QUESTIONS: list[tuple[str, str | None, Platform | None]] = [
    # "undo" beside something the member does is the service's undo button, not undoing past training
    ("slack undo send", None, None),
    ("how do i undo send in slack", None, None),
    ("linkedin undo post", None, None),
    ("how do I unsend a message in slack", None, None),
    ("slack edit message", None, None),
    # what the member uploaded is whose data, in a privacy question; uploading is no privacy question
    ("can slack train on my uploaded files", SLACK, None),
    ("uploaded files", None, None),  # no service and no privacy word: which service?
    ("does slack use my files to train ai", SLACK, None),
    ("does slack train on our dms and files", SLACK, None),
    ("does chatgpt train on files i upload", CHATGPT, None),
    ("does chat gpt use my uploads for training", CHATGPT, None),
    ("chat gpt trainng on my files", CHATGPT, None),
    ("stop openai training on my pdfs", CHATGPT, None),
    ("can claude train on my uploaded documents", CLAUDE, None),
    ("does claude use my uploaded pdfs for training", CLAUDE, None),
    ("does gemini keep my uploaded files", GEMINI, None),
    ("does copilot train on my files", COPILOT, None),
    ("does grammarly train ai on my docs", GRAMMARLY, None),
    ("can grammarly use my docs to train ai", GRAMMARLY, None),
    ("can adobe train ai on my files", ADOBE, None),
    ("does linkedin train on my uploaded cv", AI, None),
    ("how do i upload a file to slack", None, None),
    ("how do i share a file on slack", None, None),
    # how long something takes is what the guide says (the archive within 24 hours; Slack's reply), never a guess
    ("how long does the linkedin export take", DOWNLOAD, None),
    ("how long does the linkedin data download take", DOWNLOAD, None),
    ("how long does it take to get my linkedin data", DOWNLOAD, None),
    ("how long till the linkedin archive arrives", DOWNLOAD, None),
    ("how long does it take for linkedin to send the archive", DOWNLOAD, None),
    ("when will i get my linkedin data", DOWNLOAD, None),
    ("how long does linkedin take to stop using my data after i opt out", AI, None),
    ("how long does it take to opt slack out", SLACK, None),
    ("how long does it take for the meta objection to go through", META, None),
    ("how long does a linkedin post take to show up", None, None),
    ("how long does zoom take to load", None, None),
    # devices, by model too
    ("how do i turn off linkedin ai on my iphone", AI, "ios"),
    ("linkedin ai on my ipad pro", AI, "ios"),
    ("how to opt out of linkedin ai training on iphone 15", AI, "ios"),
    ("linkedin ai trainig opt out android", AI, "android"),
    ("im on android how do i stop linkedin ai", AI, "android"),
    ("linkedn data export on my phone", DOWNLOAD, "mobile"),
    ("how to stop chatgpt from training on my chats android", CHATGPT, "android"),
    ("turn off training in chatgpt settings on my pixel", CHATGPT, "android"),
    ("how do I stop Claude using my chats, I'm on the iPhone app", CLAUDE, "ios"),
    ("gemini app activity off on my galaxy", GEMINI, "android"),
    ("copilot voice training off on iphone", COPILOT, "ios"),
    ("grammerly ai training on my mac", GRAMMARLY, "desktop"),
    ("how do i object to meta ai on instagram android", META, "android"),
    ("insta ai opt out iphone", META, "ios"),
    ("does x train grok on my tweets android", GROK, "android"),
    ("turn off grok on twitter app", GROK, "mobile"),
    ("stop x from using my posts to train grok on iphone", GROK, "ios"),
    ("pinterest ai on my pins iphone", PINTEREST, "ios"),
    ("opt out of pinterest canvas on android", PINTEREST, "android"),
    ("pinterest training ai on my photos on android", PINTEREST, "android"),
    ("tumblr ai opt out on my phone", TUMBLR, "mobile"),
    ("substack ai training on my posts on my iphone", SUBSTACK, "ios"),
    ("medium ai training opt out on my laptop", MEDIUM, "desktop"),
    # dates and deadlines
    ("when does linkedin start using my data for ai", AI, None),
    ("is the nov 3 linkedin change about ai", AI, None),
    ("linkedin opt out before nov 3?", AI, None),
    ("whats happening with linkedin on nov 3rd", AI, None),
    ("linkedin ai training eu nov 3 2025", AI, None),
    ("is it too late to opt out of linkedin ai", AI, None),
    ("when is the linkedin ai deadline", AI, None),
    ("linkedin ai opt out deadline?", AI, None),
    ("did i miss the linkedin deadline", AI, None),
    ("whens the claude deadline", CLAUDE, None),
    ("what happened on aug 28 with claude", CLAUDE, None),
    ("meta ai deadline may 27", META, None),
    ("can i still object to meta ai after may 27", META, None),
    # other services, and what members have there
    ("does linkedin train ai on my resume", AI, None),
    ("does the linkedin ai thing apply in germany", AI, None),
    ("claude trainng opt out", CLAUDE, None),
    ("does copilot use my voice chats for training", COPILOT, None),
    ("does zoom ai companion train on my meetings", ZOOM, None),
    ("zoom ai training on recordings", ZOOM, None),
    ("does zoom use my call recordings for ai", ZOOM, None),
    ("does zoom train on my meeting transcripts", ZOOM, None),
    ("reddit selling my comments to ai", REDDIT, None),
    ("does reddit license my posts for ai training", REDDIT, None),
    ("substack ai scraping my newsletter", SUBSTACK, None),
    ("stop tumblr sharing my blog with ai", TUMBLR, None),
    ("wordpres ai sharing", WORDPRESS, None),
    ("tiktok ai training", None, None),
    ("youtube ai training on my videos", None, None),
]


def test_everyday_questions_get_the_right_answer(catalog: Catalog) -> None:
    """Guide and platform together, a guide surely and no guide unsurely; the misses are printed."""
    misses = []
    for text, guide, platform in EVERYDAY_QUESTIONS:
        answer = interpret(text, catalog=catalog)
        sure = answer.confidence >= 0.4 if guide is not None else answer.confidence < 0.3
        if (answer.guide_id, answer.platform) != (guide, platform) or not sure:
            misses.append(f"  {text!r}: got {answer.guide_id}/{answer.platform} ({answer.confidence}), want {guide}")
    print(f"everyday questions: {len(EVERYDAY_QUESTIONS) - len(misses)}/{len(EVERYDAY_QUESTIONS)} right")
    print("\n".join(misses))
    assert len(EVERYDAY_QUESTIONS) >= 80
    assert misses == []


def test_a_member_asking_about_slacks_undo_send_hears_the_bot_only_does_slack_privacy(
    ask: Callable[[str], str], catalog: Catalog
) -> None:
    answer = interpret("slack undo send", catalog=catalog)
    assert answer.off_topic == "Slack" and answer.closest[:1] == (SLACK,)
    shown = ask("slack undo send")
    assert "For Slack, I only help with privacy settings." in shown
    assert "Is it one of these?" in shown


def test_a_member_asking_how_long_the_linkedin_export_takes_gets_the_guide_that_says(
    ask: Callable[[str], str],
) -> None:
    shown = ask("how long does the linkedin export take")
    assert shown.startswith("Get a copy of your LinkedIn data")
    assert "the full archive within 24 hours" in shown


@pytest.mark.parametrize("text", ["stop google ai training", "google ai opt out", "does google train ai on my chats"])
def test_google_by_its_own_name_finds_the_gemini_guide(catalog: Catalog, text: str) -> None:
    # It was "no guide for that yet (Google)" with five other services' guides, never Gemini's.
    assert interpret(text, catalog=catalog).guide_id == GEMINI
