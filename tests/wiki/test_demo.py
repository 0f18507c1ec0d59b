"""The demo territory (manage.py wiki_demo): rich enough to show the wiki, safe to run twice.

Its content is checked here without a database. The demo loaded (twice) is tested in
tests/portals/test_demo.py: ``portals_demo`` runs ``wiki_demo`` itself, and one module fixture
there loads the whole demo twice for the wiki's tests and the portals' at once.
"""

from wiki.demo.content import read_demo
from wiki.demo.scenario import versions
from wiki.markdown import extract_link_targets
from wiki.titles import slug_for


def test_demo_content_is_consistent_before_loading():
    """Every edit applies, bodies have a real length, and each article links to two others."""
    content = read_demo()
    slugs = {slug_for(article.title) for article in content.articles}
    assert len(slugs) == len(content.articles) >= 32
    image_keys = {image.key for image in content.images}
    red_targets = set()
    for article in content.articles:
        article_versions = versions(article)
        assert all(version.image_keys() <= image_keys for version in article_versions)
        final = article_versions[-1]
        assert 150 <= len(final.body.split()) <= 500, article.title
        assert final.tags, article.title
        targets = {slug_for(title) for title in extract_link_targets(final.body)}
        assert len(targets & slugs - {slug_for(article.title)}) >= 2, article.title
        red_targets |= targets - slugs
    assert len(red_targets) >= 5
