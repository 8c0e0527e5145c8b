"""Block Kit limits as Slack enforces them server-side, so a bug surfaces in a test, not in a workspace.

`slack_sdk.models` checks many of these on `to_dict()`, but not all (50 blocks per message, section
field length, duplicate block ids), and a hand-built dict skips them entirely. Each checker returns
Slack-style messages (`[ERROR] … [json-pointer:/blocks/0/text/text]`); an empty list means valid.
"""

from __future__ import annotations

from typing import Any

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_MESSAGE_TEXT = 40_000
MAX_SECTION_TEXT = 3000
MAX_SECTION_FIELDS = 10
MAX_FIELD_TEXT = 2000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_URL = 3000
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_ID = 255
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_VIEW_TITLE = 24
MAX_PRIVATE_METADATA = 3000

KNOWN_BLOCKS = frozenset(
    {"section", "header", "divider", "context", "actions", "image", "input", "rich_text", "video", "file", "markdown"}
)


def _err(message: str, pointer: str) -> str:
    return f"[ERROR] {message} [json-pointer:{pointer}]"


def check_text(obj: Any, pointer: str, *, max_len: int, plain_only: bool = False) -> list[str]:
    """A composition text object: `{"type": "plain_text"|"mrkdwn", "text": ...}`."""
    if not isinstance(obj, dict):
        return [_err("must be a text object", pointer)]
    kind = obj.get("type")
    allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    if kind not in allowed:
        return [_err(f"must be one of {', '.join(allowed)}", f"{pointer}/type")]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [_err("must be more than 0 characters", f"{pointer}/text")]
    if len(text) > max_len:
        return [_err(f"must be less than {max_len + 1} characters", f"{pointer}/text")]
    return []


def _check_len(value: Any, pointer: str, max_len: int) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str) or len(value) > max_len:
        return [_err(f"must be a string of at most {max_len} characters", pointer)]
    return []


def check_element(element: Any, pointer: str) -> list[str]:
    """An interactive element (button, select, overflow …) or an image element."""
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [_err("must be an element object", pointer)]
    kind = element["type"]
    errors = _check_len(element.get("action_id"), f"{pointer}/action_id", MAX_ID)
    if kind == "button":
        errors += check_text(element.get("text"), f"{pointer}/text", max_len=MAX_BUTTON_TEXT, plain_only=True)
        errors += _check_len(element.get("value"), f"{pointer}/value", MAX_BUTTON_VALUE)
        errors += _check_len(element.get("url"), f"{pointer}/url", MAX_URL)
        if element.get("style") not in (None, "primary", "danger"):
            errors.append(_err("must be one of primary, danger", f"{pointer}/style"))
    elif kind == "image":
        if not element.get("image_url") and not element.get("slack_file"):
            errors.append(_err("must provide image_url or slack_file", pointer))
        errors += _check_len(element.get("alt_text"), f"{pointer}/alt_text", MAX_FIELD_TEXT)
    elif kind in ("static_select", "multi_static_select", "overflow", "radio_buttons", "checkboxes"):
        options = element.get("options")
        lowest = 2 if kind == "overflow" else 1
        highest = 5 if kind == "overflow" else MAX_OPTIONS
        if not isinstance(options, list) and "option_groups" not in element:
            errors.append(_err("must provide options", f"{pointer}/options"))
        elif isinstance(options, list):
            if not lowest <= len(options) <= highest:
                errors.append(_err(f"must have {lowest} to {highest} items", f"{pointer}/options"))
            for i, option in enumerate(options):
                at = f"{pointer}/options/{i}"
                text = option.get("text") if isinstance(option, dict) else None
                errors += check_text(text, f"{at}/text", max_len=MAX_OPTION_TEXT)
                errors += _check_len(option.get("value") if isinstance(option, dict) else None, f"{at}/value", 150)
    return errors


def _check_section(block: dict[str, Any], at: str) -> list[str]:
    if "text" not in block and "fields" not in block:
        return [_err("must provide either text or fields", at)]
    errors: list[str] = []
    if "text" in block:
        errors += check_text(block["text"], f"{at}/text", max_len=MAX_SECTION_TEXT)
    fields = block.get("fields")
    if fields is not None:
        if not isinstance(fields, list) or not 1 <= len(fields) <= MAX_SECTION_FIELDS:
            errors.append(_err(f"must have 1 to {MAX_SECTION_FIELDS} items", f"{at}/fields"))
        else:
            for i, item in enumerate(fields):
                errors += check_text(item, f"{at}/fields/{i}", max_len=MAX_FIELD_TEXT)
    if "accessory" in block:
        errors += check_element(block["accessory"], f"{at}/accessory")
    return errors


