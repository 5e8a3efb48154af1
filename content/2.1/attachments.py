"""Files downloaded by the learners for competence 2.1 (Interagir).

Every file is built from the module constants below, with fixed dates, so that the build is
reproducible; the expected answers written in the YAML files are recomputed here and checked
with ``assert``.
"""

from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.parser import BytesParser
from pathlib import Path
from urllib.parse import urlsplit

# --------------------------------------------------------------------------------------------
# carnet-adresses-foyer.csv  (courrielOrganisation4-a, courrielOrganisation4-b)
# --------------------------------------------------------------------------------------------
CONTACTS = [
    # (prénom, nom, groupe, courriel, téléphone)
    ("Adèle", "Moreau", "Chorale", "adele.moreau@exemple.fr", "06 12 34 56 01"),
    ("Karim", "Benali", "Théâtre", "karim.benali@exemple.fr", "06 12 34 56 02"),
    ("Lucie", "Garnier", "Théâtre", "", "06 12 34 56 03"),
    ("Mathis", "Roux", "Robotique", "mathis.roux@exemple.fr", ""),
    ("Inès", "Petit", "Échecs", "ines.petit@exemple.fr", "06 12 34 56 05"),
    ("Noah", "Girard", "Théâtre", "noah.girard@exemple.fr", ""),
    ("Chloé", "Fontaine", "Chorale", "chloe.fontaine@exemple.fr", "06 12 34 56 07"),
    ("Tom", "Lefèvre", "Robotique", "tom.lefevre.exemple.fr", "06 12 34 56 08"),
    ("Sarah", "Mercier", "Théâtre", "sarah.mercier@exemple.fr", "06 12 34 56 09"),
    ("Hugo", "Lambert", "Échecs", "", "06 12 34 56 10"),
    ("Jade", "Bonnet", "Théâtre", "jade.bonnet@exemple.fr", "06 12 34 56 11"),
    ("Ilyes", "Haddad", "Robotique", "ilyes.haddad@exemple.fr", "06 12 34 56 12"),
    ("Manon", "Faure", "Chorale", "", "06 12 34 56 13"),
    ("Yanis", "Chevalier", "Théâtre", "", "06 12 34 56 14"),
    ("Emma", "Rousseau", "Robotique", "emma.rousseau@exemple.fr", "06 12 34 56 15"),
    ("Lina", "Blanc", "Théâtre", "lina.blanc@exemple.fr", "06 12 34 56 16"),
    ("Nathan", "Guerin", "Échecs", "nathan.guerin@exemple.fr", "06 12 34 56 17"),
    ("Zoé", "Muller", "Théâtre", "zoe.muller@exemple.fr", "06 12 34 56 18"),
    ("Rayan", "Henry", "Chorale", "rayan.henry@exemple.fr", "06 12 34 56 19"),
    ("Léna", "Perrin", "Robotique", "", "06 12 34 56 20"),
    ("Samuel", "Morel", "Chorale", "samuel.morel@exemple.fr", "06 12 34 56 21"),
    ("Camille", "Dupuis", "Échecs", "camille.dupuis@exemple.fr", "06 12 34 56 22"),
]
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")

THEATRE_WITH_EMAIL = sum(1 for c in CONTACTS if c[2] == "Théâtre" and c[3])
assert THEATRE_WITH_EMAIL == 6  # courrielOrganisation4-a
assert sum(1 for c in CONTACTS if c[2] == "Théâtre") == 8
MALFORMED = [c for c in CONTACTS if c[3] and not EMAIL_RE.match(c[3])]
assert [(c[1], c[2]) for c in MALFORMED] == [("Lefèvre", "Robotique")]  # courrielOrganisation4-b


def carnet_adresses(path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Prénom", "Nom", "Groupe", "Courriel", "Téléphone"])
        w.writerows(CONTACTS)


# --------------------------------------------------------------------------------------------
# invitation-conseil.ics  (courrielOrganisation6-a) and soutien-maths.ics (courrielOrganisation6-b)
# --------------------------------------------------------------------------------------------
CONSEIL_START_UTC = datetime(2025, 3, 12, 13, 30, tzinfo=UTC)
CONSEIL_END_UTC = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)
PARIS_WINTER = timezone(timedelta(hours=1))  # Paris is UTC+1 until the last Sunday of March
assert CONSEIL_START_UTC.astimezone(PARIS_WINTER).strftime("%H:%M") == "14:30"
assert datetime(2025, 3, 30, 1, 0, tzinfo=UTC) > CONSEIL_START_UTC  # before DST 2025
try:  # double check with the tz database when it is available
    from zoneinfo import ZoneInfo

    assert CONSEIL_START_UTC.astimezone(ZoneInfo("Europe/Paris")).strftime("%H:%M") == "14:30"
