"""Files downloaded by learners for competence 4.2 (Protéger les données personnelles et la vie privée).

Every file is built reproducibly (fixed data, fixed dates, fixed metadata). The expected answer of each
challenge is computed here from the same data and checked against the solution written in the YAML.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from pathlib import Path

from PIL import Image, ImageDraw
from PIL.ExifTags import GPS, IFD, Base

from octet.referential.generated_files import write_zip

# ---------------------------------------------------------------------------------------------
# photo-sortie.jpg — metadonneesFichiers4-a (date taken) and metadonneesFichiers4-a-en (camera model)
# ---------------------------------------------------------------------------------------------
SORTIE_MAKE = "Exemplum"
SORTIE_MODEL = "EX-20"
SORTIE_TAKEN = "2024:05:18 14:32:10"  # EXIF DateTimeOriginal
SORTIE_EXPECTED_DATE = "18/05/2024"  # solution of metadonneesFichiers4-a
SORTIE_EXPECTED_MODEL = "EX-20"  # solution of metadonneesFichiers4-a-en


def _landscape(size: tuple[int, int], sky: tuple[int, int, int], ground: tuple[int, int, int]) -> Image.Image:
    w, h = size
    im = Image.new("RGB", size, sky)
    d = ImageDraw.Draw(im)
    d.rectangle([0, int(h * 0.62), w, h], fill=ground)
    d.ellipse([int(w * 0.75), int(h * 0.08), int(w * 0.9), int(h * 0.28)], fill=(250, 220, 90))
    return im


def photo_sortie(path: Path) -> None:
    taken = dt.datetime.strptime(SORTIE_TAKEN, "%Y:%m:%d %H:%M:%S")
    assert taken.strftime("%d/%m/%Y") == SORTIE_EXPECTED_DATE and SORTIE_MODEL == SORTIE_EXPECTED_MODEL
    im = _landscape((640, 480), (150, 190, 230), (90, 150, 80))
    d = ImageDraw.Draw(im)
    d.polygon([(60, 300), (200, 130), (340, 300)], fill=(120, 120, 130))  # a mountain
    d.polygon([(260, 300), (420, 90), (580, 300)], fill=(100, 100, 115))
    d.polygon([(380, 150), (420, 90), (460, 150)], fill=(245, 245, 250))
    exif = Image.Exif()
    exif[Base.Make] = SORTIE_MAKE
    exif[Base.Model] = SORTIE_MODEL
    exif[Base.DateTime] = SORTIE_TAKEN
    exif[Base.Software] = "EX-20 Camera 2.1"
    sub = exif.get_ifd(IFD.Exif)
    sub[Base.DateTimeOriginal] = SORTIE_TAKEN
    sub[Base.DateTimeDigitized] = SORTIE_TAKEN
    im.save(path, "JPEG", quality=85, exif=exif)


# ---------------------------------------------------------------------------------------------
# photo-vacances.jpg — metadonneesFichiers5-a and metadonneesFichiers5-a-en
# GPS coordinates of the Mont-Saint-Michel (48°38'10" N, 1°30'41" W).
# ---------------------------------------------------------------------------------------------
VACANCES_LAT = (48.0, 38.0, 10.0)  # N
VACANCES_LON = (1.0, 30.0, 41.0)  # W
VACANCES_TAKEN = "2024:07:21 10:05:44"
VACANCES_EXPECTED_PLACE = "Mont-Saint-Michel"  # solution of metadonneesFichiers5-a / -en
# the abbey stands at about 48.6361 N, 1.5115 W: the coordinates must fall within 300 m of it
_ABBEY = (48.6361, -1.5115)


def _decimal(dms: tuple[float, float, float]) -> float:
    return dms[0] + dms[1] / 60 + dms[2] / 3600


def photo_vacances(path: Path) -> None:
    lat, lon = _decimal(VACANCES_LAT), -_decimal(VACANCES_LON)
    assert abs(lat - _ABBEY[0]) < 0.003 and abs(lon - _ABBEY[1]) < 0.004, VACANCES_EXPECTED_PLACE
    im = _landscape((640, 480), (170, 200, 225), (200, 190, 150))
    d = ImageDraw.Draw(im)
    d.polygon([(220, 300), (320, 140), (420, 300)], fill=(110, 105, 100))  # a rock with an abbey
    d.rectangle([305, 95, 335, 160], fill=(90, 85, 80))
    d.polygon([(305, 95), (320, 40), (335, 95)], fill=(90, 85, 80))
    exif = Image.Exif()
    exif[Base.Make] = "Exemplum"
    exif[Base.Model] = "EX-20"
    exif[Base.DateTime] = VACANCES_TAKEN
    exif.get_ifd(IFD.Exif)[Base.DateTimeOriginal] = VACANCES_TAKEN
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSVersionID] = b"\x02\x03\x00\x00"
    gps[GPS.GPSLatitudeRef] = "N"
    gps[GPS.GPSLatitude] = VACANCES_LAT
    gps[GPS.GPSLongitudeRef] = "W"
    gps[GPS.GPSLongitude] = VACANCES_LON
    im.save(path, "JPEG", quality=85, exif=exif)


# ---------------------------------------------------------------------------------------------
# compte-rendu-reunion.odt — metadonneesFichiers4-b (initial author in the document properties)
# rapport-anonymise.odt — metadonneesFichiers6-b (the pupil's name left in the document title)
# ---------------------------------------------------------------------------------------------
CR_INITIAL_CREATOR = "Camille Durand"
CR_LAST_EDITOR = "Secrétariat"
CR_EXPECTED_AUTHOR = "Camille Durand"  # solution of metadonneesFichiers4-b
RAPPORT_TITLE = "Rapport d'incident - Lucas Bernard (2de B)"
RAPPORT_EXPECTED_NAME = "Lucas Bernard"  # solution of metadonneesFichiers6-b
FIXED_DATE = dt.datetime(2024, 3, 12, 17, 45, 0)


def _odt(path: Path, *, initial_creator: str, creator: str, title: str, paragraphs: list[str]) -> None:
    """A minimal OpenDocument text written by hand (stdlib only): byte-for-byte reproducible, unlike
    odfpy whose namespace declarations depend on what was built before in the same process."""
    from xml.sax.saxutils import escape

    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    )
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-content {ns} office:version="1.2">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    modified = FIXED_DATE + dt.timedelta(days=1)
    meta_xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document-meta {ns} office:version="1.2"><office:meta>'
        "<meta:generator>Octet/attachments</meta:generator>"
        f"<dc:title>{escape(title)}</dc:title>"
        f"<meta:initial-creator>{escape(initial_creator)}</meta:initial-creator>"
        f"<meta:creation-date>{FIXED_DATE.isoformat()}</meta:creation-date>"
        f"<dc:creator>{escape(creator)}</dc:creator>"
        f"<dc:date>{modified.isoformat()}</dc:date>"
        "</office:meta></office:document-meta>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    entries = [
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", content),
        ("meta.xml", meta_xml),
        ("META-INF/manifest.xml", manifest),
    ]
    write_zip(path, entries, dt.datetime(2024, 3, 13, 8, 0, 0))


def compte_rendu_reunion(path: Path) -> None:
    assert CR_INITIAL_CREATOR == CR_EXPECTED_AUTHOR
    _odt(
        path,
        initial_creator=CR_INITIAL_CREATOR,
        creator=CR_LAST_EDITOR,
        title="Compte rendu - réunion du conseil de vie lycéenne",
        paragraphs=[
            "Compte rendu de la réunion du conseil de vie lycéenne du 12 mars 2024",
            "Présents : les représentants des élèves de seconde, première et terminale.",
            "1. Foyer des élèves : horaires d'ouverture élargis le mercredi après-midi.",
            "2. Journée sans écran : proposition retenue pour le mois de mai.",
            "3. Questions diverses : installation d'un deuxième point d'eau dans la cour.",
        ],
    )


def rapport_anonymise(path: Path) -> None:
    name = RAPPORT_TITLE.split(" - ")[1].split(" (")[0]
    assert name == RAPPORT_EXPECTED_NAME
    _odt(
        path,
        initial_creator="Vie scolaire",
        creator="Vie scolaire",
        title=RAPPORT_TITLE,
        paragraphs=[
            "Rapport d'incident (version anonymisée pour le conseil pédagogique)",
            "Élève concerné : élève X, classe de seconde.",
            "Date : mardi 5 mars 2024, pendant la récréation de 10 h.",
            "Faits : l'élève X a signalé la diffusion d'une photo de lui sans son accord sur un groupe de discussion.",
            "Suite donnée : rencontre avec les élèves concernés et rappel du droit à l'image.",
        ],
    )


# ---------------------------------------------------------------------------------------------
# enquete-lycee.csv — donneesPersonnellesRgpd6-a and donneesPersonnellesRgpd6-a-en
# A pseudonymised survey. Question: how many rows have a combination (année de naissance, commune,
# genre) found in no other row, i.e. could be re-identified by someone who knows these three facts?
# ---------------------------------------------------------------------------------------------
ENQUETE = [  # (pseudonyme, annee_naissance, commune, genre, reponse)
    ("P01", 2008, "Villeneuve", "F", "oui"),
    ("P02", 2008, "Villeneuve", "F", "non"),
    ("P03", 2007, "Villeneuve", "M", "non"),
    ("P04", 2008, "Saint-Aubin", "M", "oui"),
    ("P05", 2007, "Villeneuve", "M", "non"),
    ("P06", 2009, "Les Ormes", "F", "non"),
    ("P07", 2008, "Villeneuve", "M", "non"),
    ("P08", 2008, "Villeneuve", "M", "oui"),
    ("P09", 2007, "Saint-Aubin", "F", "non"),
    ("P10", 2008, "Villeneuve", "F", "non"),
    ("P11", 2007, "Saint-Aubin", "F", "oui"),
    ("P12", 2006, "Villeneuve", "M", "non"),
    ("P13", 2008, "Saint-Aubin", "F", "non"),
    ("P14", 2008, "Saint-Aubin", "F", "non"),
    ("P15", 2007, "Villeneuve", "F", "oui"),
    ("P16", 2008, "Villeneuve", "M", "non"),
    ("P17", 2009, "Villeneuve", "F", "non"),
    ("P18", 2007, "Les Ormes", "M", "non"),
    ("P19", 2008, "Villeneuve", "F", "non"),
    ("P20", 2007, "Villeneuve", "F", "non"),
    ("P21", 2008, "Les Ormes", "F", "oui"),
    ("P22", 2007, "Saint-Aubin", "M", "non"),
    ("P23", 2007, "Saint-Aubin", "M", "non"),
    ("P24", 2008, "Villeneuve", "M", "non"),
]
ENQUETE_EXPECTED_UNIQUE = 6  # solution of donneesPersonnellesRgpd6-a and -a-en


def enquete_lycee(path: Path) -> None:
    combos = Counter((year, town, gender) for _, year, town, gender, _ in ENQUETE)
    unique = sum(1 for _, year, town, gender, _ in ENQUETE if combos[(year, town, gender)] == 1)
    assert unique == ENQUETE_EXPECTED_UNIQUE
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["pseudonyme", "annee_naissance", "commune", "genre", "a_deja_subi_du_cyberharcelement"])
        for row in ENQUETE:
            w.writerow(row)


# ---------------------------------------------------------------------------------------------
# requetes-page.csv — tracesNumeriques5-a and tracesNumeriques5-a-en
# Network requests made while loading an article of journal-exemple.fr (as listed by the browser's
# developer tools). Question: how many distinct third-party domains (subdomains grouped)?
# ---------------------------------------------------------------------------------------------
SITE_DOMAIN = "journal-exemple.fr"
REQUETES = [  # (url, type)
    ("https://www.journal-exemple.fr/article/meteo-du-week-end", "document"),
    ("https://static.journal-exemple.fr/css/site.css", "stylesheet"),
    ("https://static.journal-exemple.fr/js/menu.js", "script"),
    ("https://cdn.journal-exemple.fr/img/une-orage.jpg", "image"),
    ("https://fonts.polices-exemple.org/css?family=Texte", "stylesheet"),
    ("https://fonts.polices-exemple.org/files/texte-regular.woff2", "font"),
    ("https://pub.regie-exemple.com/tag.js", "script"),
    ("https://api.regie-exemple.com/encheres?page=meteo", "xhr"),
    ("https://stats.mesure-audience.example/collect?v=2&page=%2Farticle", "xhr"),
    ("https://cdn.journal-exemple.fr/img/logo.svg", "image"),
    ("https://pixel.suivi-pixel.net/p.gif?uid=8f3a91", "image"),
    ("https://www.video-exemple.tv/embed/42817", "iframe"),
    ("https://static.journal-exemple.fr/js/commentaires.js", "script"),
    ("https://sync.regie-exemple.com/cookie-sync?partner=7", "image"),
    ("https://www.journal-exemple.fr/api/articles-lies", "xhr"),
    ("https://pixel.suivi-pixel.net/p.gif?uid=8f3a91&evt=scroll", "image"),
]
REQUETES_EXPECTED_THIRD_PARTIES = 5  # solution of tracesNumeriques5-a and -a-en


def _registrable(url: str) -> str:
    host = url.split("/")[2]
    return ".".join(host.split(".")[-2:])


def requetes_page(path: Path) -> None:
    third = {_registrable(u) for u, _ in REQUETES} - {SITE_DOMAIN}
    assert len(third) == REQUETES_EXPECTED_THIRD_PARTIES, third
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["numero", "url", "type"])
        for i, (url, kind) in enumerate(REQUETES, start=1):
            w.writerow([i, url, kind])


ATTACHMENTS = {
    "photo-sortie.jpg": photo_sortie,
    "photo-vacances.jpg": photo_vacances,
    "compte-rendu-reunion.odt": compte_rendu_reunion,
    "rapport-anonymise.odt": rapport_anonymise,
    "enquete-lycee.csv": enquete_lycee,
    "requetes-page.csv": requetes_page,
}