def _check_elements(block: dict[str, Any], at: str, *, limit: int) -> tuple[list[Any], list[str]]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not 1 <= len(elements) <= limit:
        return [], [_err(f"must have 1 to {limit} items", f"{at}/elements")]
    return elements, []


def _check_block(block: Any, at: str) -> list[str]:
    if not isinstance(block, dict) or not isinstance(block.get("type"), str):
        return [_err("must be a block object", at)]
    kind = block["type"]
    errors = _check_len(block.get("block_id"), f"{at}/block_id", MAX_ID)
    if kind not in KNOWN_BLOCKS:
        errors.append(_err(f"unsupported type: {kind}", f"{at}/type"))
    elif kind == "section":
        errors += _check_section(block, at)
    elif kind == "header":
        errors += check_text(block.get("text"), f"{at}/text", max_len=MAX_HEADER_TEXT, plain_only=True)
    elif kind == "context":
        elements, errors_ = _check_elements(block, at, limit=MAX_CONTEXT_ELEMENTS)
        errors += errors_
        for i, element in enumerate(elements):
            where = f"{at}/elements/{i}"
            is_text = isinstance(element, dict) and element.get("type") in ("plain_text", "mrkdwn")
            errors += check_text(element, where, max_len=MAX_SECTION_TEXT) if is_text else check_element(element, where)
    elif kind == "actions":
        elements, errors_ = _check_elements(block, at, limit=MAX_ACTIONS_ELEMENTS)
        errors += errors_
        seen: set[str] = set()
        for i, element in enumerate(elements):
            errors += check_element(element, f"{at}/elements/{i}")
            action_id = element.get("action_id") if isinstance(element, dict) else None
            if isinstance(action_id, str):
                if action_id in seen:
                    errors.append(_err(f"duplicate action_id: {action_id}", f"{at}/elements/{i}/action_id"))
                seen.add(action_id)
    elif kind == "image":
        errors += check_element(block, at)
    elif kind == "input":
        errors += check_text(block.get("label"), f"{at}/label", max_len=MAX_FIELD_TEXT, plain_only=True)
        if not isinstance(block.get("element"), dict):
            errors.append(_err("must provide an element", f"{at}/element"))
    return errors


def check_blocks(blocks: Any, *, max_blocks: int, pointer: str = "/blocks") -> list[str]:
    """Every limit that makes Slack answer `invalid_blocks` for a message (or a view's blocks)."""
    if not isinstance(blocks, list):
        return [_err("must be an array", pointer)]
    if len(blocks) > max_blocks:
        return [_err(f"must be less than {max_blocks + 1} items", pointer)]
    errors: list[str] = []
    seen: set[str] = set()
    for i, block in enumerate(blocks):
        errors += _check_block(block, f"{pointer}/{i}")
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if isinstance(block_id, str):
            if block_id in seen:
                errors.append(_err(f"duplicate block_id: {block_id}", f"{pointer}/{i}/block_id"))
            seen.add(block_id)
    return errors


def check_view(view: Any, *, expect_type: str | None = None) -> list[str]:
    """A home tab or modal view, as `views.publish` / `views.open` validate it."""
    if not isinstance(view, dict):
        return [_err("must be a view object", "/view")]
    kind = view.get("type")
    if kind not in ("home", "modal") or (expect_type is not None and kind != expect_type):
        return [_err(f"must be {expect_type or 'home or modal'}", "/view/type")]
    errors = check_blocks(view.get("blocks"), max_blocks=MAX_VIEW_BLOCKS, pointer="/view/blocks")
    if kind == "modal":
        errors += check_text(view.get("title"), "/view/title", max_len=MAX_VIEW_TITLE, plain_only=True)
    for key in ("submit", "close"):
        if key in view:
            errors += check_text(view[key], f"/view/{key}", max_len=MAX_VIEW_TITLE, plain_only=True)
    errors += _check_len(view.get("private_metadata"), "/view/private_metadata", MAX_PRIVATE_METADATA)
    errors += _check_len(view.get("callback_id"), "/view/callback_id", MAX_ID)
    return errors
