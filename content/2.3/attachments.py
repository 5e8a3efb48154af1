"""Files downloaded by the learners for competence 2.3 (Collaborer).

Each file is built from the module constants below (fixed dates and metadata, no randomness);
the answers written in the YAML files are recomputed from the same constants and checked with
``assert``.
"""

from __future__ import annotations

import csv
import difflib
import re
from datetime import date, datetime
from pathlib import Path

from octet.referential.generated_files import freeze_zip

FIXED = datetime(2025, 3, 14, 9, 0, 0)


def _write_csv(path: Path, header: list[str], rows: list) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        w.writerows(rows)


# --------------------------------------------------------------------------------------------
# journal-acces-dossier.csv  (partageDocumentsDroits6-a, 6-b)
# --------------------------------------------------------------------------------------------
ACCESS_LOG = [
    ("2025-03-10", "08:12", "a.durand@lycee-exemple.fr", "Modification", "programme-voyage.odt"),
    ("2025-03-10", "09:40", "anna.schmidt@schule-beispiel.de", "Consultation", "programme-voyage.odt"),
    ("2025-03-10", "10:05", "anna.schmidt@schule-beispiel.de", "Modification", "programme-voyage.odt"),
    ("2025-03-10", "14:30", "j.lopez@colegio-ejemplo.es", "Consultation", "liste-participants.ods"),
    ("2025-03-11", "11:02", "k.martin@lycee-exemple.fr", "Partage", "budget-voyage-v2.ods"),
    ("2025-03-11", "16:45", "marco.rossi@scuola-esempio.it", "Modification", "activites-communes.odt"),
    ("2025-03-11", "17:20", "a.durand@lycee-exemple.fr", "Téléchargement", "liste-participants.ods"),
    ("2025-03-12", "09:15", "k.martin@lycee-exemple.fr", "Suppression", "budget-voyage-v1.ods"),
    ("2025-03-12", "10:30", "anna.schmidt@schule-beispiel.de", "Modification", "activites-communes.odt"),
    ("2025-03-12", "13:50", "j.lopez@colegio-ejemplo.es", "Téléchargement", "programme-voyage.odt"),
    ("2025-03-13", "08:05", "s.benali@lycee-exemple.fr", "Modification", "liste-participants.ods"),
    ("2025-03-13", "15:10", "marco.rossi@scuola-esempio.it", "Consultation", "budget-voyage-v2.ods"),
    ("2025-03-14", "10:00", "a.durand@lycee-exemple.fr", "Consultation", "activites-communes.odt"),
]
_external_editors = {
    r[2] for r in ACCESS_LOG if r[3] == "Modification" and not r[2].endswith("@lycee-exemple.fr")
}
assert len(_external_editors) == 2  # partageDocumentsDroits6-a
_deletions = [r for r in ACCESS_LOG if r[3] == "Suppression"]
assert len(_deletions) == 1 and _deletions[0][2] == "k.martin@lycee-exemple.fr"  # 6-b


def journal_acces(path: Path) -> None:
    _write_csv(path, ["Date", "Heure", "Utilisateur", "Action", "Fichier"], ACCESS_LOG)


# --------------------------------------------------------------------------------------------
# expose-revolution-commente.odt  (suiviModificationsDocuments4-a, 4-b, 6-b)
# --------------------------------------------------------------------------------------------
# Each paragraph: (text before the comment, comment or None, text after). A comment is
# (author, ISO date, text) anchored at that point of the paragraph.
EXPOSE_TITLE = "La Révolution française (exposé de 4e B)"
EXPOSE = [
    (
        "En 1789, la France traverse une grave crise financière.",
        ("Lucas", "2025-03-10T18:02:00", "On pourrait ajouter un chiffre sur la dette du royaume."),
        " Le roi Louis XVI convoque les états généraux.",
    ),
    (
        "Le 14 juillet 1798",
        ("Inès", "2025-03-10T18:30:00", "Attention, la prise de la Bastille, c'est en 1789, pas en 1798 !"),
        ", le peuple de Paris prend la Bastille, une prison royale.",
    ),
    (
        "Le 26 août, l'Assemblée adopte la Déclaration des droits de l'homme et du citoyen.",
        ("Maëlle", "2025-03-11T09:12:00", "Citer l'article 1 ici ?"),
        "",
    ),
    (
        "La monarchie est abolie en septembre 1792 et la République proclamée.",
        ("Lucas", "2025-03-11T17:45:00", "Il manque une transition avec le paragraphe précédent."),
        "",
    ),
    (
        "Pour la conclusion, nous présenterons l'héritage de la Révolution",
        ("Lucas", "2025-03-12T20:05:00", "Trop long : à résumer en deux phrases."),
        " dans nos institutions actuelles.",
    ),
    (
        "Sources : manuel d'histoire, encyclopédie en ligne, site d'un musée.",
        ("Maëlle", "2025-03-12T21:10:00", "Ajouter les dates de consultation des sites."),
        "",
    ),
    (
        "Illustration : gravure de la prise de la Bastille (domaine public).",
        ("Inès", "2025-03-13T08:00:00", "Penser à indiquer où nous l'avons trouvée."),
        "",
    ),
]
_comments = [p[1] for p in EXPOSE if p[1]]
assert sum(1 for c in _comments if c[0] == "Lucas") == 3  # suiviModificationsDocuments4-a
_dates = [c for c in _comments if "1789" in c[2] and "1798" in c[2]]
assert len(_dates) == 1 and "en 1789, pas en 1798" in _dates[0][2]  # 4-b


