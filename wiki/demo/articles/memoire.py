# ruff: noqa: E501
# One paragraph per line, as residents type them: diffs then follow paragraphs.
"""Demo articles: events and people the town remembers."""

from ..scenario import DemoArticle, Edit, Place
from ..scenario import markdown_text as md

ARTICLES = [
    DemoArticle(
        title="Tempête de 1953",
        author="soazig",
        summary="La nuit du 8 au 9 décembre 1953, quand la tempête a coûté la vie à sept marins de Kerlann.",
        tags=("mémoire", "mer", "solidarité"),
        place=Place("Jetée du port, Port-Kerlann", 48.3799, -4.4934),
        edit_summary="Création, d'après la presse de l'époque et les témoignages recueillis",
        body=md(
            """
            La **tempête de 1953** a frappé [[Port-Kerlann]] dans la nuit du 8 au 9 décembre 1953. C'est la plus grande catastrophe maritime de l'histoire de la ville : trois bateaux perdus et sept marins disparus[^1].

            ## La nuit du 8 décembre

            La journée avait été calme, et une dizaine de bateaux du [[port de Kerlann]] étaient sortis pêcher au large. En fin d'après-midi, le vent a tourné au sud-ouest et forci très vite. À la nuit tombée, des rafales de plus de cent cinquante kilomètres à l'heure balayaient l'anse. Les vagues passaient par-dessus la jetée et jusque sur le toit de la [[criée de Kerlann|criée]].

            Toute la nuit, les familles ont attendu sur le quai et au [[café de la Marine]]. Le canot de la [[station de sauvetage]] est sorti quatre fois. Au petit matin, sept bateaux étaient rentrés ; trois manquaient.

            ## Les disparus

            Les sept marins disparus avaient entre seize et cinquante-huit ans. Plusieurs venaient du [[quartier du Stang]]. Leurs noms sont gravés sur le [[monument aux péris en mer]], érigé en 1956.

            ## La solidarité

            Dans les semaines qui ont suivi, une grande collecte a été organisée par la [[coopérative maritime]] et la paroisse. Des dons sont arrivés de toute la Bretagne. Ils ont permis d'aider les veuves et les orphelins, et de reconstruire deux bateaux au [[chantier naval Le Bris]][^2].

            [^1]: Bilan établi d'après le registre de la station de sauvetage et les actes de décès de la mairie.
            [^2]: Le troisième n'a jamais été remplacé : son patron était parmi les disparus.
            """
        ),
        edits=(
            Edit(
                author="goulven",
                edit_summary="Mon dessin de la tempête",
                replace=(
                    (
                        "## Les disparus",
                        "[[Image:@tempete|Les vagues contre la jetée, dessinées d'après le récit des anciens.]]\n\n## Les disparus",
                    ),
                ),
                cover="tempete",
            ),
            Edit(
                author="yannick",
                edit_summary="Témoignage de Per Morvan",
                replace=(
                    (
                        "Au petit matin, sept bateaux étaient rentrés ; trois manquaient.",
                        "Au petit matin, sept bateaux étaient rentrés ; trois manquaient. [[Per Morvan]], qui avait ramené son bateau à l'abri en suivant le feu du [[phare de Karreg-Wenn]], disait n'avoir jamais vu une mer pareille en quarante ans de pêche.",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Le fournil ouvert toute la nuit",
                replace=(
                    (
                        "Toute la nuit, les familles ont attendu sur le quai et au [[café de la Marine]].",
                        "Toute la nuit, les familles ont attendu sur le quai et au [[café de la Marine]], où la [[boulangerie Caradec]] faisait porter du pain chaud.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Maryvonne Le Gall",
        author="maela",
        summary="Laveuse au Stang pendant quarante ans (1902-1991), racontée par sa petite-fille.",
        tags=("mémoire", "portrait", "quartier"),
        edit_summary="Création : ce que je sais de ma grand-mère",
        body=md(
            """
            **Maryvonne Le Gall** (1902-1991) a été laveuse au [[lavoir du Stang]] pendant plus de quarante ans. C'était ma grand-mère. J'écris ici ce qu'elle m'a raconté, pour que cela ne se perde pas.

            ## L'enfance

            Elle est née en 1902 dans une petite maison du [[quartier du Stang]], la quatrième de sept enfants. Son père était cordier à la [[corderie du Stang]], sa mère laveuse. Elle a quitté l'[[école Jules-Ferry]] à onze ans, avec son certificat d'études, dont elle était très fière, pour aider sa mère au lavoir.

            ## Le lavoir

            Elle lavait le linge de trois familles du bourg, et celui de l'hôtel de la gare pendant l'été. Elle partait le lundi matin avec sa brouette, revenait le soir les mains rouges et gercées. Elle disait que l'hiver, il fallait casser la glace du bassin avec le battoir avant de commencer.

            [[Image:@lavoir|Le lavoir du Stang, où Maryvonne a travaillé quarante ans.]]

            ## Ce qu'elle racontait

            Elle connaissait toutes les chansons du lavoir et toutes les histoires du quartier. Elle avait vu partir son frère sur un bateau qui n'est jamais revenu, et elle ne manquait jamais la cérémonie du [[pardon de Saint-Tugdual]]. Jusqu'à la fin de sa vie, elle a refusé la machine à laver que mes parents voulaient lui offrir.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Nom du bateau du frère, d'après l'inscription maritime",
                replace=(
                    (
                        "Elle avait vu partir son frère sur un bateau qui n'est jamais revenu,",
                        "Elle avait vu partir son frère Jean sur la *Marie-Jeanne*, qui n'est jamais revenue (voir [[naufrage de la Marie-Jeanne]]),",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="La conserverie",
                replace=(
                    (
                        "Elle lavait le linge de trois familles du bourg,",
                        "Pendant deux saisons, à seize ans, elle a aussi travaillé à la [[conserverie Guiziou]], mais elle n'aimait pas l'odeur de l'huile. Elle lavait le linge de trois familles du bourg,",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Per Morvan",
        author="yannick",
        summary="Patron pêcheur (1911-1989), le meilleur marin du port selon tous ceux qui ont navigué avec lui.",
        tags=("mémoire", "portrait", "pêche"),
        edit_summary="Création : mon premier patron",
        body=md(
            """
            **Pierre-Jean Morvan**, que tout le monde appelait **Per Morvan**, est né en 1911 dans la [[rue des Cordiers]] et mort en 1989 à Port-Kerlann. Il a été patron pêcheur pendant plus de quarante ans. C'est avec lui que j'ai embarqué pour la première fois, comme mousse, à quatorze ans.

            ## Un homme de mer

            Il avait commencé à treize ans sur une chaloupe sardinière, puis navigué au commerce pendant son service. Revenu au [[port de Kerlann]], il a été l'un des premiers à passer au chalutier, sur un bateau construit au [[chantier naval Le Bris]]. Il connaissait chaque fond de l'anse et chaque roche de l'entrée.

            ## La nuit de 1953

            Pendant la [[tempête de 1953]], il était en mer avec quatre hommes. Il a mis huit heures à rentrer, en remontant le vent à petite vitesse et en suivant les éclats du phare. Il ne parlait presque jamais de cette nuit-là. Quand on lui posait la question, il répondait seulement : « La mer a été plus forte que nous, mais pas cette fois. »

            ## Ce qu'il m'a appris

            Il parlait peu, mais il expliquait bien. Il m'a appris à lire le ciel, à ramender un filet, à reconnaître le bruit d'un moteur qui va lâcher. À terre, on le trouvait à l'[[abri du marin]] ou au [[café de la Marine]], toujours à la même table, près de la fenêtre qui donne sur le quai.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Nom du bateau",
                replace=(
                    (
                        "sur un bateau construit au [[chantier naval Le Bris]].",
                        "le [[Santez-Anna]], construit en 1949 au [[chantier naval Le Bris]].",
                    ),
                ),
            ),
            Edit(
                author="goulven",
                edit_summary="Orthographe",
                minor=True,
                replace=(
                    (
                        "Il m'a appris à lire le ciel, à ramender un filet,",
                        "Il m'a appris à lire le ciel, à ramander un filet,",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="Annulation partielle : « ramender » est bien le mot du métier",
                minor=True,
                replace=(
                    (
                        "Il m'a appris à lire le ciel, à ramander un filet,",
                        "Il m'a appris à lire le ciel, à ramender un filet,",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Grève des sardinières de 1927",
        author="nolwenn",
        summary="Six semaines de grève des ouvrières de la conserverie Guiziou pour un franc de l'heure.",
        tags=("mémoire", "travail", "solidarité"),
        edit_summary="Création, d'après mes recherches pour mon mémoire d'histoire",
        body=md(
            """
            La **grève des sardinières de 1927** a duré six semaines, de la mi-juin à la fin juillet 1927. Elle a opposé les ouvrières de la [[conserverie Guiziou]] à la direction de l'usine, et a profondément marqué [[Port-Kerlann]].

            ## Pourquoi la grève

            Les sardinières étaient payées quatre-vingts centimes de l'heure, quel que soit le nombre d'heures travaillées. Quand les bateaux rentraient chargés, elles pouvaient travailler dix-huit heures d'affilée, la nuit comprise, sans être mieux payées. Elles réclamaient un franc de l'heure et le paiement des heures de nuit.

            ## Six semaines

            Le 14 juin au matin, trois cents ouvrières ont refusé d'entrer dans l'usine. Elles ont défilé dans les rues en chantant, en sabots et en coiffe, jusqu'à la mairie. Les pêcheurs ont rapidement pris leur parti : plusieurs patrons ont refusé de livrer leur sardine à l'usine. La [[coopérative maritime]] a distribué du pain et du poisson aux familles.

            ## La victoire

            Le 27 juillet, la direction a cédé : un franc de l'heure, les heures de nuit payées une fois et demie[^1]. Les sardinières sont rentrées à l'usine en chantant. Leurs petites-filles racontent encore l'histoire, et la [[bibliothèque du Stang]] conserve plusieurs photos du défilé.

            [^1]: Accord signé à la mairie, dont une copie se trouve dans les archives de la conserverie.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Nombre de grévistes vérifié",
                replace=(
                    (
                        "trois cents ouvrières ont refusé d'entrer dans l'usine.",
                        "deux cent quarante ouvrières ont refusé d'entrer dans l'usine, c'est-à-dire presque toutes.",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Les chansons de la grève",
                replace=(
                    (
                        "Les sardinières sont rentrées à l'usine en chantant.",
                        "Les sardinières sont rentrées à l'usine en chantant la chanson qu'elles avaient inventée pendant la grève, sur l'air d'un cantique, et que l'on chantait encore au [[lavoir du Stang]] dans les années 1950.",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Illustration",
                minor=True,
                replace=(
                    (
                        "## Six semaines\n",
                        "## Six semaines\n\n[[Image:@conserverie|La conserverie Guiziou à l'époque de la grève.]]\n",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Conserverie Guiziou",
        author="nolwenn",
        summary="L'usine de conserves de sardines du quai est, ouverte en 1888 et fermée en 1974.",
        tags=("industrie", "mémoire", "travail", "port"),
        place=Place("Quai est, Port-Kerlann", 48.3825, -4.4879),
        cover="conserverie",
        edit_summary="Création",
        body=md(
            """
            La **conserverie Guiziou** a été pendant près d'un siècle la principale usine de [[Port-Kerlann]]. Fondée en 1888 par Auguste Guiziou, négociant en sel venu de Nantes, elle mettait en boîte les sardines pêchées par les bateaux du [[port de Kerlann]]. Voir aussi la [[famille Guiziou]].

            ## Le travail

            Quand les bateaux rentraient, une sirène appelait les ouvrières, à n'importe quelle heure du jour ou de la nuit. Les sardinières étêtaient et vidaient le poisson à la main, le mettaient à saumurer, puis à sécher sur des grilles. Les sardines étaient ensuite frites à l'huile, rangées une à une dans les boîtes et recouvertes d'huile d'olive. Les boîtes étaient serties par des ouvriers soudeurs, puis stérilisées dans de grands autoclaves.

            ## Les effectifs

            | année | ouvrières | ouvriers |
            |---|---:|---:|
            | 1900 | 120 | 25 |
            | 1927 | 240 | 40 |
            | 1955 | 160 | 30 |
            | 1973 | 55 | 12 |

            Les ouvrières ont obtenu de meilleurs salaires après la [[grève des sardinières de 1927]].

            ## La fermeture

            La sardine s'est faite rare après la guerre, et la concurrence des grandes usines a eu raison de la conserverie, qui a fermé en 1974. Les bâtiments ont été en partie démolis ; il reste la grande cheminée de brique, que l'on voit depuis le quai. Une petite exposition sur la conserverie se visite l'été à l'[[abri du marin]].
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Source des effectifs",
                replace=(
                    (
                        "| 1973 | 55 | 12 |\n",
                        "| 1973 | 55 | 12 |\n\nChiffres tirés des registres du personnel conservés à la [[bibliothèque du Stang]].\n",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Les enfants à l'usine",
                replace=(
                    (
                        "Les boîtes étaient serties par des ouvriers soudeurs,",
                        "Les plus jeunes ouvrières avaient douze ou treize ans et quittaient l'[[école Jules-Ferry]] pour la saison. Les boîtes étaient serties par des ouvriers soudeurs,",
                    ),
                ),
            ),
        ),
    ),
]
