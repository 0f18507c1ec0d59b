"""A French corpus for the search benchmark: the local memory of a coastal town, and its queries.

Deterministic (fixed seeds): the same sizes give the same articles, commons and queries, so runs
are comparable. Articles are about one subject each (the lavoir, the school, the sardine
cannery...) and use that subject's words most, the general vocabulary some, and the other
subjects' words rarely, so that word frequencies look like a real wiki's: the town's name and
"port" are in many articles, "lavoir" or "criée" in a few percent (see ``document_frequency``).
"""

from __future__ import annotations

import random
import unicodedata

SEED = 20240605

COMMUNES = {
    # commune: (latitude, longitude) of its centre; the first one is the main town
    "Port-Kerlann": (47.866, -4.221),
    "Lanvénec": (47.902, -4.187),
    "Plouzévet": (47.931, -4.262),
    "Kerbrat": (47.884, -4.305),
    "Trégonnec": (47.951, -4.214),
    "Saint-Guénolé-des-Grèves": (47.842, -4.281),
    "Loctréven": (47.918, -4.334),
    "Penhoët": (47.873, -4.149),
}
# The main town has a third of the articles, the others share the rest.
COMMUNE_WEIGHTS = [8, 3, 3, 3, 2, 2, 2, 1]
PLACES = [
    "le bourg",
    "les quais",
    "le Stang",
    "Pen ar Lan",
    "Kervéon",
    "Porz Gwenn",
    "la pointe de Beg an Dorchenn",
    "l'anse du Moulin",
    "Kerdréan",
    "la Grève blanche",
    "Lostendro",
    "Créac'h Vihan",
]
# subject of an article: (noun phrase, tags, words of the subject)
SUBJECTS = [
    ("le lavoir", ("lavoir", "patrimoine", "eau"),
     "linge lavandière battoir savon source rinçage bassin lessive brouette drap eau"),
    ("l'école", ("école", "quartier"),
     "instituteur institutrice élève cartable ardoise plume classe récréation certificat préau"),
    ("le marché", ("marché", "commerce"),
     "étal marchande légumes beurre volaille panier foire forain balance primeur"),
    ("le phare", ("phare", "mer", "patrimoine"),
     "gardien lanterne feu lentille escalier brume signal corne veille optique"),
    ("la chapelle", ("chapelle", "patrimoine", "pardon"),
     "pardon bannière procession cantique clocher vitrail saint ex-voto recteur retable"),
    ("la fête de la sardine", ("fête", "sardines", "culture"),
     "sardine bal défilé char reine musique feu d'artifice danse crêpes kermesse"),
    ("la conserverie", ("sardines", "métiers", "port"),
     "sardine usine boîte friture huile sirène ouvrière sardinière soudure étiquette"),
    ("le port", ("port", "mer", "pêche"),
     "bateau quai thonier chalutier marin armement patron équipage mouillage amarre"),
    ("la criée", ("port", "pêche", "commerce"),
     "mareyeur enchère caisse glace poisson lotte langoustine vente crieur débarque"),
    ("la cale", ("port", "mer"), "marée barque chaloupe halage varech canot treuil slip"),
    ("le moulin à marée", ("patrimoine", "métiers"),
     "meunier farine meule bief digue roue grain sac vanne retenue"),
    ("l'église", ("patrimoine", "religion"),
     "clocher recteur messe cloche nef vitrail baptême enclos ossuaire sacristie"),
    ("la halle", ("commerce", "architecture"), "charpente marchande foire beurre grain poids"),
    ("la digue", ("mer", "tempête"),
     "tempête vague brise-lames enrochement submersion marée parapet"),
    ("le calvaire", ("patrimoine", "religion"),
     "croix granit sculpteur statue mission carrefour socle"),
    ("la plage", ("mer", "nature"),
     "baigneur cabine sable dune oyats colonie maître-nageur goémon parasol"),
    ("le sentier des douaniers", ("nature", "randonnée"),
     "douanier falaise contrebande guérite garde randonneur lande ajonc"),
    ("le café du port", ("port", "commerce"),
     "comptoir patronne chopine cidre belote marins billard juke-box terrasse"),
    ("la boulangerie", ("commerce", "métiers"),
     "pain four fournil farine miche boulanger pétrin tournée kouign-amann"),
    ("le chantier naval", ("port", "métiers"),
     "charpentier coque bordé chêne lancement calfat mât voile gabarit"),
    ("le pardon", ("pardon", "religion", "fête"),
     "procession bannière cantique recteur messe kermesse fidèles croix"),
    ("la fontaine", ("eau", "patrimoine"), "source eau guérison saint bassin niche"),
    ("le bagad", ("musique", "culture"),
     "bombarde biniou caisse claire sonneur concours répétition défilé"),
    ("le canot de sauvetage", ("mer", "tempête"),
     "sauveteur naufrage tempête patron équipage station abri rame"),
    ("la mairie", ("quartier",),
     "maire conseil élection registre secrétaire délibération cadastre"),
    ("la gare", ("quartier", "transports"),
     "train voyageur chef de gare wagon ligne micheline fermeture horaire"),
    ("le four à pain", ("patrimoine", "alimentation"),
     "fournée bois pâte fagot pain galette village"),
    ("l'abri du marin", ("mer", "patrimoine"), "marin veillée lecture soupe dortoir aumônier"),
    ("les goémoniers", ("métiers", "mer"),
     "goémon algue charrette four à soude varech grève récolte fourche"),
    ("les sardiniers", ("pêche", "sardines"),
     "sardine filet rogue chaloupe bolinche pêche banc sardinier"),
    ("les pêcheurs de thon", ("pêche", "port"),
     "thonier ligne campagne Gascogne germon mousse dundee tangon"),
    ("les brodeuses", ("métiers", "culture"),
     "broderie coiffe costume fil d'or dentelle atelier perle velours"),
    ("la coopérative maritime", ("port", "commerce"),
     "coopérative matériel filets gasoil adhérent magasin ciré"),
    ("le fest-noz", ("musique", "fête", "culture"),
     "danse gavotte chanteur kan ha diskan plinn salle sonneurs"),
    ("la maison des douanes", ("patrimoine",), "douanier brigade contrebande tabac sel garde"),
    ("le cimetière marin", ("mémoire", "mer"), "tombe disparu naufrage stèle veuve plaque"),
]  # fmt: skip
QUALIFIERS = [
    "",
    "",
    "",
    "d'autrefois",
    "pendant la guerre",
    "au temps des sardines",
    "hier et aujourd'hui",
    "et ses habitants",
    "raconté par les anciens",
    "avant la tempête",
    "en hiver",
    "au XIXe siècle",
]
FIRST_NAMES = (
    "Marie Yves Anne Jean-Louis Soizic Pierre Maïwenn Hervé Jeanne Corentin Louise Mathurin "
    "Guénolé Catherine Joseph Marguerite Ronan Nolwenn Alain Francine Loïc Germaine Pascal "
    "Yvonne Erwan Annick Tanguy Rozenn Michel Odile"
).split()
FAMILY_NAMES = (
    "Le Gall|Kerjean|Guéguen|Tanguy|Le Bihan|Cariou|Le Floc'h|Quéméner|Le Berre|Riou|Stéphan|"
    "Le Goff|Cloarec|Jaouen|Le Pape|Moysan|Bourhis|Coïc|Durand|Le Corre|Poulain|Thomas|Bernard|"
    "Le Cam|Hénaff|Péron|Larvor|Calvez|Le Dréau|Urvoy"
).split("|")
# General vocabulary: the words of any local story, whatever its subject.
NOUNS = (
    "maison rue village quartier famille enfant voisin souvenir photographie carte lettre "
    "journal registre archive chanson histoire récit légende mémoire tradition coutume "
    "travail métier atelier outil cheval charrette vélo voiture route chemin pont rivière "
    "ruisseau champ prairie jardin verger pommier haie talus lande bois forêt colline "
    "rocher falaise vent pluie orage brouillard soleil saison printemps été automne hiver "
    "matin soir nuit dimanche fête repas soupe cidre café lait beurre pomme blé orge "
    "paroisse recteur maire conseil guerre soldat réfugié libération occupation "
    "usine ouvrier patron salaire grève syndicat commerce boutique épicerie auberge hôtel "
    "touriste estivant colonie vacances bal musique chant danse costume coiffe langue "
    "breton français école maître élève livre cahier radio télévision électricité eau "
    "puits fontaine lavoir four moulin grange étable ferme cultivateur paysan marin "
    "pêcheur bateau port mer marée grève plage dune côte île anse baie pointe phare "
    "tempête naufrage sauvetage douane gendarme facteur médecin sage-femme notaire "
    "instituteur curé sacristain menuisier forgeron maçon couvreur charpentier tailleur "
    "couturière lavandière boulanger boucher cafetier épicière marchande"
).split()
ADJECTIVES = (
    "ancien vieux grand petit beau célèbre populaire animé discret fameux solide modeste "
    "humide sombre lumineux large étroit haut bas neuf rénové abandonné disparu restauré "
    "fréquenté tranquille bruyant joyeux triste long court rude doux"
).split()
VERBS = (
    "accueillait réunissait rythmait animait abritait nourrissait employait attirait "
    "rassemblait protégeait éclairait occupait marquait inquiétait amusait faisait vivre "
    "fascinait intriguait"
).split()
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
SENTENCES = [
    "{Subject} de {commune} date de {year} environ.",
    "Selon {person}, {subject} {verb} tout le quartier chaque {day}.",
    "On se souvient encore de {topic}, de {topic2} et de {noun}.",
    "En {year}, {subject} a changé : {topic} et {noun} n'étaient plus les mêmes.",
    "Les enfants de {commune} venaient voir {topic} après la classe.",
    "{person} raconte que {topic} et {noun} faisaient vivre {place}.",
    "Le {day}, on passait par {place} avant de rentrer à {commune}.",
    "Des photographies de {year} montrent {subject}, {topic} et un {adj} {noun}.",
    "Aujourd'hui, une association de {commune} entretient {subject}.",
    "{person} se rappelle {topic}, {topic2} et l'odeur du {noun}.",
    "Le {adj} {noun} a disparu en {year}, mais son nom reste dans les mémoires.",
    "Autour de {subject}, il y avait {topic}, {noun} et {noun2}.",
    "Le {noun} {adj} de {place} servait aussi de {noun2}.",
    "Dans les années {decade}, {subject} {verb} encore les familles de {commune}.",
    "{person} et {person2} ont recueilli les souvenirs des anciens sur {topic}.",
    "Le registre de {year} mentionne {topic} et {topic2}.",
    "À {place}, {topic} {verb} les habitants jusqu'en {year}.",
    "Il reste de cette époque {noun}, {noun2} et quelques {topic_plural}.",
]
SECTIONS = ["Histoire", "Souvenirs", "La vie autour", "Aujourd'hui", "Témoignages"]
TAGS = [
    "port",
    "mer",
    "pêche",
    "patrimoine",
    "mémoire",
    "métiers",
    "portrait",
    "fête",
    "culture",
    "musique",
    "quartier",
    "commerce",
    "tempête",
    "architecture",
]
COMMONS_KINDS = [
    ("Jardin partagé", ("jardin", "alimentation", "partage"), "cultiver ensemble"),
    ("Repair café", ("réparation", "entraide"), "réparer plutôt que jeter"),
    ("Outilthèque", ("outils", "partage"), "emprunter des outils"),
    ("Grainothèque", ("jardin", "partage"), "échanger des graines"),
    ("AMAP", ("alimentation", "solidarité"), "manger local"),
    ("Chorale", ("musique", "culture"), "chanter ensemble"),
    ("Bibliothèque de rue", ("culture", "partage"), "lire et prêter"),
    ("Atelier vélo", ("réparation", "entraide"), "se déplacer"),
    ("Cercle celtique", ("culture", "fête", "musique"), "danser et transmettre"),
    ("Association de sauvegarde du lavoir", ("patrimoine", "mémoire"), "sauvegarder le lavoir"),
    ("Amis de la chapelle", ("patrimoine", "pardon"), "entretenir la chapelle"),
    ("Coopérative de pêcheurs", ("pêche", "port", "mer"), "vendre le poisson"),
    ("Four à pain collectif", ("alimentation", "patrimoine"), "cuire le pain"),
    ("Café associatif", ("solidarité", "culture"), "se retrouver"),
    ("Nettoyage des plages", ("mer", "entraide"), "protéger la côte"),
]
NICKNAMES = [
    f"des {name}"
    for name in (
        "Mouettes Goélands Embruns Ajoncs Bruyères Hortensias Genêts Marées Cormorans Courlis "
        "Sternes Galets Salicornes Camélias Hirondelles Pommiers Oyats Chardons Fougères Ormeaux"
    ).split()
]
NEEDS = [
    "se nourrir",
    "réparer",
    "se retrouver",
    "transmettre",
    "apprendre",
    "se déplacer",
    "protéger la nature",
]

