"""Files downloaded by learners for competence 4.3 (reproducible: fixed data, dates and metadata).

Every expected answer written in the YAML challenges is recomputed below from the same constants
and checked with ``assert``.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from octet.referential.generated_files import freeze_zip

FIXED_DATETIME = dt.datetime(2024, 3, 4, 9, 0, 0)


# --- temps-ecran-semaine.csv (@bienEtreConnecte3) -------------------------------------------------

SCREEN_TIME_HEADER = [
    "Jour",
    "Réseaux sociaux (min)",
    "Vidéo (min)",
    "Jeux (min)",
    "Messagerie (min)",
    "Travail scolaire (min)",
]
SCREEN_TIME = [
    ("Lundi", 95, 60, 30, 25, 45),
    ("Mardi", 80, 45, 0, 30, 60),
    ("Mercredi", 120, 90, 60, 20, 30),
    ("Jeudi", 70, 40, 15, 35, 50),
    ("Vendredi", 110, 75, 45, 25, 20),
    ("Samedi", 150, 120, 90, 40, 0),
    ("Dimanche", 135, 100, 60, 30, 40),
]
# bienEtreConnecte3-a: total minutes on social networks
assert sum(row[1] for row in SCREEN_TIME) == 760
# bienEtreConnecte3-b: days whose total exceeds 5 hours (300 minutes)
assert sum(1 for row in SCREEN_TIME if sum(row[1:]) > 300) == 3
assert [row[0] for row in SCREEN_TIME if sum(row[1:]) > 300] == ["Mercredi", "Samedi", "Dimanche"]


def temps_ecran_semaine(path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n")
        writer.writerow(SCREEN_TIME_HEADER)
        writer.writerows(SCREEN_TIME)


# --- consommation-donnees.xlsx (@sobrieteDonnees4, @sobrieteDonnees5) ----------------------------

DATA_USAGE = [  # application, catégorie, données mobiles (Mo), wifi (Mo)
    ("VidéoFlux", "Vidéo", 3850, 9200),
    ("ReplayTV", "Vidéo", 1240, 4100),
    ("ClipCourt", "Réseau social", 2675, 3900),
    ("PhotoPartage", "Réseau social", 1980, 2450),
    ("MusiqueLibre", "Musique", 620, 1500),
    ("Navigateur", "Web", 540, 980),
    ("Messagerie", "Communication", 310, 420),
    ("CartesGPS", "Navigation", 150, 35),
    ("VisioCours", "Vidéo", 880, 2300),
    ("Podcasts", "Musique", 95, 1300),
]
_video_mobile = sum(r[2] for r in DATA_USAGE if r[1] == "Vidéo")
_total_mobile = sum(r[2] for r in DATA_USAGE)
assert _video_mobile == 5970  # sobrieteDonnees4-a
assert sum(1 for r in DATA_USAGE if r[2] > 1000) == 4  # sobrieteDonnees4-b
assert _total_mobile == 12340
assert round(100 * _video_mobile / _total_mobile) == 48  # sobrieteDonnees5-c
assert all(abs(100 * _video_mobile / _total_mobile - v) > 0.1 for v in (47.5, 48.5))  # not a rounding edge


def consommation_donnees(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Mars 2024"
    ws.append(["Application", "Catégorie", "Données mobiles (Mo)", "Wi-Fi (Mo)"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in DATA_USAGE:
        ws.append(list(row))
    for col, width in zip("ABCD", (18, 18, 22, 14), strict=True):
        ws.column_dimensions[col].width = width
    wb.properties.creator = "Octet"
    wb.properties.lastModifiedBy = "Octet"
    wb.properties.title = "Consommation de données - mars 2024"
    wb.properties.created = FIXED_DATETIME
    wb.properties.modified = FIXED_DATETIME
    wb.save(path)
    freeze_zip(path, FIXED_DATETIME)


# --- inventaire-equipements.ods (@cycleVieEquipements4) -------------------------------------------

INVENTORY = [  # équipement, quantité, empreinte de fabrication d'un appareil (kg CO2e, valeur indicative)
    ("Ordinateur portable", 24, 250),
    ("Unité centrale", 10, 200),
    ("Écran", 10, 300),
    ("Tablette", 30, 65),
    ("Vidéoprojecteur", 6, 120),
    ("Imprimante", 3, 90),
]
_totals = {name: qty * unit for name, qty, unit in INVENTORY}
assert sum(_totals.values()) == 13940  # cycleVieEquipements4-a
assert max(_totals, key=_totals.get) == "Ordinateur portable"  # cycleVieEquipements4-b (proposal 1)
assert max(INVENTORY, key=lambda r: r[2])[0] == "Écran"  # the tempting wrong answer differs


def inventaire_equipements(path: Path) -> None:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(meta.CreationDate(text="2024-03-04T09:00:00"))
    doc.meta.addElement(dc.Date(text="2024-03-04T09:00:00"))
    doc.meta.addElement(dc.Title(text="Inventaire des équipements numériques"))
    bold = Style(name="gras", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    widths = []
    for i, width in enumerate(("5.5cm", "2.5cm", "7.5cm")):
        st = Style(name=f"col{i}", family="table-column")
        st.addElement(TableColumnProperties(columnwidth=width))
        doc.automaticstyles.addElement(st)
        widths.append(st)

    table = Table(name="Inventaire")
    for st in widths:
        table.addElement(TableColumn(stylename=st))
    header = TableRow()
    for title in ("Équipement", "Quantité", "Empreinte de fabrication par appareil (kg CO2e)"):
        cell = TableCell(valuetype="string", stylename=bold)
        cell.addElement(P(text=title))
        header.addElement(cell)
    table.addElement(header)
    for name, qty, unit in INVENTORY:
        row = TableRow()
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=name))
        row.addElement(cell)
        for value in (qty, unit):
            cell = TableCell(valuetype="float", value=str(value))
            cell.addElement(P(text=str(value)))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    freeze_zip(path, FIXED_DATETIME)


# --- rapport-sortie-scolaire.odt (@accessibiliteInclusion5) ---------------------------------------

REPORT_INTRO = "Classe de 4e B – compte rendu rédigé par les élèves après la sortie au musée des sciences."
REPORT_SECTIONS = [  # (intertitre, is a real heading?, paragraph)
    (
        "Le programme de la journée",
        True,
        "Départ du collège à 8 h 30 en car, visite libre de l'exposition sur l'énergie le matin, "
        "pique-nique dans le parc puis ateliers l'après-midi. Retour prévu à 17 h.",
    ),
    (
        "Les ateliers de l'après-midi",
        True,
        "Deux ateliers étaient proposés : fabriquer un circuit électrique simple et mesurer la "
        "consommation de différents appareils avec un wattmètre.",
    ),
    (
        "Le budget de la sortie",
        False,
        "Le transport et les entrées ont coûté 540 euros pour 27 élèves, soit 20 euros par élève, "
        "dont une partie a été prise en charge par le foyer socio-éducatif.",
    ),
    (
        "Le bilan des élèves",
        True,
        "La plupart des élèves ont préféré l'atelier de mesure : ils ont découvert qu'un appareil "
        "en veille consomme encore de l'électricité.",
    ),
    (
        "Les pistes pour l'an prochain",
        True,
        "Prévoir plus de temps pour les ateliers et préparer un questionnaire avant la visite.",
    ),
]
assert [title for title, real, _ in REPORT_SECTIONS if not real] == ["Le budget de la sortie"]
assert sum(1 for _, real, _ in REPORT_SECTIONS if real) == 4


def rapport_sortie_scolaire(path: Path) -> None:
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    doc = OpenDocumentText()
    doc.meta.addElement(meta.CreationDate(text="2024-06-14T10:00:00"))
    doc.meta.addElement(dc.Date(text="2024-06-14T10:00:00"))
    doc.meta.addElement(dc.Title(text="Compte rendu de la sortie au musée des sciences"))

    look = dict(fontsize="16pt", fontweight="bold", color="#1f3864")
    heading = Style(name="Heading_20_1", displayname="Heading 1", family="paragraph", defaultoutlinelevel="1")
    heading.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    heading.addElement(TextProperties(**look))
    doc.styles.addElement(heading)
    body = Style(name="Text_20_body", displayname="Text body", family="paragraph")
    body.addElement(ParagraphProperties(marginbottom="0.25cm"))
    body.addElement(TextProperties(fontsize="12pt"))
    doc.styles.addElement(body)
    fake = Style(name="P1", family="paragraph", parentstylename=body)
    fake.addElement(ParagraphProperties(margintop="0.4cm", marginbottom="0.2cm"))
    fake.addElement(TextProperties(**look))
    doc.automaticstyles.addElement(fake)

    doc.text.addElement(P(stylename=body, text=REPORT_INTRO))
    for title, real, paragraph in REPORT_SECTIONS:
        if real:
            doc.text.addElement(H(outlinelevel=1, stylename=heading, text=title))
        else:
            doc.text.addElement(P(stylename=fake, text=title))
        doc.text.addElement(P(stylename=body, text=paragraph))
    doc.save(str(path))
    freeze_zip(path, FIXED_DATETIME)


# --- affiche-fete-science.png (@sobrieteDonnees6) -------------------------------------------------

POSTER_SIZE = (2400, 1600)
assert POSTER_SIZE[0] * POSTER_SIZE[1] * 3 / 1_000_000 == 11.52  # sobrieteDonnees6-c


def affiche_fete_science(path: Path) -> None:
    from PIL import Image, ImageDraw

    width, height = POSTER_SIZE
    img = Image.new("RGB", POSTER_SIZE, (235, 244, 250))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width, 260], fill=(31, 56, 100))
    for i, colour in enumerate([(230, 126, 34), (39, 174, 96), (142, 68, 173), (41, 128, 185)]):
        x = 300 + i * 480
        draw.ellipse([x, 520, x + 360, 880], fill=colour)
    draw.rectangle([200, 1150, width - 200, 1400], fill=(255, 255, 255), outline=(31, 56, 100), width=8)
    img.save(path, format="PNG", optimize=True)


ATTACHMENTS = {
    "temps-ecran-semaine.csv": temps_ecran_semaine,
    "consommation-donnees.xlsx": consommation_donnees,
    "inventaire-equipements.ods": inventaire_equipements,
    "rapport-sortie-scolaire.odt": rapport_sortie_scolaire,
    "affiche-fete-science.png": affiche_fete_science,
}
