"""The facilitator's day in the demo: a facilitator, the editorial charter, a new contributor
whose edits wait in the review queue, a talk page, a report and a vandal already dealt with.

Everything goes through the services, so the queue, the patrol backlog (residents' edits are
not patrolled until a facilitator checks them) and the audit log are real.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils import timezone

from community.models import Report, User
from community.policy import FACILITATOR_GROUP
from community.services import report_create

from ..models import ArticlePage, RevisionMeta, TalkMessage
from ..services import ArticleFields, article_create, article_rollback, article_save, talk_post
from .run import DemoRun

FACILITATOR = "anaig"
NEWCOMER = "erwan"
VANDAL = "promo-express"
CHARTER_TITLE = "Charte éditoriale"

CHARTER = """Ker est la mémoire partagée du territoire : chacun peut y écrire, à condition de
respecter quelques règles simples. Cette charte tient en une page ; lisez-la avant votre première
contribution.

## Ce que l'on écrit ici

- **La mémoire du territoire** : lieux, métiers, fêtes, événements, personnes qui ont marqué la
  vie locale, souvenirs d'habitants.
- **Des faits vérifiables** quand c'est possible : citez vos sources (archives, journaux, livres,
  témoignages) en note de bas de page[^1].
- **Des souvenirs personnels**, bienvenus, à condition de dire qu'il s'agit d'un témoignage et de
  qui il vient.

## Ce que l'on n'écrit pas

- Pas de publicité, de propagande électorale ni de démarchage.
- Pas d'attaques personnelles, de propos injurieux, racistes, sexistes ou discriminatoires.
- Pas de données personnelles sur des personnes vivantes sans leur accord (adresse, téléphone,
  santé…).
- Pas de textes ni d'images copiés sans l'accord de leur auteur : tout ce qui est publié ici est
  sous licence CC BY-SA 4.0 et doit pouvoir être réutilisé.

## Comment on travaille ensemble

- **Bienveillance** : on améliore le texte des autres, on ne l'efface pas. En cas de désaccord,
  on en parle sur la page de discussion de l'article.
- **Résumé de modification** : dites en quelques mots ce que vous avez changé.
- **Relecture** : les premières contributions des nouveaux comptes sont relues par l'équipe
  d'animation avant d'être publiées. Ce n'est pas de la méfiance : c'est ainsi que l'on se
  protège du vandalisme. Après quelques contributions, vos modifications sont publiées directement.
- **Signaler** : si vous voyez un problème, utilisez le lien « Signaler un problème » en bas de
  chaque article. Les animateurs le traitent au plus vite.

## L'équipe d'animation

Les animatrices et animateurs relisent les contributions en attente, vérifient les modifications
récentes, annulent le vandalisme et protègent un article si nécessaire. Ils appliquent cette
charte avec discernement et expliquent toujours leurs décisions.

Voir aussi [[Port-Kerlann]] pour découvrir le territoire.

[^1]: Par exemple : « Archives municipales de Port-Kerlann, délibération du 12 mars 1921 ».
"""


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
    facilitator = _user(FACILITATOR, first_name="Anaïg", last_name="Morvan", is_confirmed=True)
    _demo_password(run, facilitator)
    facilitator.groups.add(Group.objects.get_or_create(name=FACILITATOR_GROUP)[0])
    run.users[FACILITATOR] = facilitator

    if not ArticlePage.objects.filter(slug="charte-editoriale").exists():
        article_create(
            fields=ArticleFields(
                title=CHARTER_TITLE,
                body=CHARTER,
                summary="Les règles communes pour écrire la mémoire du territoire.",
                tags=("charte", "aide"),
            ),
            user=facilitator,
            edit_summary="Première version de la charte",
        )
        run.created["articles"] += 1

    newcomer = _user(NEWCOMER, first_name="Erwan", last_name="Le Dû")
    _demo_password(run, newcomer)
    run.users[NEWCOMER] = newcomer
    if not RevisionMeta.objects.filter(user=newcomer).exists():
        _newcomer_edits(newcomer, run)

    vandal = _user(VANDAL, is_confirmed=True)
    run.users[VANDAL] = vandal
    if not RevisionMeta.objects.filter(user=vandal).exists():
        _vandalism_rolled_back(vandal, facilitator)

    if not Report.objects.exists():
        target = (
            ArticlePage.objects.live().exclude(slug="charte-editoriale").order_by("path").first()
        )
        if target is not None:
            report_create(
                reporter=None,
                target_key=f"article:{target.pk}",
                target_label=target.title,
                target_url=target.url or f"/wiki/{target.slug}/",
                reason="Une date me semble fausse : le port a été agrandi en 1924, pas en 1921.",
            )


def _newcomer_edits(newcomer: User, run: DemoRun) -> None:
    """A new contributor's first steps: two edits and a new article, all waiting for review."""
    pages = list(ArticlePage.objects.live().exclude(slug="charte-editoriale").order_by("path")[:2])
    for page in pages:
        article_save(
            page=page,
            fields=ArticleFields(
                title=page.title,
                body=page.body.rstrip() + "\n\nMon grand-père m'en parlait souvent : il y allait "
                "chaque dimanche avec ses frères.\n",
                summary=page.summary,
                tags=tuple(tag.name for tag in page.tags.all()),
                place_name=page.place_name,
                latitude=page.latitude,
                longitude=page.longitude,
                cover_image_id=page.cover_image_id,
            ),
            user=newcomer,
            base_revision_id=None,
            edit_summary="Ajout d'un souvenir familial",
        )
        run.created["pending"] += 1
    article_create(
        fields=ArticleFields(
            title="La cabine téléphonique du Stang",
            body="La cabine téléphonique du Stang a servi jusqu'en 2004. On y faisait la queue "
            "le dimanche soir pour appeler les marins partis au large.\n\n"
            "Voir aussi [[Port-Kerlann]].\n",
            summary="Une cabine qui reliait les familles aux marins.",
            tags=("mémoire", "quartier"),
        ),
        user=newcomer,
        edit_summary="Nouvel article",
    )
    run.created["pending"] += 1
    if pages:
        talk_post(
            page=pages[0],
            user=newcomer,
            body="Bonjour, j'ai ajouté un souvenir de mon grand-père. Faut-il citer une source ?",
        )


def _vandalism_rolled_back(vandal: User, facilitator: User) -> None:
    """Spam already reverted in one click: history and audit log show how it was handled."""
    page = ArticlePage.objects.live().exclude(slug="charte-editoriale").order_by("-path").first()
    if page is None:
        return
    article_save(
        page=page,
        fields=ArticleFields(
            title=page.title, body="PROMO !!! Achetez vos volets sur promo-express"
        ),
        user=vandal,
        base_revision_id=None,
        edit_summary="mise à jour",
    )
    article_rollback(page=ArticlePage.objects.get(pk=page.pk), user=facilitator, reason="publicité")


def demo_messages() -> int:
    return TalkMessage.objects.count()
