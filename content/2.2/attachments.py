"""Files downloaded by the learners for competence 2.2 (Partager et publier).

Each file is built from the module constants below (fixed values, no randomness, fixed metadata);
the answers written in the YAML files are recomputed from the same constants and checked with
``assert``.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from octet.referential.generated_files import freeze_zip

# --------------------------------------------------------------------------------------------
# stats-publications-cdi.csv  (publicationReseauxSociaux4-a, 4-b, 5-a)
# --------------------------------------------------------------------------------------------
STATS = [
    # (n°, date, titre, vues, réactions, commentaires, partages)
    (1, "2024-09-09", "Rentrée : les nouveautés du CDI", 820, 41, 6, 9),
    (2, "2024-09-16", "Sélection de romans policiers", 430, 38, 4, 3),
    (3, "2024-09-23", "Atelier BD du mercredi", 610, 52, 11, 7),
    (4, "2024-09-30", "Concours photo : le règlement", 1250, 60, 15, 31),
    (5, "2024-10-07", "Semaine de la presse : inscriptions", 390, 12, 2, 4),
    (6, "2024-10-14", "Interview de l'autrice Clara Moulin", 505, 95, 23, 18),
    (7, "2024-10-21", "Horaires du CDI pendant les vacances", 700, 10, 1, 2),
    (8, "2024-11-04", "Club lecture : prochaines dates", 280, 30, 5, 1),
    (9, "2024-11-12", "Résultats du concours photo", 980, 120, 34, 22),
    (10, "2024-11-18", "Nouveaux mangas au CDI", 460, 70, 9, 5),
    (11, "2024-11-25", "Exposition sur les océans", 350, 44, 7, 6),
    (12, "2024-12-02", "Quiz de Noël", 500, 75, 20, 12),
]
assert sum(1 for r in STATS if r[3] > 500) == 6  # publicationReseauxSociaux4-a
_shares = sorted(STATS, key=lambda r: r[6], reverse=True)
assert _shares[0][0] == 4 and _shares[0][6] > _shares[1][6]  # 4-b (unique maximum)
_eng = sorted(STATS, key=lambda r: Fraction(r[4] + r[5] + r[6], r[3]), reverse=True)
assert _eng[0][0] == 6 and Fraction(sum(_eng[0][4:7]), _eng[0][3]) > Fraction(
    sum(_eng[1][4:7]), _eng[1][3]
)  # 5-a


def stats_publications(path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["N°", "Date", "Titre", "Vues", "Réactions", "Commentaires", "Partages"])
        w.writerows(STATS)


# --------------------------------------------------------------------------------------------
# banque-images-boulangerie.ods  (licencesRepublication5-a, 5-b)
# --------------------------------------------------------------------------------------------
IMAGES = [
    # (n°, titre, auteur, licence)
    (1, "Baguettes en vitrine", "Paul Meunier", "CC BY 4.0"),
    (2, "Champ de blé au printemps", "Aïcha Benhamou", "CC BY-NC 4.0"),
    (3, "Croissants du matin", "Lou Garnier", "CC0 1.0"),
    (4, "Four à pain", "Marc Leroy", "CC BY-ND 4.0"),
    (5, "Sac de farine", "Julie Roche", "CC BY-SA 4.0"),
    (6, "Moulin à vent (gravure, 1850)", "Anonyme", "Domaine public"),
    (7, "Vitrine de pâtisseries", "Studio Gourmand", "Tous droits réservés"),
    (8, "Boulanger au travail", "Karim Saïdi", "CC BY-NC-SA 4.0"),
    (9, "Pain de campagne", "Élise Martin", "CC BY-NC-ND 4.0"),
    (10, "Épis de blé", "Tom Perrin", "CC BY 4.0"),
    (11, "Tarte aux fruits", "Studio Gourmand", "Tous droits réservés"),
    (12, "Brioche tressée", "Nadia Costa", "CC BY-SA 4.0"),
]


def _commercial_and_modifiable(licence: str) -> bool:
    if licence in ("Domaine public", "CC0 1.0"):
        return True
    if not licence.startswith("CC BY"):
        return False  # "Tous droits réservés"
    return "NC" not in licence and "ND" not in licence


def _commercial_unmodified_only(licence: str) -> bool:
    return licence.startswith("CC BY") and "ND" in licence and "NC" not in licence


_usable = [n for n, _, _, lic in IMAGES if _commercial_and_modifiable(lic)]
assert _usable == [1, 3, 5, 6, 10, 12] and len(_usable) == 6  # licencesRepublication5-a
assert [n for n, _, _, lic in IMAGES if _commercial_unmodified_only(lic)] == [4]  # 5-b


def banque_images(path: Path) -> None:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableColumnProperties, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    doc.meta.childNodes[:] = []  # no generator/date noise: reproducible metadata
    from odf.dc import Creator, Date, Title
    from odf.meta import CreationDate

    doc.meta.addElement(Title(text="Banque d'images pour le site de la boulangerie"))
    doc.meta.addElement(Creator(text="Octet"))
    doc.meta.addElement(CreationDate(text="2025-01-06T09:00:00"))
    doc.meta.addElement(Date(text="2025-01-06T09:00:00"))
    bold = Style(name="gras", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    widths = {"c1": "1.5cm", "c2": "6.5cm", "c3": "4.5cm", "c4": "4.5cm", "c5": "8cm"}
    table = Table(name="Images")
    for name, width in widths.items():
        st = Style(name=name, family="table-column")
        st.addElement(TableColumnProperties(columnwidth=width))
        doc.automaticstyles.addElement(st)
        table.addElement(TableColumn(stylename=st))

    def row(values, style=None):
        tr = TableRow()
        for v in values:
            if isinstance(v, int):
                cell = TableCell(valuetype="float", value=v)
            else:
                cell = (
                    TableCell(valuetype="string", stylename=style) if style else TableCell(valuetype="string")
                )
            cell.addElement(P(text=str(v)))
            tr.addElement(cell)
        table.addElement(tr)

    row(["N°", "Titre", "Auteur", "Licence", "Source"], style=bold)
    for n, title, author, licence in IMAGES:
        row([n, title, author, licence, f"https://images.exemple.org/photo/{1000 + n}"])
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    freeze_zip(path, datetime(2025, 1, 6, 9, 0, 0))


# --------------------------------------------------------------------------------------------
# photo-sortie.jpg  (imagesAvantPublication4-a, 4-b, 6-a, 6-b)
# --------------------------------------------------------------------------------------------
PHOTO_DATE = "2024:05:18 10:42:13"
PHOTO_MAKE = "Exemplar"
PHOTO_MODEL = "XP-200"
PHOTO_ARTIST = "Ines Caron"  # EXIF ASCII field: no accented letter (it would show as "?")
GPS_LAT = (45, 11, 24)  # North
GPS_LON = (5, 43, 48)  # East


def _decimal(dms: tuple[int, int, int]) -> Fraction:
    d, m, s = dms
    return d + Fraction(m, 60) + Fraction(s, 3600)


assert datetime.strptime(PHOTO_DATE, "%Y:%m:%d %H:%M:%S").strftime("%d/%m/%Y") == "18/05/2024"  # 4-a
assert round(float(_decimal(GPS_LAT)), 2) == 45.19 and _decimal(GPS_LAT) == Fraction(4519, 100)  # 6-a
assert round(float(_decimal(GPS_LON)), 2) == 5.73 and _decimal(GPS_LON) == Fraction(573, 100)  # 6-b


def photo_sortie(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 600), (135, 190, 235))
    d = ImageDraw.Draw(img)
    d.ellipse((600, 60, 700, 160), fill=(255, 220, 90))
    d.polygon(
        [(0, 420), (180, 200), (330, 380), (480, 150), (800, 430), (800, 600), (0, 600)], fill=(95, 110, 125)
    )
    d.polygon([(430, 210), (480, 150), (530, 205), (500, 215), (470, 200)], fill=(245, 245, 250))
    d.rectangle((0, 470, 800, 600), fill=(80, 150, 70))
    for x in range(40, 800, 90):
        d.rectangle((x + 12, 500, x + 20, 540), fill=(90, 60, 30))
        d.ellipse((x, 455, x + 32, 510), fill=(40, 110, 50))

    exif = Image.Exif()
    exif[0x010F] = PHOTO_MAKE
    exif[0x0110] = PHOTO_MODEL
    exif[0x013B] = PHOTO_ARTIST
    exif[0x0132] = PHOTO_DATE  # DateTime
    exif_ifd = exif.get_ifd(0x8769)
    exif_ifd[0x9003] = PHOTO_DATE  # DateTimeOriginal
    exif_ifd[0x9004] = PHOTO_DATE  # DateTimeDigitized
    gps = exif.get_ifd(0x8825)
    gps[0] = b"\x02\x03\x00\x00"  # GPSVersionID
    gps[1] = "N"
    gps[2] = tuple(float(v) for v in GPS_LAT)
    gps[3] = "E"
    gps[4] = tuple(float(v) for v in GPS_LON)
    img.save(path, "JPEG", quality=85, exif=exif.tobytes())


# --------------------------------------------------------------------------------------------
# affiche-concert.png  (imagesAvantPublication3-a, 5-a)
# --------------------------------------------------------------------------------------------
POSTER_SIZE = (1500, 2000)
assert POSTER_SIZE[1] * 600 // POSTER_SIZE[0] == 800 and POSTER_SIZE[1] * 600 % POSTER_SIZE[0] == 0  # 5-a


def affiche_concert(path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    w, h = POSTER_SIZE
    img = Image.new("RGB", (w, h), (32, 24, 74))
    d = ImageDraw.Draw(img)
    for i in range(12):
        d.ellipse(
            (100 + i * 110, 1500 - (i % 3) * 60, 180 + i * 110, 1580 - (i % 3) * 60), fill=(250, 190, 60)
        )
    d.rectangle((100, 1650, w - 100, 1900), fill=(250, 190, 60))
    try:
        big = ImageFont.load_default(size=150)
        small = ImageFont.load_default(size=80)
    except TypeError:  # old Pillow without scalable default font
        big = small = ImageFont.load_default()
    # texts without accents: the default bitmap font of Pillow has no accented glyphs
    d.text((w // 2, 400), "CONCERT", fill=(255, 255, 255), font=big, anchor="mm")
    d.text((w // 2, 600), "de juin", fill=(255, 255, 255), font=small, anchor="mm")
    d.text((w // 2, 900), "Chorale et orchestre", fill=(250, 190, 60), font=small, anchor="mm")
    d.text((w // 2, 1060), "vendredi 20 juin, 18 h", fill=(255, 255, 255), font=small, anchor="mm")
    d.text((w // 2, 1775), "Gratuit pour tous", fill=(32, 24, 74), font=small, anchor="mm")
    img.save(path, "PNG", optimize=False)


# --------------------------------------------------------------------------------------------
# article-blog-markdown.txt  (siteWebPublication5-a, 5-b)
# --------------------------------------------------------------------------------------------
ARTICLE = """\
# Club robotique : inscriptions ouvertes

