# ruff: noqa: E501
# One paragraph per line, as residents type them: diffs then follow paragraphs.
"""Demo articles: the town, its streets, shops, school and gatherings."""

from ..scenario import DemoArticle, Edit, Place
from ..scenario import markdown_text as md

ARTICLES = [
    DemoArticle(
        title="Port-Kerlann",
        author="soazig",
        summary="Petite ville de pêche au fond de l'anse de l'Aber-Kerlann, et ce que ses habitants en racontent.",
        tags=("quartier", "patrimoine", "mémoire"),
        place=Place("Port-Kerlann", 48.3832, -4.4951),
        edit_summary="Première page du wiki : présentation de la ville",
        body=md(
            """
            **Port-Kerlann** est une petite ville de la côte, bâtie au fond de l'anse où l'Aber-Kerlann rejoint la mer. On y compte un peu plus de trois mille habitants l'hiver, et trois fois plus au mois d'août. Les anciens disent encore « le Port » pour les quais et « le bourg » pour le haut de la ville, autour de la [[chapelle Saint-Tugdual]].

            ## Une ville tournée vers la mer

            Pendant plus d'un siècle, presque toutes les familles ont vécu de la mer : les hommes sur les bateaux du [[port de Kerlann|port]], les femmes à la [[conserverie Guiziou]] ou au [[lavoir du Stang]], les enfants à la [[pêche à pied]] dès qu'ils savaient marcher. La [[criée de Kerlann|criée]] reste le cœur économique de la commune, même si la flottille est bien plus petite qu'autrefois.

            ## Les quartiers

            Le [[quartier du Stang]], au bord du ruisseau, était celui des cordiers et des laveuses. Le quartier du Port s'étire le long des quais, du [[café de la Marine]] jusqu'à la cale du [[bac de l'Aber]]. Le bourg, plus récent, s'est construit autour des [[halles de Kerlann|halles]] et de l'[[école Jules-Ferry]].

            ## Ce wiki

            Ces pages sont écrites par des habitantes et des habitants, à l'initiative de l'association [[Kerlann Mémoire]]. Chacun peut corriger, compléter, raconter un souvenir. Les pages en rouge n'existent pas encore : elles n'attendent que vous.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Ajout d'une section sur la mer et le phare",
                replace=(
                    (
                        "même si la flottille est bien plus petite qu'autrefois.",
                        "même si la flottille est bien plus petite qu'autrefois : une vingtaine de bateaux contre plus de cent cinquante en 1930. Au large, le [[phare de Karreg-Wenn]] veille sur l'entrée de l'anse depuis 1867.",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Les grandes dates, en quelques lignes",
                replace=(
                    (
                        "## Ce wiki",
                        "## Quelques dates\n\n- 1867 : allumage du phare de Karreg-Wenn.\n- 1888 : ouverture de la conserverie Guiziou.\n- 1953 : la [[tempête de 1953|grande tempête]] de décembre, dont tout le monde se souvient encore.\n- 1974 : fermeture de la conserverie.\n\n## Ce wiki",
                    ),
                ),
            ),
            Edit(
                author="soazig",
                edit_summary="Image de couverture",
                minor=True,
                cover="chalutier",
            ),
        ),
    ),
    DemoArticle(
        title="École Jules-Ferry",
        author="maela",
        summary="L'école publique du bourg, ouverte en 1884, et quarante ans de souvenirs de classe.",
        tags=("école", "mémoire", "quartier"),
        place=Place("Rue de l'École, Port-Kerlann", 48.3847, -4.4968),
        edit_summary="Création, d'après mes souvenirs d'institutrice",
        body=md(
            """
            L'**école Jules-Ferry** est l'école publique du bourg de [[Port-Kerlann]]. Elle a ouvert ses portes en 1884, dans un batiment de granit à deux ailes : les garçons à gauche, les filles à droite, avec un mur au milieu de la cour que personne n'avait le droit de franchir.

            ## Les premières années

            Au début, beaucoup d'enfants ne parlaient que le breton en arrivant. Les maîtres interdisaient la langue en classe, et certains anciens se souviennent encore du « symbole », un sabot de bois que l'on accrochait au cou de celui qui était surpris à parler breton. Aujourd'hui, on apprend au contraire aux enfants les [[mots du port]] que leurs arrière-grands-parents utilisaient.

            ## L'école et la mer

            Les absences suivaient le calendrier de la pêche. Aux grandes marées, les classes se vidaient : tout le monde partait à la [[pêche à pied]]. À la saison de la sardine, les grandes filles allaient aider leurs mères à la [[conserverie Guiziou]], malgré les menaces de l'inspecteur.

            ## Mes années de classe

            J'ai enseigné ici de 1975 à 2010. J'ai vu passer les enfants, puis les enfants des enfants. Le mur de la cour a été abattu en 1968, bien avant mon arrivée, mais on voyait encore sa trace au sol. Chaque printemps, nous allions visiter la [[criée de Kerlann|criée]] à cinq heures du matin, et les élèves en parlaient jusqu'à l'été.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Orthographe",
                minor=True,
                replace=(("dans un batiment de granit", "dans un bâtiment de granit"),),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Le symbole : source et précision",
                replace=(
                    (
                        "un sabot de bois que l'on accrochait au cou de celui qui était surpris à parler breton.",
                        "un sabot de bois que l'on accrochait au cou de celui qui était surpris à parler breton[^1].",
                    ),
                ),
                append="""
                [^1]: La pratique est attestée à Port-Kerlann jusqu'aux années 1930 par plusieurs témoignages recueillis par [[Kerlann Mémoire]] ; le « symbole » changeait selon les écoles (sabot, plaque de bois, bouton).
                """,
            ),
        ),
    ),
    DemoArticle(
        title="Fête des Voiles rouges",
        author="nolwenn",
        summary="La grande fête d'août sur les quais, née en 1961 autour des vieilles chaloupes sardinières.",
        tags=("fête", "port", "musique"),
        edit_summary="Création de l'article sur la fête",
        body=md(
            """
            La **fête des Voiles rouges** a lieu chaque année le deuxième week-end d'août sur les quais du [[port de Kerlann]]. Elle doit son nom aux voiles ocre des anciennes chaloupes sardinières, teintes à l'écorce de chêne, que l'on voyait par dizaines dans l'anse avant la guerre.

            ## Les débuts

            La première fête a été organisée en 1961 par quelques anciens du [[chantier naval Le Bris]] qui avaient remis à flot deux chaloupes abandonnées. Ils voulaient montrer aux jeunes à quoi ressemblait le port de leur enfance. L'idée a plu : l'année suivante, six bateaux défilaient dans l'anse.

            ## Le programme

            Le samedi, les vieux gréements sortent en régate jusqu'au [[phare de Karreg-Wenn]] et reviennent en fin d'après-midi. Le soir, un fest-noz réunit tout le monde sur le quai, avec le [[bagad de Kerlann]] et des sonneurs venus de tout le pays. Le dimanche matin, on mange des sardines grillées devant la [[criée de Kerlann|criée]], servies par les bénévoles de la [[coopérative maritime]].

            Chaque année, la fête se termine par le retour des bateaux à la nuit tombée, toutes voiles dehors, pendant que le quai chante. Beaucoup d'anciens disent que c'est le seul moment de l'année où le port ressemble à celui d'autrefois.
            """
        ),
        edits=(
            Edit(
                author="goulven",
                edit_summary="Ajout : la fête aujourd'hui",
                append="""
                ## La fête aujourd'hui

                Depuis 2015, la fête accueille aussi les bateaux des ports voisins, et une course de yoles réservée aux jeunes de l'[[école Jules-Ferry]] et du collège. L'organisation repose sur près de deux cents bénévoles ; le comité se réunit dès le mois de février au [[café de la Marine]].
                """,
            ),
            Edit(
                author="yannick",
                edit_summary="Précision sur la teinture des voiles",
                replace=(
                    (
                        "teintes à l'écorce de chêne,",
                        "teintes au tan, un bain d'écorce de chêne mêlé de suif et d'ocre qui les protégeait du sel,",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Coquille",
                minor=True,
                replace=(
                    (
                        "toutes voiles dehors, pendant que le quai chante.",
                        "toutes voiles dehors, pendant que tout le quai chante.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Boulangerie Caradec",
        author="nolwenn",
        summary="La boulangerie de la rue des Cordiers, tenue par la même famille depuis 1921.",
        tags=("commerce", "quartier", "mémoire"),
        place=Place("Rue des Cordiers, Port-Kerlann", 48.3851, -4.4962),
        edit_summary="Création : l'histoire de la boulangerie de mes grands-parents",
        body=md(
            """
            La **boulangerie Caradec** se trouve au bas de la [[rue des Cordiers]], à deux pas du [[quartier du Stang]]. C'est la plus ancienne boutique de [[Port-Kerlann]] encore tenue par la même famille.

            ## Quatre générations

            Jean Caradec, mon arrière-grand-père, a ouvert le fournil en 1921 en revenant de la guerre. Il cuisait au bois, dans un four qui existe toujours au fond de la cour. Son fils Louis a repris la boutique en 1954, puis ma grand-mère Annick, qui l'a tenue presque seule pendant trente ans. Mon oncle y travaille aujourd'hui.

            ## Le pain des marins

            Avant la guerre, les patrons pêcheurs venaient chercher le soir de grosses miches de quatre livres qui devaient tenir toute une marée. Ma grand-mère racontait que certains bateaux partaient avec vingt pains à bord. Pendant la [[tempête de 1953]], le fournil a tourné toute la nuit pour les sauveteurs et les familles qui attendaient sur le quai.

            ## Le kouign-amann

            Le kouign-amann de la maison a sa petite réputation. La recette n'a jamais été écrite : beurre salé, sucre, pâte à pain, et beaucoup de patience. Le samedi matin, la file d'attente déborde sur le trottoir, surtout les jours de marché aux [[halles de Kerlann|halles]].
            """
        ),
        edits=(
            Edit(
                author="maela",
                edit_summary="Souvenir ajouté",
                replace=(
                    (
                        "qui l'a tenue presque seule pendant trente ans.",
                        "qui l'a tenue presque seule pendant trente ans. Toute l'[[école Jules-Ferry]] connaissait ses bonbons à un centime, vendus dans des cornets de papier journal.",
                    ),
                ),
            ),
            Edit(
                author="soazig",
                edit_summary="Date vérifiée au registre du commerce",
                minor=True,
                replace=(
                    (
                        "Son fils Louis a repris la boutique en 1954,",
                        "Son fils Louis a repris la boutique en 1953,",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Quartier du Stang",
        author="maela",
        summary="Le vieux quartier du ruisseau, des cordiers et des laveuses.",
        tags=("quartier", "patrimoine", "mémoire"),
        place=Place("Le Stang, Port-Kerlann", 48.3858, -4.4981),
        edit_summary="Création",
        body=md(
            """
            Le **Stang** est le plus ancien quartier de [[Port-Kerlann]]. Son nom vient du breton *stang*, le vallon : les maisons s'y serrent le long d'un petit ruisseau qui descend jusqu'au port.

            ## Un quartier de métiers

            Au XIXe siècle, on y trouvait surtout des cordiers, qui travaillaient dans la longue [[corderie du Stang]], et des laveuses, qui passaient leurs journées au [[lavoir du Stang]]. Les maisons étaient petites, basses, souvent d'une seule pièce avec un grenier où l'on faisait sécher les filets.

            ## La vie dans le quartier

            Tout le monde se connaissait. Les portes restaient ouvertes, les enfants passaient d'une cuisine à l'autre, et les nouvelles faisaient le tour du quartier avant même d'arriver au bourg. Le soir d'été, les anciens s'asseyaient sur les marches de la [[rue des Cordiers]] pour regarder passer les gens.

            Aujourd'hui, beaucoup de maisons sont devenues des résidences secondaires, mais le quartier garde sa [[bibliothèque du Stang|bibliothèque]], sa boulangerie et quelques familles installées là depuis plusieurs générations.
            """
        ),
        edits=(
            Edit(
                author="nolwenn",
                edit_summary="La boulangerie a sa page",
                minor=True,
                replace=(
                    (
                        "mais le quartier garde sa [[bibliothèque du Stang|bibliothèque]], sa boulangerie",
                        "mais le quartier garde sa [[bibliothèque du Stang|bibliothèque]], sa [[boulangerie Caradec|boulangerie]]",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="Le marché aux puces",
                append="""
                ## Le marché aux puces

                Depuis les années 1980, le premier dimanche de juillet, le quartier organise un [[marché aux puces]] dans ses ruelles. On y trouve de tout : des casiers, des bouées de verre, des cartes postales du port d'avant-guerre, et beaucoup d'histoires racontées par les vendeurs.
                """,
            ),
        ),
    ),
    DemoArticle(
        title="Rue des Cordiers",
        author="nolwenn",
        summary="La rue en pente qui relie le Stang au bourg, et qui doit son nom aux fabricants de cordages.",
        tags=("quartier", "patrimoine"),
        edit_summary="Création",
        body=md(
            """
            La **rue des Cordiers** monte du [[quartier du Stang]] jusqu'au bourg de [[Port-Kerlann]]. Elle suit exactement le mur de l'ancienne [[corderie du Stang]], qui mesure plus de deux cents mètres : c'est pour cela qu'elle est si droite, alors que toutes les autres rues du quartier tournent dans tous les sens.

            ## Les maisons

            Les maisons du bas de la rue datent du début du XIXe siècle. Elles ont gardé leurs linteaux de granit, et sur certains on lit encore une date ou des initiales gravées. Au numéro 12, un petit bateau sculpté au-dessus de la porte rappelle qu'un patron pêcheur y habitait.

            ## Les commerces

            Dans les années 1950, la rue comptait une épicerie, une mercerie, un marchand de vin, un cordonnier et la [[boulangerie Caradec]]. Il ne reste aujourd'hui que la boulangerie, mais les anciennes vitrines se reconnaissent encore aux larges fenêtres du rez-de-chaussée.

            Le jour de la [[fête des Voiles rouges]], la rue sert de raccourci à tout le monde pour descendre vers le port, et les habitants installent des chaises devant leur porte pour regarder passer le monde.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Précision sur le numéro 12",
                replace=(
                    (
                        "rappelle qu'un patron pêcheur y habitait.",
                        "rappelle qu'un patron pêcheur y habitait : il s'agirait de [[Per Morvan]], qui y est né en 1911.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Café de la Marine",
        author="yannick",
        summary="Le café du quai, où l'on parle de météo, de poisson et de tout le reste depuis 1910.",
        tags=("quartier", "commerce", "port", "mémoire"),
        place=Place("Quai de l'Aber, Port-Kerlann", 48.3816, -4.4911),
        edit_summary="Création : le café du quai",
        body=md(
            """
            Le **café de la Marine** est installé sur le quai depuis 1910, face à la [[criée de Kerlann|criée]]. Tout le monde dit « chez Anna », du nom de la patronne qui l'a tenu de 1946 à 1989, même si Anna n'y sert plus depuis longtemps.

            ## Le café des pêcheurs

            Avant l'aube, le café ouvrait pour les équipages qui partaient en mer. On y buvait un café arrosé, on écoutait la météo marine à la radio posée sur le comptoir, et les patrons décidaient s'ils sortaient ou non. Au retour, on y réglait les comptes de la marée. Beaucoup de pêcheurs de la [[coopérative maritime]] y avaient leur table.

            ## Les soirs de tempête

            Pendant la [[tempête de 1953]], le café est resté ouvert toute la nuit. Les femmes y attendaient des nouvelles, les hommes de la [[station de sauvetage]] venaient s'y réchauffer entre deux sorties. Anna a servi du café et de la soupe jusqu'au matin sans demander un sou.

            ## Aujourd'hui

            Le café a changé de mains plusieurs fois, mais la salle a gardé son vieux comptoir en zinc, ses photos de bateaux et la grande carte marine de l'anse accrochée près de la porte. C'est là que se réunit chaque hiver le comité de la [[fête des Voiles rouges]].
            """
        ),
        edits=(
            Edit(
                author="goulven",
                edit_summary="Les concerts du vendredi",
                replace=(
                    (
                        "C'est là que se réunit chaque hiver",
                        "Le vendredi soir, des musiciens du [[bagad de Kerlann]] viennent souvent y jouer. C'est là aussi que se réunit chaque hiver",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Nom complet de la patronne",
                minor=True,
                replace=(
                    (
                        "du nom de la patronne qui l'a tenu de 1946 à 1989",
                        "du nom d'Anna Kerdraon, la patronne qui l'a tenu de 1946 à 1989",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Bagad de Kerlann",
        author="goulven",
        summary="L'ensemble de cornemuses, bombardes et percussions de la ville, fondé en 1952.",
        tags=("musique", "fête", "culture"),
        edit_summary="Création",
        body=md(
            """
            Le **bagad de Kerlann** réunit une quarantaine de musiciens : des sonneurs de cornemuse (*biniou braz*), de bombarde, et une batterie de caisses claires et de grosses caisses. Il a été fondé en 1952 par un groupe de jeunes du [[quartier du Stang]] qui répétaient dans le grenier de la [[corderie du Stang|corderie]].

            ## Les débuts difficiles

            Les premiers instruments ont été achetés grâce à une quête organisée à la sortie de la messe et au [[café de la Marine]]. La première année, le bagad ne connaissait que trois airs, qu'il jouait en boucle à chaque sortie. Un an après sa fondation, il menait déjà le cortège du [[pardon de Saint-Tugdual]].

            ## Aujourd'hui

            Le bagad joue à toutes les fêtes de la ville, en particulier à la [[fête des Voiles rouges]], et participe chaque année aux concours régionaux. Une école de musique forme une vingtaine d'enfants, dont plusieurs élèves de l'[[école Jules-Ferry]]. Les répétitions ont lieu le mercredi soir et le samedi après-midi ; elles sont ouvertes au public, et les voisins ont fini par s'y habituer.

            Le bagad travaille aussi avec le [[cercle celtique de Kerlann]], dont les danseurs l'accompagnent dans les défilés.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Date de la première sortie, d'après le bulletin paroissial",
                replace=(
                    (
                        "Un an après sa fondation, il menait déjà le cortège",
                        "Dès septembre 1953, il menait déjà le cortège",
                    ),
                ),
            ),
            Edit(
                author="goulven",
                edit_summary="Mots-clés",
                minor=True,
                tags=("musique", "fête", "culture", "jeunesse"),
            ),
        ),
    ),
    DemoArticle(
        title="Bibliothèque du Stang",
        author="soazig",
        summary="La bibliothèque municipale, installée depuis 1985 dans l'ancienne corderie.",
        tags=("culture", "quartier", "école"),
        place=Place("Corderie du Stang, Port-Kerlann", 48.3855, -4.4975),
        edit_summary="Création",
        body=md(
            """
            La **bibliothèque du Stang** est la bibliothèque municipale de [[Port-Kerlann]]. Depuis 1985, elle occupe la partie haute de l'ancienne [[corderie du Stang]], dont elle a gardé la charpente et les grandes fenêtres.

            ## Un fonds local

            Au fond de la salle, un rayonnage entier est consacré à l'histoire de la ville : monographies, bulletins paroissiaux, cartes postales, enregistrements de chants de marins. La bibliothèque conserve aussi une partie des archives de la [[conserverie Guiziou]], sauvées de la benne lors de la fermeture de l'usine en 1974.

            ## Les ateliers de mémoire

            Depuis 2018, la bibliothèque accueille chaque mois un atelier avec l'association [[Kerlann Mémoire]]. Les anciens y apportent leurs photos, on les numérise, et l'on écrit ensemble les légendes. C'est de ces ateliers que sont nées beaucoup de pages de ce wiki.

            ## Pour les enfants

            Les classes de l'[[école Jules-Ferry]] viennent une fois par semaine. Le mercredi, l'heure du conte fait salle comble, surtout quand elle parle de naufrages et de trésors.
            """
        ),
        edits=(
            Edit(
                author="maela",
                edit_summary="Horaires et accès",
                append="""
                ## Horaires

                | jour | horaires |
                |---|---|
                | mardi | 16 h – 19 h |
                | mercredi | 10 h – 12 h et 14 h – 18 h |
                | vendredi | 16 h – 19 h |
                | samedi | 10 h – 13 h |

                L'entrée est libre ; l'inscription est gratuite pour les habitants de la commune.
                """,
            ),
            Edit(
                author="nolwenn",
                edit_summary="Reformulation",
                replace=(
                    (
                        "sauvées de la benne lors de la fermeture de l'usine en 1974.",
                        "sauvées de justesse lors de la fermeture de l'usine en 1974 par deux anciennes ouvrières qui les ont gardées dans leur grenier pendant dix ans.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Kerlann Mémoire",
        author="soazig",
        summary="L'association qui recueille les souvenirs des habitants et anime ce wiki.",
        tags=("solidarité", "mémoire", "association"),
        edit_summary="Création de la page de l'association",
        body=md(
            """
            **Kerlann Mémoire** est une association fondée en 1998 par une dizaine d'habitants de [[Port-Kerlann]] inquiets de voir disparaître les témoins de l'époque de la sardine. Elle compte aujourd'hui environ cent vingt adhérents.

            ## Ce que fait l'association

            - Elle enregistre les souvenirs des anciens : plus de trois cents heures d'entretiens, conservés à la [[bibliothèque du Stang]].
            - Elle collecte et numérise les photographies de famille.
            - Elle a mené la restauration du [[lavoir du Stang]] en 2011, avec l'aide de la commune et de nombreux bénévoles.
            - Elle organise chaque année une exposition pendant la [[fête des Voiles rouges]].

            ## Le wiki

            Ce wiki est né en 2024 d'une idée simple : plutôt que de garder les souvenirs dans des cartons, les rendre à tout le monde, et laisser chacun les compléter. Toutes les pages sont sous licence libre ; les textes peuvent être corrigés par n'importe quel habitant inscrit, et l'historique garde la trace de chaque modification.

            ## Rejoindre l'association

            Les réunions ont lieu le premier jeudi du mois à la bibliothèque. Il n'est pas nécessaire d'être né ici : beaucoup de membres sont arrivés à Port-Kerlann à la retraite, et ce sont souvent eux qui posent les meilleures questions.
            """
        ),
        edits=(
            Edit(
                author="maela",
                edit_summary="Nos projets en cours",
                append="""
                ## Projets en cours

                L'association prépare un recueil sur la [[grève des sardinières de 1927]] et cherche des photos du [[patronage Saint-Joseph]], dont il ne reste presque aucune image.
                """,
            ),
        ),
    ),
    DemoArticle(
        title="Halles de Kerlann",
        author="soazig",
        summary="La halle de fer et de verre du bourg, construite en 1901, où se tient le marché du samedi.",
        tags=("commerce", "patrimoine", "marché"),
        place=Place("Place des Halles, Port-Kerlann", 48.3838, -4.4940),
        edit_summary="Création",
        body=md(
            """
            Les **halles de Kerlann** occupent le centre de la place du bourg. Elles ont été construites en 1901 sur le modèle des halles métalliques de l'époque : une charpente de fer riveté, des piliers de fonte, et une toiture vitrée qui laisse passer la lumière.

            ## Le marché du samedi

            Le samedi matin, la halle accueille une trentaine de marchands : maraîchers de l'arrière-pays, fromagers, bouchers, et bien sûr les poissonniers qui viennent de la [[criée de Kerlann|criée]]. Autour, sur la place, s'installent les vendeurs de vêtements et de quincaillerie. Beaucoup de gens descendent ensuite au port prendre un café, puis remontent par la [[rue des Cordiers]] en passant par la [[boulangerie Caradec]].

            ## Une halle sauvée

            Dans les années 1970, la commune a voulu démolir la halle pour construire un parking. Une pétition a réuni plus de mille signatures, et l'association des commerçants a financé une partie de la réparation du toit. La halle a été restaurée en 1996 et inscrite à l'inventaire du patrimoine.

            En hiver, on y organise aussi des bals, des lotos et le repas des anciens offert par la commune.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Les poissonnières d'autrefois",
                replace=(
                    (
                        "et bien sûr les poissonniers qui viennent de la [[criée de Kerlann|criée]].",
                        "et bien sûr les poissonniers qui viennent de la [[criée de Kerlann|criée]]. Autrefois, c'étaient surtout des femmes de pêcheurs, qui vendaient la pêche de leur mari sur des tables de bois, pieds nus dans la sciure.",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Mots-clés",
                minor=True,
                tags=("commerce", "patrimoine", "marché", "quartier"),
            ),
        ),
    ),
    DemoArticle(
        title="Plage de Porz-Gwenn",
        author="nolwenn",
        summary="La plage de sable blanc à l'ouest du port, lieu des baignades et des pique-niques d'été.",
        tags=("mer", "loisirs", "été"),
        place=Place("Porz-Gwenn, Port-Kerlann", 48.3789, -4.5021),
        edit_summary="Création",
        body=md(
            """
            La **plage de Porz-Gwenn** (« l'anse blanche » en breton) s'étend à l'ouest du [[port de Kerlann]], au pied des falaises que longe le [[sentier des douaniers]]. Son sable très clair, presque blanc, lui a donné son nom.

            ## Les bains de mer

            Les premiers baigneurs sont arrivés avec le train, au début du XXe siècle, par l'[[ancienne gare]] de Kerlann. Des cabines de bois rayées étaient alignées en haut de la plage ; les familles de la ville regardaient avec un peu d'étonnement ces citadins qui se mettaient à l'eau de leur plein gré.

            ## Les étés d'enfance

            Pour les enfants du pays, Porz-Gwenn, c'était les grandes vacances : les pique-niques, les châteaux de sable, la [[pêche à pied]] dans les rochers à marée basse, et les plongeons depuis le rocher du Chien, qu'il fallait atteindre à la nage.

            Aujourd'hui, la plage est surveillée en juillet et en août. Le soir du 14 juillet, on y tire le feu d'artifice, que l'on regarde depuis le sable ou depuis les bateaux au mouillage.
            """
        ),
        edits=(
            Edit(
                author="goulven",
                edit_summary="Prudence : les courants",
                append="""
                ## Attention aux courants

                À marée descendante, un fort courant longe la pointe ouest de la plage. Plusieurs baigneurs ont dû être secourus par la [[station de sauvetage]]. Les anciens conseillent de rester dans la moitié est de la plage, du côté du port.
                """,
            ),
            Edit(
                author="maela",
                edit_summary="Typographie",
                minor=True,
                replace=(
                    (
                        "les plongeons depuis le rocher du Chien, qu'il fallait atteindre à la nage.",
                        "les plongeons depuis le rocher du Chien, qu'il fallait d'abord atteindre à la nage.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Ancienne gare",
        author="soazig",
        summary="La gare du petit train de la côte, en service de 1905 à 1946, devenue maison des associations.",
        tags=("transport", "patrimoine"),
        place=Place("Rue de la Gare, Port-Kerlann", 48.3869, -4.4921),
        edit_summary="Création",
        body=md(
            """
            L'**ancienne gare** de [[Port-Kerlann]] se trouve en haut du bourg, au bout de la rue qui porte toujours son nom. Elle était le terminus d'une ligne de chemin de fer à voie étroite, le « petit train de la côte », qui a fonctionné de 1905 à 1946.

            ## Le petit train

            Le train mettait près de trois heures pour rejoindre la ville, à une quarantaine de kilomètres. Il transportait des voyageurs, mais surtout des marchandises : les caisses de conserves de la [[conserverie Guiziou]], le poisson de la [[criée de Kerlann|criée]] dans des wagons garnis de glace venue de l'[[usine à glace]], et au retour le charbon, le sel et le fer-blanc.

            L'été, il amenait aussi les premiers vacanciers vers la [[plage de Porz-Gwenn]].

            ## La fin de la ligne

            Les camions ont eu raison du petit train. La ligne a fermé en 1946, les rails ont été démontés quelques années plus tard, et l'ancienne voie est devenue un chemin de promenade. Le bâtiment de la gare, en pierre et en brique, a longtemps servi d'entrepôt avant d'être restauré en 2002. Il abrite aujourd'hui la maison des associations.
            """
        ),
    ),
]
