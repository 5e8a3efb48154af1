"""Files downloaded by the learners for competence 1.3 (reproducible: fixed data, seeds, dates and metadata).

Each expected answer is computed from the same module constants as the file and checked against the
solution written in the YAML (see the ``assert`` next to each data set).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from octet.referential.generated_files import save_xlsx, write_zip

FIXED_DATE = dt.datetime(2024, 5, 15, 8, 0, 0)


def _save_xlsx(wb, path: Path) -> None:
    """Save with Octet as author and fixed dates."""
    wb.properties.creator = "Octet"
    wb.properties.lastModifiedBy = "Octet"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    save_xlsx(wb, path, FIXED_DATE)


def _sheet(
    headers: list[str], rows: list[tuple], title: str, widths: tuple[int, ...], formats: dict[int, str]
):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(list(row))
        for column, number_format in formats.items():
            ws.cell(row=ws.max_row, column=column).number_format = number_format
    for index, width in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    return wb


EUROS = '#,##0.00" €"'

# --------------------------------------------------------------------------------------------------
# depenses-sortie.xlsx — tableurFormules2-b: total of the expenses (B2:B9).
# --------------------------------------------------------------------------------------------------

DEPENSES = [
    ("Car (aller-retour)", Decimal("620.00")),
    ("Entrées du musée (28 élèves)", Decimal("196.00")),
    ("Atelier pédagogique", Decimal("85.00")),
    ("Goûter", Decimal("47.80")),
    ("Assurance", Decimal("32.50")),
    ("Guide conférencier", Decimal("40.00")),
    ("Pique-niques supplémentaires", Decimal("14.90")),
    ("Cartes postales", Decimal("11.40")),
]
DEPENSES_TOTAL = Decimal("1047.60")  # solution of tableurFormules2-b
assert sum(amount for _, amount in DEPENSES) == DEPENSES_TOTAL
assert len(DEPENSES) == 8  # B2:B9 in the solution_to_display


def depenses_sortie(path: Path) -> None:
    rows = [(label, float(amount)) for label, amount in DEPENSES]
    wb = _sheet(["Poste", "Montant"], rows, "Dépenses", (32, 14), {2: EUROS})
    _save_xlsx(wb, path)


# --------------------------------------------------------------------------------------------------
# notes-classe.ods — tableurFormules3-b: average of « Contrôle 2 » (C2:C21), absent pupils excluded.
# --------------------------------------------------------------------------------------------------

NOTES = [  # (élève, contrôle 1, contrôle 2); "abs" = absent
    ("Amrani Yasmine", 14, 12),
    ("Bernard Tom", 9, 9),
    ("Chen Lucie", 16, 15),
    ("Diop Moussa", 11, 11),
    ("Durand Alice", 13, 14),
    ("Fabre Louis", 7, 8),
    ("Garcia Inès", 15, 13),
    ("Hamel Noah", "abs", 10),
    ("Jacob Léna", 17, 16),
    ("Klein Hugo", 8, 7),
    ("Laurent Manon", 12, 12),
    ("Martin Enzo", 10, 11),
    ("Nicolas Sarah", 13, "abs"),
    ("Ozturk Emir", 14, 14),
    ("Perret Julie", 9, 9),
    ("Quentin Axel", 12, 13),
    ("Robert Chloé", 11, 12),
    ("Said Rayan", 10, 10),
    ("Texier Jade", 12, 11),
    ("Vasseur Lou", 16, 17),
]
NOTES_MOYENNE_C2 = Decimal("11.8")  # solution of tableurFormules3-b (rounded to the tenth)
_c2 = [n for _, _, n in NOTES if n != "abs"]
_moyenne_exacte = Decimal(sum(_c2)) / len(_c2)
assert len(NOTES) == 20 and len(_c2) == 19  # C2:C21, one absent
assert _moyenne_exacte.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) == NOTES_MOYENNE_C2
# the rounding is not borderline, and dividing by 20 instead of 19 gives another answer
assert abs(_moyenne_exacte - NOTES_MOYENNE_C2) < Decimal("0.04")
assert (Decimal(sum(_c2)) / 20).quantize(Decimal("0.1")) != NOTES_MOYENNE_C2


def notes_classe(path: Path) -> None:
    """A minimal OpenDocument spreadsheet written directly: odfpy's output varies with what the same
    process built before it (namespace declarations), so it would not be reproducible."""
    from xml.sax.saxutils import escape

    def cell(value) -> str:
        if isinstance(value, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{value}">'
                f"<text:p>{value}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'

    rows = "".join(
        "<table:table-row>" + "".join(cell(v) for v in values) + "</table:table-row>"
        for values in [("Élève", "Contrôle 1", "Contrôle 2"), *NOTES]
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Notes">'
        '<table:table-column table:number-columns-repeated="3"/>'
        f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    write_zip(
        path,
        [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("content.xml", content),
            ("meta.xml", _odf_meta()),
            ("META-INF/manifest.xml", manifest),
        ],
        FIXED_DATE,
    )


def _odf_meta() -> str:
    """A fixed meta.xml: a generator name without version and the fixed dates."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2">'
        "<office:meta><meta:generator>Octet</meta:generator>"
        f"<meta:creation-date>{FIXED_DATE.isoformat()}</meta:creation-date>"
        f"<dc:date>{FIXED_DATE.isoformat()}</dc:date></office:meta></office:document-meta>"
    )