# --- Queries -----------------------------------------------------------------------------

SINGLE_WORDS = (
    "port lavoir école marché phare chapelle fête sardines conserverie criée cale moulin "
    "église halle digue calvaire plage goémon marée pardon bagad douaniers naufrage tempête "
    "jardin boulangerie fontaine gare mairie chantier pêcheurs thonier crêpes dentelle coiffe "
    "institutrice sauvetage four abri procession"
).split()
PLURALS = (
    "lavoirs écoles marchés phares chapelles fêtes ports moulins églises calvaires plages "
    "fontaines jardins cales digues conserveries pardons naufrages tempêtes bateaux"
).split()
WITHOUT_ACCENTS = (
    "ecole marche fete eglise criee goemon maree peche pecheurs lavandiere ecoles fetes "
    "cooperative cimetiere lanvenec plouzevet tregonnec penhoet guenole greves"
).split()
COMMUNE_QUERIES = [
    *COMMUNES,
    "port kerlann",
    "kerlann",
    "saint guénolé",
    "Porz Gwenn",
    "Pen ar Lan",
    "le Stang",
    "Kervéon",
    "Lostendro",
    "Kerdréan",
    "Créac'h Vihan",
]
TYPOS = (
    "lavoire ecolles chapele sardinnes marcher pharre conservrie goemmon eglize plouzevat "
    "kerbra tempette calvère fontene boulangeri moulain cimetierre douanniers naufrge criéé"
).split()
PHRASES = [
    '"fête de la sardine"',
    '"moulin à marée"',
    '"sentier des douaniers"',
    '"canot de sauvetage"',
    '"café du port"',
]
NO_RESULTS = ["ordinateur quantique", "aéroport international", "zzzz", "xylophone", "métro"]
MULTI_TEMPLATES = [
    "{topic} {commune}",
    "{topic} de {commune}",
    "{topic} {topic2}",
    "{subject} {commune}",
    "{topic} {year}",
    "{topic} {noun} {commune}",
    "{person}",
    "{subject} {qualifier}",
    "{noun} {topic}",
]