except Exception as exc:  # pragma: no cover - no tz database on this machine
    if isinstance(exc, AssertionError):
        raise

SOUTIEN_START = datetime(2025, 9, 16, 17, 0)  # local time, Europe/Paris
SOUTIEN_COUNT = 6
SOUTIEN_LAST = SOUTIEN_START + timedelta(weeks=SOUTIEN_COUNT - 1)
assert SOUTIEN_START.weekday() == 1  # a Tuesday (BYDAY=TU)
assert SOUTIEN_LAST.strftime("%d/%m/%Y") == "21/10/2025"  # courrielOrganisation6-b

STAMP = "20250301T080000Z"
VTIMEZONE_PARIS = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Paris",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _write_ics(path: Path, lines: list[str]) -> None:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


def invitation_conseil(path: Path) -> None:
    _write_ics(
        path,
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Octet//Contenu 2.1//FR",
            "METHOD:REQUEST",
            "BEGIN:VEVENT",
            "UID:conseil-vie-lyceenne-20250312@lycee-exemple.fr",
            f"DTSTAMP:{STAMP}",
            "DTSTART:" + CONSEIL_START_UTC.strftime("%Y%m%dT%H%M%SZ"),
            "DTEND:" + CONSEIL_END_UTC.strftime("%Y%m%dT%H%M%SZ"),
            "SUMMARY:Conseil de la vie lycéenne",
            "LOCATION:Visioconférence (lien envoyé la veille)",
            "DESCRIPTION:Ordre du jour : projets du foyer\\, sorties de fin d'année.",
            "ORGANIZER;CN=Vie scolaire:mailto:vie-scolaire@lycee-exemple.fr",
            "ATTENDEE;CN=Délégués de classe;ROLE=REQ-PARTICIPANT:mailto:delegues@lycee-exemple.fr",
            "END:VEVENT",
            "END:VCALENDAR",
        ],
    )


def soutien_maths(path: Path) -> None:
    _write_ics(
        path,
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Octet//Contenu 2.1//FR",
            *VTIMEZONE_PARIS,
            "BEGIN:VEVENT",
            "UID:soutien-maths-2025@college-exemple.fr",
            f"DTSTAMP:{STAMP}",
            "DTSTART;TZID=Europe/Paris:" + SOUTIEN_START.strftime("%Y%m%dT%H%M%S"),
            "DTEND;TZID=Europe/Paris:" + (SOUTIEN_START + timedelta(hours=1)).strftime("%Y%m%dT%H%M%S"),
            f"RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT={SOUTIEN_COUNT}",
            "SUMMARY:Soutien en mathématiques (4e)",
            "LOCATION:Salle 204",
            "END:VEVENT",
            "END:VCALENDAR",
        ],
    )


# --------------------------------------------------------------------------------------------
# export-groupe-expose.json  (messagerieInstantanee5-a, messagerieInstantanee5-b)
# --------------------------------------------------------------------------------------------
GROUP_MESSAGES = [
    (
        "Inès",
        "2025-01-13T17:05:00+01:00",
        "Bonjour à tous ! J'ai créé ce groupe pour l'exposé sur les volcans.",
    ),
    ("Yanis", "2025-01-13T17:07:00+01:00", "Super, merci ! Je peux m'occuper de l'introduction."),
    ("Maëlle", "2025-01-13T17:12:00+01:00", "Moi je prends la partie sur les éruptions célèbres."),
    ("Yanis", "2025-01-13T17:13:00+01:00", "Qui fait le diaporama ?"),
    ("Théo", "2025-01-13T18:30:00+01:00", "Je veux bien faire le diaporama, envoyez-moi vos images."),
    ("Inès", "2025-01-13T18:31:00+01:00", "Parfait. On se fixe une date pour tout rassembler ?"),
    ("Yanis", "2025-01-14T07:55:00+01:00", "Mercredi soir ça vous va ?"),
    ("Maëlle", "2025-01-14T08:02:00+01:00", "Oui pour mercredi."),
    ("Théo", "2025-01-14T12:20:00+01:00", "J'ai mis le brouillon du diaporama dans le dossier partagé."),
    (
        "Inès",
        "2025-01-14T18:42:00+01:00",
        "Répétition jeudi en salle B12 à 12 h 30, la documentaliste est d'accord.",
    ),
    ("Maëlle", "2025-01-14T18:50:00+01:00", "Top, j'apporterai la clé USB au cas où."),
    ("Yanis", "2025-01-14T19:03:00+01:00", "Merci tout le monde, à jeudi !"),
]
assert sum(1 for m in GROUP_MESSAGES if m[0] == "Yanis") == 4  # messagerieInstantanee5-a
_SALLE = [m for m in GROUP_MESSAGES if "salle" in m[2].lower()]
assert len(_SALLE) == 1 and datetime.fromisoformat(_SALLE[0][1]).strftime("%H:%M") == "18:42"  # 5-b


