"""Files downloaded by the learners for competence 1.1 (reproducible: fixed data, fixed dates).

Each expected answer is computed from the same module constants as the file and checked against the
solution written in the YAML (see the ``assert`` next to each data set).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

# --------------------------------------------------------------------------------------------------
# carnet-sorties.txt — requeteMoteur6-b: count the dates written exactly as DD/MM/YYYY.
# --------------------------------------------------------------------------------------------------

CARNET_SORTIES = """\
CLUB DE RANDONNÉE DES TROIS VALLÉES — CARNET DE BORD
=====================================================

Saison 2023-2024. Responsable du carnet : Inès (06 12 34 56 78).

Sortie n° 1 — le 16/09/2023 : boucle des Crêtes, 14 km, 18 participants.
Météo parfaite. Pique-nique au col vers 12 h 30.

Sortie n° 2 — le 7 octobre 2023 : forêt de la Combe, 11 km.
Deux nouvelles adhérentes. Prochaine réunion fixée au 2023-10-20.

Sortie n° 3 — le 04/11/2023 : lac du Moulin, 9 km, sentier boueux.
Note de la randonnée par les participants : 14/20.

Sortie n° 4 — prévue le 2/12/2023, reportée au 09/12/2023 à cause de la neige.
Matériel prêté : 3 paires de bâtons, 1/2 douzaine de lampes frontales.

Assemblée générale — 13/01/2024, salle des fêtes, 18 h.
Cotisation annuelle votée : 25 euros (inchangée depuis le 01/09/2021).

Sortie n° 5 — le 3/2/2024 : raquettes au plateau, 7 km.
Sortie n° 6 — le 09/03/24 : annulée (vents violents).
Sortie n° 7 — le 23/03/2024 : gorges de l'Aigue, 16 km, 21 participants.

Réunion du bureau : 2024-04-02. Compte rendu envoyé le 4 avril 2024.

Sortie n° 8 — le 13/04/2024 : vallon des Sources, 12 km.
Sortie n° 9 — du 18/05/2024 au 20/05/2024 : week-end en refuge (2 nuits).