def fold(text: str) -> str:
    """Without accents (what people type on a phone)."""
    return "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )


def _words(subject_words: str) -> list[str]:
    return subject_words.split()


def build_queries(count: int) -> list[str]:
    """A fixed list: the hand-picked kinds, then several-word queries up to ``count``."""
    rng = random.Random(SEED + 1)
    fixed = list(
        dict.fromkeys(
            [
                *SINGLE_WORDS,
                *PLURALS,
                *WITHOUT_ACCENTS,
                *COMMUNE_QUERIES,
                *TYPOS,
                *PHRASES,
                *NO_RESULTS,
            ]
        )
    )
    seen = set(fixed)
    multi: list[str] = []
    while len(fixed) + len(multi) < max(count, 200):
        subject, _, topic_words = rng.choice(SUBJECTS)
        topic = _words(topic_words)
        query = rng.choice(MULTI_TEMPLATES).format(
            topic=rng.choice(topic),
            topic2=rng.choice(topic),
            noun=rng.choice(NOUNS),
            commune=rng.choice(list(COMMUNES)),
            subject=subject.replace("l'", "").split(" ", 1)[-1],
            year=rng.randrange(1890, 2000),
            person=f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}",
            qualifier=rng.choice([q for q in QUALIFIERS if q]),
        )
        if rng.random() < 0.2:
            query = fold(query).lower()
        if query not in seen:
            seen.add(query)
            multi.append(query)
    queries = fixed + multi
    rng.shuffle(queries)
    return queries[:count]


