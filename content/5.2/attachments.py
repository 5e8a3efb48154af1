"""Files downloaded by the learners for competence 5.2 (Évoluer dans un environnement numérique).

Every file is reproducible (fixed content, fixed dates, no compression variance). The expected answers
written in the YAML files are recomputed here from the same data and checked with ``assert``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from pathlib import Path

# --- installerLogiciels6-a : outil-portable.zip and its SHA-256 fingerprint -----------------------
ZIP_DATE = (2024, 2, 1, 12, 0, 0)
ZIP_FILES = [
    (
        "outil-portable/LISEZMOI.txt",
        "Outil portable 1.0\n\nDécompressez l'archive puis lancez le programme depuis le dossier.\n"
        "Licence : GNU GPL version 3 ou ultérieure.\n",
    ),
    ("outil-portable/config.ini", "[general]\nlangue=fr\ntheme=clair\n"),
    ("outil-portable/CHANGEMENTS.txt", "1.0 (1er février 2024) : première version publique.\n"),
]


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    # ZIP_STORED: no compression, so the bytes (and the fingerprint) do not depend on the zlib version.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, text in ZIP_FILES:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


ZIP_SHA256 = "75d22be470ecd0bc42c1e5a22e6c4246f9d5af667f3cf215b68d8602387f944a"  # proposal 3 of installerLogiciels6-a (solution "3")
ZIP_WRONG_SHA256 = [  # the other proposals: look alike, but do not match
    "75d22be470ecd0bc42c1e5a22e6c4246f9d5af667f3cf215b68d8602387fc44a",
    "75d222e470ecd0bc42c1e5a22e6c4246f9d5af667f3cf215b68d8602387f944a",
    "75d22be470ecd0bc42c1e5a22e6c4246fa65af667f3cf215b68d8602387f944a",
]
assert hashlib.sha256(_zip_bytes()).hexdigest() == ZIP_SHA256
assert ZIP_SHA256 not in ZIP_WRONG_SHA256 and len(set(ZIP_WRONG_SHA256)) == 3


def outil_portable(path: Path) -> None:
    path.write_bytes(_zip_bytes())


# --- materielNumerique5-a : inventaire-fichiers.csv (total size of the .mp4 files, in Mo) --------
INVENTAIRE = [
    ("anniversaire-mamie.mp4", 1450),
    ("expose-volcans.odp", 38),
    ("photo-classe.jpg", 6),
    ("match-handball.mp4", 2380),
    ("cours-histoire.pdf", 4),
    ("chorale-concert.mp4", 960),
    ("playlist-ete.mp3", 95),
    ("recette-crepes.mp4", 310),
    ("vacances-2023.zip", 1200),
    ("tuto-guitare.mp4", 725),
    ("brouillon-roman.odt", 2),
    ("sortie-velo.mov", 880),
    ("podcast-sciences.mp3", 64),
    ("spectacle-danse.mp4", 1875),
    ("carte-randonnee.png", 12),
]
MP4_TOTAL_MO = 7700  # solution of materielNumerique5-a
assert sum(size for name, size in INVENTAIRE if name.endswith(".mp4")) == MP4_TOTAL_MO


def inventaire_fichiers(path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(("Fichier", "Taille (Mo)"))
    writer.writerows(INVENTAIRE)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


# --- configurerSysteme5-b : parametres-appli.json (auto-save interval) --------------------------
PARAMETRES = {
    "application": "Carnet de notes",
    "version": "2.3.1",
    "interface": {"langue": "fr", "theme": "sombre", "taille_police": 14},
    "sauvegarde": {
        "dossier": "Documents/Carnet",
        "automatique": True,
        "intervalle_minutes": 7,
        "copies_conservees": 5,
    },
    "synchronisation": {"active": False, "intervalle_minutes": 30},
}
AUTOSAVE_MINUTES = 7  # solution of configurerSysteme5-b
assert (
    PARAMETRES["sauvegarde"]["automatique"]
    and PARAMETRES["sauvegarde"]["intervalle_minutes"] == AUTOSAVE_MINUTES
)


def parametres_appli(path: Path) -> None:
    path.write_text(
        json.dumps(PARAMETRES, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n"
    )


# --- reseauDomestique6-a : resultat-ping.txt (lost packets, average time) ------------------------
PING_TARGET = "192.168.1.1"
PING_TIMES_MS = [12, 15, None, 11, 14, 13, None, 16, 18, 13]  # None = no answer
PING_LOST = 2  # solution of reseauDomestique6-a (perdus)
PING_AVERAGE_MS = 14  # solution of reseauDomestique6-a (moyenne)
_received = [t for t in PING_TIMES_MS if t is not None]
assert len(PING_TIMES_MS) - len(_received) == PING_LOST
assert sum(_received) / len(_received) == PING_AVERAGE_MS


def resultat_ping(path: Path) -> None:
    lines = [f"Envoi d'une requête 'Ping'  {PING_TARGET} avec 32 octets de données :"]
    for time in PING_TIMES_MS:
        if time is None:
            lines.append("Délai d'attente de la demande dépassé.")
        else:
            lines.append(f"Réponse de {PING_TARGET} : octets=32 temps={time} ms TTL=64")
    lines.append("^C")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


ATTACHMENTS = {
    "outil-portable.zip": outil_portable,
    "inventaire-fichiers.csv": inventaire_fichiers,
    "parametres-appli.json": parametres_appli,
    "resultat-ping.txt": resultat_ping,
}
