"""Bounded Markdown: what python-markdown may parse, so that no text can hold a CPU.

python-markdown re-scans a paragraph for every candidate inline element: a run of ``[`` that
never closes costs the square of its length (6,000 ``[`` took 15 s), deep lists and quotes
recurse until Python gives up, and other runs of marks (``<a``, ``*_``, backticks, escapes)
grow faster than the text. Rather than trusting the parser, :func:`bound_markdown` looks at
each paragraph in linear time and keeps for python-markdown only what it parses quickly;
every other paragraph is shown as plain text (escaped, line breaks kept), so what people
typed stays readable and nothing in it is interpreted.

A paragraph becomes plain text when it is too long, nests lists or quotes too deeply, leaves
too many ``[`` or ``(`` open, nests brackets too deeply, or holds too many marks; and once the
whole text has spent its budget of marks, later paragraphs with marks are plain text too.
Fenced code blocks are kept as they are (python-markdown reads them in linear time).
"""

from __future__ import annotations

import bisect
import html
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field

# Limits per paragraph (a run of non-blank lines outside fenced code).
MAX_PARAGRAPH_CHARS = 20_000
MAX_NESTING = 12  # lists and quotes, counted per line
MAX_UNCLOSED = 8  # "[" or "(" left open
MAX_BRACKET_DEPTH = 6
MAX_BRACKETS = 4_000  # "[" and "]" (or "(" and ")") in one paragraph
MAX_MARKS = 600  # weighted, see _MARKS
MAX_LINES = 1_000
MAX_FENCES = 1_000  # more fence lines than this: none opens a code block
MAX_SCANS = 100_000  # characters re-read looking for the end of unclosed or nested brackets
# Budgets for the whole text, in units of about 0.03 ms of python-markdown: 8 a paragraph, 2 a
# line, 1 a mark (4 a link) and 1 every 25 characters; once spent, paragraphs are plain text. A long
# article (100 KB of prose in 500 paragraphs with a few hundred links) stays within.
MAX_UNITS_TOTAL = 10_000
PARAGRAPH_UNITS = 8
MAX_SCANS_TOTAL = 200_000

# Characters that start an inline pattern of python-markdown (links, images, emphasis, code,
# raw HTML, entities, escapes, footnotes), and those the sanitiser writes back as entities
# (slowly: ammonia's cost grows with the square of the entities in one text node). Pipes,
# hashes and dashes are block-level and cheap.
# Each with its weight: a link costs the parser several times what an emphasis does.
_MARKS = {"[": 4, "!": 4, "<": 4, "&": 2, "*": 1, "_": 1, "`": 1, "\\": 1, ">": 1, "|": 1}
_MARKS["\u00a0"] = 1
_FENCE_RE = re.compile(r"(`{3,}|~{3,})[ ]*[\w#.+-]*[ ]*")
# List markers, quote marks and indentation at the start of a line: each is one nesting level.
_CONTAINER_RE = re.compile(r"(?:[ ]{0,3}(?:>|[*+-](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*)*+")
_MARKER_RE = re.compile(r">|[*+-](?=[ \t])|\d{1,9}[.)]")
_FENCE_LINE_RE = re.compile(r"^(?:`{3}|~{3})[^\n]*", re.MULTILINE)
_BLANK_LINES_RE = re.compile(r"(\n(?:[ \t]*\n)+)")
_BRACKETS_RE = re.compile(r"[\[\]]")
_PARENS_RE = re.compile(r"[()]")


@dataclass
class BoundedMarkdown:
    """The text python-markdown may parse, and the paragraphs to put back as plain text."""

    text: str
    plain: list[list[str]] = field(default_factory=list)
    token: str = ""

    def marker(self, index: int) -> str:
        return f"kerplain{self.token}n{index}x"

    def restore(self, rendered_html: str) -> str:
        """Puts the plain paragraphs back, escaped, where python-markdown left their markers.

        Call it on sanitised HTML: the paragraphs are escaped here, and the sanitiser would
        spend long on their entities.
        """
        if not self.plain:
            return rendered_html
        pattern = re.compile(rf"(<p>)?kerplain{self.token}n(\d+)x(</p>)?")

        def plain(match: re.Match[str]) -> str:
            escaped = html.escape("\n\n".join(self.plain[int(match.group(2))]), quote=False)
            paragraphs = _BLANK_LINES_RE.sub("\n\n", escaped).strip("\n").split("\n\n")
            if match.group(1):
                return "\n".join(f"<p>{_br(paragraph)}</p>" for paragraph in paragraphs)
            return "<br>\n".join(_br(paragraph) for paragraph in paragraphs)

        return pattern.sub(plain, rendered_html)


def _br(paragraph: str) -> str:
    return paragraph.replace("\n", "<br>\n")


def _unclosed_and_depth(paragraph: str, pattern: re.Pattern[str], opening: str) -> tuple[int, int]:
    """How many brackets stay open (never closed) and how deep they nest, in one pass."""
    depth = deepest = 0
    for match in pattern.finditer(paragraph):
        if match.group(0) == opening:
            depth += 1
            deepest = max(deepest, depth)
        elif depth:
            depth -= 1
    return depth, deepest


def _nesting(line: str) -> int:
    """Lists and quotes a line opens: four columns of indentation or one marker each."""
    indentation = len(line) - len(line.lstrip(" \t"))
    levels = len(line[:indentation].replace("\t", "    ")) // 4
    containers = _CONTAINER_RE.match(line, indentation)
    if containers is not None and containers.group(0):
        levels += len(_MARKER_RE.findall(containers.group(0)))
    return levels


