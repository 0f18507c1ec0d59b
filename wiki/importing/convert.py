"""Wikitext -> Ker Markdown, walking the tree that mwparserfromhell builds (never regexes
over raw wikitext).

What cannot be rendered exactly is approximated visibly and counted, so the import report can
say what was simplified: unknown templates stay visible as ``{{Name|…}}`` code, files become a
placeholder with their name and caption, complex tables become HTML tables.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import mwparserfromhell
from mwparserfromhell import nodes as mw_nodes
from mwparserfromhell.wikicode import Wikicode

DEFAULT_MAPPING_PATH = Path(__file__).with_name("template_mapping.json")

FILE_NAMESPACE_NAMES = {"file", "image", "fichier", "média", "media"}
CATEGORY_NAMESPACE_NAMES = {"category", "catégorie"}
USER_NAMESPACE_NAMES = {
    "user",
    "utilisateur",
    "utilisatrice",
    "user talk",
    "discussion utilisateur",
}
TEMPLATE_NAMESPACE_NAMES = {"template", "modèle"}
# Parser functions and variables that only steer MediaWiki's rendering: dropped.
SILENT_MAGIC = {
    "defaultsort", "clédetri", "cledetri", "displaytitle", "titreaffiché", "toc", "notoc",
    "forcetoc", "noindex", "index", "nocc", "nonewsectionlink", "__notoc__", "pagename",
    "fullpagename", "currentyear", "currentmonth", "currentday", "localyear", "namespace",
}  # fmt: skip
BEHAVIOUR_SWITCHES = (
    "__NOTOC__", "__TOC__", "__FORCETOC__", "__NOEDITSECTION__", "__NEWSECTIONLINK__",
    "__NONEWSECTIONLINK__", "__NOGALLERY__", "__HIDDENCAT__", "__INDEX__", "__NOINDEX__",
    "__STATICREDIRECT__", "__NOTITLECONVERT__", "__NOCONTENTCONVERT__", "__DISAMBIG__",
    "__SANSSOMMAIRE__", "__SOMMAIRE__", "__FORCERSOMMAIRE__", "__HOMONYMIE__",
)  # fmt: skip
FILE_OPTIONS = {
    "thumb", "thumbnail", "vignette", "frame", "cadre", "frameless", "sans_cadre", "border",
    "bordure", "right", "droite", "left", "gauche", "center", "centre", "none", "néant",
    "upright", "redresse", "baseline", "middle", "top", "bottom", "text-top", "text-bottom",
    "sub", "super", "miniature",
}  # fmt: skip
FILE_OPTION_PREFIXES = ("upright=", "redresse=", "alt=", "link=", "lien=", "page=", "class=",
                        "lang=", "langue=", "thumb=", "vignette=", "width=", "height=")  # fmt: skip
HARMLESS_INLINE_TAGS = {"sup", "sub", "ins", "mark", "abbr", "s", "del", "strike"}
TRANSPARENT_TAGS = {
    "span",
    "small",
    "big",
    "font",
    "u",
    "onlyinclude",
    "noinclude",
    "bdi",
    "cite",
    "var",
    "q",
    "tt",
    "dfn",
    "time",
    "data",
    "translate",
    "languages",
}
BLOCK_TAGS = {"div", "center", "p", "section"}
DROPPED_TAGS = {"includeonly", "templatedata", "indicator", "categorytree"}
_INTERLANGUAGE_RE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,10})?")
_LINE_START_ESCAPE_RE = re.compile(r"^(\s*)([-+>#=]|\d+[.)](?=\s))")
_PIXEL_RE = re.compile(r"\d*x?\d+\s*px")
_MARKDOWN_SPECIAL = str.maketrans({"\\": "\\\\", "*": "\\*", "_": "\\_", "`": "\\`",
                                   "[": "\\[", "]": "\\]", "<": "&lt;", "|": "\\|"})  # fmt: skip
LIST_START, LIST_END = "\x01", "\x02"


@dataclass
class TemplateMapping:
    """How templates are rendered (the default lives in template_mapping.json)."""

    templates: dict[str, dict]
    infobox_prefixes: tuple[str, ...]

    @classmethod
    def load(cls, extra_path: str | Path | None = None) -> TemplateMapping:
        data = json.loads(DEFAULT_MAPPING_PATH.read_text(encoding="utf-8"))
        templates = {key.lower(): value for key, value in data["templates"].items()}
        prefixes = list(data.get("infobox_prefixes", []))
        if extra_path:
            extra = json.loads(Path(extra_path).read_text(encoding="utf-8"))
            templates.update(
                {key.lower(): value for key, value in extra.get("templates", {}).items()}
            )
            prefixes.extend(extra.get("infobox_prefixes", []))
        return cls(templates=templates, infobox_prefixes=tuple(p.lower() for p in prefixes))


@dataclass
class Conversion:
    """One revision's Markdown and what the converter noticed."""

    markdown: str
    categories: list[str] = field(default_factory=list)
    templates: Counter = field(default_factory=Counter)
    approximations: Counter = field(default_factory=Counter)


