"""Files downloaded by the learners of competence 3.1 (Développer des documents textuels).

Reproducible: texts and document properties are module constants, zip entries get a fixed date,
and every expected answer is computed here and checked against the solution of the tube files.
"""

import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

from odf import dc, meta
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TextProperties
from odf.text import H, P

from octet.referential.generated_files import freeze_zip

FIXED_ZIP_DATE = datetime(2024, 9, 2, 8, 0, 0)


# ---------------------------------------------------------------------------------------------
# texte-velo.txt — find and replace: traitementTexte5-b
# ---------------------------------------------------------------------------------------------
TEXTE_VELO = """Aller au lycée à bicyclette

Depuis la rentrée, une quarantaine d'élèves du lycée viennent en cours à bicyclette. Le conseil de la vie
lycéenne a obtenu l'installation d'un nouvel abri couvert, près du gymnase, qui peut accueillir trente
cycles. Chaque matin, il est plein avant huit heures.

Pourquoi ce succès ? Les élèves interrogés citent d'abord la liberté : avec une bicyclette, on ne dépend
plus des horaires du car. D'autres parlent de santé : vingt minutes de trajet, c'est une activité physique
quotidienne sans effort particulier. Enfin, beaucoup évoquent le coût : une bicyclette d'occasion révisée
par l'atelier solidaire du quartier coûte moins cher qu'un abonnement annuel de bus.

Il reste des difficultés. La piste cyclable s'arrête au rond-point de la zone commerciale, et le dernier
kilomètre se fait sur une route fréquentée. Les élèves demandent à la mairie de prolonger la piste et
rappellent les règles de prudence : casque, gilet réfléchissant en hiver, éclairage avant et arrière.

L'atelier d'entretien organisé le jeudi midi permet d'apprendre à régler ses freins ou à réparer une
crevaison. On peut y venir avec sa propre bicyclette ou simplement pour aider. Prochain objectif du
conseil : une journée « au lycée à bicyclette » au printemps, avec un parcours encadré depuis la gare.
"""
VELO_WORD = "bicyclette"
VELO_COUNT = TEXTE_VELO.count(VELO_WORD)
# every occurrence is the exact lower-case word: no capital, no plural, no longer word containing it
assert TEXTE_VELO.lower().count(VELO_WORD) == VELO_COUNT
assert len(re.findall(r"\bbicyclette\b", TEXTE_VELO)) == VELO_COUNT
assert VELO_COUNT == 6