def expose_commente(path: Path) -> None:
    from odf import dc, meta, office, text
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties

    doc = OpenDocumentText()
    doc.meta.childNodes[:] = []
    doc.meta.addElement(dc.Title(text=EXPOSE_TITLE))
    doc.meta.addElement(dc.Creator(text="Groupe 4e B"))
    doc.meta.addElement(meta.CreationDate(text="2025-03-10T17:00:00"))
    doc.meta.addElement(dc.Date(text="2025-03-13T08:00:00"))
    h = Style(name="Titre", family="paragraph")
    h.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    doc.styles.addElement(h)
    doc.text.addElement(text.P(stylename=h, text=EXPOSE_TITLE))
    for before, comment, after in EXPOSE:
        p = text.P(text=before)
        if comment:
            author, when, body = comment
            ann = office.Annotation()
            ann.addElement(dc.Creator(text=author))
            ann.addElement(dc.Date(text=when))
            ann.addElement(text.P(text=body))
            p.addElement(ann)
        if after:
            p.addText(after)
        doc.text.addElement(p)
    doc.save(str(path))
    freeze_zip(path, FIXED)


# --------------------------------------------------------------------------------------------
# journal-git-site-club.txt  (versionsProjetGit5-a, 5-b)
# --------------------------------------------------------------------------------------------
AUTHORS = {
    "Nadia Costa": "nadia.costa@club-astro-exemple.fr",
    "Léo Martin": "leo.martin@club-astro-exemple.fr",
    "Chloé Bernard": "chloe.bernard@club-astro-exemple.fr",
}
COMMITS = [  # most recent first, as printed by git log
    (
        "9b2d41e07c5a8f3316d0e2b7a4c9f18e5d6b3a20",
        "Léo Martin",
        "Fri Mar 14 17:48:12 2025 +0100",
        "Ajoute la photo de l'éclipse sur la page d'accueil",
    ),
    (
        "4e1c9a7d3f0b82e6a5c17d94b0e3f6a2c8d71b55",
        "Nadia Costa",
        "Thu Mar 13 21:05:33 2025 +0100",
        "Corrige le lien vers la page de contact",
    ),
    (
        "c71f0e2a9d4b6358e1a0f7c2d9b4e6a3f5c8d012",
        "Chloé Bernard",
        "Thu Mar 13 18:20:09 2025 +0100",
        "Met à jour le calendrier des observations",
    ),
    (
        "0d5e8b3c2a1f9e7d6c4b3a2f1e0d9c8b7a6f5e43",
        "Nadia Costa",
        "Wed Mar 12 19:41:57 2025 +0100",
        "Ajoute la page de contact",
    ),
    (
        "e4a9c1f7b2d8e3a6c0f5b9d2e7a1c4f8b3d6e901",
        "Léo Martin",
        "Wed Mar 12 16:02:44 2025 +0100",
        "Agrandit les images de la galerie",
    ),
    (
        "7f3b5d9e1c2a4f6b8d0e2c4a6f8b1d3e5c7a9f12",
        "Nadia Costa",
        "Tue Mar 11 20:15:30 2025 +0100",
        "Améliore le contraste des titres",
    ),
    (
        "a2c4e6f8b0d1e3f5a7c9b2d4f6e8a1c3e5b7d9f0",
        "Chloé Bernard",
        "Tue Mar 11 17:33:18 2025 +0100",
        "Ajoute la galerie de photos",
    ),
    (
        "5b8e1d4a7c0f3e6b9d2a5c8f1e4b7d0a3c6f9e25",
        "Léo Martin",
        "Mon Mar 10 18:50:02 2025 +0100",
        "Crée la feuille de style",
    ),
    (
        "d3f6a9c2e5b8d1f4a7c0e3b6d9f2a5c8e1b4d7f3",
        "Nadia Costa",
        "Mon Mar 10 17:05:41 2025 +0100",
        "Crée la page d'accueil",
    ),
    (
        "18e4b7d0a3c6f9e2b5d8a1c4f7e0b3d6a9c2f5e8",
        "Chloé Bernard",
        "Mon Mar 10 16:30:00 2025 +0100",
        "Premier commit : structure du site",
    ),
]
assert sum(1 for c in COMMITS if c[1] == "Nadia Costa") == 4  # versionsProjetGit5-a
_contact = [c for c in COMMITS if "Corrige le lien vers la page de contact" in c[3]]
assert len(_contact) == 1 and _contact[0][0][:7] == "4e1c9a7"  # 5-b
assert len({c[0][:7] for c in COMMITS}) == len(COMMITS)
assert all(re.fullmatch(r"[0-9a-f]{40}", c[0]) for c in COMMITS)


