"""The facilitator's day in the demo: a facilitator, the editorial charter, a new contributor
whose edits wait in the review queue, a talk page, a report and a vandal already dealt with.

What happens is described under ``animation`` in ``demo/chronologie.yaml`` (see
:class:`~wiki.demo.content.FacilitatorsDay`); the charter is an article file like the others.

Everything goes through the services, so the queue, the patrol backlog (residents' edits are
not patrolled until a facilitator checks them) and the audit log are real.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib.auth.models import Group
from django.utils import timezone

from community.models import Report, User
from community.policy import FACILITATOR_GROUP
from community.services import report_create

from ..models import ArticlePage, RevisionMeta, TalkMessage
from ..services import ArticleFields, article_create, article_rollback, article_save, talk_post
from ..titles import article_path, slug_for
from .content import Vandalism
from .run import DemoRun
from .scenario import DemoArticle, markdown_text


def _user(username: str, **extra) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(
            username=username,
            email=f"{username}@kerlann.example",
            password=None,
            licence_accepted_at=timezone.now(),
            **extra,
        )
    return user


def _demo_password(run: DemoRun, user: User) -> None:
    if not user.has_usable_password():
        user.set_password(run.password)
        user.save(update_fields=["password"])


def load_facilitators_day(run: DemoRun) -> None:
    """Facilitator, charter, pending edits, talk, report: what /relecture/ shows on day one."""
    content, day = run.content, run.content.day
    person = content.one("animation")
    facilitator = _user(
        person.username,
        first_name=person.first_name,
        last_name=person.last_name,
        bio=person.bio,
        is_confirmed=True,
    )
    _demo_password(run, facilitator)
    facilitator.groups.add(Group.objects.get_or_create(name=FACILITATOR_GROUP)[0])
    run.users[person.username] = facilitator

    charter_slug = slug_for(day.charter.title)
    if not ArticlePage.objects.filter(slug=charter_slug).exists():
        article_create(
            fields=_fields(day.charter),
            user=run.users.get(day.charter.author, facilitator),
            edit_summary=day.charter.edit_summary,
        )
        run.created["articles"] += 1

    person = content.one("nouveau")
    if person is not None:
        newcomer = _user(
            person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            bio=person.bio,
        )
        _demo_password(run, newcomer)
        run.users[person.username] = newcomer
        if not RevisionMeta.objects.filter(user=newcomer).exists():
            _newcomer_edits(newcomer, run)

    person = content.one("vandale")
    if person is not None:
        vandal = _user(
            person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            bio=person.bio,
            is_confirmed=True,
        )
        run.users[person.username] = vandal
        if day.vandalism and not RevisionMeta.objects.filter(user=vandal).exists():
            _vandalism_rolled_back(day.vandalism, vandal, facilitator)

    if day.report and not Report.objects.exists():
        slug, reason = day.report
        target = ArticlePage.objects.live().filter(slug=slug).first()
        if target is not None:
            report_create(
                reporter=None,
                target_key=f"article:{target.pk}",
                target_label=target.title,
                target_url=target.url or article_path(target.slug),
                reason=reason,
            )


def _fields(article: DemoArticle) -> ArticleFields:
    place = article.place
    return ArticleFields(
        title=article.title,
        body=article.body,
        summary=article.summary,
        tags=article.tags,
        place_name=place.name if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
    )


def _newcomer_edits(newcomer: User, run: DemoRun) -> None:
    """A new contributor's first steps: edits and a new article, all waiting for review."""
    day = run.content.day
    pages = {}
    for edit in day.newcomer_edits:
        page = ArticlePage.objects.live().filter(slug=edit.slug).first()
        if page is None:
            continue
        pages[edit.slug] = page
        article_save(
            page=page,
            fields=replace(
                ArticleFields.from_page(page),
                body=page.body.rstrip() + "\n\n" + markdown_text(edit.text),
            ),
            user=newcomer,
            base_revision_id=None,
            edit_summary=edit.edit_summary,
        )
        run.created["pending"] += 1
    if day.newcomer_article is not None:
        article_create(
            fields=_fields(day.newcomer_article),
            user=newcomer,
            edit_summary=day.newcomer_article.edit_summary,
        )
        run.created["pending"] += 1
    if day.talk is not None:
        slug, message = day.talk
        page = pages.get(slug) or ArticlePage.objects.live().filter(slug=slug).first()
        if page is not None:
            talk_post(page=page, user=newcomer, body=message)


def _vandalism_rolled_back(vandalism: Vandalism, vandal: User, facilitator: User) -> None:
    """Spam already reverted in one click: history and audit log show how it was handled."""
    page = ArticlePage.objects.live().filter(slug=vandalism.slug).first()
    if page is None:
        return
    article_save(
        page=page,
        fields=ArticleFields(title=page.title, body=vandalism.body),
        user=vandal,
        base_revision_id=None,
        edit_summary=vandalism.edit_summary,
    )
    article_rollback(
        page=ArticlePage.objects.get(pk=page.pk),
        user=facilitator,
        reason=vandalism.rollback_reason,
    )


def demo_messages() -> int:
    return TalkMessage.objects.count()