def texte_velo(path: Path) -> None:
    path.write_text(TEXTE_VELO, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# journal-club-theatre.txt — regular-expression search: traitementTexte6-b
# ---------------------------------------------------------------------------------------------
JOURNAL_CLUB = """Journal du club théâtre — année scolaire 2023-2024

Réunion de rentrée le 14/09/2023 : 18 inscrits, dont 7 nouveaux.
Choix de la pièce voté le 05/10/2023 (12 voix sur 18).
Distribution des rôles affichée le 2023-10-19 dans le hall.
Première lecture à la table le 09/11/2023, durée 2 h 30.
Atelier voix avec une comédienne invitée le 30 novembre 2023.
Répétition annulée le 7/12/2023 (grève des transports).
Note de la mise en scène : 16/20 au festival des lycées, on progresse !
Répétition générale le 21/03/2024, puis costumes le 22/03/24.
Représentation devant les familles le 04/04/2024 à 20 h 00.
Bilan de l'année envoyé le 15/06/2024 à toute la troupe.
"""
DATE_REGEX = r"[0-9]{2}/[0-9]{2}/[0-9]{4}"
DATES_JJ_MM_AAAA = re.findall(DATE_REGEX, JOURNAL_CLUB)
assert DATES_JJ_MM_AAAA == [
    "14/09/2023",
    "05/10/2023",
    "09/11/2023",
    "21/03/2024",
    "04/04/2024",
    "15/06/2024",
]
DATES_COUNT = len(DATES_JJ_MM_AAAA)
assert DATES_COUNT == 6


def journal_club_theatre(path: Path) -> None:
    path.write_text(JOURNAL_CLUB, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# page-club-photo.html — read HTML source: pageWeb4-c, pageWeb5-c
# ---------------------------------------------------------------------------------------------
PAGE_CLUB = """<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Club photo du lycée</title>
  <link rel="stylesheet" href="style/club.css">
</head>
<body>
  <header>
    <img src="images/logo-club.png" alt="Logo du club photo : un objectif stylisé">
    <nav>
      <a href="index.html">Accueil</a>
      <a href="galerie.html">Galerie</a>
      <a href="formulaires/inscription-2024.html">Inscriptions</a>
      <a href="mailto:club.photo@lycee.example">Contact</a>
    </nav>
  </header>
  <main>
    <h1>Bienvenue au club photo</h1>
    <p>Le club se réunit le mardi de 12 h 30 à 13 h 30, salle B12.</p>
    <h2>Notre exposition</h2>
    <img src="images/affiche-expo.jpg" alt="Affiche de l'exposition « Regards sur la ville », du 3 au 14 juin">
    <h2>Dernière sortie</h2>
    <img src="images/sortie-foret.jpg" width="600">
    <p>Vingt photographes en herbe ont arpenté la forêt domaniale au petit matin.</p>
    <img src="images/photo-membres.jpg" alt="Les membres du club posent devant le lycée">
    <p><a href="archives/2023.html">Voir les archives de l'an dernier</a></p>
  </main>
</body>
</html>
"""


class _PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images_without_alt: list[str] = []
        self.links: dict[str, str] = {}
        self._href: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and "alt" not in attributes:
            self.images_without_alt.append(attributes["src"])
        if tag == "a":
            self._href = attributes.get("href")

    def handle_data(self, data):
        if self._href is not None and data.strip():
            self.links[data.strip()] = self._href

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


_reader = _PageReader()
_reader.feed(PAGE_CLUB)
assert _reader.links["Inscriptions"] == "formulaires/inscription-2024.html"  # pageWeb4-c
assert _reader.images_without_alt == ["images/sortie-foret.jpg"]  # pageWeb5-c


def page_club_photo(path: Path) -> None:
    path.write_text(PAGE_CLUB, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# compte-rendu-sortie.odt — styles, outline and document properties: texteStructure5-c, texteStructure6-c
# ---------------------------------------------------------------------------------------------
ODT_PROPERTY_TITLE = "Sortie muséum 4e B – version relue"  # dc:title, differs from the visible title
ODT_AUTHOR = "Alex Martin"
ODT_DATE = datetime(2024, 5, 21, 17, 30, 0)
# (outline level or None for a body paragraph, "fake" for a bold paragraph that only looks like a heading, text)
ODT_BODY = [
    ("title", "Compte rendu de la sortie au muséum d'histoire naturelle"),
    (1, "Introduction"),
    (None, "Le mardi 14 mai, la classe de 4e B a visité le muséum d'histoire naturelle de la ville."),
    (1, "Le voyage"),
    (2, "Le trajet en car"),
    (None, "Départ à 8 h 15 devant le collège, arrivée à 9 h 05. Le retour s'est fait à 16 h 30."),
    (1, "Les ateliers"),
    (2, "Atelier fossiles"),
    (None, "Nous avons appris à reconnaître une ammonite et à estimer l'âge d'une roche."),
    (2, "Atelier minéraux"),
    (None, "Chaque groupe a testé la dureté de cinq minéraux avec une pointe en acier."),
    (2, "Atelier squelettes"),
    (None, "Nous avons comparé le squelette d'un chat et celui d'un pigeon."),
    ("fake", "Atelier bonus : la boutique du muséum"),
    (None, "Certains ont acheté des cartes postales et un moulage de dent de requin."),
    (1, "Conclusion"),
    (None, "Une sortie très riche : la classe propose d'y retourner pour l'exposition sur les océans."),
]
HEADINGS_LEVEL_2 = sum(1 for level, _ in ODT_BODY if level == 2)
assert HEADINGS_LEVEL_2 == 4  # the bold "Atelier bonus" paragraph is not a heading


def compte_rendu_sortie(path: Path) -> None:
    doc = OpenDocumentText()
    doc.meta.addElement(dc.Title(text=ODT_PROPERTY_TITLE))
    doc.meta.addElement(dc.Creator(text=ODT_AUTHOR))
    doc.meta.addElement(meta.InitialCreator(text=ODT_AUTHOR))
    doc.meta.addElement(meta.CreationDate(text=ODT_DATE.isoformat()))
    doc.meta.addElement(dc.Date(text=ODT_DATE.isoformat()))

    title_style = Style(name="Title", displayname="Title", family="paragraph")
    title_style.addElement(TextProperties(fontsize="20pt", fontweight="bold"))
    title_style.addElement(ParagraphProperties(textalign="center", marginbottom="0.4cm"))
    heading_styles = {}
    for level, size in ((1, "16pt"), (2, "13pt")):
        style = Style(
            name=f"Heading_20_{level}",
            displayname=f"Heading {level}",
            family="paragraph",
            defaultoutlinelevel=str(level),
        )
        style.addElement(TextProperties(fontsize=size, fontweight="bold"))
        style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
        doc.styles.addElement(style)
        heading_styles[level] = style
    doc.styles.addElement(title_style)
    fake_style = Style(name="P_bold", family="paragraph")
    fake_style.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
    fake_style.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    doc.automaticstyles.addElement(fake_style)

    for level, text in ODT_BODY:
        if level == "title":
            doc.text.addElement(P(stylename=title_style, text=text))
        elif level == "fake":
            doc.text.addElement(P(stylename=fake_style, text=text))
        elif level is None:
            doc.text.addElement(P(text=text))
        else:
            doc.text.addElement(H(outlinelevel=level, stylename=heading_styles[level], text=text))
    doc.save(str(path))
    freeze_zip(path, FIXED_ZIP_DATE)


ATTACHMENTS = {
    "texte-velo.txt": texte_velo,
    "journal-club-theatre.txt": journal_club_theatre,
    "page-club-photo.html": page_club_photo,
    "compte-rendu-sortie.odt": compte_rendu_sortie,
}
