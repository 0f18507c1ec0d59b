"""Markdown rendering: wiki links, red links, images, structure, and sanitising."""

import pickle
from dataclasses import dataclass

import pytest

from wiki.markdown import (
    RENDERER_VERSION,
    RenderedBody,
    TocEntry,
    extract_link_slugs,
    extract_link_targets,
    render_markdown,
    resolve_wiki_links,
)


@dataclass
class FakeImage:
    url: str
    alt: str
    credit: str


def resolver_for(images, calls=None):
    def resolve(ids):
        if calls is not None:
            calls.append(list(ids))
        return {image_id: images[image_id] for image_id in ids if image_id in images}

    return resolve


def html_of(text, **options):
    return render_markdown(text, **options).html


# --- Wiki links ----------------------------------------------------------------------------


def test_wiki_link_renders_anchor_with_slug_and_title():
    html = html_of("Voir [[Le lavoir de Kerlann]].")
    assert (
        '<a href="/wiki/le-lavoir-de-kerlann/" class="wikilink" '
        'data-wikilink="le-lavoir-de-kerlann" data-title="Le lavoir de Kerlann">'
        "Le lavoir de Kerlann</a>" in html
    )


def test_wiki_link_with_label_shows_the_label_and_links_the_title():
    html = html_of("Voir [[École de Kerlann|l'école]].")
    assert 'href="/wiki/ecole-de-kerlann/"' in html
    assert 'data-title="École de Kerlann"' in html
    assert ">l'école</a>" in html


def test_wiki_link_label_may_use_inline_markdown():
    html = html_of("[[Le port|le *vieux* port]]")
    assert ">le <em>vieux</em> port</a>" in html


def test_wiki_link_with_empty_label_shows_the_title():
    assert ">Le port</a>" in html_of("[[Le port|]]")


def test_wiki_link_title_whitespace_is_normalised():
    result = render_markdown("[[  Le   port ]]")
    assert result.link_targets == ["Le port"]
    assert 'data-title="Le port"' in result.html


def test_wiki_link_without_slug_stays_plain_text():
    result = render_markdown("Rien ici : [[!!!]] ni [[ ]].")
    assert "<a" not in result.html
    assert "[[!!!]]" in result.html
    assert result.link_targets == []


def test_wiki_links_in_code_stay_literal():
    text = "Du `[[Code]]` ici.\n\n```\n[[Bloc]]\n```\n\n    [[Indenté]]\n"
    result = render_markdown(text)
    assert "wikilink" not in result.html
    assert "<code>[[Code]]</code>" in result.html
    assert "[[Bloc]]" in result.html and "[[Indenté]]" in result.html
    assert result.link_targets == []


def test_escaped_brackets_are_not_a_link():
    assert "wikilink" not in html_of(r"\[[Pas un lien]]")


def test_link_targets_in_order_of_first_appearance_deduplicated_by_slug():
    result = render_markdown("[[Le port]], [[La chapelle]], [[le port|encore]] et [[LE PORT]].")
    assert result.link_targets == ["Le port", "La chapelle"]


def test_title_with_html_is_escaped_in_attributes_and_text():
    html = html_of('[[Le "port" <b>x</b> & co]]')
    assert "<b>" not in html
    assert 'data-title="Le &quot;port&quot; &lt;b&gt;x&lt;/b&gt; &amp; co"' in html
    assert 'data-wikilink="le-port-bxb-co"' in html


def test_wiki_links_have_no_nofollow_but_external_links_do():
    html = html_of("[[Le port]] et [ailleurs](https://example.org/) et [ici](/wiki/x/)")
    assert 'href="https://example.org/" rel="nofollow noopener"' in html
    assert 'href="/wiki/x/">ici' in html
    assert 'data-title="Le port">' in html


# --- Red links -----------------------------------------------------------------------------


def test_resolve_wiki_links_keeps_existing_links_unchanged():
    html = html_of("[[Le port]]")
    assert resolve_wiki_links(html, {"le-port"}) == html


