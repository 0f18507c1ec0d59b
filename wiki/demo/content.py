"""Read the demo territory from its files: ``demo/chronologie.yaml`` and ``demo/articles/*.md``.

Everything is read and checked before anything is written: a broken file stops the demo with
a French message naming the file, and the database is left as it was. What is read fills the
same dataclasses the steps have always replayed through the services.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from community.content_files import (
    ContentFileError,
    Fields,
    demo_directory,
    read_markdown,
    read_yaml,
)

from ..titles import slug_for
from .images import PAINTERS, DemoImage
from .residents import ROLES, DemoPerson
from .scenario import DemoArticle, Edit, Place, versions

TIMELINE_FILE = "chronologie.yaml"
ARTICLES_FOLDER = "articles"


@dataclass(frozen=True)
class PendingEdit:
    """A text the newcomer adds at the end of a live article; it waits for review."""

    slug: str
    text: str
    edit_summary: str


@dataclass(frozen=True)
class Vandalism:
    """A vandal replaces an article's text; the facilitator rolls it back at once."""

    slug: str
    body: str
    edit_summary: str
    rollback_reason: str


@dataclass(frozen=True)
class FacilitatorsDay:
    """What happens today, after the backdated history: what /relecture/ shows on day one."""

    charter: DemoArticle
    newcomer_edits: tuple[PendingEdit, ...] = ()
    newcomer_article: DemoArticle | None = None
    talk: tuple[str, str] | None = None  # (slug, message)
    vandalism: Vandalism | None = None
    report: tuple[str, str] | None = None  # (slug, reason)


@dataclass(frozen=True)
class DemoContent:
    """The whole demo wiki: people, drawings, articles with their edits, the facilitator's day."""

    people: tuple[DemoPerson, ...]
    images: tuple[DemoImage, ...]
    articles: tuple[DemoArticle, ...]
    day: FacilitatorsDay

    def with_role(self, role: str) -> list[DemoPerson]:
        return [person for person in self.people if person.role == role]

    def one(self, role: str) -> DemoPerson | None:
        people = self.with_role(role)
        return people[0] if people else None

    @property
    def residents(self) -> list[DemoPerson]:
        return self.with_role("habitant")

    @property
    def administrator(self) -> DemoPerson:
        return self.with_role("administration")[0]

    def person(self, username: str) -> DemoPerson:
        for person in self.people:
            if person.username == username:
                return person
        raise KeyError(username)


def read_demo(directory: Path | str | None = None) -> DemoContent:
    """The demo wiki described in ``directory`` (``demo/`` by default), checked as a whole."""
    return _Reader(demo_directory(directory)).read()