def suggestion_prefix(query: str, rng: random.Random) -> str:
    """What someone has typed in the header box when the autocomplete fires."""
    words = query.strip('"').split()
    if len(words) > 1 and rng.random() < 0.5:
        return " ".join([*words[:-1], words[-1][: max(2, len(words[-1]) // 2)]])
    return words[0][: rng.randint(2, max(2, min(6, len(words[0]))))]


# --- Content -----------------------------------------------------------------------------


def _plural(word: str) -> str:
    return word if word.endswith(("s", "x", "z")) or " " in word else word + "s"


def _sentence(
    rng: random.Random,
    *,
    subject: str,
    topic: list[str],
    commune: str,
    other_topic: list[str],
    place: str = "",
) -> str:
    def topic_word() -> str:
        # Mostly the article's own subject, sometimes a neighbouring one.
        return rng.choice(other_topic if rng.random() < 0.1 else topic)

    def person() -> str:
        return f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"

    return rng.choice(SENTENCES).format(
        Subject=subject[:1].upper() + subject[1:],
        subject=subject,
        topic=topic_word(),
        topic2=topic_word(),
        topic_plural=_plural(topic_word()),
        noun=rng.choice(NOUNS),
        noun2=rng.choice(NOUNS),
        adj=rng.choice(ADJECTIVES),
        verb=rng.choice(VERBS),
        person=person(),
        person2=person(),
        place=place if place and rng.random() < 0.9 else rng.choice(PLACES),
        commune=commune if rng.random() < 0.95 else rng.choice(list(COMMUNES)),
        year=rng.randrange(1860, 2015),
        decade=rng.choice(["trente", "cinquante", "soixante", "soixante-dix"]),
        day=rng.choice(DAYS),
    )


def _commune(rng: random.Random) -> str:
    return rng.choices(list(COMMUNES), weights=COMMUNE_WEIGHTS)[0]


def article_specs(count: int) -> list:
    """``count`` articles with unique titles, Markdown bodies, [[links]], tags and places."""
    from fastgen import ArticleSpec

    from wiki.titles import slug_for

    rng = random.Random(SEED)
    drafts = []
    slugs: set[str] = set()
    while len(drafts) < count:
        subject, tags, topic_words = rng.choice(SUBJECTS)
        commune = _commune(rng)
        place = rng.choice(PLACES)
        if rng.random() < 0.6:
            title = f"{subject[:1].upper()}{subject[1:]} de {commune}"
        else:
            title = f"{subject[:1].upper()}{subject[1:]} — {place}"
        title = " ".join(part for part in (title, rng.choice(QUALIFIERS)) if part)
        if slug_for(title) in slugs:
            title = f"{title}, {rng.randrange(1880, 2020)}"
        if slug_for(title) in slugs:
            continue
        slugs.add(slug_for(title))
        drafts.append((title, subject, tags, _words(topic_words), commune, place))
    specs = []
    for title, subject, tags, topic, commune, place in drafts:
        other_topic = _words(rng.choice(SUBJECTS)[2])
        sections = []
        for heading in rng.sample(SECTIONS, rng.randint(2, 4)):
            paragraphs = [
                " ".join(
                    _sentence(
                        rng,
                        subject=subject,
                        topic=topic,
                        commune=commune,
                        other_topic=other_topic,
                        place=place,
                    )
                    for _ in range(rng.randint(3, 7))
                )
                for _ in range(rng.randint(1, 3))
            ]
            sections.append(f"## {heading}\n\n" + "\n\n".join(paragraphs))
        links = [rng.choice(drafts)[0] for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            links.append(f"{rng.choice(topic).capitalize()} de {commune}")  # often a red link
        sections.append("## Voir aussi\n\n" + "\n".join(f"- [[{link}]]" for link in links))
        latitude, longitude = COMMUNES[commune]
        has_place = rng.random() < 0.6
        specs.append(
            ArticleSpec(
                title=title,
                body="\n\n".join(sections) + "\n",
                summary=_sentence(
                    rng, subject=subject, topic=topic, commune=commune, other_topic=topic
                )[:300],
                tags=tuple(dict.fromkeys((*tags[:2], *rng.sample(TAGS, rng.randint(0, 2))))),
                place_name=commune if has_place else "",
                latitude=round(latitude + rng.uniform(-0.01, 0.01), 5) if has_place else None,
                longitude=round(longitude + rng.uniform(-0.01, 0.01), 5) if has_place else None,
            )
        )
    return specs


def commons_specs(count: int) -> list:
    """``count`` published commons: kinds of initiatives, in every commune."""
    from fastgen import CommonsSpec

    rng = random.Random(SEED + 2)
    specs = []
    for _ in range(count):
        kind, tags, purpose = rng.choice(COMMONS_KINDS)
        commune = _commune(rng)
        where = rng.choice([commune, rng.choice(PLACES)])
        topic = rng.sample(NOUNS, 12)
        description = "\n\n".join(
            [
                f"Le collectif se retrouve à {where} pour {purpose}.",
                " ".join(
                    _sentence(
                        rng, subject=kind.lower(), topic=topic, commune=commune, other_topic=topic
                    )
                    for _ in range(rng.randint(3, 6))
                ),
                f"**Ouvert à toutes et à tous**, le {rng.choice(DAYS)} après-midi.",
            ]
        )
        latitude, longitude = COMMUNES[commune]
        specs.append(
            CommonsSpec(
                name=f"{kind} {rng.choice(NICKNAMES)} — {where}",
                summary=f"{kind} à {commune} : {purpose}.",
                description=description,
                commune=commune,
                tags=tuple(dict.fromkeys((*tags, *rng.sample(TAGS, rng.randint(0, 2))))),
                needs=tuple(rng.sample(NEEDS, rng.randint(1, 2))),
                shared_resources=f"Un local, des {_plural(rng.choice(NOUNS))} et du temps.",
                community=f"Une vingtaine d'habitants de {commune} et des environs.",
                how_to_join=f"Passer le {rng.choice(DAYS)} ou écrire à la mairie.",
                latitude=round(latitude + rng.uniform(-0.01, 0.01), 5),
                longitude=round(longitude + rng.uniform(-0.01, 0.01), 5),
                stage=rng.choice(["starting", "active", "active", "active", "paused"]),
            )
        )
    return specs


def document_frequency(texts: list[str], words: list[str]) -> dict[str, float]:
    """Share of the texts containing each word (accents and case ignored, as a rough guide)."""
    folded = [fold(text).lower() for text in texts]
    return {
        word: sum(1 for text in folded if fold(word).lower() in text) / max(1, len(folded))
        for word in words
    }
