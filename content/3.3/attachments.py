"""Files downloaded by the learners for competence 3.3 (Adapter les documents à leur finalité).

Every file is reproducible (fixed data, dates and metadata). The expected answers written in the
YAML files are recomputed here from the same data and checked with ``assert``.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from octet.referential.generated_files import write_zip

FIXED_ZIP_DATE = datetime(2024, 3, 18, 9, 30, 0)

# --- formatsDocuments5-a : cotisations-club.csv (separator ";" and decimal comma) -----------------
COTISATIONS = [
    ("Nom", "Classe", "Montant"),
    ("Amrani Inès", "2de A", "25,00"),
    ("Bernard Lucas", "1re B", "18,50"),
    ("Chevalier Zoé", "Tle C", "25,00"),
    ("Diallo Moussa", "2de A", "30,00"),
    ("Étienne Clara", "1re B", "12,50"),
    ("Fontaine Hugo", "Tle C", "25,00"),
    ("Garnier Léna", "2de B", "18,50"),
    ("Haddad Yasmine", "1re A", "30,00"),
    ("Imbert Théo", "Tle A", "12,50"),
    ("Joly Manon", "2de B", "25,00"),
    ("Kone Awa", "1re A", "24,50"),
    ("Lemoine Jules", "Tle A", "25,00"),
]
COTISATIONS_TOTAL = Decimal("271.5")  # solution of formatsDocuments5-a
assert sum(Decimal(m.replace(",", ".")) for _, _, m in COTISATIONS[1:]) == COTISATIONS_TOTAL


def cotisations_club(path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(COTISATIONS)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


# --- formatsDocuments6-b : compte-rendu-sortie.odt (title in metadata != visible title) ------------
ODT_META_TITLE = "Sortie géologie 4e B"  # solution of formatsDocuments6-b
ODT_VISIBLE_TITLE = "Notre journée au bord de la rivière"
ODT_PARAGRAPHS = [
    "Le mardi 14 mai, la classe de 4e B est partie observer les roches au bord de la rivière.",
    "Nous avons relevé trois types de roches : du calcaire, du grès et du granite roulé par le courant.",
    "Chaque groupe a photographié un affleurement et noté ses observations dans son carnet.",
    "De retour au collège, nous avons comparé nos échantillons à la collection du laboratoire.",
]
assert ODT_META_TITLE != ODT_VISIBLE_TITLE


_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)


def compte_rendu_sortie(path: Path) -> None:
    """A minimal but valid OpenDocument text, written by hand so that it is byte-for-byte reproducible
    (odfpy stamps the current time in the archive and its output depends on earlier documents)."""
    from xml.sax.saxutils import escape

    meta_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {_ODF_NS} office:version="1.2"><office:meta>'
        f"<dc:title>{escape(ODT_META_TITLE)}</dc:title>"
        "<dc:subject>Compte rendu de sortie scolaire</dc:subject>"
        "<meta:initial-creator>Classe de 4e B</meta:initial-creator>"
        "<dc:creator>Classe de 4e B</dc:creator>"
        "<meta:creation-date>2024-05-15T10:00:00</meta:creation-date>"
        "<dc:date>2024-05-16T17:45:00</dc:date>"
        "<meta:keyword>géologie</meta:keyword><meta:keyword>sortie</meta:keyword>"
        "<dc:language>fr-FR</dc:language>"
        "</office:meta></office:document-meta>"
    )
    styles_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-styles {_ODF_NS} office:version="1.2"><office:styles>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" '
        'style:default-outline-level="1">'
        '<style:text-properties fo:font-size="20pt" fo:font-weight="bold"/></style:style>'
        "</office:styles></office:document-styles>"
    )
    body = (
        f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{escape(ODT_VISIBLE_TITLE)}</text:h>'
    )
    body += "".join(f"<text:p>{escape(p)}</text:p>" for p in ODT_PARAGRAPHS)
    content_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {_ODF_NS} office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    manifest_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    entries = [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content_xml),
        ("styles.xml", styles_xml),
        ("meta.xml", meta_xml),
        ("META-INF/manifest.xml", manifest_xml),
    ]
    write_zip(path, entries, FIXED_ZIP_DATE)


# --- licencesContenus5-b : photo-lavoir.jpg (author and licence in EXIF) --------------------------
PHOTO_ARTIST = "Yanis Morel"  # solution of licencesContenus5-b (auteur)
PHOTO_LICENCE = "CC BY-SA"  # solution of licencesContenus5-b (licence)
PHOTO_COPYRIGHT = f"{PHOTO_ARTIST} - Licence {PHOTO_LICENCE} 4.0"
assert PHOTO_COPYRIGHT.startswith(PHOTO_ARTIST) and "CC BY-SA 4.0" in PHOTO_COPYRIGHT


def photo_lavoir(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (960, 640), (150, 190, 225))
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 420, 960, 640), fill=(70, 120, 80))  # grass
    draw.rectangle((0, 500, 960, 560), fill=(90, 140, 190))  # water
    draw.rectangle((220, 300, 740, 500), fill=(200, 190, 170))  # wash-house walls
    draw.polygon([(180, 300), (480, 170), (780, 300)], fill=(150, 70, 50))  # roof
    for x in (270, 410, 550, 690):
        draw.rectangle((x - 20, 330, x + 20, 500), fill=(120, 110, 100))  # pillars
    exif = Image.Exif()
    exif[0x010E] = "Lavoir au bord du ruisseau"  # ImageDescription
    exif[0x013B] = PHOTO_ARTIST  # Artist
    exif[0x8298] = PHOTO_COPYRIGHT  # Copyright
    exif[0x0132] = "2023:06:14 10:32:00"  # DateTime
    exif[0x9C9D] = (PHOTO_ARTIST + "\x00").encode("utf-16-le")  # XPAuthor (Windows "Auteurs")
    img.save(path, "JPEG", quality=85, exif=exif.tobytes())


# --- miseEnPageImpression5-b : affiche-concert.png (2400 x 1600 px) -------------------------------
POSTER_SIZE = (2400, 1600)
POSTER_PRINT_DPI = 300
POSTER_MAX_WIDTH_CM = 20  # solution of miseEnPageImpression5-b
assert round(POSTER_SIZE[0] / POSTER_PRINT_DPI * 2.54) == POSTER_MAX_WIDTH_CM


def affiche_concert(path: Path) -> None:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", POSTER_SIZE, (30, 30, 70))
    draw = ImageDraw.Draw(img)
    draw.ellipse((1500, 200, 2100, 800), fill=(240, 200, 60))  # spotlight
    draw.rectangle((0, 1250, 2400, 1600), fill=(90, 40, 110))  # stage
    for i, x in enumerate(range(300, 2200, 380)):
        height = 300 + 120 * (i % 3)
        draw.rectangle((x, 1250 - height, x + 160, 1250), fill=(200, 80, 120))  # silhouettes
    img.save(path, "PNG", dpi=(72, 72))


# --- accessibiliteDocuments6-a : page-sortie.html (3 <img> without alt) ---------------------------
HTML_IMAGES = [
    '<img src="bandeau.png" alt="">',
    '<img src="carte-parcours.png" alt="Carte du parcours : départ du collège, 3 km jusqu\'au lac">',
    '<img src="groupe.jpg">',
    '<img src="lac.jpg" width="400">',
    '<img src="horaires.png" alt="Départ 8 h 30, retour 16 h 45">',
    '<img src="logo-college.png" title="Logo du collège">',
]
HTML_IMG_WITHOUT_ALT = 3  # solution of accessibiliteDocuments6-a
assert sum(1 for tag in HTML_IMAGES if not re.search(r"\balt\s*=", tag)) == HTML_IMG_WITHOUT_ALT


def page_sortie(path: Path) -> None:
    i = iter(HTML_IMAGES)
    html = f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Sortie au lac - 5e C</title>
</head>
<body>
  {next(i)}
  <h1>Sortie au lac</h1>
  <p>Le jeudi 6 juin, la classe de 5e C part à pied jusqu'au lac.</p>
  {next(i)}
  <h2>Le groupe</h2>
  {next(i)}
  <p>Vingt-six élèves et trois accompagnateurs participeront à la sortie.</p>
  <h2>Le lac</h2>
  {next(i)}
  <h2>Horaires</h2>
  {next(i)}
  <footer>
    {next(i)}
    <p>Collège des Tilleuls</p>
  </footer>
</body>
</html>
"""
    path.write_text(html, encoding="utf-8")


ATTACHMENTS = {
    "cotisations-club.csv": cotisations_club,
    "compte-rendu-sortie.odt": compte_rendu_sortie,
    "photo-lavoir.jpg": photo_lavoir,
    "affiche-concert.png": affiche_concert,
    "page-sortie.html": page_sortie,
}
