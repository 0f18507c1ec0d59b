"""Word-level differences between two texts, for the history, diff and conflict views.

Lines are aligned first, then words are compared inside changed lines only: this keeps
the result readable and the cost bounded on long articles. Every piece of text is
HTML-escaped; only our own ``<del>`` and ``<ins>`` tags are markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html import escape

from django.utils.translation import ngettext

# Unchanged runs longer than this are folded, keeping CONTEXT_LINES around the changes.
COLLAPSE_THRESHOLD = 6
CONTEXT_LINES = 2
# Above this many token comparisons (old tokens x new tokens), a changed block is shown as
# whole lines instead of words: difflib is quadratic on repetitive input.
MAX_WORD_COMPARISONS = 400_000
# Budget of word comparisons for a whole diff, after which the rest is line-level only.
MAX_TOTAL_WORD_COMPARISONS = 5_000_000

# A token is a word, a punctuation sign, a newline with the indentation after it, or
# spaces at the very start (group 1: what must match), then the spaces after it (group 2:
# shown, not compared, so that re-spacing a sentence does not mark every word).
_TOKEN_RE = re.compile(r"(\w+|[^\w\s]|\n[^\S\n]*|[^\S\n]+)([^\S\n]*)")
_WORD_RE = re.compile(r"\w+")
_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")
_TRAILING_SPACE_RE = re.compile(r"[^\S\n]*\Z")


@dataclass(frozen=True)
class DiffRow:
    """One row of the side-by-side view; ``kind`` is equal, changed, added, removed or skip."""

    left_html: str
    right_html: str
    kind: str
    left_number: int | None = None
    right_number: int | None = None


@dataclass(frozen=True)
class TextDiff:
    """Both views of one difference, and how many words it adds and removes."""

    inline_html: str
    rows: list[DiffRow] = field(default_factory=list)
    added_words: int = 0
    removed_words: int = 0
    is_identical: bool = False


class _Budget:
    """How many word comparisons are still allowed for this diff."""

    def __init__(self, total: int):
        self.remaining = total

    def allows(self, comparisons: int) -> bool:
        if comparisons > MAX_WORD_COMPARISONS or comparisons > self.remaining:
            return False
        self.remaining -= comparisons
        return True


@dataclass
class _WordDiff:
    inline: str
    left: str
    right: str
    added_words: int
    removed_words: int


def _normalise_newlines(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def _tokens(text: str) -> tuple[list[str], list[str]]:
    """The tokens of a text as shown, and the keys they are compared by."""
    pairs = _TOKEN_RE.findall(text)
    return [key + space for key, space in pairs], [key for key, _space in pairs]


def _count_words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _wrap(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def _split_trailing_space(text: str) -> tuple[str, str]:
    match = _TRAILING_SPACE_RE.search(text)
    return text[: match.start()], text[match.start() :]


def _common_ends(old: list[str], new: list[str]) -> tuple[int, int]:
    """Lengths of the common head and tail of two sequences (not overlapping)."""
    limit = min(len(old), len(new))
    prefix = 0
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, suffix


def _opcodes(
    old: list[str], new: list[str], *, autojunk: bool
) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, after cutting the common head and tail: most edits are local."""
    prefix, suffix = _common_ends(old, new)
    opcodes: list[tuple[str, int, int, int, int]] = []
    if prefix:
        opcodes.append(("equal", 0, prefix, 0, prefix))
    old_middle = old[prefix : len(old) - suffix]
    new_middle = new[prefix : len(new) - suffix]
    if old_middle or new_middle:
        matcher = SequenceMatcher(None, old_middle, new_middle, autojunk=autojunk)
        for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
            opcodes.append(
                (
                    operation,
                    old_start + prefix,
                    old_end + prefix,
                    new_start + prefix,
                    new_end + prefix,
                )
            )
    if suffix:
        opcodes.append(("equal", len(old) - suffix, len(old), len(new) - suffix, len(new)))
    return opcodes


def _whole_texts(old: str, new: str) -> _WordDiff:
    """One text removed, the other added, without comparing their words."""
    deleted = _wrap("del", old)
    inserted = _wrap("ins", new)
    return _WordDiff(
        inline=deleted + inserted,
        left=deleted,
        right=inserted,
        added_words=_count_words(new),
        removed_words=_count_words(old),
    )