@dataclass(frozen=True)
class _Cost:
    plain: bool
    units: int = 0
    scans: int = 0
    over_budget: bool = False


def _cost(paragraph: str, *, units_left: int) -> _Cost:
    """What python-markdown would spend on one paragraph, or plain if too much.

    ``scans`` counts the characters read again by the parser looking for the end of a link
    that never closes (each unclosed "[" or "(" reads the rest of the paragraph).
    """
    if len(paragraph) > MAX_PARAGRAPH_CHARS:
        return _Cost(plain=True)
    marks = sum(paragraph.count(character) * weight for character, weight in _MARKS.items())
    lines = paragraph.split("\n")
    units = PARAGRAPH_UNITS + marks + 2 * len(lines) + len(paragraph) // 25
    if units > units_left:
        return _Cost(plain=True, over_budget=True)
    if marks > MAX_MARKS or len(lines) > MAX_LINES:
        return _Cost(plain=True)
    if any(_nesting(line) > MAX_NESTING for line in lines):
        return _Cost(plain=True)
    scans = 0
    for opening, closing, pattern in (("[", "]", _BRACKETS_RE), ("(", ")", _PARENS_RE)):
        openings = paragraph.count(opening)
        if not openings:
            continue
        if openings + paragraph.count(closing) > MAX_BRACKETS:
            return _Cost(plain=True)
        unclosed, deepest = _unclosed_and_depth(paragraph, pattern, opening)
        if unclosed > MAX_UNCLOSED or (opening == "[" and deepest > MAX_BRACKET_DEPTH):
            return _Cost(plain=True)
        scans += (unclosed + deepest) * len(paragraph)
    return _Cost(plain=scans > MAX_SCANS, units=units, scans=scans)


def _fences(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """(start, end) of each fenced code block, and where fences that never close start.

    A line that opens a fence python-markdown might read but that never closes makes its
    paragraph plain text: the parser would look for its end from every such line.
    """
    fences = [
        (match.start(), match.end(), match.group(0)) for match in _FENCE_LINE_RE.finditer(text)
    ]
    if len(fences) > MAX_FENCES:
        return [], [start for start, _end, _line in fences]
    closings: dict[str, list[int]] = {}
    for number, (_start, _end, line) in enumerate(fences):
        closings.setdefault(line.rstrip(" "), []).append(number)
    code_blocks: list[tuple[int, int]] = []
    unclosed: list[int] = []
    number = 0
    while number < len(fences):
        start, _end, line = fences[number]
        run = len(line) - len(line.lstrip(line[0]))
        candidates = closings.get(line[:run], [])
        position = bisect.bisect_right(candidates, number)
        if position < len(candidates) and _FENCE_RE.fullmatch(line.rstrip(" ")):
            closing = candidates[position]
            code_blocks.append((start, fences[closing][1]))
            number = closing + 1
        else:
            unclosed.append(start)
            number += 1

    return code_blocks, unclosed


def _cut(region: str, offset: int, unclosed: list[int]) -> Iterator[tuple[str, str, int]]:
    """(kind, chunk, end of chunk in region) for each paragraph and run of blank lines."""
    position = 0
    for blank in _BLANK_LINES_RE.finditer(region):
        yield from _paragraph(region, position, blank.start(), offset, unclosed)
        yield "blank", blank.group(0), blank.end()
        position = blank.end()
    yield from _paragraph(region, position, len(region), offset, unclosed)


def _paragraph(
    region: str, start: int, end: int, offset: int, unclosed: list[int]
) -> Iterator[tuple[str, str, int]]:
    if start == end:
        return
    first = bisect.bisect_left(unclosed, offset + start)
    kind = "plain" if first < len(unclosed) and unclosed[first] < offset + end else "paragraph"
    yield kind, region[start:end], end


def bound_markdown(text: str) -> BoundedMarkdown:
    """Replaces the paragraphs python-markdown would parse slowly by markers (see module doc)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    bounded = BoundedMarkdown(text="", token=secrets.token_hex(6))
    parts: list[str] = []
    units_spent = scans_spent = 0
    previous_plain: list[str] | None = None

    def add_plain(chunk: str) -> None:
        nonlocal previous_plain
        if previous_plain is not None:
            # One marker for a run of plain paragraphs: python-markdown sees one paragraph.
            previous_plain.append(chunk)
            return
        previous_plain = [chunk]
        parts.append(f"\n\n{bounded.marker(len(bounded.plain))}\n\n")
        bounded.plain.append(previous_plain)

    code_blocks, unclosed = _fences(text)
    position = 0
    for start, end in [*code_blocks, (len(text), len(text))]:
        region = text[position:start]
        for kind, chunk, chunk_end in _cut(region, position, unclosed):
            if units_spent >= MAX_UNITS_TOTAL:
                # The budget is spent: the rest of the region is one plain run.
                rest = region[chunk_end - len(chunk) :]
                if rest.strip():
                    add_plain(rest)
                break
            if kind == "blank":
                if previous_plain is None:
                    parts.append(chunk)
                continue
            plain = kind == "plain"
            if not plain:
                cost = _cost(chunk, units_left=MAX_UNITS_TOTAL - units_spent)
                plain = cost.plain or scans_spent + cost.scans > MAX_SCANS_TOTAL
                if cost.over_budget or scans_spent + cost.scans > MAX_SCANS_TOTAL:
                    units_spent = MAX_UNITS_TOTAL
            if plain:
                add_plain(chunk)
            else:
                previous_plain = None
                units_spent += cost.units
                scans_spent += cost.scans
                parts.append(chunk)
        if start < len(text):
            previous_plain = None
            parts.append(text[start:end])
        position = end
    bounded.text = "".join(parts)
    return bounded
