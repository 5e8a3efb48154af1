"""Files downloaded by the learners for competence 3.4 (Programmer).

Every file is reproducible (fixed content). The expected answers written in the YAML files are
recomputed here from the same data and checked with ``assert``.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

# --- pythonLecture5-a : moyennes.py (prints how many marks are >= 10) ----------------------------
MOYENNES_PY = """# Compte les élèves qui ont la moyenne dans la classe de 2de B

notes = [12, 8.5, 10, 15, 9, 10, 17.5, 6, 13, 11, 9.5]


def a_la_moyenne(note):
    return note >= 10


compteur = 0
for note in notes:
    if a_la_moyenne(note):
        compteur = compteur + 1

print(compteur)
"""
MOYENNES_OUTPUT = "7"  # solution of pythonLecture5-a


def _run(source: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "moyennes.py", "exec"), {"__name__": "__main__"})
    return out.getvalue().strip()


assert _run(MOYENNES_PY) == MOYENNES_OUTPUT


def moyennes(path: Path) -> None:
    path.write_text(MOYENNES_PY, encoding="utf-8", newline="\n")


# --- expressionsRegulieres5-b : codes-adherents.txt (8 lines match ^[A-Z]{2}[0-9]{3}$) ------------
CODES = [
    "AB123",
    "AB1234",
    "XY007",
    "A1234",
    "ZZ999",
    "ABC12",
    "MK450",
    "AB-123",
    "ab123",
    "LP321",
    "12ABC",
    "QR808",
    "CD45",
    "Ab123",
    "TB010",
    "AB12C",
    "FN777",
    "XY 007",
]
CODE_PATTERN = re.compile(r"^[A-Z]{2}[0-9]{3}$")
CODES_VALID = 8  # solution of expressionsRegulieres5-b
assert sum(1 for code in CODES if CODE_PATTERN.fullmatch(code)) == CODES_VALID


def codes_adherents(path: Path) -> None:
    path.write_text("\n".join(CODES) + "\n", encoding="utf-8", newline="\n")


# --- pageWebHtml6-a : club-astronomie.html (colour of the h2 inside .encart) ----------------------
CSS_RULES = [  # (selector, colour) in the order of the style sheet
    ("h2", "#1A5276"),
    (".encart h2", "#117A65"),
    ("h2", "#B03A2E"),
]
TARGET_COLOUR = "#117A65"  # solution of pageWebHtml6-a (title "Prochaines observations", in div.encart)


def _specificity(selector: str) -> tuple[int, int, int]:
    parts = selector.split()
    return (
        sum(p.startswith("#") for p in parts),
        sum(p.startswith(".") for p in parts),
        sum(not p.startswith(("#", ".")) for p in parts),
    )


def _applies_to_h2_in_encart(selector: str) -> bool:
    return selector in ("h2", ".encart h2")


_winner = max(
    (rule for rule in enumerate(CSS_RULES) if _applies_to_h2_in_encart(rule[1][0])),
    key=lambda rule: (_specificity(rule[1][0]), rule[0]),
)
assert _winner[1][1] == TARGET_COLOUR
assert (
    int(TARGET_COLOUR[1:3], 16) == 17
    and int(TARGET_COLOUR[3:5], 16) == 122
    and int(TARGET_COLOUR[5:7], 16) == 101
)


def club_astronomie(path: Path) -> None:
    css = "\n".join(f"    {selector} {{ color: {colour}; }}" for selector, colour in CSS_RULES)
    html = f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Club d'astronomie du lycée</title>
  <style>
    body {{ font-family: sans-serif; margin: 2em; }}
    .encart {{ border: 2px solid #999999; padding: 0 1em; }}
{css}
  </style>
</head>
<body>
  <h1>Club d'astronomie du lycée</h1>
  <h2>Qui sommes-nous ?</h2>
  <p>Le club se réunit le mercredi après-midi pour observer le ciel et construire des maquettes.</p>
  <div class="encart">
    <h2>Prochaines observations</h2>
    <p>Vendredi 11 octobre, 20 h : la Lune et Saturne depuis le stade.</p>
  </div>
  <h2>Nous contacter</h2>
  <p>Passez nous voir au CDI, salle 12.</p>
</body>
</html>
"""
    path.write_text(html, encoding="utf-8", newline="\n")


ATTACHMENTS = {
    "moyennes.py": moyennes,
    "codes-adherents.txt": codes_adherents,
    "club-astronomie.html": club_astronomie,
}
