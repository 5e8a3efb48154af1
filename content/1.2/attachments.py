"""Files downloaded by the learners for competence 1.2 (reproducible: fixed data, dates and metadata).

Each expected answer is computed from the same module constants as the file and checked against the
solution written in the YAML (see the ``assert`` next to each data set).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

from octet.referential.generated_files import save_xlsx, write_zip

FIXED_DATE = dt.datetime(2024, 3, 1, 9, 0, 0)

# --------------------------------------------------------------------------------------------------
# dossier-eleve.zip — fichiersDossiers3-b: number of .pdf files under Cours/, subfolders included.
# --------------------------------------------------------------------------------------------------

ZIP_FILES = {  # path inside the archive -> text content
    "Eleve/planning.pdf": "Planning de la semaine",
    "Eleve/Cours/Maths/chapitre1.pdf": "Chapitre 1 : les fractions",
    "Eleve/Cours/Maths/chapitre2.pdf": "Chapitre 2 : les puissances",
    "Eleve/Cours/Maths/exercices.txt": "Exercices de mathématiques : page 42, n° 3 à 7.",
    "Eleve/Cours/Francais/poesie.pdf": "Poèmes à apprendre",
    "Eleve/Cours/Francais/lecture.txt": "Fiche de lecture : titre, auteur, personnages, résumé.",
    "Eleve/Cours/Francais/pdf-a-lire.txt": "Liste des PDF à lire pendant les vacances",
    "Eleve/Cours/SVT/bilan.pdf": "Bilan du chapitre sur la cellule",
    "Eleve/Cours/SVT/TP/tp-microscope.pdf": "Protocole du TP microscope",
    "Eleve/Cours/SVT/TP/photo-cellule.png": "(image)",
    "Eleve/Loisirs/affiche-concert.pdf": "Affiche du concert",
    "Eleve/Loisirs/playlist.txt": "Morceaux à répéter pour la chorale.",
}
ZIP_PDF_DANS_COURS = 5  # solution of fichiersDossiers3-b
assert sum(1 for p in ZIP_FILES if p.startswith("Eleve/Cours/") and p.endswith(".pdf")) == ZIP_PDF_DANS_COURS


def _minimal_pdf(text: str) -> bytes:
    """A tiny valid one-page PDF showing ``text`` (ASCII-folded), byte-for-byte reproducible."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 18 Tf 60 760 Td ({ascii_text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _tiny_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    img = Image.new("RGB", (120, 90), (235, 245, 235))
    draw = ImageDraw.Draw(img)
    for x, y in ((20, 20), (60, 25), (35, 55), (80, 60)):
        draw.ellipse([x, y, x + 28, y + 22], outline=(40, 120, 60), width=2)
        draw.ellipse([x + 10, y + 7, x + 16, y + 13], fill=(120, 60, 140))
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


def dossier_eleve(path: Path) -> None:
    folders = sorted({p.rsplit("/", i)[0] + "/" for p in ZIP_FILES for i in range(1, p.count("/") + 1)})
    files = []
    for name in sorted(ZIP_FILES):
        content = ZIP_FILES[name]
        if name.endswith(".pdf"):
            data = _minimal_pdf(content)
        elif name.endswith(".png"):
            data = _tiny_png()
        else:
            data = content.encode("utf-8")
        files.append((name, data))
    write_zip(path, [(folder, b"") for folder in folders] + files, FIXED_DATE)


# --------------------------------------------------------------------------------------------------
# affiche-concert.png — formatsFichiers4-b: image dimensions in pixels.
# --------------------------------------------------------------------------------------------------

AFFICHE_LARGEUR, AFFICHE_HAUTEUR = 1240, 1754  # solution of formatsFichiers4-b (A4 at 150 dpi)
assert (round(210 / 25.4 * 150), round(297 / 25.4 * 150)) == (AFFICHE_LARGEUR, AFFICHE_HAUTEUR)


def affiche_concert(path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (AFFICHE_LARGEUR, AFFICHE_HAUTEUR), (28, 36, 64))
    draw = ImageDraw.Draw(img)
    for i, colour in enumerate([(232, 112, 26), (240, 180, 40), (200, 60, 90)]):
        draw.ellipse([200 + i * 180, 380 + i * 120, 1040 - i * 180, 1220 - i * 120], outline=colour, width=18)
    try:
        font_big = ImageFont.load_default(size=110)
        font_small = ImageFont.load_default(size=56)
    except TypeError:  # very old Pillow without scalable default font
        font_big = font_small = ImageFont.load_default()
    draw.text((620, 180), "CONCERT", fill=(255, 255, 255), font=font_big, anchor="mm")
    draw.text((620, 1420), "Chorale du collège", fill=(255, 255, 255), font=font_small, anchor="mm")
    draw.text((620, 1520), "Vendredi 14 juin, 20 h", fill=(240, 180, 40), font=font_small, anchor="mm")
    img.save(path, "PNG", dpi=(150, 150), optimize=False)


