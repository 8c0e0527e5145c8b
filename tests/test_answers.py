from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers import Answer, Platform, detect_platform, interpret
from bot.guides import Catalog, load_catalog

AI = "linkedin-ai-training"
DOWNLOAD = "linkedin-data-download"
CHATGPT = "chatgpt-training"
GROK = "x-grok-training"
GEMINI = "gemini-activity"
CLAUDE = "claude-training"
META = "meta-ai-objection"
GRAMMARLY = "grammarly-training"
SLACK = "slack-training"

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
    ("download linkedin data android", DOWNLOAD, "android"),
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
    # services we deliberately have no guide for
    ("copilot ai training", None, None),
    ("reddit ai training", None, None),
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
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def ids(row: tuple[str, str | None, Platform | None]) -> str:
    return row[0] or "<empty>"


@pytest.mark.parametrize(("text", "guide", "platform"), PHRASINGS, ids=[ids(row) for row in PHRASINGS])
def test_phrasing(catalog: Catalog, text: str, guide: str | None, platform: Platform | None) -> None:
    answer = interpret(text, catalog=catalog)
    assert (answer.guide_id, answer.platform) == (guide, platform)
    if guide is None:
        assert answer.confidence < 0.3
    else:
        assert answer.confidence >= 0.4


def test_accuracy_over_the_table(catalog: Catalog) -> None:
    correct = 0
    for text, guide, platform in PHRASINGS:
        answer = interpret(text, catalog=catalog)
        correct += (answer.guide_id, answer.platform) == (guide, platform)
    negatives = sum(guide is None for _text, guide, _platform in PHRASINGS)
    print(f"answers accuracy: {correct}/{len(PHRASINGS)} = {correct / len(PHRASINGS):.1%} ({negatives} negatives)")
    assert len(PHRASINGS) >= 60 and negatives >= 15
    assert correct == len(PHRASINGS)


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
    with pytest.raises(AttributeError):
        answer.confidence = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("on my laptop", "desktop"),
        ("in Chrome, the web browser", "desktop"),
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


def test_a_new_service_needs_only_a_guide_file(tmp_path: Path) -> None:
    (tmp_path / "photos.toml").write_text(
        GUIDE.format(
            id="example-photos-ai",
            service="Snapshare",
            extra="primary = true",
            setting="Improve our models",
            aliases='["ai training"]',
            keywords='["ai", "training", "faces"]',
        )
    )
    (tmp_path / "photos-faces.toml").write_text(
        GUIDE.format(
            id="example-photos-faces",
            service="Snapshare",
            extra='service_aliases = ["snap share"]',
            setting="Face grouping",
            aliases="[]",
            keywords='["face", "grouping"]',
        )
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