def test_resolve_wiki_links_turns_missing_articles_into_red_links():
    html = resolve_wiki_links(
        html_of("[[Le marché couvert|le marché]] et [[Le port]]"), {"le-port"}
    )
    assert (
        '<a href="/wiki/creer/?titre=Le+march%C3%A9+couvert" class="wikilink new" '
        'data-wikilink="le-marche-couvert" data-title="Le marché couvert" '
        'title="« Le marché couvert » n&#x27;existe pas encore : créer la page">'
        "le marché</a>" in html
    )
    assert '<a href="/wiki/le-port/" class="wikilink" data-wikilink="le-port"' in html


def test_red_link_reescapes_the_title():
    html = resolve_wiki_links(html_of('[[Le "port" & <co>]]'), frozenset())
    assert 'data-title="Le &quot;port&quot; &amp; &lt;co&gt;"' in html
    assert "titre=Le+%22port%22+%26+%3Cco%3E" in html
    assert "<co>" not in html


def test_resolve_accepts_a_frozenset_and_ignores_other_links():
    html = html_of("[ailleurs](https://example.org/) [[Le port]]")
    resolved = resolve_wiki_links(html, frozenset({"le-port"}))
    assert resolved == html


def test_raw_html_cannot_forge_a_wikilink_slug():
    html = html_of(
        '<a href="/x" class="wikilink" data-wikilink=\'"><script>alert(1)</script>\'>x</a>'
    )
    assert "data-wikilink" not in html
    assert "<script" not in resolve_wiki_links(html, set())


def test_extract_link_slugs_lists_each_slug_once():
    html = html_of("[[Le port]] [[La chapelle]] [[le port]]")
    assert extract_link_slugs(html) == ["le-port", "la-chapelle"]


# --- Extracting targets from Markdown -----------------------------------------------------


def test_extract_link_targets_follows_the_rendering_rules():
    text = (
        "[[Le port]] et [[La chapelle|chapelle]] et [[le port]].\n\n"
        "`[[Code]]` [[Image:4]] [[Fichier:5|légende]] [[!!!]]\n\n"
        "```\n[[Bloc]]\n```\n\n"
        "    [[Indenté]]\n\n"
        "- un élément\n\n    [[Suite de liste]]\n"
    )
    assert extract_link_targets(text) == ["Le port", "La chapelle", "Suite de liste"]
    assert render_markdown(text).link_targets == extract_link_targets(text)


def test_extract_link_targets_of_empty_text():
    assert extract_link_targets("") == []


# --- Images --------------------------------------------------------------------------------


def test_image_alone_on_its_line_becomes_a_figure_outside_any_paragraph():
    images = {42: FakeImage(url="/media/lavoir.jpg", alt="Le lavoir", credit="Maela — CC0")}
    result = render_markdown(
        "Avant.\n\n[[Image:42|Le lavoir en 1920]]\n\nAprès.", image_resolver=resolver_for(images)
    )
    assert (
        '<figure class="article-image"><img alt="Le lavoir" loading="lazy" '
        'src="/media/lavoir.jpg"><figcaption>Le lavoir en 1920 '
        '<span class="credit">Maela — CC0</span></figcaption>'
    ) in result.html
    assert "<p><figure" not in result.html
    assert result.image_ids == [42]


def test_images_on_consecutive_lines_become_consecutive_figures():
    images = {1: FakeImage(url="/1.jpg", alt="un", credit=""), 2: FakeImage("/2.jpg", "deux", "")}
    html = html_of("[[Image:1]]\n[[Image:2|deux]]", image_resolver=resolver_for(images))
    assert html.count("<figure") == 2
    assert "<p>" not in html


def test_image_in_a_list_item_stays_inline():
    images = {1: FakeImage(url="/1.jpg", alt="un", credit="")}
    html = html_of("- [[Image:1]]\n- texte", image_resolver=resolver_for(images))
    assert '<li><span class="article-image"><img alt="un"' in html


