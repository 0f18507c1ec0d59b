# ruff: noqa: E501
# One paragraph per line, as residents type them: diffs then follow paragraphs.
"""Demo articles: the harbour, fishing, the lighthouse and the people of the sea."""

from ..scenario import DemoArticle, Edit, Place
from ..scenario import markdown_text as md

ARTICLES = [
    DemoArticle(
        title="Port de Kerlann",
        author="yannick",
        summary="Le port de pêche au fond de l'anse, ses quais, sa flottille et ses changements.",
        tags=("port", "pêche", "patrimoine"),
        place=Place("Quai de l'Aber, Port-Kerlann", 48.3818, -4.4902),
        edit_summary="Création : le port tel que je l'ai connu",
        body=md(
            """
            Le **port de Kerlann** occupe le fond de l'anse, à l'abri de la pointe. Il se compose d'un vieux bassin bordé de quais de granit, construit entre 1850 et 1880, et d'un avant-port protégé par une jetée, allongée après la [[tempête de 1953]].

            ## Le temps de la sardine

            Jusqu'aux années 1950, le port vivait au rythme de la sardine. De juin à octobre, plus de cent cinquante chaloupes sortaient chaque matin. Quand elles rentraient, les femmes couraient à la [[conserverie Guiziou]] : la sardine devait être travaillée le jour même. Le soir, les filets bleus séchaient le long des mâts et les pécheurs les réparaient sur le quai.

            ## Les chalutiers

            Après la guerre, les chaloupes ont laissé la place aux chalutiers et aux caseyeurs, construits pour beaucoup au [[chantier naval Le Bris]]. On pêchait alors la langoustine, la lotte, le merlu. Le poisson est vendu à la [[criée de Kerlann|criée]], construite en 1932 sur le quai est.

            ## Le port aujourd'hui

            Une vingtaine de bateaux de pêche sont encore immatriculés à Kerlann. Le vieux bassin accueille aussi des voiliers de plaisance, et le [[bac de l'Aber]] part toujours de la cale du Passage, au bout du quai.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Orthographe : pêcheurs, pas pécheurs !",
                minor=True,
                replace=(
                    (
                        "et les pécheurs les réparaient sur le quai.",
                        "et les pêcheurs les réparaient sur le quai.",
                    ),
                ),
            ),
            Edit(
                author="goulven",
                edit_summary="Ajout d'une illustration",
                replace=(
                    (
                        "## Les chalutiers\n",
                        "## Les chalutiers\n\n[[Image:@chalutier|Un chalutier rentre au port, dessin de Yannick Quéré.]]\n",
                    ),
                ),
                cover="chalutier",
            ),
            Edit(
                author="yannick",
                edit_summary="Les bateaux de mon enfance",
                replace=(
                    (
                        "construits pour beaucoup au [[chantier naval Le Bris]].",
                        "construits pour beaucoup au [[chantier naval Le Bris]]. Le premier chalutier de Kerlann, le [[Santez-Anna]], a été lancé en 1949 ; j'y ai embarqué comme mousse avec [[Per Morvan]].",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Criée de Kerlann",
        author="yannick",
        summary="Le marché au poisson du quai est, où la pêche du jour est vendue aux enchères.",
        tags=("port", "pêche", "commerce"),
        place=Place("Quai est, Port-Kerlann", 48.3814, -4.4895),
        edit_summary="Création",
        body=md(
            """
            La **criée de Kerlann** est le marché où les pêcheurs vendent leur poisson aux mareyeurs et aux poissonniers. Le premier bâtiment a été construit en 1932 sur le quai est du [[port de Kerlann]] ; il a été remplacé en 1987 par la halle actuelle, plus grande et réfrigérée.

            ## Comment se passe une vente

            Les bateaux débarquent dans la nuit. Le poisson est trié par espèce et par taille, pesé, mis en caisses et aligné sur le sol de la halle. La vente commence à six heures. Autrefois, le crieur annonçait un prix élevé et le baissait jusqu'à ce qu'un acheteur lève la main. Depuis 1998, la vente se fait au cadran électronique, mais les anciens regrettent la voix du crieur.

            ## Ce qu'on y vend

            On y trouve surtout de la langoustine, de la lotte, du bar, du merlu, de la raie et, l'hiver, de la coquille Saint-Jacques. Une partie de la pêche part en camion vers les grandes villes ; le reste est vendu sur place, aux [[halles de Kerlann|halles]] ou sur les marchés voisins.

            ## Visiter la criée

            La criée organise des visites le mardi matin en été. Les enfants de l'[[école Jules-Ferry]] y viennent chaque printemps, et certains y ont trouvé leur vocation.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Tableau des apports, d'après les rapports annuels de la criée",
                replace=(
                    (
                        "## Visiter la criée",
                        "## Les apports\n\n| année | bateaux | tonnes vendues |\n|---|---:|---:|\n| 1935 | 154 | 3 200 |\n| 1960 | 71 | 2 450 |\n| 1990 | 38 | 1 900 |\n| 2020 | 21 | 1 150 |\n\nLes chiffres de 1935 comptent surtout de la sardine ; ceux d'aujourd'hui, du poisson de fond et des crustacés, qui se vendent plus cher.\n\n## Visiter la criée",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="Le crieur",
                replace=(
                    (
                        "mais les anciens regrettent la voix du crieur.",
                        "mais les anciens regrettent la voix du crieur. Le dernier, Fañch Quiniou, annonçait les prix en breton et en français, et l'on disait qu'on l'entendait jusqu'au [[café de la Marine]].",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Bac de l'Aber",
        author="goulven",
        summary="Le bateau qui traverse l'Aber-Kerlann entre la cale du Passage et Lanvénec.",
        tags=("transport", "port", "mer"),
        place=Place("Cale du Passage, Port-Kerlann", 48.3809, -4.4861),
        edit_summary="Création",
        body=md(
            """
            Le **bac de l'Aber** relie la cale du Passage, au bout du quai du [[port de Kerlann]], au village de [[Lanvénec]], sur l'autre rive. La traversée ne fait que quatre cents mètres, mais par la route il faut faire un détour de vingt-deux kilomètres par le pont de l'arrière-pays.

            ## Le passeur à l'aviron

            Jusqu'en 1936, le bac était une grande barque menée à l'aviron par un passeur. On l'appelait en criant depuis la cale, ou en agitant un drap blanc le soir. Il faisait traverser les gens, les vélos, les vaches qu'on menait à la foire, et les laveuses de Lanvénec qui venaient au [[lavoir du Stang]].

            ## Le bac à moteur

            Un bac à moteur a remplacé la barque en 1936. Le bateau actuel, l'*Enez*, est en service depuis 2009 ; il peut embarquer quarante passagers et une dizaine de vélos. Il fait la navette toutes les demi-heures, de sept heures du matin à huit heures du soir.

            ## Les habitués

            Le matin, ce sont les élèves de Lanvénec qui vont à l'[[école Jules-Ferry]], les travailleurs, les marchands qui vont aux [[halles de Kerlann|halles]]. En été, ce sont surtout des promeneurs qui veulent rejoindre le [[sentier des douaniers]] de l'autre rive. J'y travaille comme matelot depuis six ans, et je connais presque tout le monde par son prénom.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Le jour où le bac n'a pas traversé",
                append="""
                ## Les jours sans bac

                Le bac ne traverse pas quand le vent dépasse force 8. Pendant la [[tempête de 1953]], il est resté amarré trois jours, et les gens de Lanvénec ont dû faire le tour par le pont pour venir aux nouvelles.
                """,
            ),
            Edit(
                author="soazig",
                edit_summary="Précision",
                minor=True,
                replace=(
                    (
                        "un détour de vingt-deux kilomètres par le pont de l'arrière-pays.",
                        "un détour de vingt-deux kilomètres par le pont de Pont-ar-Vilin.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Station de sauvetage",
        author="goulven",
        summary="Le canot de sauvetage de Kerlann et ses bénévoles, depuis 1879.",
        tags=("solidarité", "mer", "port"),
        place=Place("Abri du canot, Port-Kerlann", 48.3803, -4.4925),
        edit_summary="Création",
        body=md(
            """
            La **station de sauvetage** de [[Port-Kerlann]] a été créée en 1879. Son premier canot, à avirons et à voiles, était abrité dans un bâtiment de granit au pied de la jetée, d'où il descendait à la mer sur une cale en pente. Ce bâtiment existe toujours.

            ## Des bénévoles

            Depuis l'origine, les sauveteurs sont des bénévoles : pêcheurs, marins du commerce, et aujourd'hui aussi infirmières, artisans, retraités. Quand l'alerte est donnée, ils lâchent tout ce qu'ils font et courent au port. Le canot doit être à la mer en moins d'un quart d'heure.

            ## Les grandes sorties

            La nuit de la [[tempête de 1953]], le canot est sorti quatre fois et a ramené onze marins. Le patron du canot, Hervé Le Scao, a reçu la médaille d'or du sauvetage. D'autres sorties sont restées dans les mémoires, comme celle du [[naufrage de la Marie-Jeanne]] en 1928.

            ## Aujourd'hui

            La station dispose d'une vedette moderne et d'un semi-rigide. Elle sort une trentaine de fois par an, surtout l'été, pour des plaisanciers en panne, des baigneurs emportés par le courant à la [[plage de Porz-Gwenn]] ou des promeneurs bloqués par la marée. J'y suis bénévole depuis 2019.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Nombre de marins sauvés vérifié dans le registre de la station",
                replace=(
                    (
                        "le canot est sorti quatre fois et a ramené onze marins.",
                        "le canot est sorti quatre fois et a ramené treize marins.",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="La quête du 15 août",
                append="""
                ## Soutenir la station

                La station vit des dons. Chaque 15 août, les bénévoles font la quête sur le quai, et le [[bagad de Kerlann]] joue devant l'abri du canot. Beaucoup de familles de pêcheurs donnent chaque année, en souvenir d'un père ou d'un grand-père ramené par le canot.
                """,
            ),
            Edit(
                author="goulven",
                edit_summary="Coquille",
                minor=True,
                replace=(
                    (
                        "Le canot doit être à la mer en moins d'un quart d'heure.",
                        "Le canot doit être à la mer en moins d'un quart d'heure après l'alerte.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Chantier naval Le Bris",
        author="goulven",
        summary="Le chantier de construction de bateaux en bois, ouvert en 1904 et fermé en 2003.",
        tags=("port", "métiers", "patrimoine"),
        place=Place("Anse du Stang, Port-Kerlann", 48.3842, -4.4898),
        edit_summary="Création",
        body=md(
            """
            Le **chantier naval Le Bris** a construit des bateaux en bois à Port-Kerlann pendant presque un siècle. Il a été fondé en 1904 par [[Jean-Marie Le Bris]], charpentier de marine venu de la presqu'île voisine, sur la grève au débouché du [[quartier du Stang]].

            ## Des chaloupes aux chalutiers

            Les premières années, le chantier construisait surtout des chaloupes sardinières, longues d'une dizaine de mètres, pour les pêcheurs du [[port de Kerlann]]. Après la guerre, il s'est mis aux chalutiers et aux caseyeurs, toujours en chêne, sur des plans dessinés à la craie sur le sol de l'atelier.

            ## Le métier

            On travaillait à l'herminette, à la scie de long et au rabot. Les membrures étaient taillées dans des chênes choisis sur pied, dont la courbe naturelle suivait celle du bateau. Le lancement était une fête : le recteur bénissait la coque, on cassait une bouteille sur l'étrave, et tout le quartier descendait sur la grève.

            ## La fermeture

            Le polyester a fini par remplacer le bois. Le chantier a fermé en 2003. Une partie de l'atelier est aujourd'hui utilisée par une association qui restaure les vieux gréements de la [[fête des Voiles rouges]].
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Nombre de bateaux construits",
                replace=(
                    (
                        "Le polyester a fini par remplacer le bois.",
                        "En un siècle, le chantier a construit plus de trois cents bateaux, dont une dizaine naviguent encore. Le polyester a fini par remplacer le bois.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Coopérative maritime",
        author="yannick",
        summary="La coopérative fondée en 1919 par les pêcheurs pour acheter ensemble et s'entraider.",
        tags=("solidarité", "pêche", "commerce"),
        edit_summary="Création",
        body=md(
            """
            La **coopérative maritime** de Kerlann a été fondée en 1919 par une cinquantaine de patrons pêcheurs du [[port de Kerlann]]. Ils voulaient acheter ensemble leurs filets, leurs cordages et leur gasoil, au lieu de dépendre des marchands qui fixaient les prix à leur guise.

            ## Le magasin

            La coopérative tient un magasin sur le quai, qu'on appelle encore « la coop ». On y trouve de tout : cirés, bottes, casiers, cordages (autrefois fabriqués à la [[corderie du Stang]]), peinture pour les coques, hameçons, et même des conserves pour les longues marées.

            ## L'entraide

            La coopérative n'a jamais été seulement un magasin. Après la [[tempête de 1953]], c'est elle qui a organisé la collecte pour les familles des disparus, et qui a prêté sans intérêt de quoi reconstruire les bateaux perdus. Pendant les mauvaises années, elle a aussi fait crédit aux équipages qui ne pouvaient plus payer.

            ## Aujourd'hui

            La coopérative compte encore une centaine de membres, pêcheurs en activité ou retraités. Elle participe chaque été à la [[fête des Voiles rouges]], où ses bénévoles tiennent le grand barbecue de sardines devant la [[criée de Kerlann|criée]].
            """
        ),
        edits=(
            Edit(
                author="nolwenn",
                edit_summary="Lien avec la grève de 1927",
                replace=(
                    (
                        "Pendant les mauvaises années, elle a aussi fait crédit",
                        "Pendant la [[grève des sardinières de 1927]], elle a distribué du pain et du poisson aux familles des grévistes. Pendant les mauvaises années, elle a aussi fait crédit",
                    ),
                ),
            ),
            Edit(
                author="soazig",
                edit_summary="Orthographe",
                minor=True,
                replace=(
                    (
                        "au lieu de dépendre des marchands qui fixaient les prix à leur guise.",
                        "au lieu de dépendre des négociants qui fixaient les prix à leur guise.",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Goémoniers",
        author="yannick",
        summary="Ceux qui récoltaient les algues sur la grève et en mer, pour les champs et pour la soude.",
        tags=("métiers", "mer", "mémoire"),
        edit_summary="Création",
        body=md(
            """
            Les **goémoniers** récoltaient le goémon, c'est-à-dire les algues. Sur la côte de [[Port-Kerlann]], c'était un métier d'appoint pour beaucoup de familles paysannes et de pêcheurs, surtout au printemps et à l'automne.

            ## La récolte

            Il y avait deux sortes de goémon. Le goémon d'épave, arraché par les tempêtes, était ramassé sur la grève au râteau et chargé dans des charrettes. Le goémon de coupe était coupé à la faucille sur les rochers, à marée basse, pendant les grandes marées, ou depuis des bateaux avec de longues guillotines. La coupe était réglementée et les dates étaient affichées à la mairie.

            ## À quoi servait le goémon

            Une grande partie servait d'engrais dans les champs : on l'étalait directement sur la terre. Le reste était séché sur les dunes, puis brûlé dans des fours creusés dans le sol. On obtenait des pains de soude, vendus aux usines qui en tiraient de l'iode. Les fumées des fours à goémon, l'été, se voyaient depuis le [[phare de Karreg-Wenn]].

            ## Un travail dur

            Les goémoniers travaillaient les pieds dans l'eau froide, chargés de paniers lourds et trempés. Les enfants aidaient dès qu'ils pouvaient porter une fourche, ce qui les éloignait souvent de l'[[école Jules-Ferry]]. Les derniers fours ont été éteints dans les années 1950.
            """
        ),
        edits=(
            Edit(
                author="maela",
                edit_summary="Souvenir d'un four à goémon",
                append="""
                ## Ce qu'il en reste

                On voit encore deux anciens fours à goémon au bord du [[sentier des douaniers]], près de la pointe : de longues tranchées bordées de pierres plates, noircies par le feu. Ma grand-mère [[Maryvonne Le Gall]] disait que l'odeur de ces fumées était celle de tous les étés de sa jeunesse.
                """,
            ),
            Edit(
                author="yannick",
                edit_summary="Mots-clés",
                minor=True,
                tags=("métiers", "mer", "mémoire", "pêche"),
            ),
        ),
    ),
    DemoArticle(
        title="Pêche à pied",
        author="maela",
        summary="La pêche à marée basse sur les grèves et dans les rochers, une passion partagée.",
        tags=("pêche", "mer", "loisirs"),
        edit_summary="Création",
        body=md(
            """
            La **pêche à pied** se pratique à marée basse, sur les grèves et dans les rochers découverts par la mer. À [[Port-Kerlann]], c'est presque une religion : aux grandes marées, on voit des centaines de personnes, seaux et râteaux à la main, s'avancer sur les bancs de sable de l'anse.

            ## Ce qu'on ramasse

            Sur le sable, on cherche les coques et les palourdes, en repérant les petits trous qu'elles laissent à la surface. Dans les rochers, on trouve des bigorneaux, des moules, des étrilles cachées sous les pierres, et avec un peu de chance, un homard. Les plus habiles pêchent la crevette au haveneau dans les flaques des rochers, près de la [[plage de Porz-Gwenn]].

            ## Les règles

            Il faut respecter les tailles minimales, remettre les pierres en place après les avoir retournées, et ne prendre que ce que l'on mangera. Les anciens savaient tout cela sans qu'on ait besoin de l'afficher. Il faut surtout surveiller la marée, qui remonte très vite dans l'anse : chaque année, la [[station de sauvetage]] doit aller chercher des pêcheurs surpris par le flot.

            ## Un souvenir d'enfance

            Quand j'étais petite, l'[[école Jules-Ferry]] se vidait les jours de grande marée. Nous partions avec nos grands-mères, et nous rentrions le soir, trempées et fières, avec un seau de palourdes qui faisait le repas de toute la famille.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Les coefficients de marée",
                replace=(
                    (
                        "## Les règles",
                        "## Quand y aller\n\nLes meilleures pêches se font par coefficient de marée supérieur à 95, surtout aux marées d'équinoxe, en mars et en septembre. La mer descend alors beaucoup plus loin, et découvre des rochers qu'on ne voit que quelques jours par an.\n\n## Les règles",
                    ),
                ),
            ),
            Edit(
                author="goulven",
                edit_summary="Lien vers les mots du port",
                minor=True,
                replace=(
                    (
                        "avec un seau de palourdes qui faisait le repas de toute la famille.",
                        "avec un seau de palourdes qui faisait le repas de toute la famille. Les anciens disaient *mor-dre* pour la marée basse (voir les [[mots du port]]).",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Phare de Karreg-Wenn",
        author="goulven",
        summary="Le phare sur son rocher à l'entrée de l'anse, allumé en 1867 et automatisé en 1992.",
        tags=("patrimoine", "mer", "phare"),
        place=Place("Rocher de Karreg-Wenn", 48.3771, -4.5093),
        cover="phare",
        edit_summary="Création, avec mon dessin du phare",
        body=md(
            """
            Le **phare de Karreg-Wenn** (« la roche blanche ») se dresse sur un rocher à l'entrée de l'anse de [[Port-Kerlann]]. Haut de vingt-six mètres, il a été allumé pour la première fois le 1er novembre 1867. Sa lumière blanche, à deux éclats toutes les dix secondes, porte à dix-huit milles.

            [[Image:@phare|Le phare de Karreg-Wenn au crépuscule.]]

            ## Les gardiens

            Pendant plus d'un siècle, deux gardiens se relayaient sur le rocher, par périodes de quinze jours. Ils entretenaient la lampe, remontaient chaque nuit le mécanisme qui faisait tourner l'optique, et notaient la météo dans un registre. Par gros temps, la relève pouvait attendre une semaine : le bateau ne pouvait pas accoster.

            Le dernier gardien, Fañch Le Roux, a quitté le phare en 1992, quand il a été automatisé[^1]. Il racontait que la nuit de la [[tempête de 1953]], les vagues passaient par-dessus la lanterne et que l'eau entrait par les fenêtres de la chambre de veille.

            ## Le phare aujourd'hui

            Le phare n'est pas ouvert au public, mais on le voit très bien depuis le [[sentier des douaniers]]. Pendant la [[fête des Voiles rouges]], la régate des vieux gréements fait le tour du rocher.

            [^1]: La date de 1992 est celle de l'automatisation complète ; un gardien restait à terre, au [[port de Kerlann]], jusqu'en 1996.
            """
        ),
        edits=(
            Edit(
                author="soazig",
                edit_summary="Hauteur corrigée d'après la fiche des phares et balises",
                replace=(
                    (
                        "Haut de vingt-six mètres, il a été allumé",
                        "Haut de vingt-huit mètres, il a été allumé",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="Le phare vu de la mer",
                replace=(
                    (
                        "## Le phare aujourd'hui\n",
                        "## Le phare vu de la mer\n\nPour les pêcheurs, le phare est d'abord un repère. En rentrant de nuit, on l'aligne avec le clocher de la [[chapelle Saint-Tugdual]] pour passer entre les roches de l'entrée. Tous les patrons du port connaissaient cet alignement par cœur.\n\n## Le phare aujourd'hui\n",
                    ),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Abri du marin",
        author="soazig",
        summary="La maison du quai ouverte en 1903 pour que les marins aient un lieu chaud, sans alcool.",
        tags=("solidarité", "port", "patrimoine"),
        place=Place("Quai ouest, Port-Kerlann", 48.3821, -4.4921),
        edit_summary="Création",
        body=md(
            """
            L'**abri du marin** est une petite maison de granit du quai ouest du [[port de Kerlann]], reconnaissable à son toit d'ardoise et à son panneau peint en lettres blanches. Elle a été ouverte en 1903, sur le modèle des abris du marin qui se multipliaient alors sur la côte.

            ## Un lieu pour se retrouver

            L'idée était d'offrir aux marins un endroit chaud et sec où attendre la marée, réparer leurs filets, écrire une lettre ou jouer aux cartes, sans passer leur temps au café. On n'y servait pas d'alcool, mais du café, du lait chaud et de la soupe. Il y avait une petite bibliothèque, une salle de classe pour les mousses qui voulaient apprendre à lire, et des cours de navigation l'hiver.

            ## Les souvenirs

            Beaucoup d'anciens y ont appris à faire des nœuds, à lire une carte ou à réparer un moteur. [[Per Morvan]] disait qu'il y avait appris tout ce que l'école ne lui avait pas appris. Les soirs d'hiver, on s'y racontait les naufrages et les grandes pêches, et les plus jeunes écoutaient sans rien dire.

            ## Aujourd'hui

            Restauré par la commune, l'abri accueille maintenant une petite exposition sur la pêche et la [[conserverie Guiziou]], ouverte l'été. On peut encore y voir les bancs de bois et le poêle d'origine.
            """
        ),
        edits=(
            Edit(
                author="yannick",
                edit_summary="Le jeu de dominos",
                replace=(
                    (
                        "et les plus jeunes écoutaient sans rien dire.",
                        "et les plus jeunes écoutaient sans rien dire. Les parties de dominos du dimanche étaient célèbres : on jouait en silence, et le perdant payait la tournée de café.",
                    ),
                ),
            ),
            Edit(
                author="nolwenn",
                edit_summary="Horaires de l'exposition",
                minor=True,
                replace=(
                    ("ouverte l'été.", "ouverte l'été, du mardi au dimanche, de 14 h à 18 h."),
                ),
            ),
        ),
    ),
    DemoArticle(
        title="Mots du port",
        author="yannick",
        summary="Petit lexique des mots bretons qu'on entendait sur les quais et sur les bateaux.",
        tags=("langue bretonne", "mémoire", "port"),
        edit_summary="Création : les mots que j'entendais enfant",
        body=md(
            """
            Jusqu'aux années 1960, le breton était la langue de tous les jours sur les quais du [[port de Kerlann]]. Même ceux qui parlaient français à la maison utilisaient des mots bretons dès qu'il s'agissait de la mer, du temps ou du poisson. Voici quelques mots que j'entendais enfant.

            | breton | français | remarque |
            |---|---|---|
            | bag | bateau | « bag Per » : le bateau de Pierre |
            | mor | mer | |
            | aod | côte, rivage | |
            | pesked | poissons | au singulier : pesk |
            | sardin | sardines | |
            | rouedoù | filets | au singulier : roued |
            | gwern | mât | |
            | gwelan | goéland | |
            | mor-lanv | marée haute | |
            | mor-dre | marée basse | |

            ## Les surnoms

            Chacun avait son surnom, souvent plus connu que son nom. Les femmes de la [[conserverie Guiziou]] étaient les *penn sardin*, les « têtes de sardine », à cause de leur coiffe. Un patron avare de paroles pouvait être appelé *ar mud*, le muet, et un autre qui rentrait toujours le dernier, *ar c'hoant*, celui qui en veut.

            ## Entendre ces mots

            La [[bibliothèque du Stang]] conserve des enregistrements où les anciens parlent breton. On en entend aussi le dimanche, au [[café de la Marine]], quand deux anciens se retrouvent.
            """
        ),
        edits=(
            Edit(
                author="nolwenn",
                edit_summary="Ajout de kenavo et de deux mots",
                replace=(
                    (
                        "| mor-dre | marée basse | |",
                        "| mor-dre | marée basse | |\n| lestr | navire | pour un grand bateau |\n| kenavo | au revoir | |",
                    ),
                ),
            ),
            Edit(
                author="maela",
                edit_summary="Lien vers l'école",
                replace=(
                    (
                        "quand deux anciens se retrouvent.",
                        "quand deux anciens se retrouvent, et depuis quelques années dans la classe bilingue de l'[[école Jules-Ferry]].",
                    ),
                ),
            ),
            Edit(
                author="yannick",
                edit_summary="Correction d'un surnom",
                minor=True,
                replace=(
                    (
                        "*ar c'hoant*, celui qui en veut.",
                        "*ar c'hoantus*, celui qui en veut toujours plus.",
                    ),
                ),
            ),
        ),
    ),
]