def _word_diff(old: str, new: str, *, budget: _Budget) -> _WordDiff:
    """Words removed and added between two short texts; whole texts when over budget."""
    if budget.remaining <= 0 or not old or not new:
        return _whole_texts(old, new)
    old_tokens, old_keys = _tokens(old)
    new_tokens, new_keys = _tokens(new)
    prefix, suffix = _common_ends(old_keys, new_keys)
    comparisons = (len(old_keys) - prefix - suffix) * (len(new_keys) - prefix - suffix)
    if not budget.allows(comparisons):
        return _whole_texts(old, new)

    # Frequent words ("de", ",") must stay usable as anchors, hence no autojunk here.
    opcodes = _opcodes(old_keys, new_keys, autojunk=False)
    inline, left, right = [], [], []
    added = removed = 0
    for operation, old_start, old_end, new_start, new_end in opcodes:
        old_text = "".join(old_tokens[old_start:old_end])
        new_text = "".join(new_tokens[new_start:new_end])
        if operation == "equal":
            inline.append(escape(new_text))
            left.append(escape(old_text))
            right.append(escape(new_text))
            continue
        removed += _count_words(old_text)
        added += _count_words(new_text)
        if operation == "delete":
            inline.append(_wrap("del", old_text))
            left.append(_wrap("del", old_text))
        elif operation == "insert":
            inline.append(_wrap("ins", new_text))
            right.append(_wrap("ins", new_text))
        else:
            # Spaces after a replaced word stay outside the marks: « <del>a</del><ins>b</ins> ».
            old_core, old_space = _split_trailing_space(old_text)
            new_core, new_space = _split_trailing_space(new_text)
            inline.append(_wrap("del", old_core) + _wrap("ins", new_core) + escape(new_space))
            left.append(_wrap("del", old_core) + escape(old_space))
            right.append(_wrap("ins", new_core) + escape(new_space))
    return _WordDiff(
        inline="".join(inline),
        left="".join(left),
        right="".join(right),
        added_words=added,
        removed_words=removed,
    )


def _skip_row(count: int) -> DiffRow:
    text = escape(
        ngettext("… %(count)s ligne identique …", "… %(count)s lignes identiques …", count)
        % {"count": count}
    )
    return DiffRow(left_html=text, right_html=text, kind="skip")


def _equal_rows(
    lines: list[str],
    *,
    old_start: int,
    new_start: int,
    is_first: bool,
    is_last: bool,
) -> list[DiffRow]:
    def row(offset: int) -> DiffRow:
        text = escape(lines[offset].rstrip("\n"))
        return DiffRow(
            left_html=text,
            right_html=text,
            kind="equal",
            left_number=old_start + offset + 1,
            right_number=new_start + offset + 1,
        )

    count = len(lines)
    if count <= COLLAPSE_THRESHOLD:
        return [row(offset) for offset in range(count)]
    head = 0 if is_first else CONTEXT_LINES
    tail = 0 if is_last else CONTEXT_LINES
    rows = [row(offset) for offset in range(head)]
    rows.append(_skip_row(count - head - tail))
    rows.extend(row(offset) for offset in range(count - tail, count))
    return rows


def _changed_rows(
    old_lines: list[str],
    new_lines: list[str],
    *,
    old_start: int,
    new_start: int,
    budget: _Budget,
) -> list[DiffRow]:
    """Pairs the lines of a changed block in order; the extra ones are added or removed."""
    rows = []
    for offset in range(max(len(old_lines), len(new_lines))):
        old_line = old_lines[offset].rstrip("\n") if offset < len(old_lines) else None
        new_line = new_lines[offset].rstrip("\n") if offset < len(new_lines) else None
        if old_line is not None and new_line is not None:
            pair = _word_diff(old_line, new_line, budget=budget)
            rows.append(
                DiffRow(
                    left_html=pair.left,
                    right_html=pair.right,
                    kind="changed",
                    left_number=old_start + offset + 1,
                    right_number=new_start + offset + 1,
                )
            )
        elif old_line is not None:
            rows.append(
                DiffRow(
                    left_html=_wrap("del", old_line),
                    right_html="",
                    kind="removed",
                    left_number=old_start + offset + 1,
                )
            )
        else:
            rows.append(
                DiffRow(
                    left_html="",
                    right_html=_wrap("ins", new_line or ""),
                    kind="added",
                    right_number=new_start + offset + 1,
                )
            )
    return rows


def diff_texts(old: str, new: str) -> TextDiff:
    """The difference between two versions of a text, inline and side by side."""
    old = _normalise_newlines(old)
    new = _normalise_newlines(new)
    old_lines = _LINE_RE.findall(old)
    new_lines = _LINE_RE.findall(new)
    # The side-by-side view compares lines without their newline, so a last line with or
    # without one is the same line there.
    old_keys = [line.rstrip("\n") for line in old_lines]
    new_keys = [line.rstrip("\n") for line in new_lines]
    # difflib's "popular line" heuristic stays on: without it, blank lines (a third of an
    # article) make the alignment quadratic. Matches still extend across them.
    opcodes = _opcodes(old_keys, new_keys, autojunk=True)
    budget = _Budget(MAX_TOTAL_WORD_COMPARISONS)

    inline: list[str] = []
    rows: list[DiffRow] = []
    added = removed = 0
    for index, (operation, old_start, old_end, new_start, new_end) in enumerate(opcodes):
        old_block = old_lines[old_start:old_end]
        new_block = new_lines[new_start:new_end]
        if operation == "equal":
            inline.append(escape("".join(new_block)))
            rows.extend(
                _equal_rows(
                    new_block,
                    old_start=old_start,
                    new_start=new_start,
                    is_first=index == 0,
                    is_last=index == len(opcodes) - 1,
                )
            )
            continue
        block = _word_diff("".join(old_block), "".join(new_block), budget=budget)
        inline.append(block.inline)
        added += block.added_words
        removed += block.removed_words
        rows.extend(
            _changed_rows(
                old_block, new_block, old_start=old_start, new_start=new_start, budget=budget
            )
        )

    return TextDiff(
        inline_html="".join(inline),
        rows=rows,
        added_words=added,
        removed_words=removed,
        is_identical=old == new,
    )
