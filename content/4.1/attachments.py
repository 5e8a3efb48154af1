"""Files downloaded by learners for competence 4.1 (Sécuriser l'environnement numérique).

Every file is built reproducibly (fixed data, fixed dates, fixed seeds). The expected answer of each
challenge is computed here from the same data and checked against the solution written in the YAML.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import random
import re
from pathlib import Path

from octet.referential.generated_files import write_zip

FIXED_ZIP_DATE = dt.datetime(2024, 3, 14, 9, 30, 0)

# ---------------------------------------------------------------------------------------------
# fuite-comptes.csv — motDePasseSecurite5-b
# A leaked table of accounts from a site that stored unsalted SHA-256 hashes of passwords.
# Question: how many OTHER accounts than "lea.martin" use exactly the same password as her?
# ---------------------------------------------------------------------------------------------
FUITE_TARGET = "lea.martin"
FUITE_ACCOUNTS = [  # (login, password) — the passwords never appear in the file, only their hash
    ("adam.benali", "basket2009"),
    ("lea.martin", "soleil2008"),
    ("noah.petit", "Marguerite!77"),
    ("ines.roux", "soleil2008"),
    ("lucas.moreau", "azerty123"),
    ("chloe.girard", "Soleil2008"),
    ("hugo.lambert", "cheval-agrafe-nuage"),
    ("sarah.fontaine", "azerty123"),
    ("yanis.garnier", "soleil2008!"),
    ("emma.chevalier", "123456"),
    ("nathan.robin", "soleil2008"),
    ("lina.gauthier", "basket2009"),
    ("tom.perrin", "P1ano#Vert"),
    ("jade.clement", "123456"),
    ("rayan.morel", "soleil 2008"),
    ("manon.leroy", "azerty123"),
    ("ethan.mercier", "soleil2008"),
    ("zoe.blanc", "lune&marée"),
    ("sacha.guerin", "123456"),
    ("camille.faure", "soleil2007"),
    ("louis.andre", "Vacances2023"),
    ("mila.boyer", "basket2009"),
    ("jules.rousseau", "tr0mpette"),
    ("lou.bonnet", "azerty123"),
]
FUITE_EXPECTED = 3  # solution of motDePasseSecurite5-b


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _fuite_answer() -> int:
    target = dict(FUITE_ACCOUNTS)[FUITE_TARGET]
    return sum(1 for login, pw in FUITE_ACCOUNTS if login != FUITE_TARGET and pw == target)


def fuite_comptes(path: Path) -> None:
    assert _fuite_answer() == FUITE_EXPECTED
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["identifiant", "empreinte_sha256"])
        for login, pw in FUITE_ACCOUNTS:
            w.writerow([login, _sha256(pw)])


# ---------------------------------------------------------------------------------------------
# message-suspect.txt — hameconnageArnaques5-b
# The raw source of a phishing e-mail: the button text differs from its real target.
# Question: which domain name (name.extension) does the button really point to?
# ---------------------------------------------------------------------------------------------
MESSAGE_SUSPECT = """\
Return-Path: <no-reply@verification-compte.top>
Date: Tue, 12 Mar 2024 07:41:09 +0100
From: "ENT Lycée Exemple" <ent@lycee-exemple.fr>
To: eleve@lycee-exemple.fr
Subject: =?UTF-8?Q?Votre_compte_sera_d=C3=A9sactiv=C3=A9_sous_24_h?=
MIME-Version: 1.0
Content-Type: text/html; charset="UTF-8"
Content-Transfer-Encoding: 8bit

<html>
  <body style="font-family: Arial, sans-serif;">
    <p><img src="https://www.lycee-exemple.fr/images/logo.png" alt="Lycée Exemple"></p>
    <p>Bonjour,</p>
    <p>Suite à une mise à jour de sécurité de l'ENT, votre compte sera désactivé dans 24 heures
       si vous ne confirmez pas vos identifiants.</p>
    <p>Pour continuer à consulter vos notes et votre messagerie, confirmez votre compte
       en cliquant sur le bouton ci-dessous :</p>
    <p><a href="https://lycee-exemple.fr.verification-compte.top/ent/connexion?id=58213"
          style="background:#1b5e9e;color:#ffffff;padding:10px 18px;text-decoration:none;">
          Accéder à mon espace sur https://www.lycee-exemple.fr</a></p>
    <p>L'équipe numérique du Lycée Exemple<br>
       <a href="https://www.lycee-exemple.fr/mentions-legales">Mentions légales</a></p>
  </body>