# --------------------------------------------------------------------------------------------------
# inscriptions.csv — formatsFichiers5-a: separator (semicolon) and number of data lines.
# --------------------------------------------------------------------------------------------------

CSV_SEPARATEUR = ";"  # solution of formatsFichiers5-a: « point-virgule »
CSV_ENTETE = ["Nom", "Prénom", "Classe", "Activité", "Montant"]
CSV_LIGNES = [
    ["Bernard", "Chloé", "6e A", "Théâtre", "12,50"],
    ["Haddad", "Rayan", "5e B", "Échecs", "8,00"],
    ["Lemoine", "Jade", "6e C", "Théâtre", "12,50"],
    ["Traoré", "Moussa", "4e A", "Robotique", "15,00"],
    ["Fournier", "Léon", "3e B", "Chorale", "5,00"],
    ["Morel", "Inès", "5e A", "Robotique", "15,00"],
    ["Girard", "Noé", "6e A", "Échecs", "8,00"],
    ["Da Silva", "Lina", "4e C", "Chorale", "5,00"],
    ["Roussel", "Éva", "3e A", "Théâtre", "12,50"],
    ["Benali", "Adam", "5e C", "Robotique", "15,00"],
    ["Lefèvre", "Zoé", "4e B", "Chorale", "5,00"],
    ["Perrin", "Hugo", "6e B", "Échecs", "8,00"],
]
CSV_NOMBRE_INSCRIPTIONS = 12  # solution of formatsFichiers5-a
assert len(CSV_LIGNES) == CSV_NOMBRE_INSCRIPTIONS
assert all(len(row) == len(CSV_ENTETE) and not any(CSV_SEPARATEUR in v for v in row) for row in CSV_LIGNES)


def inscriptions(path: Path) -> None:
    lines = [CSV_SEPARATEUR.join(CSV_ENTETE)] + [CSV_SEPARATEUR.join(row) for row in CSV_LIGNES]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# compte-rendu.txt — formatsFichiers6-a: first 8 hex characters of the file's SHA-256.
# --------------------------------------------------------------------------------------------------

COMPTE_RENDU = """\
Compte rendu du conseil de vie collégienne — 5 mars 2024

Présents : 12 élèves élus, la principale adjointe, deux professeurs.

1. Foyer : les nouveaux jeux de société sont arrivés. Un planning d'accès sera affiché.
2. Cantine : proposition d'un menu végétarien supplémentaire par semaine, adoptée à l'unanimité.
3. Journée sans écran : fixée au jeudi 18 avril ; ateliers de jeux, de lecture et de sport.
4. Questions diverses : demande de nouveaux bancs dans la cour, transmise à la mairie.

Prochaine réunion : mardi 9 avril 2024 à 12 h 30, salle 104.
"""
COMPTE_RENDU_BYTES = COMPTE_RENDU.encode("utf-8")
COMPTE_RENDU_SHA256_DEBUT = "913af7bc"  # solution of formatsFichiers6-a
assert hashlib.sha256(COMPTE_RENDU_BYTES).hexdigest()[:8] == COMPTE_RENDU_SHA256_DEBUT


def compte_rendu(path: Path) -> None:
    path.write_bytes(COMPTE_RENDU_BYTES)


# --------------------------------------------------------------------------------------------------
# adherents.xlsx — donneesStructurees4-b: number of distinct member numbers.
# --------------------------------------------------------------------------------------------------