Le club de *robotique* du collège reprend ses ateliers le mercredi de 13 h 30 à 15 h, en salle de technologie.

![Robot suiveur de ligne construit par des élèves de 4e](images/robot-4e.jpg)

## Au programme

- construction de robots suiveurs de ligne ;
- initiation à la programmation par blocs ;
- préparation du défi robotique de fin d'année.

Consultez le [programme complet des ateliers](https://college-exemple.fr/club-robotique/programme) avant de vous inscrire.

## Inscriptions

Les inscriptions se font **avant le 14 mars** grâce au [formulaire en ligne](https://college-exemple.fr/formulaires/robotique).
Le nombre de places est limité à *seize* élèves.

Pour voir les réalisations des années précédentes, rendez-vous sur la [page du club](https://college-exemple.fr/club-robotique).
"""
_LINKS = re.findall(r"(?<!!)\[[^\]]+\]\([^)]+\)", ARTICLE)
assert len(_LINKS) == 3  # siteWebPublication5-a
assert re.findall(r"\*\*(.+?)\*\*", ARTICLE) == ["avant le 14 mars"]  # 5-b


def article_blog(path: Path) -> None:
    path.write_bytes(ARTICLE.replace("\n", "\r\n").encode("utf-8"))


ATTACHMENTS = {
    "stats-publications-cdi.csv": stats_publications,
    "banque-images-boulangerie.ods": banque_images,
    "photo-sortie.jpg": photo_sortie,
    "affiche-concert.png": affiche_concert,
    "article-blog-markdown.txt": article_blog,
}
