import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from octet.referential import services
from octet.referential.content import build_attachments, statistics


class Command(BaseCommand):
    requires_system_checks = []
    help = "Valide, charge ou décrit le contenu pédagogique (dossier content/)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        validate = sub.add_parser(
            "validate", help="vérifie tout le contenu ; code de sortie 1 au moindre problème"
        )
        validate.add_argument("--competence", action="append", help="limiter à une compétence (ex. 1.1)")
        sub.add_parser("load", help="valide puis charge le contenu comme nouvelle version courante")
        stats = sub.add_parser("stats", help="statistiques du contenu")
        stats.add_argument("--json", action="store_true")
        sub.add_parser("build-attachments", help="génère les fichiers à télécharger des épreuves")
        for p in (validate, stats):
            p.add_argument("--dir", default=None, help="dossier de contenu (par défaut content/)")

    def handle(self, *args, action, **options):
        if action == "validate":
            ref, problems = services.validate(options.get("dir"), options.get("competence"))
            for problem in problems:
                self.stdout.write(str(problem))
            if problems:
                self.stderr.write(f"{len(problems)} problème(s) dans le contenu.")
                sys.exit(1)
            totals = statistics(ref)["totals"]
            self.stdout.write(
                f"Contenu valide : version {ref.release}, {totals['skills']} acquis actifs, "
                f"{totals['challenges']} épreuves validées, {totals['tutorials']} tutoriels."
            )
        elif action == "load":
            result = services.load()
            if not result.ok:
                for problem in result.problems:
                    self.stderr.write(str(problem))
                raise CommandError(
                    f"{len(result.problems)} problème(s) : le contenu n'a pas été chargé, la version précédente reste en place."
                )
            state = "chargée" if result.created else "déjà connue, redevenue courante"
            self.stdout.write(f"Version de contenu {result.referential.release} {state}.")
        elif action == "stats":
            ref, problems = services.validate(options.get("dir"))
            data = statistics(ref)
            data["problems"] = len(problems)
            if options["json"]:
                self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            else:
                t = data["totals"]
                self.stdout.write(f"Version {data['release']} ({len(problems)} problème(s))")
                self.stdout.write(
                    f"{t['competences']} compétences, {t['tubes']} sujets, {t['skills']} acquis actifs, "
                    f"{t['challenges']} épreuves validées, {t['tutorials']} tutoriels"
                )
                for code, c in data["competences"].items():
                    self.stdout.write(
                        f"  {code:4} sujets {c['tubes']:2}  acquis {c['skills']:3}  épreuves {c['challenges']:3}  "
                        f"niveaux {c['levels']}  acquis à 2 déclinaisons {c['skills_with_2_variants']}"
                    )
        elif action == "build-attachments":
            problems = build_attachments(Path(settings.CONTENT_DIR), Path(settings.ATTACHMENTS_DIR))
            for problem in problems:
                self.stderr.write(str(problem))
            if problems:
                sys.exit(1)
            self.stdout.write(f"Pièces jointes générées dans {settings.ATTACHMENTS_DIR}.")
