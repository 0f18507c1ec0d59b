"""Text helpers shared by every app that renders what people type."""

import re

# Tags whose content a sanitiser drops whole: left open, they would swallow the rest of a text.
_RAW_TEXT_TAG_RE = re.compile(
    r"<(/?)(script|style|template|textarea|title|xmp|noscript|noembed|noframes|plaintext|iframe)\b",
    re.IGNORECASE,
)


def neutralise_raw_text_tags(text: str) -> str:
    """Show `<style>`, `<script>`… as text instead of letting them hide what follows."""
    return _RAW_TEXT_TAG_RE.sub(r"&lt;\1\2", text or "")
