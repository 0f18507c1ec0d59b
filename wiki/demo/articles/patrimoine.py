# ruff: noqa: E501
# One paragraph per line, as residents type them: diffs then follow paragraphs.
"""Demo articles: buildings, paths and celebrations that make up the town's heritage."""

from ..scenario import DemoArticle, Edit, Place
from ..scenario import markdown_text as md

ARTICLES = [
    DemoArticle(
        title="Lavoir du Stang",
        author="maela",
        summary="Le lavoir couvert du ruisseau du Stang, construit en 1894 et restauré en 2011.",
        tags=("patrimoine", "mémoire", "quartier"),
        place=Place("Le Stang, Port-Kerlann", 48.3861, -4.4987),
        edit_summary="Création",
        body=md(
            """
            Le **lavoir du Stang** est un lavoir couvert construit en 1894 au bord du ruisseau qui traverse le [[quartier du Stang]]. Il se compose d'un bassin de granit d'une douzaine de mètres, alimenté par une source, et d'un toit d'ardoise posé sur des poteaux de chêne.

            ## Le travail des laveuses

            Jusqu'aux années 1960, les femmes du quartier y lavaient le linge de leur famille, et certaines, les laveuses, celui des familles aisées du bourg. On venait avec une brouette chargée de linge, un battoir et un *kaonk*, la caisse de bois garnie de paille où l'on s'agenouillait au bord de l'eau. Le linge était d'abord bouilli à la cendre dans de grandes lessiveuses, puis battu, rincé et étendu sur les haies.

            ## Le lieu des nouvelles

            Le lavoir était aussi l'endroit où l'on apprenait tout : les mariages, les naissances, les bateaux rentrés ou en retard. Ma grand-mère, [[Maryvonne Le Gall]], disait qu'on y savait les nouvelles avant le recteur et avant le maire.

            ## La restauration

            Abandonné pendant trente ans, le lavoir a été restauré en 2011 par l'association [[Kerlann Mémoire]] avec l'aide de la commune : le toit a été refait, le bassin nettoyé et la source dégagée. Il est aujourd'hui le point de départ d'une promenade qui rejoint le [[sentier des douaniers]].
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Ajout de l'illustration",
                minor=True,
                cover="lavoir",
            ),
            Edit(
                author="nolwenn",
                edit_summary="Les laveuses de Lanvénec",
                replace=(
                    (
                        "et certaines, les laveuses, celui des familles aisées du bourg.",
                        "et certaines, les laveuses, celui des familles aisées du bourg. Des femmes de [[Lanvénec]] traversaient même l'Aber par le [[bac de l'Aber|bac]] avec leur linge, parce que l'eau du Stang avait la réputation de laver plus blanc.",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Les chansons du lavoir",
                append="""
                ## Les chansons

                On chantait beaucoup au lavoir, en breton surtout. Les chansons parlaient d'amours contrariées, de marins partis et de mariages ; chacune reprenait le refrain en frappant le linge en mesure. Quelques-unes ont été enregistrées en 1978 et sont conservées à la [[bibliothèque du Stang]].
                """,
            ),
        ),
    ),
    DemoArticle(
        title="Chapelle Saint-Tugdual",
        author="soazig",
        summary="La chapelle de granit du haut du bourg, avec son clocher à jour et son cimetière marin.",
        tags=("patrimoine", "pardon", "mémoire"),
        place=Place("Chapelle Saint-Tugdual, Port-Kerlann", 48.3889, -4.5032),
        cover="chapelle",
        edit_summary="Création",
        body=md(
            """
            La **chapelle Saint-Tugdual** se dresse en haut du bourg de [[Port-Kerlann]], sur la colline qui domine l'anse. Construite au XVIe siècle en granit, elle a été agrandie au XVIIIe siècle. Son clocher à jour, dont on aperçoit la cloche à travers les arcades, se voit depuis la mer.

            ## L'intérieur

            À l'intérieur, la charpente en forme de coque de bateau renversée est peinte en bleu. Les poutres sont décorées de têtes sculptées et d'animaux fantastiques. Plusieurs maquettes de bateaux sont suspendues dans la nef : ce sont des ex-voto, offerts par des marins revenus d'un naufrage ou par des familles en remerciement.

            ## Le cimetière marin

            Autour de la chapelle s'étend un petit cimetière où reposent de nombreux marins. Certaines tombes ne portent qu'un nom et la mention « péri en mer », car le corps n'a jamais été retrouvé. Le [[monument aux péris en mer]], érigé après la [[tempête de 1953]], se trouve à l'entrée.

            ## Le pardon

            Chaque année, le premier dimanche de septembre, la chapelle est le point de départ du [[pardon de Saint-Tugdual]], la grande fête religieuse de la ville.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Le clocher comme amer",
                replace=(
                    (
                        "Son clocher à jour, dont on aperçoit la cloche à travers les arcades, se voit depuis la mer.",
                        "Son clocher à jour, dont on aperçoit la cloche à travers les arcades, se voit depuis la mer : aligné avec le [[phare de Karreg-Wenn]], il sert d'amer aux bateaux qui rentrent de nuit.",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Dates des travaux",
                replace=(
                    (
                        "elle a été agrandie au XVIIIe siècle.",
                        "elle a été agrandie en 1744, puis restaurée entre 1988 et 1992.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Corderie du Stang",
        author="yannick",
        summary="La longue corderie de deux cents mètres où l'on fabriquait les cordages du port jusqu'en 1958.",
        tags=("patrimoine", "métiers", "quartier"),
        place=Place("Rue des Cordiers, Port-Kerlann", 48.3856, -4.4973),
        edit_summary="Création",
        body=md(
            """
            La **corderie du Stang** est un long bâtiment bas de granit qui borde la [[rue des Cordiers]], dans le [[quartier du Stang]]. Elle mesure plus de deux cents mètres de long pour à peine huit de large : il fallait cette longueur pour tordre les cordages d'un seul tenant.

            ## Le travail des cordiers

            Le chanvre arrivait en balles, on le peignait pour en tirer de longues fibres, puis les fileurs marchaient à reculons tout le long de la corderie en laissant filer le chanvre, pendant qu'un enfant tournait la grande roue qui tordait le fil. Les fils étaient ensuite assemblés en torons, puis les torons en cordages. Il fallait une journée entière pour faire une aussière de bateau.

            ## Pour le port

            La corderie fournissait les haussières, les drisses et les filins de tous les bateaux du [[port de Kerlann]], vendus ensuite par la [[coopérative maritime]]. Au plus fort de son activité, vers 1900, elle employait une quarantaine d'ouvriers et une dizaine d'enfants.

            ## Après la fermeture

            La corderie a fermé en 1958, quand les cordages synthétiques ont remplacé le chanvre. Le bâtiment a servi d'entrepôt, puis de salle de répétition pour le [[bagad de Kerlann]]. Depuis 1985, sa partie haute abrite la [[bibliothèque du Stang]].
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Orthographe : haussière",
                minor=True,
                replace=(
                    (
                        "Il fallait une journée entière pour faire une aussière de bateau.",
                        "Il fallait une journée entière pour faire une haussière de bateau.",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Souvenir du travail des enfants",
                replace=(
                    (
                        "elle employait une quarantaine d'ouvriers et une dizaine d'enfants.",
                        "elle employait une quarantaine d'ouvriers et une dizaine d'enfants. Ceux-ci tournaient la roue dès huit ou neuf ans ; beaucoup ne venaient à l'[[école Jules-Ferry]] que l'hiver, quand la corderie tournait au ralenti.",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Fermeture : précision",
                replace=(
                    (
                        "La corderie a fermé en 1958, quand",
                        "La corderie a fermé le 30 juin 1958, quand",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Monument aux péris en mer",
        author="soazig",
        summary="Le monument de granit à l'entrée du cimetière marin, érigé en 1956 pour les disparus en mer.",
        tags=("mémoire", "mer", "patrimoine"),
        place=Place("Cimetière de Saint-Tugdual, Port-Kerlann", 48.3887, -4.5028),
        edit_summary="Création",
        body=md(
            """
            Le **monument aux péris en mer** se trouve à l'entrée du cimetière de la [[chapelle Saint-Tugdual]]. C'est une haute stèle de granit gris, surmontée d'une ancre, sur laquelle sont gravés les noms des marins de [[Port-Kerlann]] disparus en mer depuis 1870.

            ## Un monument né d'une tempête

            Le monument a été érigé en 1956, trois ans après la [[tempête de 1953]], qui avait fait sept morts parmi les pêcheurs de la ville. L'argent a été réuni par une souscription ouverte à tous : les familles de marins, les commerçants, la [[coopérative maritime]], et même les enfants de l'[[école Jules-Ferry]], qui avaient vendu des dessins à la kermesse.

            ## Les noms

            On compte aujourd'hui cent quarante-deux noms sur la stèle. Le plus ancien est celui d'un mousse de douze ans, disparu en 1871. Plusieurs familles y ont trois ou quatre noms, sur plusieurs générations. Chaque nom est suivi de l'année et, quand on la connaît, du nom du bateau.

            ## La cérémonie

            Chaque année, le jour du [[pardon de Saint-Tugdual]], une gerbe est déposée au pied du monument, puis jetée à la mer depuis la jetée du port, pendant que la sirène de la [[station de sauvetage]] retentit.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Les noms ajoutés récemment",
                replace=(
                    (
                        "On compte aujourd'hui cent quarante-deux noms sur la stèle.",
                        "On compte aujourd'hui cent quarante-quatre noms sur la stèle ; les deux derniers, ceux de l'équipage d'un caseyeur perdu en 1998, ont été gravés en 1999.",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Coquille",
                minor=True,
                replace=(
                    (
                        "qui avaient vendu des dessins à la kermesse.",
                        "qui avaient vendu leurs dessins à la kermesse.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Pardon de Saint-Tugdual",
        author="soazig",
        summary="La grande fête religieuse de septembre : procession, bénédiction de la mer et fest-noz.",
        tags=("fête", "pardon", "patrimoine"),
        edit_summary="Création",
        body=md(
            """
            Le **pardon de Saint-Tugdual** a lieu chaque année le premier dimanche de septembre. C'est la plus ancienne fête de [[Port-Kerlann]] : on en trouve la trace dans les registres de la paroisse dès 1680.

            ## La procession

            Le matin, après la messe célébrée en plein air devant la [[chapelle Saint-Tugdual]], la procession descend vers le port. En tête marchent les porteurs de bannières, puis la statue du saint portée par quatre marins, les femmes en coiffe et les enfants. Le [[bagad de Kerlann]] ferme le cortège.

            ## La bénédiction de la mer

            Arrivée sur le quai du [[port de Kerlann]], la procession s'arrête devant les bateaux pavoisés. Le recteur bénit la mer et les bateaux, puis une gerbe est jetée à l'eau en mémoire des disparus du [[monument aux péris en mer]]. Les bateaux sortent ensuite en cortège jusqu'à l'entrée de l'anse.

            ## L'après-midi

            L'après-midi est consacré aux jeux : courses en sac, tir à la corde, concours de godille dans le port. Le soir, un fest-noz réunit tout le monde sur la place des halles.

            [[Image:@chapelle|La chapelle Saint-Tugdual, d'où part la procession.]]
            """
        ),
        edits=(
            Edit(
                author="maela",
                edit_summary="Souvenir de la procession de 1962",
                replace=(
                    (
                        "Le [[bagad de Kerlann]] ferme le cortège.",
                        "Le [[bagad de Kerlann]] ferme le cortège. En 1962, ma mère a porté la bannière des laveuses du Stang ; elle en parlait encore quarante ans plus tard.",
                    ),
                ),
            ),
            Edit(
                author="goulven",
                edit_summary="Le cercle celtique",
                minor=True,
                replace=(
                    (
                        "les femmes en coiffe et les enfants.",
                        "les femmes en coiffe, les danseurs du [[cercle celtique de Kerlann]] et les enfants.",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Précision sur les registres",
                replace=(
                    (
                        "on en trouve la trace dans les registres de la paroisse dès 1680.",
                        "on en trouve la trace dans les registres de la paroisse dès 1680, et la tradition dit qu'il est bien plus ancien.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Sentier des douaniers",
        author="goulven",
        summary="Le chemin côtier qui mène du port au phare, tracé jadis par les gardes des douanes.",
        tags=("randonnée", "patrimoine", "mer"),
        place=Place("Pointe de Kerlann", 48.3785, -4.5061),
        edit_summary="Création",
        body=md(
            """
            Le **sentier des douaniers** suit la côte de [[Port-Kerlann]] depuis le bout du quai jusqu'à la pointe qui fait face au [[phare de Karreg-Wenn]]. Il mesure environ sept kilomètres et se parcourt en deux heures et demie, sans se presser.

            ## Un chemin de surveillance

            Le sentier a été tracé au XIXe siècle par les douaniers, qui patrouillaient jour et nuit le long de la côte pour empêcher la contrebande de tabac, d'alcool et de sel. Ils marchaient au plus près du bord de la falaise, pour voir chaque crique. On voit encore, près de la pointe, les ruines d'une petite cabane de pierre où ils s'abritaient par mauvais temps.

            ## La promenade

            Depuis le port, le sentier passe au-dessus de la [[plage de Porz-Gwenn]], longe les anciens fours des [[goémoniers]], puis monte vers la pointe à travers la lande. Au printemps, les ajoncs sont en fleur et l'on y voit des fous de Bassan plonger au large.

            [[Image:@phare|Le phare vu depuis la pointe.]]

            ## Conseils

            Le sentier est étroit par endroits et le bord de la falaise est fragile. Il vaut mieux éviter les jours de grand vent. On peut revenir par l'intérieur des terres, en passant devant le [[lavoir du Stang]].
            """
        ),
        edits=(
            Edit(
                author="maela",
                edit_summary="Le moulin",
                replace=(
                    (
                        "On peut revenir par l'intérieur des terres, en passant devant le [[lavoir du Stang]].",
                        "On peut revenir par l'intérieur des terres, en passant devant les ruines du [[moulin de Keryvon]] et le [[lavoir du Stang]].",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="Longueur du sentier, mesurée au GPS",
                minor=True,
                replace=(
                    (
                        "Il mesure environ sept kilomètres",
                        "Il mesure environ sept kilomètres et demi",
                    ),
                ),
            ),
        ),
    ),
]
