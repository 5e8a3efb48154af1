"""Files downloaded by the learners of competence 2.4 (S'insérer dans le monde numérique).

Everything is reproducible: the data are module constants, the expected answers are computed from
them and checked against the solutions written in the tube files (the asserts below).
"""

import csv
import json
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# publications.csv — export of a (fictional) social-network account: identiteNumerique3/4
# ---------------------------------------------------------------------------------------------
PUBLICATIONS_HEADER = ["date", "visibilite", "lieu", "texte"]
PUBLICATIONS = [
    ("2024-01-06", "Public", "", "Bonne année à toutes et à tous !"),
    ("2024-01-14", "Amis", "Patinoire de Villebrune", "Première sortie patin de l'année"),
    ("2024-01-29", "Public", "Lycée Jean-Moulin", "Journée portes ouvertes au lycée"),
    ("2024-02-03", "Moi uniquement", "", "Liste de révisions pour le bac blanc"),
    ("2024-02-11", "Public", "", "Mon avis sur le dernier roman que j'ai lu"),
    ("2024-02-18", "Amis", "", "Qui vient au concert samedi ?"),
    ("2024-03-02", "Public", "Gare de Villebrune", "En route pour le stage d'escalade"),
    ("2024-03-09", "Amis", "Salle d'escalade Le Pan", "Voie réussie du premier coup"),
    ("2024-03-23", "Public", "", "Partage : un tutoriel de montage vidéo"),
    ("2024-04-05", "Moi uniquement", "Maison", "Photo du chat qui dort"),
    ("2024-04-13", "Public", "Parc des Tilleuls", "Pique-nique de fin de trimestre"),
    ("2024-04-27", "Amis", "", "Anniversaire de Sami, joyeux anniversaire !"),
    ("2024-05-08", "Public", "", "Résultats du tournoi de badminton"),
    ("2024-05-19", "Public", "Stade municipal", "Finale du tournoi, on a gagné"),
    ("2024-06-01", "Amis", "Plage de Kerlouan", "Premier bain de l'été"),
    ("2024-06-15", "Public", "", "Bilan de l'année : merci à tout le monde"),
    ("2024-06-22", "Moi uniquement", "", "Idées de cadeaux"),
    ("2024-07-04", "Public", "Aéroport de Villebrune", "Départ en vacances pour trois semaines !"),
]
# identiteNumerique3-c: number of public posts
PUBLIC_COUNT = sum(1 for p in PUBLICATIONS if p[1] == "Public")
assert PUBLIC_COUNT == 10
# identiteNumerique4-c: public posts that give a place
PUBLIC_WITH_PLACE = sum(1 for p in PUBLICATIONS if p[1] == "Public" and p[2])
assert PUBLIC_WITH_PLACE == 5