Bilan : 9 sorties prévues, 8 réalisées. Prochaine saison : inscriptions à partir du 1er septembre.
"""

CARNET_DATES_JJ_MM_AAAA = 9  # solution of requeteMoteur6-b
assert len(re.findall(r"\b\d{2}/\d{2}/\d{4}\b", CARNET_SORTIES)) == CARNET_DATES_JJ_MM_AAAA


def carnet_sorties(path: Path) -> None:
    path.write_text(CARNET_SORTIES, encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------------------------------
# photo-crue.jpg — evaluerSource5-a / -a-en: read the EXIF date taken (year).
# --------------------------------------------------------------------------------------------------

PHOTO_EXIF_DATE = "2016:06:02 19:42:10"  # EXIF DateTimeOriginal
PHOTO_YEAR = 2016  # solution of evaluerSource5-a and evaluerSource5-a-en
assert int(PHOTO_EXIF_DATE[:4]) == PHOTO_YEAR


def photo_crue(path: Path) -> None:
    from PIL import Image, ImageDraw

    width, height = 640, 426
    img = Image.new("RGB", (width, height), (170, 196, 214))  # grey-blue sky
    draw = ImageDraw.Draw(img)
    draw.polygon(
        [(0, 190), (160, 120), (330, 175), (480, 110), (640, 170), (640, 260), (0, 260)], fill=(96, 122, 92)
    )  # hills
    draw.rectangle([0, 240, width, height], fill=(122, 104, 78))  # muddy flood water
    for y in range(255, height, 14):  # ripples
        draw.line([(0, y), (width, y + 3)], fill=(138, 120, 92), width=2)
    draw.rectangle([380, 170, 520, 275], fill=(214, 200, 170))  # house, half under water
    draw.polygon([(370, 172), (450, 120), (530, 172)], fill=(150, 64, 48))
    draw.rectangle([410, 200, 440, 228], fill=(70, 90, 110))
    draw.rectangle([470, 200, 500, 228], fill=(70, 90, 110))
    draw.line([(60, 300), (60, 200)], fill=(60, 50, 40), width=6)  # half-drowned tree
    draw.ellipse([20, 150, 100, 230], fill=(70, 100, 60))

    exif = Image.Exif()
    exif[0x010F] = "Exemple"  # Make
    exif[0x0110] = "Appareil photo exemple"  # Model
    exif[0x0132] = PHOTO_EXIF_DATE  # DateTime
    exif[0x010E] = "Crue"  # ImageDescription
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = PHOTO_EXIF_DATE  # DateTimeOriginal
    exif_ifd[0x9004] = PHOTO_EXIF_DATE  # DateTimeDigitized
    img.save(path, "JPEG", quality=85, exif=exif.tobytes())


# --------------------------------------------------------------------------------------------------
# article-enregistre.html — evaluerSource5-b: publication date in the page's metadata.
# --------------------------------------------------------------------------------------------------

ARTICLE_PUBLISHED = "2019-03-14T07:30:00+01:00"
ARTICLE_MODIFIED = "2019-03-15T10:05:00+01:00"
ARTICLE_DATE_JJ_MM_AAAA = "14/03/2019"  # solution of evaluerSource5-b
_y, _m, _d = ARTICLE_PUBLISHED[:10].split("-")
assert f"{_d}/{_m}/{_y}" == ARTICLE_DATE_JJ_MM_AAAA

ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Le pont de la Gare fermé pour travaux – Le Courrier Exemple</title>
  <meta name="author" content="Rédaction du Courrier Exemple">
  <meta name="description" content="Le pont de la Gare sera fermé à la circulation pendant trois semaines.">
  <meta property="og:type" content="article">
  <meta property="article:published_time" content="{ARTICLE_PUBLISHED}">
  <meta property="article:modified_time" content="{ARTICLE_MODIFIED}">
  <style>
    body {{ font-family: sans-serif; max-width: 40em; margin: 2em auto; line-height: 1.5; }}
    .meta {{ color: #555; }}
  </style>
</head>
<body>
  <header><p><strong>Le Courrier Exemple</strong> – actualité locale</p></header>
  <article>
    <h1>Le pont de la Gare fermé pour travaux</h1>
    <p class="meta">Publié il y a 2 heures</p>
    <p>Le pont de la Gare sera fermé à la circulation pendant trois semaines, le temps de remplacer
    ses garde-corps. Une déviation est mise en place par le boulevard du Nord.</p>
    <p>Les piétons et les cyclistes pourront continuer à traverser par une passerelle provisoire.
    Les lignes de bus 3 et 7 sont déviées.</p>
  </article>
  <footer><p>Le Courrier Exemple – journal fictif créé pour un exercice.</p></footer>
</body>
</html>
"""