# --------------------------------------------------------------------------------------------------
# resultats-course.xlsx — tableurFormules5-b: runners strictly under 30 minutes (C2:C31).
# --------------------------------------------------------------------------------------------------

_PRENOMS = [
    "Adam",
    "Léa",
    "Noé",
    "Mila",
    "Sacha",
    "Zoé",
    "Ilyès",
    "Rose",
    "Timéo",
    "Lina",
    "Éden",
    "Maël",
    "Nour",
    "Gaspard",
    "Ambre",
    "Yanis",
    "Louise",
    "Malo",
    "Iris",
    "Aaron",
    "Jeanne",
    "Naïm",
    "Agathe",
    "Ethan",
    "Capucine",
    "Soan",
    "Lou",
    "Wassim",
    "Anna",
    "Côme",
]
COURSE_TEMPS = [
    26.5,
    31.2,
    29.8,
    30.0,
    34.6,
    27.9,
    32.4,
    28.3,
    36.1,
    30.0,
    25.7,
    33.3,
    29.1,
    38.0,
    31.7,
    28.8,
    35.2,
    27.2,
    30.4,
    33.9,
    29.5,
    41.3,
    32.8,
    24.9,
    30.9,
    37.4,
    29.9,
    34.1,
    31.5,
    39.6,
]
COURSE_MOINS_DE_30 = 11  # solution of tableurFormules5-b
assert len(COURSE_TEMPS) == len(_PRENOMS) == 30  # C2:C31
assert sum(t < 30 for t in COURSE_TEMPS) == COURSE_MOINS_DE_30
assert sum(t <= 30 for t in COURSE_TEMPS) == 13  # told in the solution_to_display


def resultats_course(path: Path) -> None:
    rows = [
        (i + 1, prenom, temps) for i, (prenom, temps) in enumerate(zip(_PRENOMS, COURSE_TEMPS, strict=True))
    ]
    wb = _sheet(["Dossard", "Prénom", "Temps (min)"], rows, "Cross", (10, 14, 14), {3: "0.0"})
    _save_xlsx(wb, path)


# --------------------------------------------------------------------------------------------------
# ventes-kermesse.xlsx — tableurFormules6-b: total of « Crêpes » on « samedi » (rows 2 to 41).
# --------------------------------------------------------------------------------------------------

_STANDS = ["Crêpes", "Boissons", "Gâteaux", "Tombola"]
_PRIX = {
    "Crêpes": [2.0, 2.5, 3.5, 4.0],
    "Boissons": [1.0, 1.5, 2.0],
    "Gâteaux": [1.5, 2.0, 3.0],
    "Tombola": [2.0, 5.0, 10.0],
}
_rng_k = random.Random(2027)
VENTES = []
for _jour in ("samedi", "dimanche"):
    for _ in range(20):
        _stand = _rng_k.choice(_STANDS)
        VENTES.append((_jour, _stand, _rng_k.choice(_PRIX[_stand]) * _rng_k.randint(1, 6)))
VENTES_CREPES_SAMEDI = Decimal("75.5")  # solution of tableurFormules6-b
assert len(VENTES) == 40  # rows 2 to 41
assert Decimal(str(sum(m for j, s, m in VENTES if j == "samedi" and s == "Crêpes"))) == VENTES_CREPES_SAMEDI