</html>
"""
MESSAGE_EXPECTED_DOMAIN = "verification-compte.top"  # solution of hameconnageArnaques5-b


def _registered_domain(url: str) -> str:
    host = re.match(r"https?://([^/:?#]+)", url).group(1)
    return ".".join(host.split(".")[-2:])


def message_suspect(path: Path) -> None:
    button = re.search(r'<a href="([^"]+)"\s+style=', MESSAGE_SUSPECT).group(1)
    assert _registered_domain(button) == MESSAGE_EXPECTED_DOMAIN
    path.write_text(MESSAGE_SUSPECT, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# entetes-message.txt — hameconnageArnaques6-a
# Full headers of a spoofed delivery notice. Questions: Return-Path domain, IP address of the server
# that handed the message to the recipient's mail exchanger, DMARC result.
# ---------------------------------------------------------------------------------------------
ENTETES_MESSAGE = """\
Return-Path: <bounce-7731@colis-suivi-express.shop>
Delivered-To: camille.durand@messagerie-exemple.fr
Received: from mx2.messagerie-exemple.fr (mx2.messagerie-exemple.fr [192.0.2.25])
	by boites.messagerie-exemple.fr with LMTP id 4Kq8sT
	for <camille.durand@messagerie-exemple.fr>; Wed, 10 Apr 2024 18:02:41 +0200
Received: from mail.colis-suivi-express.shop (mail.colis-suivi-express.shop [203.0.113.45])
	by mx2.messagerie-exemple.fr (Postfix) with ESMTPS id 9F2C1A0042
	for <camille.durand@messagerie-exemple.fr>; Wed, 10 Apr 2024 18:02:40 +0200
Authentication-Results: mx2.messagerie-exemple.fr;
	spf=pass (mx2.messagerie-exemple.fr: domain of bounce-7731@colis-suivi-express.shop designates 203.0.113.45 as permitted sender) smtp.mailfrom=bounce-7731@colis-suivi-express.shop;
	dkim=none;
	dmarc=fail (p=REJECT sp=REJECT dis=QUARANTINE) header.from=livraison-exemple.fr
From: "Livraison Exemple" <suivi@livraison-exemple.fr>
Reply-To: <service-client@colis-suivi-express.shop>
To: <camille.durand@messagerie-exemple.fr>
Subject: Votre colis n°FR-2024-88412 est en attente
Date: Wed, 10 Apr 2024 16:02:36 +0000
Message-ID: <20240410160236.51377@mail.colis-suivi-express.shop>
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: 8bit
X-Spam-Status: Yes, score=7.9