def publications(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(PUBLICATIONS_HEADER)
        writer.writerows(PUBLICATIONS)


# ---------------------------------------------------------------------------------------------
# cgu-reseau-plume.txt — terms of use of a fictional network: reglesVieEnLigne3/4
# ---------------------------------------------------------------------------------------------
CGU_ARTICLES = [
    (
        "Article 1 — Objet",
        "Les présentes conditions générales d'utilisation (CGU) encadrent l'utilisation du réseau social "
        "Plume, service fictif créé pour l'exercice.",
    ),
    (
        "Article 2 — Inscription",
        "L'inscription est gratuite. Une personne de moins de 15 ans ne peut s'inscrire qu'avec l'accord "
        "d'un de ses responsables légaux. Chaque personne ne peut détenir qu'un seul compte personnel.",
    ),
    (
        "Article 3 — Comportement",
        "Sont interdits les contenus injurieux, diffamatoires, haineux ou violents, le harcèlement, "
        "l'usurpation de l'identité d'autrui et la publication d'images d'une personne sans son accord.",
    ),
    (
        "Article 4 — Signalement",
        "Tout contenu peut être signalé avec le bouton « Signaler ». L'équipe de modération examine les "
        "signalements et retire les contenus manifestement illicites dans un délai de 48 heures.",
    ),
    (
        "Article 5 — Vos contenus",
        "Vous restez titulaire des droits d'auteur sur les textes, photos et vidéos que vous publiez. "
        "En les publiant, vous accordez à Plume une licence non exclusive, gratuite et mondiale lui "
        "permettant de les héberger, de les afficher et de les diffuser aux personnes que vous avez "
        "choisies, pour la seule durée de leur mise en ligne.",
    ),
    (
        "Article 6 — Publicité",
        "Plume est financé par la publicité. Les publicités affichées sont choisies en fonction de vos "
        "centres d'intérêt, déduits de votre activité. Vous pouvez désactiver la personnalisation dans "
        "Paramètres > Confidentialité > Publicités.",
    ),
    (
        "Article 7 — Suppression du compte",
        "Vous pouvez supprimer votre compte à tout moment. Vos publications, photos et messages sont "
        "alors conservés pendant 30 jours, durant lesquels vous pouvez annuler la suppression, puis "
        "effacés définitivement. Les données de connexion (adresse IP, date et heure) sont conservées "
        "365 jours pour répondre aux demandes des autorités judiciaires.",
    ),
    (
        "Article 8 — Modification des CGU",
        "Plume informe ses utilisateurs par courriel au moins 15 jours avant toute modification des CGU.",
    ),
]
CGU_DAYS_CONTENT_KEPT = 30  # reglesVieEnLigne3-c
CGU_LICENCE_SENTENCE = "Vous restez titulaire des droits d'auteur"  # reglesVieEnLigne4-c (QCU, answer 1)
CGU_TEXT = (
    "CONDITIONS GÉNÉRALES D'UTILISATION DU RÉSEAU SOCIAL PLUME\n\n"
    + "\n\n".join(f"{title}\n{body}" for title, body in CGU_ARTICLES)
    + "\n"
)
assert "conservés pendant 30 jours" in CGU_TEXT and CGU_DAYS_CONTENT_KEPT == 30
assert CGU_LICENCE_SENTENCE in CGU_TEXT and "licence non exclusive" in CGU_TEXT


def cgu_reseau_plume(path: Path) -> None:
    path.write_text(CGU_TEXT, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# equipements-sportifs.csv — open data set of a fictional intercommunality: citoyenneteNumerique4/5
# ---------------------------------------------------------------------------------------------
EQUIPEMENTS_HEADER = ["identifiant", "commune", "type", "nom", "capacite", "accessible_pmr"]
EQUIPEMENTS = [
    ("EQ001", "Villebrune", "Gymnase", "Gymnase Colette-Besson", 350, "oui"),
    ("EQ002", "Villebrune", "Piscine", "Piscine des Tilleuls", 420, "oui"),
    ("EQ003", "Villebrune", "Stade", "Stade municipal", 1200, "oui"),
    ("EQ004", "Villebrune", "Gymnase", "Gymnase du Lycée Jean-Moulin", 200, "non"),
    ("EQ005", "Villebrune", "Terrain de tennis", "Tennis du parc", 60, "non"),
    ("EQ006", "Villebrune", "Gymnase", "Halle des sports Marie-José-Pérec", 800, "oui"),
    ("EQ007", "Montclair", "Piscine", "Piscine intercommunale", 650, "oui"),
    ("EQ008", "Montclair", "Gymnase", "Gymnase des Coteaux", 250, "oui"),
    ("EQ009", "Montclair", "Skatepark", "Skatepark des Rives", 80, "non"),
    ("EQ010", "Montclair", "Stade", "Stade des Rives", 900, "non"),
    ("EQ011", "Montclair", "Terrain de tennis", "Tennis couverts", 40, "oui"),
    ("EQ012", "Bellerive", "Gymnase", "Gymnase Alice-Milliat", 300, "oui"),
    ("EQ013", "Bellerive", "Piscine", "Piscine d'été de Bellerive", 380, "non"),
    ("EQ014", "Bellerive", "Stade", "Stade Bellerive-Centre", 700, "oui"),
    ("EQ015", "Villebrune", "Gymnase", "Gymnase du collège Pasteur", 150, "oui"),
    ("EQ016", "Villebrune", "Piscine", "Bassin ludique des Hauts", 210, "non"),
    ("EQ017", "Montclair", "Gymnase", "Salle omnisports", 500, "non"),
    ("EQ018", "Bellerive", "Skatepark", "Skatepark du Port", 60, "oui"),
    ("EQ019", "Bellerive", "Piscine", "Centre aquatique Les Ondines", 900, "oui"),
    ("EQ020", "Villebrune", "Stade", "Stade annexe Nord", 300, "non"),
]
# citoyenneteNumerique4-c: gymnasiums in Villebrune
GYMNASES_VILLEBRUNE = sum(1 for e in EQUIPEMENTS if e[1] == "Villebrune" and e[2] == "Gymnase")
assert GYMNASES_VILLEBRUNE == 4
# citoyenneteNumerique5-c: total capacity of swimming pools accessible to people with reduced mobility
CAPACITE_PISCINES_PMR = sum(e[4] for e in EQUIPEMENTS if e[2] == "Piscine" and e[5] == "oui")
assert CAPACITE_PISCINES_PMR == 1970


def equipements_sportifs(path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(EQUIPEMENTS_HEADER)
        writer.writerows(EQUIPEMENTS)


# ---------------------------------------------------------------------------------------------
# mes-donnees-plume.json — copy of one's data obtained from the network (right of access):
# economieNumerique5
# ---------------------------------------------------------------------------------------------
MES_DONNEES = {
    "compte": {
        "pseudo": "camille_b",
        "date_creation": "2021-09-02",
        "langue": "fr",
    },
    "centres_interet_publicitaires": [
        {"nom": "Escalade", "ajoute_le": "2023-03-12"},
        {"nom": "Jeux vidéo", "ajoute_le": "2022-01-08"},
        {"nom": "Voyages en train", "ajoute_le": "2024-06-30"},
        {"nom": "Baskets", "ajoute_le": "2023-11-02"},
        {"nom": "Révisions du bac", "ajoute_le": "2024-02-04"},
        {"nom": "Cuisine végétarienne", "ajoute_le": "2022-10-19"},
        {"nom": "Badminton", "ajoute_le": "2024-05-20"},
        {"nom": "Séries policières", "ajoute_le": "2021-12-24"},
        {"nom": "Smartphones", "ajoute_le": "2023-07-15"},
        {"nom": "Festivals de musique", "ajoute_le": "2024-07-02"},
        {"nom": "Chats", "ajoute_le": "2024-04-06"},
        {"nom": "Location de vacances", "ajoute_le": "2024-06-11"},
    ],
    "annonceurs_ayant_charge_votre_contact": [
        "Sport'Alpes",
        "Librairie du Centre",
        "Rail Évasion",
        "Ciné Lumière",
        "Mobilo Télécom",
    ],
    "connexions_recentes": [
        {"date": "2024-07-03T21:14:00", "appareil": "Téléphone"},
        {"date": "2024-07-04T07:02:00", "appareil": "Téléphone"},
        {"date": "2024-07-04T18:45:00", "appareil": "Ordinateur"},
    ],
}
INTERETS_COUNT = len(MES_DONNEES["centres_interet_publicitaires"])  # economieNumerique5-a
assert INTERETS_COUNT == 12
LATEST_INTEREST = max(MES_DONNEES["centres_interet_publicitaires"], key=lambda i: i["ajoute_le"])["nom"]
assert LATEST_INTEREST == "Festivals de musique"  # economieNumerique5-b


def mes_donnees_plume(path: Path) -> None:
    path.write_text(json.dumps(MES_DONNEES, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


ATTACHMENTS = {
    "publications.csv": publications,
    "cgu-reseau-plume.txt": cgu_reseau_plume,
    "equipements-sportifs.csv": equipements_sportifs,
    "mes-donnees-plume.json": mes_donnees_plume,
}