def ventes_kermesse(path: Path) -> None:
    order = random.Random(7).sample(range(len(VENTES)), len(VENTES))  # mix the days, as a real log would
    rows = [VENTES[i] for i in order]
    wb = _sheet(["Jour", "Stand", "Montant"], rows, "Ventes", (12, 12, 12), {3: EUROS})
    _save_xlsx(wb, path)


# --------------------------------------------------------------------------------------------------
# emprunts-cdi.csv — analyseTableau2-b: number of loans by « 4e B » (column B, rows 2 to 41).
# --------------------------------------------------------------------------------------------------

_CLASSES = ["6e A", "6e B", "5e A", "5e B", "4e A", "4e B", "3e A", "3e B"]
_LIVRES = [
    ("Le Petit Prince", "Roman"),
    ("Astérix le Gaulois", "BD"),
    ("Les Fourberies de Scapin", "Théâtre"),
    ("Le Horla", "Nouvelles"),
    ("Les Volcans", "Documentaire"),
    ("Vendredi ou la vie sauvage", "Roman"),
    ("L'Île au trésor", "Roman"),
    ("Le Système solaire", "Documentaire"),
    ("Antigone", "Théâtre"),
    ("Persepolis", "BD"),
]
_rng_e = random.Random(1304)
EMPRUNTS = []
for _i in range(40):
    _date = dt.date(2024, 3, 4) + dt.timedelta(days=_i // 3)
    _titre, _genre = _rng_e.choice(_LIVRES)
    EMPRUNTS.append((_date.strftime("%d/%m/%Y"), _rng_e.choice(_CLASSES), _titre, _genre))
EMPRUNTS_4EB = 8  # solution of analyseTableau2-b
assert len(EMPRUNTS) == 40  # rows 2 to 41
assert sum(classe == "4e B" for _, classe, _, _ in EMPRUNTS) == EMPRUNTS_4EB


def emprunts_cdi(path: Path) -> None:
    lines = ["Date;Classe;Titre;Genre"] + [";".join(row) for row in EMPRUNTS]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# --------------------------------------------------------------------------------------------------
# dons-classes.xlsx — analyseTableau4-b: class with the highest total (4e C, 212 €, fewer gifts).
# --------------------------------------------------------------------------------------------------

DONS = {  # class -> list of gifts (euros)
    "6e A": [10, 15, 5, 20, 10, 12, 8, 15, 10, 20, 5, 10],
    "6e B": [5, 10, 10, 15, 5, 20, 10, 10, 5, 15, 10],
    "5e A": [20, 10, 15, 10, 25, 10, 15, 20, 10],
    "5e B": [10, 10, 5, 5, 15, 10, 20, 10, 10, 15, 5, 10, 15],
    "4e A": [15, 20, 10, 25, 15, 10, 20, 15],
    "4e B": [10, 5, 10, 20, 15, 10, 25, 10, 15, 20],
    "4e C": [50, 40, 35, 45, 42],
    "3e A": [20, 25, 15, 30, 20, 15, 25, 10],
    "3e B": [15, 10, 20, 25, 10, 15, 20, 15, 10],
}
DONS_CLASSE_GAGNANTE = "4e C"  # solution of analyseTableau4-b
_totaux = {classe: sum(dons) for classe, dons in DONS.items()}
assert max(_totaux, key=_totaux.get) == DONS_CLASSE_GAGNANTE and _totaux["4e C"] == 212
assert sorted(_totaux.values())[-2] <= 212 - 20  # a clear winner
assert len(DONS["4e C"]) < min(len(d) for c, d in DONS.items() if c != "4e C")  # fewer gifts than any other


def dons_classes(path: Path) -> None:
    rows = []
    for classe, dons in DONS.items():
        for amount in dons:
            rows.append((classe, amount))
    order = random.Random(1304).sample(range(len(rows)), len(rows))
    start = dt.date(2024, 4, 2)
    dated = [(rows[i][0], start + dt.timedelta(days=k // 8), rows[i][1]) for k, i in enumerate(order)]
    wb = _sheet(["Classe", "Date", "Montant"], dated, "Dons", (10, 14, 12), {2: "DD/MM/YYYY", 3: EUROS})
    _save_xlsx(wb, path)


ATTACHMENTS = {
    "depenses-sortie.xlsx": depenses_sortie,
    "notes-classe.ods": notes_classe,
    "resultats-course.xlsx": resultats_course,
    "ventes-kermesse.xlsx": ventes_kermesse,
    "emprunts-cdi.csv": emprunts_cdi,
    "dons-classes.xlsx": dons_classes,
}