@pytest.mark.parametrize("prefix", ["Image", "image", "Fichier", "FICHIER", "File", "file"])
def test_image_prefixes_are_accepted_in_any_case(prefix):
    images = {7: FakeImage(url="/media/7.jpg", alt="sept", credit="")}
    result = render_markdown(f"[[{prefix}:7]]", image_resolver=resolver_for(images))
    assert 'src="/media/7.jpg"' in result.html
    assert result.image_ids == [7]
    assert result.link_targets == []


def test_image_in_running_text_is_an_inline_span():
    images = {3: FakeImage(url="/media/3.jpg", alt="", credit="")}
    html = html_of(
        "Le lavoir [[Image:3|vu du pont]] au soleil.", image_resolver=resolver_for(images)
    )
    assert (
        '<p>Le lavoir <span class="article-image"><img alt="vu du pont" loading="lazy" '
        'src="/media/3.jpg"><span class="caption">vu du pont</span></span> au soleil.</p>'
    ) in html
    assert "<figure" not in html


def test_caption_may_hold_wiki_links():
    images = {1: FakeImage(url="/media/1.jpg", alt="", credit="")}
    result = render_markdown(
        "[[Image:1|Vue depuis [[Le port]]]]", image_resolver=resolver_for(images)
    )
    assert '<figcaption>Vue depuis <a href="/wiki/le-port/"' in result.html
    assert result.link_targets == ["Le port"]


def test_unknown_image_renders_a_missing_notice():
    images = {1: FakeImage(url="/media/1.jpg", alt="", credit="")}
    result = render_markdown(
        "[[Image:1]]\n\n[[Image:99|perdue]]", image_resolver=resolver_for(images)
    )
    assert '<p><span class="missing-image">[image 99 introuvable]</span></p>' in result.html
    assert result.image_ids == [1, 99]


def test_without_resolver_images_render_as_missing():
    result = render_markdown("[[Image:5]] et [[Fichier:6]]")
    assert '<span class="missing-image">[image 5 introuvable]</span>' in result.html
    assert '<span class="missing-image">[image 6 introuvable]</span>' in result.html
    assert result.image_ids == [5, 6]


def test_resolver_is_called_once_with_every_id_in_order():
    calls = []
    render_markdown(
        "[[Image:3]]\n\ntexte [[Image:1]] et [[Image:3]]\n\n| a |\n|---|\n| [[Image:2]] |",
        image_resolver=resolver_for({}, calls),
    )
    assert calls == [[3, 1, 2]]


def test_resolver_is_not_called_without_images():
    calls = []
    render_markdown("Pas d'image.", image_resolver=resolver_for({}, calls))
    assert calls == []


def test_image_syntax_in_code_stays_literal():
    result = render_markdown("`[[Image:3]]`")
    assert "<code>[[Image:3]]</code>" in result.html
    assert result.image_ids == []


def test_image_url_from_the_resolver_is_sanitised():
    images = {1: FakeImage(url="javascript:alert(1)", alt='"><script>', credit="<b>x</b>")}
    html = html_of("[[Image:1]]", image_resolver=resolver_for(images))
    assert "javascript" not in html
    assert "<script" not in html and "<b>" not in html


# --- Structure -----------------------------------------------------------------------------


def test_tables_use_align_attributes_not_styles():
    html = html_of("| Lieu | Année |\n|:-----|------:|\n| Lavoir | 1920 |\n")
    assert "<table>" in html
    assert '<th align="left">Lieu</th>' in html
    assert '<td align="right">1920</td>' in html
    assert "style" not in html


def test_footnotes_render_with_anchors():
    html = html_of("Le lavoir[^1].\n\n[^1]: Construit en 1850.\n")
    assert '<sup id="fnref-1"><a class="footnote-ref" href="#fn-1">1</a></sup>' in html
    assert '<li id="fn-1">' in html
    assert 'href="#fnref-1"' in html
    assert "Construit en 1850." in html


def test_repeated_footnote_references_get_distinct_ids():
    # As many as the rendering budget keeps formatted (community.rendering).
    text = "Appel[^1].\n\n" * 500 + "[^1]: La note.\n"
    html = html_of(text)
    assert 'id="fnref-1"' in html and 'id="fnref2-1"' in html and 'id="fnref500-1"' in html
    assert 'href="#fnref500-1"' in html