def journal_git(path: Path) -> None:
    out = []
    for sha, author, when, message in COMMITS:
        out += [
            f"commit {sha}",
            f"Author: {author} <{AUTHORS[author]}>",
            f"Date:   {when}",
            "",
            f"    {message}",
            "",
        ]
    path.write_text("\n".join(out), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# correctif-style.diff  (versionsProjetGit6-a, 6-c)
# --------------------------------------------------------------------------------------------
OLD_CSS = """\
body {
  font-family: Arial, sans-serif;
  font-size: 14px;
  color: #222222;
}

h1 {
  color: #1f5fa8;
  font-size: 2em;
}

.menu a {
  text-decoration: none;
}
"""
NEW_CSS = """\
body {
  font-family: Arial, sans-serif;
  font-size: 16px;
  line-height: 1.5;
  color: #222222;
}

h1 {
  color: #b54a00;
  font-size: 2em;
}

.menu a {
  text-decoration: none;
  padding: 0.5em;
}
.menu a:focus { outline: 2px solid #b54a00; }
"""
DIFF = "".join(
    difflib.unified_diff(OLD_CSS.splitlines(True), NEW_CSS.splitlines(True), "a/style.css", "b/style.css")
)
_added = [line for line in DIFF.splitlines() if line.startswith("+") and not line.startswith("+++")]
assert len(_added) == 5  # versionsProjetGit6-c
assert re.search(r"h1 \{\s*color: (#[0-9a-f]{6});", NEW_CSS).group(1) == "#b54a00"  # 6-a
assert "+  color: #b54a00;" in DIFF and "-  color: #1f5fa8;" in DIFF


def correctif_style(path: Path) -> None:
    path.write_text("diff --git a/style.css b/style.css\n" + DIFF, encoding="utf-8")


# --------------------------------------------------------------------------------------------
# sondage-reunion-foyer.csv  (outilsTravailCollaboratif4-a, 4-b)
# --------------------------------------------------------------------------------------------
SLOTS = ["lun. 17/03", "mar. 18/03", "jeu. 20/03", "ven. 21/03"]
O, N, S = "Oui", "Non", "Si besoin"  # noqa: E741 — one letter per poll cell keeps the table readable
POLL = [
    ("Adam", O, O, O, N),
    ("Bérénice", N, O, O, S),
    ("Capucine", O, S, O, O),
    ("Dylan", N, O, N, O),
    ("Elsa", S, N, O, N),
    ("Farid", O, O, S, N),
    ("Gaëlle", N, S, O, O),
    ("Hamza", O, N, O, S),
    ("Iris", N, O, N, O),
    ("Jules", S, N, O, N),
    ("Kenza", O, O, S, O),
    ("Louis", N, S, O, N),
    ("Mina", O, N, N, S),
    ("Nolan", N, O, O, O),
]
_oui = {slot: sum(1 for r in POLL if r[i + 1] == O) for i, slot in enumerate(SLOTS)}
_best = max(_oui.values())
assert [s for s, n in _oui.items() if n == _best] == [
    "jeu. 20/03"
] and _best == 9  # outilsTravailCollaboratif4-a
assert _oui["mar. 18/03"] == 7
assert sum(1 for r in POLL if r[2] in (O, S)) == 10  # 4-b


def sondage_reunion(path: Path) -> None:
    _write_csv(path, ["Participant", *SLOTS], POLL)


# --------------------------------------------------------------------------------------------
# taches-projet-journal.xlsx  (outilsTravailCollaboratif5-a, 5-b, 6-a)
# --------------------------------------------------------------------------------------------
TODAY = date(2025, 3, 17)
TASKS = [
    ("Choisir le thème du numéro", "Jeanne", "Terminé", date(2025, 2, 24), 1),
    ("Interview du proviseur", "Samia", "Terminé", date(2025, 3, 3), 2),
    ("Article sur le cross", "Hugo", "Terminé", date(2025, 3, 7), 3),
    ("Photos du cross", "Malik", "Terminé", date(2025, 3, 7), 1.5),
    ("Rubrique culture", "Léa", "En cours", date(2025, 3, 14), 3),
    ("Mise en page de la une", "Samia", "En cours", date(2025, 3, 21), 3),
    ("Relecture des articles", "Jeanne", "À faire", date(2025, 3, 24), 4),
    ("Article sur le club théâtre", "Samia", "En cours", date(2025, 3, 19), 4.5),
    ("Dessin de presse", "Malik", "À faire", date(2025, 3, 12), 2),
    ("Sondage sur la cantine", "Hugo", "En cours", date(2025, 3, 17), 2),
    ("Analyse du sondage", "Samia", "À faire", date(2025, 3, 26), 2),
    ("Mots croisés", "Léa", "Terminé", date(2025, 3, 10), 1),
    ("Agenda des sorties", "Jeanne", "En cours", date(2025, 3, 20), 1),
    ("Article sur l'orientation", "Samia", "En cours", date(2025, 3, 14), 2),
    ("Correction orthographique", "Hugo", "À faire", date(2025, 3, 25), 3),
    ("Impression", "Malik", "À faire", date(2025, 3, 28), 1),
    ("Diffusion en ligne", "Léa", "À faire", date(2025, 3, 31), 1.5),
    ("Page sport", "Hugo", "Terminé", date(2025, 3, 5), 2.5),
    ("Éditorial", "Jeanne", "Terminé", date(2025, 3, 11), 1.5),
    ("Courrier des lecteurs", "Malik", "En cours", date(2025, 3, 21), 1),
]
assert len(TASKS) == 20  # rows 2..21, as stated in outilsTravailCollaboratif6-b
assert sum(1 for t in TASKS if t[2] != "Terminé" and t[3] < TODAY) == 3  # 5-a
_en_cours = {}
for t in TASKS:
    if t[2] == "En cours":
        _en_cours[t[1]] = _en_cours.get(t[1], 0) + 1
assert _en_cours["Samia"] == 3 and all(n <= 1 for p, n in _en_cours.items() if p != "Samia")  # 5-b
assert sum(t[4] for t in TASKS if t[1] == "Samia" and t[2] != "Terminé") == 11.5  # 6-a


def taches_projet(path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Tâches"
    ws.append(["Tâche", "Responsable", "Statut", "Échéance", "Estimation (h)"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for t in TASKS:
        ws.append(list(t))
    for row in ws.iter_rows(min_row=2, min_col=4, max_col=4):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"
    for col, width in zip("ABCDE", (32, 14, 12, 13, 15), strict=True):
        ws.column_dimensions[col].width = width
    ws.auto_filter.ref = f"A1:E{len(TASKS) + 1}"
    wb.properties.creator = "Octet"
    wb.properties.lastModifiedBy = "Octet"
    wb.properties.title = "Suivi des tâches du journal du lycée"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.save(path)
    freeze_zip(path, FIXED)


ATTACHMENTS = {
    "journal-acces-dossier.csv": journal_acces,
    "expose-revolution-commente.odt": expose_commente,
    "journal-git-site-club.txt": journal_git,
    "correctif-style.diff": correctif_style,
    "sondage-reunion-foyer.csv": sondage_reunion,
    "taches-projet-journal.xlsx": taches_projet,
}