Bonjour,
Votre colis n'a pas pu être livré : des frais de 1,99 EUR restent à régler.
Réglez-les avant ce soir pour éviter le retour à l'expéditeur.
"""
ENTETES_EXPECTED = {  # solution of hameconnageArnaques6-a
    "retour": "colis-suivi-express.shop",
    "ip": "203.0.113.45",
    "dmarc": "fail",
}


def entetes_message(path: Path) -> None:
    rp = re.search(r"^Return-Path: <[^@]+@([^>]+)>", ENTETES_MESSAGE, re.M).group(1)
    # the first Received line written by the recipient's exchanger (mx2) names the sending server
    handed = re.search(r"^Received: from \S+ \(\S+ \[([\d.]+)\]\)\n\tby mx2\.", ENTETES_MESSAGE, re.M)
    dmarc = re.search(r"dmarc=(\w+)", ENTETES_MESSAGE).group(1)
    assert {"retour": rp, "ip": handed.group(1), "dmarc": dmarc} == ENTETES_EXPECTED
    path.write_text(ENTETES_MESSAGE, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# telechargements.csv — logicielsMalveillants4-a
# The listing of a "Téléchargements" folder. Question: how many files have a FINAL extension of an
# executable program or script among .exe .scr .bat .cmd .js .vbs .msi ?
# ---------------------------------------------------------------------------------------------
EXECUTABLE_EXTENSIONS = {"exe", "scr", "bat", "cmd", "js", "vbs", "msi"}
TELECHARGEMENTS = [  # (name, size in KB, date)
    ("exposé-volcans.odp", 2480, "2024-01-08"),
    ("facture_forfait_mars.pdf.exe", 512, "2024-03-02"),
    ("photo_classe_2024.jpg", 3120, "2024-02-14"),
    ("bulletin_trimestre1.pdf", 188, "2024-01-19"),
    ("installateur-traitement-texte.msi", 356000, "2024-01-03"),
    ("cours_svt_chapitre3.pdf.scr", 740, "2024-03-05"),
    ("musique_fete.mp3", 5210, "2024-02-20"),
    ("planning-revisions.ods", 24, "2024-03-01"),
    ("exe-ercices_maths.pdf", 310, "2024-02-11"),
    ("lettre_motivation.docx.js", 6, "2024-03-07"),
    ("video_sortie_ski.mp4", 88000, "2024-02-02"),
    ("notes_exe.txt", 2, "2024-02-28"),
    ("Mise_a_jour_urgente.bat", 1, "2024-03-06"),
    ("recette-crepes.pdf", 95, "2024-02-02"),
    ("archive_photos.zip", 45300, "2024-01-30"),
    ("carte-identite-scan.png", 870, "2024-01-12"),
    ("jeu_gratuit_setup.exe", 18200, "2024-02-24"),
    ("rapport_stage.odt", 410, "2024-03-04"),
    ("facture.vbs.pdf", 150, "2024-03-03"),
]
TELECHARGEMENTS_EXPECTED = 6  # solution of logicielsMalveillants4-a


def telechargements(path: Path) -> None:
    count = sum(
        1 for name, _, _ in TELECHARGEMENTS if name.rsplit(".", 1)[-1].lower() in EXECUTABLE_EXTENSIONS
    )
    assert count == TELECHARGEMENTS_EXPECTED
    # BOM: so that a spreadsheet opening the file directly shows the accents (exposé-volcans.odp)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["nom", "taille_ko", "date"])
        for row in TELECHARGEMENTS:
            w.writerow(row)


# ---------------------------------------------------------------------------------------------
# verification-empreintes.zip — logicielsMalveillants5-a
# Four downloaded packages and the SHA256SUMS.txt published by the editor; one package was altered.
# Question: which file does not have the announced SHA-256 fingerprint?
# ---------------------------------------------------------------------------------------------
PAQUETS = ["paquet-a.bin", "paquet-b.bin", "paquet-c.bin", "paquet-d.bin"]
PAQUET_ALTERE = "paquet-c.bin"  # solution of logicielsMalveillants5-a
PAQUETS_SEED = 4105


def _paquets() -> tuple[dict[str, bytes], dict[str, str]]:
    rng = random.Random(PAQUETS_SEED)
    originals = {name: bytes(rng.randrange(256) for _ in range(2048)) for name in PAQUETS}
    published = {name: hashlib.sha256(data).hexdigest() for name, data in originals.items()}
    delivered = dict(originals)
    altered = bytearray(delivered[PAQUET_ALTERE])
    altered[1000] ^= 0x01  # a single bit differs
    delivered[PAQUET_ALTERE] = bytes(altered)
    return delivered, published


def verification_empreintes(path: Path) -> None:
    delivered, published = _paquets()
    mismatching = [n for n in PAQUETS if hashlib.sha256(delivered[n]).hexdigest() != published[n]]
    assert mismatching == [PAQUET_ALTERE]
    sums = "".join(f"{published[n]}  {n}\n" for n in PAQUETS)
    write_zip(
        path, [(name, delivered[name]) for name in PAQUETS] + [("SHA256SUMS.txt", sums)], FIXED_ZIP_DATE
    )


# ---------------------------------------------------------------------------------------------
# note-de-service.txt — logicielsMalveillants5-c
# A short text file. Question: the first 6 characters of its SHA-256 fingerprint.
# ---------------------------------------------------------------------------------------------
NOTE_DE_SERVICE = (
    "Note de service - Lycée Exemple\n"
    "Objet : sortie pédagogique au musée des sciences\n"
    "Date : jeudi 16 mai 2024, départ 8 h 15 devant le portail principal.\n"
    "Les autorisations signées sont à rendre au professeur principal avant le 10 mai.\n"
)
NOTE_EXPECTED_PREFIX = "07fd24"  # solution of logicielsMalveillants5-c


def note_de_service(path: Path) -> None:
    data = NOTE_DE_SERVICE.encode("utf-8")
    assert hashlib.sha256(data).hexdigest()[:6] == NOTE_EXPECTED_PREFIX
    path.write_bytes(data)


ATTACHMENTS = {
    "fuite-comptes.csv": fuite_comptes,
    "message-suspect.txt": message_suspect,
    "entetes-message.txt": entetes_message,
    "telechargements.csv": telechargements,
    "verification-empreintes.zip": verification_empreintes,
    "note-de-service.txt": note_de_service,
}