@dataclass
class _Footnotes:
    labels: dict[str, str] = field(default_factory=dict)
    texts: list[tuple[str, str]] = field(default_factory=list)

    def add(self, name: str | None, text: str | None) -> str:
        if name and name in self.labels:
            label = self.labels[name]
            if text and not any(existing == label and body for existing, body in self.texts):
                self.texts = [(lab, text if lab == label else body) for lab, body in self.texts]
            return label
        label = str(len(self.labels) + 1)
        self.labels[name or f"\x00{label}"] = label
        self.texts.append((label, text or ""))
        return label


def escape_text(text: str) -> str:
    return text.translate(_MARKDOWN_SPECIAL)


def format_number(raw: str) -> str:
    """'1234567.5' -> '1 234 567,5' (French grouping with a narrow no-break space)."""
    value = raw.strip().replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    sign = ""
    if value[:1] in "+-−":
        sign, value = value[0].replace("-", "−"), value[1:]
    whole, _, decimals = value.replace(",", ".").partition(".")
    if not whole.isdigit() or (decimals and not decimals.isdigit()):
        return raw.strip()
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    number = "\u202f".join(groups)
    return f"{sign}{number},{decimals}" if decimals else f"{sign}{number}"


class Converter:
    """Converts one wikitext at a time; keep one per import (the mapping is loaded once)."""

    def __init__(self, *, mapping: TemplateMapping | None = None, namespaces: dict | None = None):
        self.mapping = mapping or TemplateMapping.load()
        names = {name.lower(): key for key, name in (namespaces or {}).items() if name}
        self.file_prefixes = FILE_NAMESPACE_NAMES | {n for n, k in names.items() if k in (6, -2)}
        self.category_prefixes = CATEGORY_NAMESPACE_NAMES | {n for n, k in names.items() if k == 14}
        self.user_prefixes = USER_NAMESPACE_NAMES | {n for n, k in names.items() if k in (2, 3)}
        self.template_prefixes = TEMPLATE_NAMESPACE_NAMES | {n for n, k in names.items() if k == 10}
        self.known_prefixes = set(names)
        self.article_prefixes: set[str] = set()

    # --- entry point ---------------------------------------------------------------------

    def convert(self, wikitext: str, *, title: str = "") -> Conversion:
        self._result = Conversion(markdown="")
        self._footnotes = _Footnotes()
        self._title = title
        try:
            code = mwparserfromhell.parse(wikitext or "")
            body = self._block(code)
        except Exception as error:  # noqa: BLE001 - a converter bug must not lose the text
            self._result.approximations[f"erreur de conversion ({type(error).__name__})"] += 1
            body = "```\n" + (wikitext or "").replace("```", "` ` `") + "\n```"
        notes = "\n".join(f"[^{label}]: {text or '…'}" for label, text in self._footnotes.texts)
        markdown = body.strip()
        if notes:
            markdown = f"{markdown}\n\n{notes}"
        self._result.markdown = (markdown + "\n") if markdown else ""
        return self._result

    def _note(self, what: str) -> None:
        self._result.approximations[what] += 1

    # --- blocks and lines ----------------------------------------------------------------

    def _block(self, code: Wikicode) -> str:
        return self._assemble_lines(self._nodes(code.nodes))

    def _assemble_lines(self, text: str) -> str:
        """Turn list sentinels into Markdown lists and blockquotes, blank lines around them."""
        out: list[str] = []
        previous_kind = "blank"
        for raw_line in text.split("\n"):
            if raw_line.startswith(LIST_START) and LIST_END in raw_line:
                markers, _, content = raw_line[1:].partition(LIST_END)
                line, kind = self._list_line(markers, content.strip())
            else:
                line, kind = raw_line.strip(" \t"), "text" if raw_line.strip() else "blank"
                if kind == "text" and raw_line[:1] in (" ", "\t") and previous_kind != "text":
                    self._note("texte préformaté (espace en début de ligne) aplati")
            if kind != previous_kind and "blank" not in (kind, previous_kind):
                if not (kind == "text" and previous_kind == "heading") and not (
                    kind == "heading" or previous_kind == "heading"
                ):
                    out.append("")
            out.append(line)
            previous_kind = kind
        joined = "\n".join(out)
        while "\n\n\n" in joined:
            joined = joined.replace("\n\n\n", "\n\n")
        return joined

    def _list_line(self, markers: str, content: str) -> tuple[str, str]:
        if LIST_START in content and not markers.endswith(";"):
            content = content.replace(LIST_START, "").replace(LIST_END, "")
        if set(markers) <= {":"}:
            return "> " * len(markers) + content, "quote"
        indent = ""
        for marker in markers[:-1]:
            indent += "    " if marker in "*#" else ""
        last = markers[-1]
        if last == ";":
            term, separator, definition = content.partition(f"{LIST_START}:{LIST_END}")
            if not separator:
                term, separator, definition = content.partition(" : ")
            line = (
                f"{indent}- **{term.strip()}**"
                if indent or len(markers) > 1
                else f"**{term.strip()}**"
            )
            if separator:
                line += f" : {definition.strip()}"
            return line, "list" if indent else "term"
        if last == ":":
            if markers[0] == ";" or markers == ":":
                return f"> {content}", "quote"
            return f"{indent}  {content}", "list"
        bullet = "1." if last == "#" else "-"
        return f"{indent}{bullet} {content}", "list"

    def _inline(self, nodes, *, separator: str = " ") -> str:
        """Render in a context where only one line fits (cells, notes, link labels)."""
        text = self._nodes(nodes)
        parts = []
        for line in text.split("\n"):
            if line.startswith(LIST_START) and LIST_END in line:
                markers, _, content = line[1:].partition(LIST_END)
                line = ("• " if markers[-1:] in ("*", "#") else "") + content.strip()
            parts.append(line.strip())
        return separator.join(part for part in parts if part).strip()

    # --- nodes ---------------------------------------------------------------------------

    def _nodes(self, nodes) -> str:
        out: list[str] = []
        pending_markers = ""
        for node in nodes:
            if (
                isinstance(node, mw_nodes.Tag)
                and node.wiki_markup in ("*", "#", ";", ":")
                and str(node.tag) in ("li", "dt", "dd")
            ):
                pending_markers += node.wiki_markup
                continue
            if pending_markers:
                out.append(LIST_START + pending_markers + LIST_END)
                pending_markers = ""
            try:
                out.append(self._node(node, out))
            except Exception as error:  # noqa: BLE001 - one odd node must not lose the page
                self._note(f"élément non converti ({type(error).__name__})")
                out.append(self._visible_code(str(node)))
        if pending_markers:
            out.append(LIST_START + pending_markers + LIST_END)
        return "".join(out)

    def _node(self, node, out: list[str]) -> str:
        if isinstance(node, mw_nodes.Text):
            return self._text(str(node), at_line_start=not out or out[-1].endswith("\n"))
        if isinstance(node, mw_nodes.Comment):
            return ""
        if isinstance(node, mw_nodes.HTMLEntity):
            return escape_text(node.normalize())
        if isinstance(node, mw_nodes.Heading):
            level = max(2, min(int(node.level), 6))
            title = self._inline(node.title.nodes)
            return f"\n\n{'#' * level} {title}\n\n"
        if isinstance(node, mw_nodes.Wikilink):
            return self._wikilink(node)
        if isinstance(node, mw_nodes.ExternalLink):
            return self._external_link(node)
        if isinstance(node, mw_nodes.Template):
            return self._template(node)
        if isinstance(node, mw_nodes.Tag):
            return self._tag(node)
        if isinstance(node, mw_nodes.Argument):
            self._note("paramètre de modèle {{{…}}} hors modèle")
            return self._visible_code(str(node))
        return escape_text(str(node))

    def _text(self, text: str, *, at_line_start: bool) -> str:
        for switch in BEHAVIOUR_SWITCHES:
            if switch in text:
                text = text.replace(switch, "")
        if "~~~" in text:
            self._note("signature non développée retirée")
            text = text.replace("~~~~~", "").replace("~~~~", "").replace("~~~", "")
        lines = text.split("\n")
        escaped = []
        for index, line in enumerate(lines):
            line = escape_text(line)
            if index > 0 or at_line_start:
                line = _LINE_START_ESCAPE_RE.sub(r"\1\\\2", line)
            escaped.append(line)
        return "\n".join(escaped)

    @staticmethod
    def _visible_code(source: str) -> str:
        text = " ".join(source.split())
        if len(text) > 160:
            text = text[:157] + "…}}" if text.startswith("{{") else text[:159] + "…"
        fence = "``" if "`" in text else "`"
        return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"

    # --- links ---------------------------------------------------------------------------

    def _split_prefix(self, title: str) -> tuple[str, str]:
        prefix, separator, rest = title.partition(":")
        if not separator:
            return "", title
        return prefix.strip().lower(), rest.strip()

    def _wikilink(self, node: mw_nodes.Wikilink) -> str:
        raw_title = " ".join(str(node.title).replace("_", " ").split())
        label_nodes = node.text.nodes if node.text is not None else None
        leading_colon = raw_title.startswith(":")
        target = raw_title.lstrip(":").strip()
        prefix, rest = self._split_prefix(target)
        if prefix in self.file_prefixes and not leading_colon:
            return self._file(rest, node.text)
        if prefix in self.category_prefixes:
            if leading_colon:
                return escape_text(self._inline(label_nodes) if label_nodes else rest)
            if rest:
                self._result.categories.append(rest)
            return ""
        if (
            prefix
            and not leading_colon
            and prefix not in self.known_prefixes
            and _INTERLANGUAGE_RE.fullmatch(prefix)
        ):
            self._note("lien interlangue retiré")
            return ""
        label = self._inline(label_nodes) if label_nodes is not None else ""
        if prefix and (prefix in self.known_prefixes or prefix in self.user_prefixes):
            if prefix not in self.article_prefixes:
                # A user page (signatures), a project page...: its text, not a link.
                return label or escape_text(rest)
        if prefix and prefix not in self.known_prefixes and not _INTERLANGUAGE_RE.fullmatch(prefix):
            pass  # a title with a colon in it ("Brest : la ville"): an ordinary link
        elif prefix and prefix not in self.known_prefixes:
            self._note("lien vers un autre wiki remplacé par son texte")
            return label or escape_text(rest)
        page, _, section = target.partition("#")
        page = page.strip()
        if section:
            self._note("ancre de section retirée d'un lien")
        if not page:
            return label or escape_text(section)
        page = page[:1].upper() + page[1:]
        safe_page = page.replace("[", "(").replace("]", ")").replace("|", "/")
        if label and label != page:
            for bracket, replacement in (("\\[", "("), ("\\]", ")"), ("[", "("), ("]", ")")):
                label = label.replace(bracket, replacement)
            return f"[[{safe_page}|{label}]]"
        return f"[[{safe_page}]]"

    def _file(self, name: str, text) -> str:
        caption = ""
        if text is not None:
            parts = [part for part in self._split_params(text)]
            captions = [
                part
                for part in parts
                if part.strip().lower() not in FILE_OPTIONS
                and not part.strip().lower().startswith(FILE_OPTION_PREFIXES)
                and not _PIXEL_RE.fullmatch(part.strip().lower())
            ]
            if captions:
                caption = self._inline(mwparserfromhell.parse(captions[-1]).nodes)
        self._note("fichier remplacé par un emplacement visible")
        label = f"Fichier : {html.escape(name)}"
        if caption:
            label += f" — {caption}"
        return f'<span class="missing-image">[{label}]</span>'

    @staticmethod
    def _split_params(text: Wikicode) -> list[str]:
        """Split 'a|b [[c|d]]|e' on the pipes that are not inside links or templates."""
        parts, current = [], []
        for node in text.nodes:
            if isinstance(node, mw_nodes.Text) and "|" in str(node):
                pieces = str(node).split("|")
                current.append(pieces[0])
                for piece in pieces[1:]:
                    parts.append("".join(current))
                    current = [piece]
            else:
                current.append(str(node))
        parts.append("".join(current))
        return parts

    def _external_link(self, node: mw_nodes.ExternalLink) -> str:
        url = str(node.url).strip()
        if url.startswith("//"):
            url = "https:" + url
        if not re.match(r"(?i)(https?|ftp|mailto):", url):
            return escape_text(str(node))
        url = url.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
        if node.title is not None and str(node.title).strip():
            label = self._inline(node.title.nodes).replace("[", "(").replace("]", ")")
            return f"[{label}]({url})"
        if node.brackets:
            return f"[{url}]({url})"
        return f"<{url}>"

    # --- tags ----------------------------------------------------------------------------

    def _tag(self, node: mw_nodes.Tag) -> str:
        name = str(node.tag).strip().lower()
        markup = node.wiki_markup
        if name in ("b", "strong") or markup == "'''":
            return self._emphasis(node, "**")
        if name in ("i", "em") or markup == "''":
            return self._emphasis(node, "*")
        if name == "hr":
            return "\n\n---\n\n"
        if name == "table":
            return self._table(node)
        if name == "ref":
            return self._ref(node)
        if name == "references":
            return ""
        if name == "br":
            return "<br>"
        if name == "nowiki":
            return escape_text(html.unescape(str(node.contents))) if node.contents else ""
        if name in ("pre", "syntaxhighlight", "source"):
            code = html.unescape(str(node.contents or "")).strip("\n").replace("```", "` ` `")
            language = str(node.get("lang").value).strip() if node.has("lang") else ""
            return f"\n\n```{language if language.isalnum() else ''}\n{code}\n```\n\n"
        if name in ("code", "kbd", "tt", "math", "chem", "ce"):
            text = " ".join(html.unescape(str(node.contents or "")).split())
            return self._visible_code(text) if text else ""
        if name in HARMLESS_INLINE_TAGS:
            tag = "s" if name in ("strike", "del") else name
            return f"<{tag}>{self._inline(node.contents.nodes)}</{tag}>" if node.contents else ""
        if name in TRANSPARENT_TAGS:
            return self._nodes(node.contents.nodes) if node.contents else ""
        if name in BLOCK_TAGS:
            return f"\n\n{self._nodes(node.contents.nodes)}\n\n" if node.contents else ""
        if name in DROPPED_TAGS:
            return ""
        if name == "blockquote":
            inner = self._block(node.contents) if node.contents else ""
            return "\n\n" + "\n".join("> " + line for line in inner.split("\n")) + "\n\n"
        if name == "poem":
            inner = self._nodes(node.contents.nodes) if node.contents else ""
            lines = [line.strip() for line in inner.strip("\n").split("\n")]
            return "\n\n" + "<br>\n".join(lines) + "\n\n"
        if name == "gallery":
            return self._gallery(node)
        if name in ("ul", "ol"):
            return "\n\n" + (self._nodes(node.contents.nodes) if node.contents else "") + "\n\n"
        if name == "li":
            return "\n- " + (self._inline(node.contents.nodes) if node.contents else "")
        if name in ("dl",):
            return "\n\n" + (self._nodes(node.contents.nodes) if node.contents else "") + "\n\n"
        if name in ("dt", "dd"):
            inner = self._inline(node.contents.nodes) if node.contents else ""
            return f"\n**{inner}**\n" if name == "dt" else f"\n> {inner}\n"
        self._note(f"balise <{name}> non prise en charge")
        return self._visible_code(f"<{name}>…</{name}>")

    def _emphasis(self, node: mw_nodes.Tag, mark: str) -> str:
        inner = self._nodes(node.contents.nodes) if node.contents else ""
        stripped = inner.strip()
        if not stripped or "\n" in stripped:
            return inner
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}{mark}{stripped}{mark}{trail}"

    def _ref(self, node: mw_nodes.Tag) -> str:
        name = str(node.get("name").value).strip().strip('"') if node.has("name") else None
        text = self._inline(node.contents.nodes) if node.contents else None
        label = self._footnotes.add(name, text)
        return f"[^{label}]"

    def _gallery(self, node: mw_nodes.Tag) -> str:
        out = []
        for line in str(node.contents or "").split("\n"):
            line = line.strip()
            if not line:
                continue
            name, _, caption = line.partition("|")
            prefix, rest = self._split_prefix(name)
            if prefix in self.file_prefixes:
                name = rest
            out.append(
                self._file(name.strip(), mwparserfromhell.parse(caption) if caption else None)
            )
        return "\n\n" + "<br>\n".join(out) + "\n\n"

    # --- tables --------------------------------------------------------------------------

    def _table(self, node: mw_nodes.Tag) -> str:
        caption = ""
        rows: list[list[tuple[str, str, dict]]] = []
        current: list = []
        complex_table = False
        for child in node.contents.nodes if node.contents else []:
            if not isinstance(child, mw_nodes.Tag):
                continue
            tag = str(child.tag).lower()
            if tag in ("td", "th") and str(child).lstrip().startswith("|+") or tag == "caption":
                caption = self._inline(child.contents.nodes) if child.contents else ""
                continue
            if tag in ("td", "th"):
                current.append(self._cell(child))
            elif tag == "tr":
                if current:
                    rows.append(current)
                current = []
                for cell in child.contents.nodes if child.contents else []:
                    if isinstance(cell, mw_nodes.Tag) and str(cell.tag).lower() in ("td", "th"):
                        current.append(self._cell(cell))
                if current:
                    rows.append(current)
                current = []
        if current:
            rows.append(current)
        if not rows:
            return ""
        for row in rows:
            for _kind, text, spans in row:
                if spans or "\n" in text or "<table" in text:
                    complex_table = True
        if complex_table:
            self._note("tableau complexe rendu en HTML")
            return self._html_table(rows, caption)
        width = max(len(row) for row in rows)
        header = rows[0] if all(kind == "th" for kind, _, _ in rows[0]) else None
        body_rows = rows[1:] if header else rows
        lines = []
        if caption:
            lines.append(f"**{caption}**")
            lines.append("")
        head_cells = [text for _, text, _ in header] if header else [""] * width
        head_cells += [""] * (width - len(head_cells))
        lines.append("| " + " | ".join(head_cells) + " |")
        lines.append("|" + "---|" * width)
        for row in body_rows:
            cells = [text for _, text, _ in row] + [""] * (width - len(row))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n\n" + "\n".join(lines) + "\n\n"

    def _cell(self, cell: mw_nodes.Tag) -> tuple[str, str, dict]:
        spans = {}
        for attribute in cell.attributes:
            key = str(attribute.name).strip().lower()
            if key in ("colspan", "rowspan"):
                value = str(attribute.value or "").strip().strip('"')
                if value.isdigit() and value != "1":
                    spans[key] = value
        nodes = cell.contents.nodes if cell.contents else []
        text = self._nodes(nodes).strip()
        if "\n" in text:
            # Lists or paragraphs inside a cell.
            text = self._assemble_lines(text).strip()
        else:
            text = text.replace("|", "\\|") if "\\|" not in text else text
        return str(cell.tag).lower(), text, spans

    def _html_table(self, rows, caption: str) -> str:
        """A table Markdown cannot hold: HTML, its cells rendered by Ker's renderer at once."""
        from ..markdown import render_markdown

        separator = "KERTABLECELLSEPARATOR"
        texts = [caption] + [text for row in rows for _, text, _ in row]
        rendered = render_markdown(f"\n\n{separator}\n\n".join(texts)).html
        pieces = [piece.strip() for piece in rendered.split(f"<p>{separator}</p>")]
        if len(pieces) != len(texts):
            pieces = [escape_text(text) for text in texts]

        def cell_html(index: int) -> str:
            piece = pieces[index]
            if piece.startswith("<p>") and piece.endswith("</p>") and piece.count("<p>") == 1:
                piece = piece[3:-4]
            return piece.replace("\n", " ")

        parts = ["<table>"]
        if caption:
            parts.append(f"<caption>{cell_html(0)}</caption>")
        index = 1
        for row in rows:
            cells = []
            for kind, _text, spans in row:
                attributes = "".join(f' {key}="{value}"' for key, value in sorted(spans.items()))
                cells.append(f"<{kind}{attributes}>{cell_html(index)}</{kind}>")
                index += 1
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
        return "\n\n" + "\n".join(parts) + "\n\n"

    # --- templates -----------------------------------------------------------------------

    def _template(self, node: mw_nodes.Template) -> str:
        raw_name = " ".join(str(node.name).replace("_", " ").split())
        prefix, rest = self._split_prefix(raw_name)
        if raw_name.startswith("#") or (prefix and prefix not in self.template_prefixes):
            return self._parser_function(node, raw_name)
        name = (rest if prefix in self.template_prefixes else raw_name).strip()
        key = name.lower()
        self._result.templates[name[:1].upper() + name[1:]] += 1
        rule = self.mapping.templates.get(key)
        if rule is None and key.startswith(self.mapping.infobox_prefixes):
            rule = {"kind": "infobox"}
        if rule is None:
            if key in SILENT_MAGIC:
                return ""
            self._note("modèle gardé tel quel")
            return self._visible_code(str(node))
        kind = rule.get("kind")
        if kind == "drop":
            return ""
        if kind == "text":
            return self._format(rule.get("format", ""), node)
        if kind == "links":
            return self._links(rule.get("label", name), node)
        if kind == "citation":
            return self._citation(node)
        if kind == "infobox":
            return self._infobox(name, node)
        self._note("modèle gardé tel quel")
        return self._visible_code(str(node))

    def _param(self, node: mw_nodes.Template, key: str) -> str:
        if node.has(key):
            return self._inline(node.get(key).value.nodes)
        return ""

    def _format(self, pattern: str, node) -> str:
        def value(match: re.Match[str]) -> str:
            key, _, modifier = match.group(1).partition(":")
            text = self._param(node, key) if node is not None else ""
            if not text:
                return ""
            if modifier == "number":
                return format_number(text)
            if modifier == "sup":
                return f"<sup>{text}</sup>"
            return text

        result = re.sub(r"\{([^{}]+)\}", value, pattern)
        result = re.sub(r"[ \t\n]+", " ", result).strip()
        return result.replace("[[|", "[[").replace("|]]", "]]").replace("[[]]", "")

    def _links(self, label: str, node: mw_nodes.Template) -> str:
        targets = [
            " ".join(str(param.value).split())
            for param in node.params
            if not param.showkey and str(param.value).strip()
        ]
        if not targets:
            return ""
        links = ", ".join(f"[[{target}]]" for target in targets)
        return f"\n\n*{label} : {links}.*\n\n"

    def _citation(self, node: mw_nodes.Template) -> str:
        def first(*keys: str) -> str:
            for key in keys:
                text = self._param(node, key)
                if text:
                    return text
            return ""

        author = first("auteur", "auteur1", "author", "auteurs")
        if not author:
            author = " ".join(filter(None, [first("prénom1", "prénom"), first("nom1", "nom")]))
        title = first("titre", "title", "titre chapitre")
        url = first("url", "lire en ligne", "url texte")
        where = first("site", "périodique", "journal", "éditeur", "website", "publisher")
        date = first("date", "année", "year")
        if title and url.startswith(("http://", "https://")):
            title = f"[{title}]({url.replace(' ', '%20')})"
        parts = [author, f"« {title} »" if title else "", f"*{where}*" if where else "", date]
        return ", ".join(part for part in parts if part) + ("." if any(parts) else "")

    def _infobox(self, name: str, node: mw_nodes.Template) -> str:
        skipped = ("image", "carte", "logo", "blason", "drapeau", "légende", "taille", "largeur",
                   "couleur", "style", "alt", "coord", "latitude", "longitude",
                   "géoloc")  # fmt: skip
        lines = []
        for param in node.params:
            key = " ".join(str(param.name).split())
            if not param.showkey or key.lower().startswith(skipped):
                continue
            value = self._inline(param.value.nodes)
            if not value or len(value) > 300:
                continue
            lines.append(f"- **{escape_text(key)}** : {value}")
            if len(lines) >= 20:
                break
        self._note("infobox résumée en liste")
        if not lines:
            return ""
        return f"\n\n**{escape_text(name)}**\n\n" + "\n".join(lines) + "\n\n"

    def _parser_function(self, node: mw_nodes.Template, raw_name: str) -> str:
        function, _, first_argument = raw_name.partition(":")
        key = function.strip().lower()
        if key == "#tag" and first_argument.strip().lower() == "ref":
            text = self._inline(node.params[0].value.nodes) if node.params else None
            name = self._param(node, "name") or None
            return f"[^{self._footnotes.add(name, text)}]"
        if key.lstrip("#") in SILENT_MAGIC:
            return ""
        rule = self.mapping.templates.get(key)
        if rule and rule.get("kind") == "text":
            arguments = "|".join([first_argument, *(str(param) for param in node.params)])
            as_template = mwparserfromhell.parse("{{x|" + arguments + "}}").filter_templates()[0]
            return self._format(rule.get("format", ""), as_template)
        if key in ("lc", "uc", "lcfirst", "ucfirst", "urlencode", "anchorencode"):
            text = self._inline(mwparserfromhell.parse(first_argument).nodes)
            return {"lc": text.lower(), "uc": text.upper()}.get(key, text)
        self._result.templates[f"{function.strip()}:"] += 1
        self._note("fonction du parseur gardée telle quelle")
        return self._visible_code(str(node))
