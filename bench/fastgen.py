"""Fast generation of real content for the benchmarks: bulk inserts instead of the services.

The services cost ~100 ms per article (tree insert, revision, publish, links, one search-index
commit each); at 20,000 articles that is more than half an hour. These helpers write the same
rows in bulk, a few hundred articles per second:

- articles: ``wagtailcore_page`` + ``wiki_articlepage`` rows with a valid treebeard path
  (4-char base-36 steps under the /wiki/ index page), ``url_path``, ``live=True`` and publication
  dates; one Wagtail ``Revision`` per article (content shaped like ``serializable_data()``),
  set as both latest and live revision; its ``RevisionMeta`` (approved creation); the taggit
  rows (``ArticleTag``); the ``WikiLink`` rows of its ``[[links]]``; then the index page's
  ``numchild``. Check the tree with ``manage.py fixtree``.
- commons: ``Commons`` rows (published), ``TaggedCommons``, needs and an owner.

Not written: Wagtail's log entries, reference index and its own search index (Ker searches
with Whoosh; rebuild it with ``search.services.index_rebuild`` afterwards), nor the Whoosh
documents. Ids are chosen here (max + 1), which is fine on SQLite (the benchmarks' database).
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

BATCH = 500


@dataclass(frozen=True)
class ArticleSpec:
    title: str
    body: str
    summary: str = ""
    tags: tuple[str, ...] = ()
    place_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    published_at: datetime.datetime | None = None


@dataclass(frozen=True)
class CommonsSpec:
    name: str
    summary: str
    description: str
    commune: str
    tags: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    shared_resources: str = ""
    community: str = ""
    how_to_join: str = ""
    latitude: float | None = None
    longitude: float | None = None
    stage: str = "active"
    published_at: datetime.datetime | None = None
    extra: dict = field(default_factory=dict)


def _step(number: int, *, alphabet: str, steplen: int) -> str:
    """Treebeard's step for the ``number``-th child (1-based): 1 -> "0001", 36 -> "0010"."""
    digits = ""
    while number:
        number, remainder = divmod(number, len(alphabet))
        digits = alphabet[remainder] + digits
    if len(digits) > steplen:
        raise ValueError("too many children for the tree's step length")
    return digits.rjust(steplen, alphabet[0])


def _next_id(model) -> int:
    from django.db.models import Max

    return (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1


def _tag_ids(names: set[str]) -> dict[str, int]:
    from taggit.models import Tag

    ids = {}
    for name in sorted(names):
        tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name)
        ids[name] = tag.pk
    return ids


def bulk_articles(
    specs: Sequence[ArticleSpec], *, user, seed: int = 1, batch: int = BATCH
) -> list[int]:
    """Insert live articles under the /wiki/ index page; returns their page ids (in order)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.models import Page, Revision

    from wiki.markdown import extract_link_targets
    from wiki.models import ArticleIndexPage, ArticlePage, ArticleTag, RevisionMeta, WikiLink
    from wiki.titles import slug_for

    rng = random.Random(seed)
    index = ArticleIndexPage.objects.get()
    article_type = ContentType.objects.get_for_model(ArticlePage)
    page_type = ContentType.objects.get_for_model(Page)
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    last_path = children.order_by("-path").values_list("path", flat=True).first()
    position = int(last_path[-Page.steplen :], len(Page.alphabet)) if last_path else 0
    tag_ids = _tag_ids({tag for spec in specs for tag in spec.tags})
    base_time = datetime.datetime(2019, 1, 1, tzinfo=datetime.UTC)
    created: list[int] = []
    for start in range(0, len(specs), batch):
        chunk = specs[start : start + batch]
        with transaction.atomic():
            page_id = _next_id(Page)
            revision_id = _next_id(Revision)
            tagged_id = _next_id(ArticleTag)
            pages, revisions, metas, tagged, links = [], [], [], [], []
            for offset, spec in enumerate(chunk):
                pk, rev = page_id + offset, revision_id + offset
                position += 1
                slug = slug_for(spec.title)
                moment = spec.published_at or base_time + datetime.timedelta(
                    minutes=rng.randrange(60 * 24 * 365 * 5)
                )
                items = []
                for tag in dict.fromkeys(spec.tags):
                    tagged.append(
                        ArticleTag(id=tagged_id, tag_id=tag_ids[tag], content_object_id=pk)
                    )
                    items.append({"pk": tagged_id, "tag": tag_ids[tag], "content_object": pk})
                    tagged_id += 1
                page = ArticlePage(
                    id=pk,
                    page_ptr_id=pk,
                    path=index.path + _step(position, alphabet=Page.alphabet, steplen=Page.steplen),
                    depth=index.depth + 1,
                    numchild=0,
                    translation_key=uuid.UUID(int=rng.getrandbits(128), version=4),
                    locale_id=index.locale_id,
                    latest_revision_id=rev,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=moment,
                    last_published_at=moment,
                    live_revision_id=rev,
                    title=spec.title,
                    draft_title=spec.title,
                    slug=slug,
                    content_type_id=article_type.pk,
                    url_path=f"{index.url_path}{slug}/",
                    owner_id=user.pk if user else None,
                    latest_revision_created_at=moment,
                    summary=spec.summary,
                    body=spec.body,
                    place_name=spec.place_name,
                    latitude=spec.latitude,
                    longitude=spec.longitude,
                )
                pages.append(page)
                content = {
                    "pk": pk,
                    **{
                        name: value
                        for name, value in _page_content(page).items()
                        if name not in ("pk", "live", "latest_revision", "live_revision")
                    },
                    "live": False,
                    "latest_revision": None,
                    "live_revision": None,
                    "first_published_at": None,
                    "last_published_at": None,
                    "latest_revision_created_at": None,
                    "wagtail_admin_comments": [],
                    "tagged_items": items,
                }
                revisions.append(
                    Revision(
                        id=rev,
                        content_type_id=article_type.pk,
                        base_content_type_id=page_type.pk,
                        object_id=str(pk),
                        created_at=moment,
                        user=user,
                        object_str=spec.title,
                        content=content,
                    )
                )
                size = len(spec.body.encode("utf-8"))
                metas.append(
                    RevisionMeta(
                        revision_id=rev,
                        page_id=pk,
                        user=user,
                        author_name=user.get_username() if user else "",
                        created_at=moment,
                        edit_summary="Création de la page",
                        is_creation=True,
                        title=spec.title,
                        size=size,
                        size_delta=size,
                    )
                )
                targets: dict[str, str] = {}
                for target in extract_link_targets(spec.body):
                    targets.setdefault(slug_for(target), target[:255])
                links.extend(
                    WikiLink(source_id=pk, target_slug=target_slug, target_title=target_title)
                    for target_slug, target_title in targets.items()
                    if target_slug
                )
            Revision.objects.bulk_create(revisions)
            Page.objects.bulk_create([_as_base_page(page) for page in pages])
            ArticlePage._base_manager._insert(  # the child table only (what save() does)
                pages, fields=ArticlePage._meta.local_concrete_fields, using="default"
            )
            RevisionMeta.objects.bulk_create(metas)
            ArticleTag.objects.bulk_create(tagged)
            WikiLink.objects.bulk_create(links)
            created.extend(page.pk for page in pages)
    Page.objects.filter(pk=index.pk).update(
        numchild=Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).count()
    )
    return created


def _page_content(page) -> dict:
    """What ``serializable_data()`` holds for the page's own fields (no child relations)."""
    from wagtail.models import Page

    from wiki.models import ArticlePage

    data = {"pk": page.pk}
    for model in (Page, ArticlePage):
        for model_field in model._meta.local_concrete_fields:
            if model_field.attname in ("id", "page_ptr_id"):
                continue
            value = getattr(page, model_field.attname)
            if isinstance(value, uuid.UUID):
                value = str(value)
            data[model_field.name] = value
    return data


