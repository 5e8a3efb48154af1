"""Files downloaded by learners for competence 5.1 (reproducible: fixed data, dates and metadata).

Every expected answer written in the YAML challenges is recomputed below from the same constants
and checked with ``assert``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from pathlib import Path

from octet.referential.generated_files import zip_bytes

FIXED_ZIP_DATE = dt.datetime(2024, 5, 13, 8, 0, 0)

# --- journal-sauvegarde.log (@depannageLogiciel5) -------------------------------------------------

LOG_DATE = "2024-05-13"
LOG = [  # (heure, niveau, message)
    ("14:30:00", "INFO", "Démarrage de la sauvegarde : 250 fichiers vers /media/CLE-USB/sauvegarde"),
    ("14:30:02", "INFO", "Copie : Documents/expose-histoire.odt"),
    ("14:30:05", "INFO", "Copie : Documents/rapport-stage.pdf"),
    ("14:30:09", "INFO", "Copie : Documents/budget-vacances.ods"),
    ("14:31:40", "INFO", "Copie : Documents/cours-physique/ (48 fichiers)"),
    ("14:32:07", "ERROR", "Permission refusée : Documents/notes-privees.txt"),
    ("14:32:08", "INFO", "Copie : Documents/recettes.odt"),
    ("14:33:15", "WARNING", "Fichier ignoré car ouvert dans une autre application : Documents/brouillon.odt"),
    ("14:33:20", "INFO", "Copie : Musique/ (64 fichiers)"),
    ("14:35:02", "INFO", "Copie : Images/ (92 fichiers)"),
    ("14:36:02", "ERROR", "Fichier illisible (erreur de lecture du disque) : Images/anniversaire-017.jpg"),
    ("14:36:30", "WARNING", "Nouvelle tentative de lecture : Images/anniversaire-017.jpg"),
    ("14:36:31", "WARNING", "Abandon après 3 tentatives : Images/anniversaire-017.jpg"),
    ("14:36:41", "INFO", "Copie : Videos/spectacle-ecole.mp4"),
    ("14:38:15", "ERROR", "Espace insuffisant sur le périphérique de destination : Videos/voyage-2023.mp4"),
    ("14:38:16", "ERROR", "Sauvegarde interrompue : 213 fichiers copiés sur 250"),
    ("14:38:16", "INFO", "Fin du programme de sauvegarde"),
]
LOG_LINES = [f"{LOG_DATE} {time} {level} {message}" for time, level, message in LOG]
_errors = [line for line in LOG_LINES if " ERROR " in line]
assert _errors[0].split()[1] == "14:32:07"  # depannageLogiciel5-a
assert sum(1 for line in LOG_LINES if "ERROR" in line) == 4  # depannageLogiciel5-c (a plain search finds 4)
_full = [
    message for _, level, message in LOG if level == "ERROR" and message.startswith("Espace insuffisant")
]
assert len(_full) == 1 and _full[0].endswith("Videos/voyage-2023.mp4")  # depannageLogiciel5-b


def journal_sauvegarde(path: Path) -> None:
    path.write_bytes(("\n".join(LOG_LINES) + "\n").encode("utf-8"))


# --- config-appli.json (@depannageLogiciel6) ------------------------------------------------------

CONFIG_LINES = [
    "{",
    '  "application": "AgendaClasse",',
    '  "version_config": 3,',
    '  "langue": "fr",',
    '  "fuseau_horaire": "Europe/Paris",',
    '  "synchronisation": {',
    '    "active": true,',
    '    "intervalle_minutes": 15',
    "  },",
    '  theme: "sombre",',
    '  "taille_police": 14,',
    '  "rappels": ["07:30", "18:00"],',
    '  "notifications_sonores": false',
    "}",
]
CONFIG_TEXT = "\n".join(CONFIG_LINES) + "\n"
BROKEN_KEY = "theme"
BROKEN_LINE = 10  # quoted in the solution_to_display of depannageLogiciel6-a
try:
    json.loads(CONFIG_TEXT)
except json.JSONDecodeError as error:
    assert error.lineno == BROKEN_LINE, error
else:  # pragma: no cover
    raise AssertionError("config-appli.json must be invalid")
assert CONFIG_LINES[BROKEN_LINE - 1].strip().startswith(BROKEN_KEY + ":")
# the only mistake: quoting the key gives valid JSON
assert json.loads(CONFIG_TEXT.replace(f"  {BROKEN_KEY}:", f'  "{BROKEN_KEY}":'))[BROKEN_KEY] == "sombre"


def config_appli(path: Path) -> None:
    path.write_bytes(CONFIG_TEXT.encode("utf-8"))


# --- photo-profil.png (@depannageFichiers3) -------------------------------------------------------

PHOTO_SIZE = (1280, 960)  # depannageFichiers3-a: largeur 1280, hauteur 960
assert PHOTO_SIZE == (1280, 960) and PHOTO_SIZE[0] > 1000


def photo_profil(path: Path) -> None:
    from PIL import Image, ImageDraw

    width, height = PHOTO_SIZE
    img = Image.new("RGB", PHOTO_SIZE, (196, 224, 240))
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, height * 2 // 3, width, height], fill=(120, 170, 90))
    draw.ellipse([width // 2 - 140, 180, width // 2 + 140, 460], fill=(241, 194, 150))
    draw.pieslice([width // 2 - 300, 480, width // 2 + 300, 1200], 180, 360, fill=(31, 95, 168))
    draw.ellipse([width - 260, 60, width - 120, 200], fill=(255, 214, 64))
    img.save(path, format="PNG", optimize=True)


# --- commandes-fournitures.csv (@depannageFichiers4) ----------------------------------------------

ORDERS_HEADER = ["Classe", "Article", "Quantité", "Prix unitaire (€)"]
ORDERS = [
    ("6A", "Cahier grand format", 24, "2,10"),
    ("6A", "Stylo bille bleu", 30, "0,45"),
    ("6B", "Cahier grand format", 22, "2,10"),
    ("6B", "Clé USB 16 Go", 5, "6,90"),
    ("5A", "Calculatrice collège", 12, "17,50"),
    ("5A", "Règle 30 cm", 18, "1,20"),
    ("4B", "Classeur A4", 26, "3,80"),
    ("4B", "Surligneur", 35, "0,90"),
    ("3A", "Compas", 10, "4,60"),
    ("3A", "Feuilles doubles (paquet)", 5, "3,20"),
]
ORDERS_SEPARATOR = "|"
assert sum(row[2] for row in ORDERS) == 187  # depannageFichiers4-a
assert all(ORDERS_SEPARATOR not in str(value) for row in ORDERS for value in row)  # depannageFichiers4-b


def commandes_fournitures(path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=ORDERS_SEPARATOR, lineterminator="\r\n")
    writer.writerow(ORDERS_HEADER)
    writer.writerows(ORDERS)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


# --- fichier-recu.dat (@depannageFichiers5): a ZIP archive whose extension was lost ---------------

ARCHIVED_NAME = "consignes.txt"
ACCESS_CODE = "ORBITE-47"  # depannageFichiers5-c
ARCHIVED_TEXT = (
    "Espace de cours de sciences – classe de seconde\n"
    "\n"
    "Pour rejoindre l'espace de cours, connectez-vous avec votre compte habituel,\n"
    "puis saisissez le code d'accès suivant :\n"
    "\n"
    f"    Code d'accès : {ACCESS_CODE}\n"
    "\n"
    "Le code est valable jusqu'à la fin de l'année scolaire.\n"
)


_archive = zip_bytes([(ARCHIVED_NAME, ARCHIVED_TEXT)], FIXED_ZIP_DATE)
assert _archive[:2] == b"PK" and ARCHIVED_NAME.encode() in _archive
assert ACCESS_CODE.encode() not in _archive  # compressed: the code is only readable once extracted
with zipfile.ZipFile(io.BytesIO(_archive)) as _check:
    assert ACCESS_CODE in _check.read(ARCHIVED_NAME).decode("utf-8")


def fichier_recu(path: Path) -> None:
    path.write_bytes(zip_bytes([(ARCHIVED_NAME, ARCHIVED_TEXT)], FIXED_ZIP_DATE))


# --- notice-installation.txt (@depannageFichiers6) ------------------------------------------------

NOTICE_TEXT = (
    "NOTICE D'INSTALLATION – Logiciel de cartes mentales\n"
    "\n"
    "1. Fermez les applications ouvertes.\n"
    "2. Lancez le programme d'installation et acceptez la licence libre.\n"
    "3. Choisissez le dossier d'installation proposé par défaut.\n"
    "4. À la fin de l'installation, redémarrez le logiciel.\n"
    "\n"
    "En cas de problème, notez le message d'erreur exact avant de contacter l'assistance.\n"
)
NOTICE_BYTES = NOTICE_TEXT.encode("utf-8")
NOTICE_SHA256 = hashlib.sha256(NOTICE_BYTES).hexdigest()
EXPECTED_SHA256_TAIL = "4a92373d"  # the solution of depannageFichiers6-b
assert NOTICE_SHA256[-8:] == EXPECTED_SHA256_TAIL, NOTICE_SHA256


def notice_installation(path: Path) -> None:
    path.write_bytes(NOTICE_BYTES)


ATTACHMENTS = {
    "journal-sauvegarde.log": journal_sauvegarde,
    "config-appli.json": config_appli,
    "photo-profil.png": photo_profil,
    "commandes-fournitures.csv": commandes_fournitures,
    "fichier-recu.dat": fichier_recu,
    "notice-installation.txt": notice_installation,
}
