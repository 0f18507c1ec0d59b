"""Article and portal search sources share LivePageSearchSource: live pages only, by key."""

import pytest

from search.registry import get_source

pytestmark = pytest.mark.django_db


def test_page_sources_list_count_and_load_live_pages_by_key(create_article):
    page = create_article()
    source = get_source("article")
    assert [obj.pk for obj in source.iter_all()] == [page.pk]
    assert source.count() == 1 and source.is_indexable(page)
    assert source.get_objects([str(page.pk), "pas-un-nombre", "999999"]) == {str(page.pk): page}
    page.unpublish()
    assert source.count() == 0 and list(source.iter_all()) == []
    portals = get_source("portal")
    assert portals.count() == len(list(portals.iter_all()))
    assert portals.get_objects(["pas-un-nombre"]) == {}