class _Reader:
    def __init__(self, directory: Path):
        self.directory = directory
        self.timeline_path = directory / TIMELINE_FILE
        self.usernames: set[str] = set()
        self.used_files: dict[str, str] = {}  # article file -> where the timeline uses it
        self.timeline_slugs: dict[str, str] = {}  # article file of the list -> its slug

    def read(self) -> DemoContent:
        timeline = Fields(read_yaml(self.timeline_path), path=self.timeline_path)
        people = tuple(self._person(item) for item in timeline.items("comptes", label="compte"))
        self._check_people(people)
        images = tuple(self._image(item) for item in timeline.items("images", label="image"))
        image_keys = {image.key for image in images}
        articles = tuple(
            self._timeline_article(item, image_keys)
            for item in timeline.items("articles", label="article")
        )
        day = self._day(timeline.mapping("animation"), image_keys, people)
        timeline.known.append("communs")  # read by commons.demo
        timeline.finish()
        self._check_slugs([*articles, day.charter, day.newcomer_article], articles)
        return DemoContent(people=people, images=images, articles=articles, day=day)

    # --- Accounts and images --------------------------------------------------------------

    def _person(self, fields: Fields) -> DemoPerson:
        username = fields.text("identifiant")
        if username in self.usernames:
            fields.error(f"l'identifiant « {username} » est déjà pris par un autre compte.")
        self.usernames.add(username)
        role = fields.choice("rôle", ROLES)
        person = DemoPerson(
            username=username,
            first_name=fields.text("prénom", required=False),
            last_name=fields.text("nom", required=False),
            bio=fields.text("présentation", required=False),
            is_admin=role == "administration",
            role=role,
        )
        fields.finish()
        return person

    def _check_people(self, people: tuple[DemoPerson, ...]) -> None:
        for role in ROLES:
            count = sum(person.role == role for person in people)
            required = role in ("habitant", "administration", "animation")
            if (required and count == 0) or (role != "habitant" and count > 1):
                expected = "au moins un compte" if role == "habitant" else "un seul compte"
                raise ContentFileError(
                    self.timeline_path, f"comptes : il faut {expected} de rôle « {role} »."
                )

    def _account(self, fields: Fields, name: str = "auteur") -> str:
        username = fields.text(name)
        if username not in self.usernames:
            fields.error(
                f"« {name} » vaut « {username} », qui n'est pas un compte de la liste "
                f"« comptes » ({', '.join(sorted(self.usernames))})."
            )
        return username

    def _image(self, fields: Fields) -> DemoImage:
        image = DemoImage(
            key=fields.text("clé"),
            title=fields.text("titre"),
            author=self._account(fields),
            licence=fields.text("licence"),
            paint=PAINTERS[fields.choice("dessin", PAINTERS)],
        )
        fields.finish()
        return image

    # --- Articles ---------------------------------------------------------------------------

    def _article_file(self, fields: Fields, image_keys: set[str], name: str = "article"):
        key = fields.text(name)
        if key in self.used_files:
            fields.error(
                f"l'article « {key} » est déjà utilisé ({self.used_files[key]}) : "
                "chaque fichier d'article n'est créé qu'une fois."
            )
        self.used_files[key] = fields.where
        path = self.directory / ARTICLES_FOLDER / f"{key}.md"
        if not path.is_file():
            fields.error(f"l'article « {key} » n'existe pas : fichier {path.name} introuvable.")
        front_matter, body = read_markdown(path)
        fields_of_file = Fields(front_matter, path=path)
        article = DemoArticle(
            title=fields_of_file.text("titre"),
            author=self._account(fields_of_file),
            summary=fields_of_file.text("résumé", required=False),
            tags=fields_of_file.texts("mots-clés", required=False),
            body=body.strip() + "\n",
            place=self._place(fields_of_file),
            cover=self._cover(fields_of_file, image_keys),
            edit_summary=fields_of_file.text("commentaire", required=False),
        )
        fields_of_file.finish()
        if not body.strip():
            raise ContentFileError(path, "le texte de l'article (après la ligne « --- ») est vide.")
        return article, path

    def _timeline_article(self, fields: Fields, image_keys: set[str]) -> DemoArticle:
        article, path = self._article_file(fields, image_keys)
        edits = tuple(
            self._edit(item, image_keys)
            for item in fields.items("modifications", required=False, label="modification")
        )
        fields.finish()
        article = replace(article, edits=edits)
        self.timeline_slugs[fields.data["article"]] = slug_for(article.title)
        try:
            article_versions = versions(article)
        except ValueError as error:
            raise ContentFileError(self.timeline_path, f"{fields.where} : {error}") from None
        unknown = set().union(*(version.image_keys() for version in article_versions))
        unknown -= image_keys
        if unknown:
            raise ContentFileError(
                path,
                f"image inconnue « @{sorted(unknown)[0]} » : les clés des images sont dans "
                f"{TIMELINE_FILE} ({', '.join(sorted(image_keys))}).",
            )
        return article

    def _edit(self, fields: Fields, image_keys: set[str]) -> Edit:
        replacements = []
        for pair in fields.items("remplacer", required=False, label="remplacement"):
            replacements.append((pair.text("avant"), pair.text("après", default="")))
            pair.finish()
        edit = Edit(
            author=self._account(fields),
            edit_summary=fields.text("commentaire", required=False),
            minor=fields.boolean("mineure"),
            replace=tuple(replacements),
            append=fields.text("ajouter", required=False),
            summary=fields.text("résumé", required=False, default=None),
            tags=fields.texts("mots-clés", required=False) or None,
            place=self._place(fields),
            cover=self._cover(fields, image_keys),
        )
        fields.finish()
        return edit

    def _place(self, fields: Fields) -> Place | None:
        place = fields.mapping("lieu", required=False)
        if place is None:
            return None
        result = Place(
            name=place.text("nom"),
            latitude=place.number("latitude"),
            longitude=place.number("longitude"),
        )
        place.finish()
        if not (-90 <= result.latitude <= 90 and -180 <= result.longitude <= 180):
            place.error("latitude entre -90 et 90, longitude entre -180 et 180.")
        return result

    def _cover(self, fields: Fields, image_keys: set[str]) -> str | None:
        cover = fields.text("couverture", required=False, default=None)
        if cover is not None and cover not in image_keys:
            fields.error(
                f"« couverture » vaut « {cover} », qui n'est pas une image de {TIMELINE_FILE} "
                f"({', '.join(sorted(image_keys))})."
            )
        return cover

    # --- The facilitator's day -------------------------------------------------------------

    def _day(self, fields: Fields, image_keys: set[str], people) -> FacilitatorsDay:
        charter, _path = self._article_file(fields, image_keys, name="charte")
        newcomer = fields.mapping("nouveau", required=False)
        vandalism = fields.mapping("vandalisme", required=False)
        report = fields.mapping("signalement", required=False)
        fields.finish()
        day = {"charter": charter}
        if newcomer is not None:
            if not any(person.role == "nouveau" for person in people):
                newcomer.error("il faut un compte de rôle « nouveau » dans « comptes ».")
            edits = []
            for item in newcomer.items("modifications", required=False, label="modification"):
                edits.append(
                    PendingEdit(
                        slug=self._known_slug(item),
                        text=item.text("ajouter"),
                        edit_summary=item.text("commentaire", required=False),
                    )
                )
                item.finish()
            day["newcomer_edits"] = tuple(edits)
            if newcomer.text("création", required=False):
                day["newcomer_article"], _path = self._article_file(
                    newcomer, image_keys, name="création"
                )
            talk = newcomer.mapping("discussion", required=False)
            if talk is not None:
                day["talk"] = (self._known_slug(talk), talk.text("message"))
                talk.finish()
            newcomer.finish()
        if vandalism is not None:
            if not any(person.role == "vandale" for person in people):
                vandalism.error("il faut un compte de rôle « vandale » dans « comptes ».")
            day["vandalism"] = Vandalism(
                slug=self._known_slug(vandalism),
                body=vandalism.text("texte"),
                edit_summary=vandalism.text("commentaire", required=False),
                rollback_reason=vandalism.text("annulation", required=False),
            )
            vandalism.finish()
        if report is not None:
            day["report"] = (self._known_slug(report), report.text("motif"))
            report.finish()
        return FacilitatorsDay(**day)

    def _known_slug(self, fields: Fields) -> str:
        """An article of the ``articles`` list, by its file name; the page is found by slug."""
        key = fields.text("article")
        if key not in self.timeline_slugs:
            fields.error(f"« article » vaut « {key} », qui n'est pas dans la liste « articles ».")
        return self.timeline_slugs[key]

    def _check_slugs(self, all_articles, articles) -> None:
        seen: dict[str, str] = {}
        for article in all_articles:
            if article is None:
                continue
            slug = slug_for(article.title)
            if slug in seen:
                raise ContentFileError(
                    self.timeline_path,
                    f"deux articles ont la même adresse /wiki/{slug}/ : « {seen[slug]} » et "
                    f"« {article.title} » (changez l'un des titres).",
                )
            seen[slug] = article.title
        folder = self.directory / ARTICLES_FOLDER
        unused = sorted(
            path.stem for path in folder.glob("*.md") if path.stem not in self.used_files
        )
        if unused:
            raise ContentFileError(
                folder / f"{unused[0]}.md",
                f"cet article n'apparaît pas dans {TIMELINE_FILE} : ajoutez une ligne "
                f"« - article: {unused[0]} » à la liste « articles ».",
            )