def _as_base_page(page):
    from wagtail.models import Page

    return Page(
        **{
            model_field.attname: getattr(page, model_field.attname)
            for model_field in Page._meta.local_concrete_fields
        }
    )


def bulk_commons(
    specs: Sequence[CommonsSpec], *, user, seed: int = 2, batch: int = BATCH
) -> list[int]:
    """Insert published commons with their tags, needs and an owner; returns their ids."""
    from django.db import transaction
    from django.db.models import F
    from django.utils.text import slugify

    from commons.models import Commons, CommonsOwner, Need, Status, TaggedCommons

    rng = random.Random(seed)
    tag_ids = _tag_ids({tag for spec in specs for tag in spec.tags})
    need_ids = {}
    for name in sorted({need for spec in specs for need in spec.needs}):
        need, _ = Need.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
        need_ids[name] = need.pk
    taken = set(Commons.objects.values_list("slug", flat=True))
    base_time = datetime.datetime(2021, 1, 1, tzinfo=datetime.UTC)
    created: list[int] = []
    for start in range(0, len(specs), batch):
        chunk = specs[start : start + batch]
        with transaction.atomic():
            first_id = _next_id(Commons)
            rows, tagged, needs, owners = [], [], [], []
            for offset, spec in enumerate(chunk):
                pk = first_id + offset
                slug = base_slug = slugify(spec.name)[:200] or f"commun-{pk}"
                suffix = 2
                while slug in taken:
                    slug = f"{base_slug}-{suffix}"
                    suffix += 1
                taken.add(slug)
                moment = spec.published_at or base_time + datetime.timedelta(
                    minutes=rng.randrange(60 * 24 * 365 * 4)
                )
                rows.append(
                    Commons(
                        id=pk,
                        name=spec.name,
                        slug=slug,
                        summary=spec.summary,
                        description=spec.description,
                        tags_text=", ".join(spec.tags),
                        commune=spec.commune,
                        latitude=spec.latitude,
                        longitude=spec.longitude,
                        stage=spec.stage,
                        shared_resources=spec.shared_resources,
                        community=spec.community,
                        how_to_join=spec.how_to_join,
                        status=Status.PUBLISHED,
                        declared_by=user,
                        published_at=moment,
                        **spec.extra,
                    )
                )
                tagged.extend(
                    TaggedCommons(tag_id=tag_ids[tag], content_object_id=pk)
                    for tag in dict.fromkeys(spec.tags)
                )
                needs.extend(
                    Commons.needs.through(commons_id=pk, need_id=need_ids[need])
                    for need in dict.fromkeys(spec.needs)
                )
                if user is not None:
                    owners.append(CommonsOwner(commons_id=pk, user=user, added_by=user))
            Commons.objects.bulk_create(rows)
            TaggedCommons.objects.bulk_create(tagged)
            Commons.needs.through.objects.bulk_create(needs)
            CommonsOwner.objects.bulk_create(owners)
            ids = [row.pk for row in rows]
            # auto_now(_add) stamped "now": date them from their publication instead.
            Commons.objects.filter(pk__in=ids).update(
                created_at=F("published_at"), updated_at=F("published_at")
            )
            created.extend(ids)
    return created