def test_rendered_body_can_be_cached():
    result = render_markdown("## Titre\n\n[[Le port]] [[Image:2]]")
    assert pickle.loads(pickle.dumps(result)) == result


def test_headings_get_folded_anchors_and_a_table_of_contents():
    result = render_markdown(
        "# Titre\n\n## École & « lavoir »\n\n### Histoire\n\n#### Détails\n\n##### Trop profond\n\n"
        "## Histoire\n"
    )
    assert '<h2 id="ecole-lavoir">École &amp; « lavoir »</h2>' in result.html
    assert result.toc == [
        TocEntry(level=2, anchor="ecole-lavoir", title="École & « lavoir »"),
        TocEntry(level=3, anchor="histoire", title="Histoire"),
        TocEntry(level=4, anchor="details", title="Détails"),
        TocEntry(level=2, anchor="histoire_1", title="Histoire"),
    ]


def test_fenced_code_keeps_its_language_class_and_escapes_content():
    html = html_of("```python\nprint('<b>')\n```\n")
    assert '<pre><code class="language-python">' in html
    assert "&lt;b&gt;" in html


def test_sane_lists_and_plain_markdown():
    html = html_of("3. trois\n4. quatre\n\n- un\n- deux\n\n**gras** et *italique*\n\n> citation")
    assert '<ol start="3">' in html
    assert "<li>un</li>" in html
    assert "<strong>gras</strong>" in html and "<em>italique</em>" in html
    assert "<blockquote>" in html


def test_rendered_body_shape():
    result = render_markdown("")
    assert isinstance(result, RenderedBody)
    assert result.html == ""
    assert result.toc == [] and result.link_targets == [] and result.image_ids == []
    assert isinstance(RENDERER_VERSION, int)


# --- Sanitising ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        '<a href="jav&#x61;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<svg onload=alert(1)><circle/></svg>",
        '<a href="vbscript:msgbox(1)">x</a>',
        '<object data="x.swf"></object><embed src="x.swf">',
        '<form action="/x"><input name="a"><button>go</button></form>',
        '<div onclick="alert(1)" onmouseover="alert(1)">x</div>',
        "<style>body{display:none}</style>",
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        "[[Le port|<img src=x onerror=alert(1)>]]",
    ],
)
def test_xss_payloads_are_neutralised(payload):
    html = html_of(f"Texte\n\n{payload}\n\nfin [lien](https://example.org)")
    lowered = html.lower()
    for forbidden in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "onmouseover",
        "javascript:",
        "vbscript:",
        "data:",
        "<iframe",
        "<object",
        "<embed",
        "<form",
        "<input",
        "<svg",
        "<math",
        "<style",
        "style=",
    ):
        assert forbidden not in lowered, (forbidden, html)


def test_script_tags_are_shown_as_inert_text():
    html = html_of("<script>alert(1)</script>")
    assert "<script" not in html and "&lt;script&gt;alert(1)" in html


def test_unknown_classes_and_ids_from_raw_html_are_dropped():
    html = html_of(
        '<div class="admin-only footnote" id="x">a</div> <span class="credit x">b</span>'
    )
    assert '<div class="footnote">' in html
    assert 'id="x"' not in html
    assert '<span class="credit">' in html


def test_raw_html_links_to_other_sites_get_nofollow():
    html = html_of('<a title="a>b" href="https://example.org/?a=1&amp;b=2">x</a>')
    assert 'href="https://example.org/?a=1&amp;b=2" rel="nofollow noopener"' in html


@pytest.mark.parametrize("tag", ["<style>", "<script>", "<template>", "<math><style>"])
def test_text_after_a_stray_raw_text_tag_is_kept(tag):
    html = render_markdown(f"Avant.\n\n{tag}\n\nSuite du texte.").html
    assert "Suite du texte." in html
    assert "<style" not in html and "<script" not in html and "<template" not in html