ADHERENTS = [  # (N° adhérent, Nom, Prénom, Date d'inscription, Section)
    ("A101", "Roux", "Camille", "2023-09-04", "Natation"),
    ("A102", "Benoît", "Hugo", "2023-09-04", "Football"),
    ("A103", "Marchand", "Lila", "2023-09-05", "Danse"),
    ("A104", "Faure", "Nathan", "2023-09-05", "Natation"),
    ("A105", "Colin", "Maëlys", "2023-09-06", "Escalade"),
    ("A106", "Gauthier", "Ilyes", "2023-09-06", "Football"),
    ("A104", "Faure", "Nathan", "2023-09-07", "Natation"),
    ("A107", "Lambert", "Emma", "2023-09-07", "Danse"),
    ("A108", "Barbier", "Théo", "2023-09-08", "Escalade"),
    ("A109", "Roux", "Camille", "2023-09-08", "Football"),
    ("A110", "Mercier", "Sofia", "2023-09-11", "Natation"),
    ("A111", "Dupuis", "Louis", "2023-09-11", "Danse"),
    ("A107", "Lambert", "Emma", "2023-09-12", "Danse"),
    ("A112", "Fontaine", "Anaïs", "2023-09-12", "Escalade"),
    ("A113", "Chevalier", "Sami", "2023-09-13", "Football"),
    ("A114", "Robin", "Clara", "2023-09-13", "Natation"),
    ("A115", "Masson", "Eliott", "2023-09-14", "Danse"),
    ("A112", "Fontaine", "Anaïs", "2023-09-14", "Escalade"),
    ("A116", "Sanchez", "Mia", "2023-09-15", "Football"),
    ("A117", "Nicolas", "Gabin", "2023-09-15", "Natation"),
    ("A118", "Henry", "Rose", "2023-09-18", "Escalade"),
    ("A119", "Leroy", "Adèle", "2023-09-18", "Danse"),
    ("A104", "Faure", "Nathan", "2023-09-19", "Natation"),
    ("A120", "Garnier", "Mathis", "2023-09-19", "Football"),
    ("A118", "Henry", "Rose", "2023-09-20", "Escalade"),
    ("A121", "Rey", "Yasmine", "2023-09-20", "Natation"),
    ("A122", "Brun", "Axel", "2023-09-21", "Danse"),
    ("A123", "Vidal", "Manon", "2023-09-21", "Escalade"),
    ("A121", "Rey", "Yasmine", "2023-09-22", "Natation"),
    ("A124", "Aubert", "Naël", "2023-09-22", "Football"),
]
ADHERENTS_DIFFERENTS = 24  # solution of donneesStructurees4-b
assert len({row[0] for row in ADHERENTS}) == ADHERENTS_DIFFERENTS
assert len(ADHERENTS) == 30  # told in the solution_to_display


def adherents(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Inscriptions"
    ws.append(["N° adhérent", "Nom", "Prénom", "Date d'inscription", "Section"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for number, name, first, date, section in ADHERENTS:
        ws.append([number, name, first, dt.date.fromisoformat(date), section])
        ws.cell(row=ws.max_row, column=4).number_format = "DD/MM/YYYY"
    for column, width in zip("ABCDE", (14, 14, 12, 18, 12), strict=True):
        ws.column_dimensions[column].width = width
    wb.properties.creator = "Club sportif Exemple"
    wb.properties.lastModifiedBy = "Club sportif Exemple"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    save_xlsx(wb, path, FIXED_DATE)


# --------------------------------------------------------------------------------------------------
# catalogue.json — donneesStructurees6-a: available copies of « Les Misérables ».
# --------------------------------------------------------------------------------------------------

CATALOGUE = {
    "reseau": "Médiathèques de la ville (exemple)",
    "date_export": "2024-03-01",
    "livres": [
        {
            "titre": "Les Misérables",
            "auteurs": ["Victor Hugo"],
            "annee": 1862,
            "exemplaires": [
                {"cote": "R HUG 1", "site": "Centre", "disponible": True},
                {"cote": "R HUG 2", "site": "Nord", "disponible": False},
                {"cote": "R HUG 3", "site": "Gare", "disponible": True},
                {"cote": "R HUG 4", "site": "Gare", "disponible": False},
            ],
        },
        {
            "titre": "Notre-Dame de Paris",
            "auteurs": ["Victor Hugo"],
            "annee": 1831,
            "exemplaires": [
                {"cote": "R HUG 5", "site": "Centre", "disponible": True},
                {"cote": "R HUG 6", "site": "Nord", "disponible": True},
                {"cote": "R HUG 7", "site": "Gare", "disponible": True},
            ],
        },
        {
            "titre": "L'Étranger",
            "auteurs": ["Albert Camus"],
            "annee": 1942,
            "exemplaires": [
                {"cote": "R CAM 1", "site": "Centre", "disponible": False},
                {"cote": "R CAM 2", "site": "Nord", "disponible": True},
            ],
        },
        {
            "titre": "Le Petit Prince",
            "auteurs": ["Antoine de Saint-Exupéry"],
            "annee": 1943,
            "exemplaires": [
                {"cote": "R SAI 1", "site": "Centre", "disponible": True},
                {"cote": "R SAI 2", "site": "Gare", "disponible": False},
            ],
        },
    ],
}
CATALOGUE_MISERABLES_DISPONIBLES = 2  # solution of donneesStructurees6-a
assert (
    sum(
        copy["disponible"]
        for book in CATALOGUE["livres"]
        if book["titre"] == "Les Misérables"
        for copy in book["exemplaires"]
    )
    == CATALOGUE_MISERABLES_DISPONIBLES
)


def catalogue(path: Path) -> None:
    path.write_text(
        json.dumps(CATALOGUE, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n"
    )


ATTACHMENTS = {
    "dossier-eleve.zip": dossier_eleve,
    "affiche-concert.png": affiche_concert,
    "inscriptions.csv": inscriptions,
    "compte-rendu.txt": compte_rendu,
    "adherents.xlsx": adherents,
    "catalogue.json": catalogue,
}
