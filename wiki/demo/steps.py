"""The steps of ``manage.py wiki_demo``, each safe to run again.

Every step takes the shared :class:`~wiki.demo.run.DemoRun`, creates only what is missing
(users by username, images by title, articles by slug) and writes through the same services
as the site's views, so the demo has real history, metadata, backlinks and audit logs.
"""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.images import get_image_model

from community import policy
from community.models import User
from community.services import image_upload, user_confirm

from ..models import ArticlePage, RevisionMeta, RevisionStatus
from ..selectors import existing_slugs
from ..services import ArticleFields, article_create, article_save
from ..titles import slug_for
from .run import DemoRun
from .scenario import Version, versions
from .timeline import DoneSave, backdate_saves, plan_saves


def create_people(run: DemoRun) -> None:
    """The residents and the administrator; existing accounts are left as they are."""
    people = _writers(run)
    usernames = [person.username for person in people]
    existing = {user.username: user for user in User.objects.filter(username__in=usernames)}
    # Hashing is slow on purpose; every demo account has the same password, so hash it once.
    password_hash = make_password(run.password) if len(existing) < len(people) else ""
    for person in people:
        user = existing.get(person.username)
        if user is None:
            user = User.objects.create_user(
                username=person.username,
                email=person.email,
                password=None,
                first_name=person.first_name,
                last_name=person.last_name,
                bio=person.bio,
                licence_accepted_at=timezone.now(),
                is_staff=person.is_admin,
                is_superuser=person.is_admin,
            )
            user.password = password_hash
            user.save(update_fields=["password"])
            run.created["users"] += 1
        else:
            run.existing_users.add(person.username)
        run.users[person.username] = user
    _confirm_residents(run)


def _confirm_residents(run: DemoRun) -> None:
    """Demo residents are confirmed contributors, so their edits go live without review."""
    administrator = run.users[run.content.administrator.username]
    if not policy.can_moderate(administrator):
        raise PermissionError(
            f"Le compte « {administrator.username} » existe mais n'a pas les droits "
            "d'administration : impossible de confirmer les habitants de la démonstration."
        )
    for person in run.content.residents:
        resident = run.users[person.username]
        if not resident.is_confirmed:
            user_confirm(
                user=administrator,
                target=resident,
                reason="Habitant·e du territoire de démonstration",
            )


def upload_images(run: DemoRun) -> None:
    """The drawings, uploaded by the resident who signs them (found again by title)."""
    image_model = get_image_model()
    images = run.content.images
    existing = {
        image.title: image
        for image in image_model.objects.filter(title__in=[image.title for image in images])
    }
    for demo_image in images:
        image = existing.get(demo_image.title)
        if image is None:
            image = image_upload(
                file=ContentFile(demo_image.render_png(), name=f"{demo_image.key}.png"),
                title=demo_image.title,
                author=run.content.person(demo_image.author).full_name,
                licence=demo_image.licence,
                user=run.users[demo_image.author],
            )
            run.created["images"] += 1
        run.images[demo_image.key] = image


def write_articles(run: DemoRun) -> None:
    """Every missing article, version after version, in the order of the demo calendar."""
    slugs = demo_slugs(run)
    # An article renamed since an earlier run still counts (its old slug is a redirect).
    existing = existing_slugs(slugs) | set(
        ArticlePage.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    )
    missing = [
        (article, versions(article))
        for article in run.content.articles
        if slug_for(article.title) not in existing
    ]
    plan = plan_saves([len(article_versions) for _article, article_versions in missing])
    pages: dict[int, ArticlePage] = {}
    for planned in run.progress(plan, total=len(plan), description="Articles"):
        article, article_versions = missing[planned.article_index]
        version = article_versions[planned.version_index]
        fields = _fields(article.title, version, run)
        user = run.users[version.author]
        if planned.version_index == 0:
            result = article_create(
                fields=fields, user=user, edit_summary=version.edit_summary, ip_address=None
            )
            run.created["articles"] += 1
        else:
            page = pages[planned.article_index]
            result = article_save(
                page=page,
                fields=fields,
                user=user,
                base_revision_id=page.latest_revision_id,
                edit_summary=version.edit_summary,
                minor=version.minor,
                ip_address=None,
            )
        pages[planned.article_index] = result.page
        if result.revision is None:
            run.warnings.append(
                f"« {article.title} » : la version {planned.version_index} ne change rien."
            )
            continue
        if not result.published:
            run.created["pending"] += 1
        run.created["revisions"] += 1
        run.saves.append(
            DoneSave(
                when=planned.when,
                page_id=result.page.pk,
                revision_id=result.revision.pk,
                is_creation=planned.version_index == 0,
                published=result.published,
            )
        )


def backdate_history(run: DemoRun) -> None:
    """Spread what this run wrote over the last sixty days (see wiki.demo.timeline)."""
    backdate_saves(run.saves)


def facilitators_day(run: DemoRun) -> None:
    """Facilitator, charter, pending edits and a report (see wiki.demo.moderation)."""
    from .moderation import load_facilitators_day

    load_facilitators_day(run)


STEPS = [create_people, upload_images, write_articles, backdate_history, facilitators_day]


def _fields(title: str, version: Version, run: DemoRun) -> ArticleFields:
    image_ids = {key: image.pk for key, image in run.images.items()}
    place = version.place
    return ArticleFields(
        title=title,
        body=version.body_with_image_ids(image_ids),
        summary=version.summary,
        tags=version.tags,
        place_name=place.name if place else "",
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        cover_image_id=image_ids[version.cover] if version.cover else None,
    )


def _writers(run: DemoRun) -> list:
    """The accounts created first: the residents and the administrator who confirms them."""
    return [*run.content.residents, run.content.administrator]


def demo_slugs(run: DemoRun) -> list[str]:
    return [slug_for(article.title) for article in run.content.articles]


def site_totals() -> dict[str, int]:
    """What the wiki holds now (the demo's report compares it before and after a run)."""
    return {
        "articles": ArticlePage.objects.count(),
        "published": ArticlePage.objects.live().count(),
        "revisions": RevisionMeta.objects.count(),
        "pending": RevisionMeta.objects.filter(status=RevisionStatus.PENDING).count(),
        "images": get_image_model().objects.count(),
        "users": User.objects.count(),
    }