def article_enregistre(path: Path) -> None:
    path.write_text(ARTICLE_HTML, encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------------------------------
# flux-actualites.xml — veilleInformation5-a: title of the item published on Tue 12 March 2024.
# --------------------------------------------------------------------------------------------------

FLUX_ITEMS = [  # (pubDate, title, slug), most recent first as in most feeds
    ("Mon, 18 Mar 2024 16:00:00 +0100", "Fermeture exceptionnelle du CDI jeudi", "fermeture-cdi"),
    ("Fri, 15 Mar 2024 17:30:00 +0100", "Résultats du cross départemental", "cross-departemental"),
    ("Wed, 13 Mar 2024 09:15:00 +0100", "Conférence sur le tri des déchets", "conference-tri"),
    ("Tue, 12 Mar 2024 11:00:00 +0100", "Un potager partagé dans la cour du collège", "potager-partage"),
    ("Thu, 07 Mar 2024 14:45:00 +0100", "Inscriptions ouvertes pour le tournoi d'échecs", "tournoi-echecs"),
    ("Mon, 04 Mar 2024 08:30:00 +0100", "Le club d'astronomie observe Jupiter", "club-astronomie"),
]
FLUX_TITRE_12_MARS = "Un potager partagé dans la cour du collège"  # solution of veilleInformation5-a
assert [t for d, t, _ in FLUX_ITEMS if d.startswith("Tue, 12 Mar 2024")] == [FLUX_TITRE_12_MARS]


def flux_actualites(path: Path) -> None:
    items = []
    for date, title, slug in FLUX_ITEMS:
        items.append(
            "    <item>\n"
            f"      <title>{escape(title)}</title>\n"
            f"      <link>https://college-exemple.fr/actualites/{slug}</link>\n"
            f"      <guid>https://college-exemple.fr/actualites/{slug}</guid>\n"
            f"      <pubDate>{date}</pubDate>\n"
            f"      <description>{escape(title)} : l'article complet est sur le site du collège.</description>\n"
            "    </item>\n"
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0">\n'
        "  <channel>\n"
        "    <title>Collège Exemple – Actualités</title>\n"
        "    <link>https://college-exemple.fr/</link>\n"
        "    <description>Les dernières nouvelles du collège (site fictif).</description>\n"
        "    <language>fr</language>\n"
        "    <lastBuildDate>Mon, 18 Mar 2024 16:00:00 +0100</lastBuildDate>\n"
        + "".join(items)
        + "  </channel>\n</rss>\n"
    )
    path.write_text(xml, encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------------------------------
# abonnements.opml — veilleInformation6-b: number of feeds in « Sciences », subcategories included.
# --------------------------------------------------------------------------------------------------

# A category is (name, [children]); a feed is (name, url).
OPML_TREE = [
    (
        "Actualités locales",
        [
            ("Mairie – informations", "https://ville-exemple.fr/rss"),
            ("Le Courrier Exemple", "https://courrier-exemple.fr/flux.xml"),
            ("Réseau de bus", "https://bus-exemple.fr/perturbations.rss"),
        ],
    ),
    (
        "Sciences",
        [
            ("Science pour tous", "https://science-exemple.org/feed"),
            ("Le blog du labo", "https://labo-exemple.fr/atom.xml"),
            (
                "Astronomie",
                [
                    ("Ciel du mois", "https://ciel-exemple.fr/rss"),
                    ("Club d'astronomie", "https://astro-club-exemple.fr/feed.xml"),
                ],
            ),
            ("Climat et environnement", "https://climat-exemple.org/rss.xml"),
        ],
    ),
    (
        "Culture",
        [
            ("Médiathèque – nouveautés", "https://mediatheque-exemple.fr/nouveautes.rss"),
            ("Cinéma du centre", "https://cinema-exemple.fr/programme.xml"),
            ("Podcast lecture", "https://podcast-exemple.fr/lecture.rss"),
        ],
    ),
]
OPML_FLUX_SCIENCES = 5  # solution of veilleInformation6-b


def _count_feeds(children) -> int:
    return sum(_count_feeds(c[1]) if isinstance(c[1], list) else 1 for c in children)


assert _count_feeds(dict(OPML_TREE)["Sciences"]) == OPML_FLUX_SCIENCES


def _opml_lines(children, indent: str) -> list[str]:
    lines = []
    for name, content in children:
        if isinstance(content, list):
            lines.append(f'{indent}<outline text="{escape(name)}" title="{escape(name)}">')
            lines += _opml_lines(content, indent + "  ")
            lines.append(f"{indent}</outline>")
        else:
            lines.append(
                f'{indent}<outline type="rss" text="{escape(name)}" title="{escape(name)}" '
                f'xmlUrl="{content}"/>'
            )
    return lines


def abonnements(path: Path) -> None:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>Mes abonnements</title>",
        "    <dateCreated>Sat, 06 Apr 2024 10:00:00 +0200</dateCreated>",
        "  </head>",
        "  <body>",
        *_opml_lines(OPML_TREE, "    "),
        "  </body>",
        "</opml>",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


ATTACHMENTS = {
    "carnet-sorties.txt": carnet_sorties,
    "photo-crue.jpg": photo_crue,
    "article-enregistre.html": article_enregistre,
    "flux-actualites.xml": flux_actualites,
    "abonnements.opml": abonnements,
}