def export_groupe(path: Path) -> None:
    data = {
        "groupe": "Exposé volcans - 4e B",
        "exporte_le": "2025-01-15T09:00:00+01:00",
        "participants": sorted({m[0] for m in GROUP_MESSAGES}),
        "messages": [
            {"id": i + 1, "auteur": a, "date": d, "texte": t} for i, (a, d, t) in enumerate(GROUP_MESSAGES)
        ],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --------------------------------------------------------------------------------------------
# message-mediatheque.eml  (courrielEnTetes5-a, courrielEnTetes5-b)
# --------------------------------------------------------------------------------------------
EML_FROM = "contact@mediatheque-exemple.fr"
EML_REPLY_TO = "renouvellement.mediatheque@boite-exemple.net"
EML_LINK = "https://renouvellement.paiement-express-exemple.net/abonnement"
EML_TEXT = f"""\
Return-Path: <bounce-4521@envoi-massif-exemple.net>
Received: from envoi-massif-exemple.net (envoi-massif-exemple.net [198.51.100.77])
  by mx.exemple.fr; Mon, 10 Mar 2025 06:14:09 +0100
Date: Mon, 10 Mar 2025 06:14:02 +0100
From: =?utf-8?q?M=C3=A9diath=C3=A8que_municipale?= <{EML_FROM}>
Reply-To: <{EML_REPLY_TO}>
To: <lecteur@exemple.fr>
Subject: =?utf-8?q?Votre_abonnement_expire_aujourd=27hui?=
Message-ID: <20250310061402.4521@envoi-massif-exemple.net>
MIME-Version: 1.0
Content-Type: text/html; charset="utf-8"
Content-Transfer-Encoding: 8bit

<html>
<body>
<p>Chère lectrice, cher lecteur,</p>
<p>Votre abonnement à la médiathèque expire <b>aujourd'hui</b>. Sans renouvellement immédiat,
votre compte et vos réservations seront supprimés.</p>
<p><a href="{EML_LINK}">Renouveler mon abonnement</a></p>
<p>L'équipe de la médiathèque<br>mediatheque-exemple.fr</p>
</body>
</html>
"""
_msg = BytesParser(policy=policy.default).parsebytes(EML_TEXT.encode("utf-8"))
assert _msg["Reply-To"].addresses[0].addr_spec == EML_REPLY_TO  # courrielEnTetes5-a
assert _msg["From"].addresses[0].display_name == "Médiathèque municipale"
_hrefs = re.findall(r'href="([^"]+)"', _msg.get_content())
assert len(_hrefs) == 1
assert urlsplit(_hrefs[0]).hostname == "renouvellement.paiement-express-exemple.net"  # 5-b
assert urlsplit(_hrefs[0]).hostname.endswith("paiement-express-exemple.net")


def message_mediatheque(path: Path) -> None:
    path.write_bytes(EML_TEXT.replace("\n", "\r\n").encode("utf-8"))


ATTACHMENTS = {
    "carnet-adresses-foyer.csv": carnet_adresses,
    "invitation-conseil.ics": invitation_conseil,
    "soutien-maths.ics": soutien_maths,
    "export-groupe-expose.json": export_groupe,
    "message-mediatheque.eml": message_mediatheque,
}
