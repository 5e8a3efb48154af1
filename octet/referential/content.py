"""Reading and validating the content files (content/README.md describes the format).

Pure Python (no Django): `read_referential(content_dir)` returns a `Referential` and the list of problems
found; the Django side stores the referential as a release and keeps it in memory per process.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from octet.engine import grading
from octet.engine.irt import provisional_parameters
from octet.engine.knowledge import skill_pix_values

LOCALES = ("fr", "en")
CHALLENGE_TYPES = grading.KINDS
SKILL_STATUSES = ("actif", "en construction", "archivé", "périmé")
CHALLENGE_STATUSES = ("validé", "proposé", "archivé", "périmé")
NATURES = ("savoir-faire", "connaissance", "enjeux")
FORMATS = ("petit", "mots", "phrase", "paragraphe", "nombre")
TUTORIAL_FORMATS = ("page", "vidéo", "son", "pdf")
TOLERANCES = ("t1", "t2", "t3")

TUBE_NAME = re.compile(r"^@[a-z][A-Za-z0-9]*[A-Za-z]$")
OBJECT_ID = re.compile(r"^[a-z0-9][A-Za-z0-9._-]*$")

TUBE_FIELDS = {"tube", "title", "practical_title", "description", "skills"}
SKILL_FIELDS = {"name", "level", "status", "hint", "tutorials", "challenges"}
CHALLENGE_FIELDS = {
    "id", "type", "nature", "status", "locales", "instruction", "proposals", "solution",
    "solution_to_display", "tolerances", "format", "timer", "focused", "shuffled", "illustration",
    "attachments", "embed", "variant_of",
}  # fmt: skip
TUTORIAL_FIELDS = {"id", "title", "format", "duration", "source", "locale", "link"}


@dataclass(frozen=True)
class Problem:
    file: str
    object_id: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.object_id}]" if self.object_id else "")
        return f"{where}: {self.message}"


@dataclass
class Area:
    code: str
    name: dict[str, str]
    colour: str
    competence_codes: list[str] = field(default_factory=list)


@dataclass
class Competence:
    code: str
    area_code: str
    name: dict[str, str]
    description: dict[str, str]
    tube_ids: list[str] = field(default_factory=list)


@dataclass
class Tube:
    id: str
    competence: str
    title: dict[str, str]
    practical_title: dict[str, str]
    description: dict[str, str]
    file: str
    skill_ids: list[str] = field(default_factory=list)


@dataclass
class Skill:
    id: str
    tube: str
    competence: str
    level: int
    status: str
    hint: dict[str, str]
    tutorials_succeed: list[str]
    tutorials_learn_more: list[str]
    pix_value: float = 0.0
    challenge_ids: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.id

    @property
    def active(self) -> bool:
        return self.status == "actif"


@dataclass
class Challenge:
    id: str
    skill: str
    tube: str
    competence: str
    type: str
    nature: str
    status: str
    locales: list[str]
    instruction: str
    proposals: str
    solution: str
    solution_to_display: str
    t1: bool
    t2: bool
    t3: bool
    format: str | None
    timer: int | None
    focused: bool
    shuffled: bool
    illustration: dict[str, str] | None
    attachments: list[str]
    embed: dict[str, Any] | None
    variant_of: str | None
    irt_a: float
    irt_b: float
    irt_provisional: bool
    file: str

    @property
    def validated(self) -> bool:
        return self.status == "validé"

    @property
    def timed(self) -> bool:
        return bool(self.timer)


@dataclass
class Tutorial:
    id: str
    competence: str
    title: str
    format: str
    duration: int
    source: str
    locale: str
    link: str | None
    body: str
    file: str


@dataclass
class Referential:
    """The whole content, indexed for the hot path (every lookup is a dict access)."""

    release: str
    areas: dict[str, Area]
    competences: dict[str, Competence]
    tubes: dict[str, Tube]
    skills: dict[str, Skill]
    challenges: dict[str, Challenge]
    tutorials: dict[str, Tutorial]
    demo: list[str]

    def competence_of_skill(self, skill_id: str) -> Competence:
        return self.competences[self.skills[skill_id].competence]

    def skills_of_competence(self, code: str) -> list[Skill]:
        comp = self.competences[code]
        return [self.skills[s] for t in comp.tube_ids for s in self.tubes[t].skill_ids]

    def active_skills_of_competence(self, code: str) -> list[Skill]:
        return [s for s in self.skills_of_competence(code) if s.active]

    def challenges_of_skill(self, skill_id: str) -> list[Challenge]:
        return [self.challenges[c] for c in self.skills[skill_id].challenge_ids]


# --- reading -----------------------------------------------------------------------------------------


def text_map(value: Any) -> dict[str, str]:
    """A translatable text field: a plain string is French; a mapping gives one text per locale."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {"fr": value.strip()}
    if isinstance(value, dict):
        return {str(k): str(v).strip() for k, v in value.items() if v is not None}
    return {"fr": str(value)}


def translate(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or texts.get("fr") or next(iter(texts.values()), "")


def release_id(content_dir: Path) -> str:
    """A release is identified by the hash of every content source file (text, scripts, images)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in content_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(content_dir)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        raise ValueError("le fichier doit commencer par un en-tête YAML entre deux lignes « --- »")
    parts = text.split("\n---", 1)
    if len(parts) != 2:
        raise ValueError("en-tête YAML non terminé (ligne « --- » manquante)")
    meta = yaml.safe_load(parts[0][3:]) or {}
    if not isinstance(meta, dict):
        raise ValueError("l'en-tête YAML doit être un dictionnaire")
    return meta, parts[1].lstrip("-").lstrip("\n")


def load_attachment_builders(competence_dir: Path) -> dict[str, Any]:
    """The ATTACHMENTS mapping of a competence's attachments.py (file name -> builder(path))."""
    script = competence_dir / "attachments.py"
    if not script.exists():
        return {}
    module_name = f"octet_content_attachments_{competence_dir.name.replace('.', '_')}"
    spec = importlib.util.spec_from_file_location(module_name, script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    builders = getattr(module, "ATTACHMENTS", None)
    if not isinstance(builders, dict):
        raise ValueError("attachments.py doit définir un dictionnaire ATTACHMENTS")
    return builders


def _reset_library_state() -> None:
    """odfpy records the namespaces of every document it ever built in one class attribute, and writes
    them all into the next document: start each file from the same state so builds are reproducible."""
    element = sys.modules.get("odf.element")
    if element is not None:
        element.Element.namespaces.clear()


def build_attachments(
    content_dir: Path, out_dir: Path, competences: list[str] | None = None
) -> list[Problem]:
    """Run every competence's attachment builders into out_dir/<competence>/; return the failures."""
    problems: list[Problem] = []
    for comp_dir in sorted(p for p in content_dir.iterdir() if p.is_dir() and re.match(r"^\d\.\d$", p.name)):
        if competences and comp_dir.name not in competences:
            continue
        rel = f"{comp_dir.name}/attachments.py"
        try:
            builders = load_attachment_builders(comp_dir)
        except Exception as exc:  # a broken script is a content problem to report, not a crash
            problems.append(Problem(rel, "", f"script de pièces jointes en erreur : {exc!r}"))
            continue
        target = out_dir / comp_dir.name
        target.mkdir(parents=True, exist_ok=True)
        for name, builder in builders.items():
            _reset_library_state()
            try:
                builder(target / name)
            except Exception as exc:
                problems.append(Problem(rel, name, f"la construction du fichier a échoué : {exc!r}"))
                continue
            if not (target / name).is_file():
                problems.append(Problem(rel, name, "le constructeur n'a pas écrit le fichier"))
    return problems


class _Reader:
    def __init__(self, content_dir: Path, competences: list[str] | None = None):
        self.dir = content_dir
        self.only = set(competences or [])
        self.problems: list[Problem] = []
        self.areas: dict[str, Area] = {}
        self.competences: dict[str, Competence] = {}
        self.tubes: dict[str, Tube] = {}
        self.skills: dict[str, Skill] = {}
        self.challenges: dict[str, Challenge] = {}
        self.tutorials: dict[str, Tutorial] = {}
        self.demo: list[str] = []
        self.attachment_names: dict[str, set[str]] = {}
        self.retired: set[str] = set()

    def problem(self, file: str, object_id: str, message: str) -> None:
        self.problems.append(Problem(file, object_id, message))

    def rel(self, path: Path) -> str:
        return str(path.relative_to(self.dir))

    def read(self) -> None:
        self.read_framework()
        retired = self.dir / "retired-ids.txt"
        if retired.exists():
            self.retired = {
                line.strip()
                for line in retired.read_text().splitlines()
                if line.strip() and not line.startswith("#")
            }
        for code, comp in self.competences.items():
            comp_dir = self.dir / code
            if not comp_dir.is_dir() or (self.only and code not in self.only):
                continue
            try:
                self.attachment_names[code] = set(load_attachment_builders(comp_dir))
            except Exception as exc:
                self.problem(f"{code}/attachments.py", "", f"script de pièces jointes illisible : {exc!r}")
                self.attachment_names[code] = set()
            for tuto_file in sorted((comp_dir / "tutorials").glob("*.md")):
                self.read_tutorial(code, tuto_file)
            for tube_file in sorted(comp_dir.glob("*.yml")):
                self.read_tube(comp, tube_file)
        for stray in sorted(self.dir.glob("*/*.yml")):
            if stray.parent.name not in self.competences:
                self.problem(
                    self.rel(stray), "", "dossier inconnu : le nom du dossier doit être un code de compétence"
                )
        self.read_demo()
        self.cross_checks()

    def read_framework(self) -> None:
        path = self.dir / "framework.yml"
        try:
            data = yaml.safe_load(path.read_text())
        except (OSError, yaml.YAMLError) as exc:
            self.problem("framework.yml", "", f"illisible : {exc}")
            return
        for area in data.get("areas", []):
            a = Area(str(area["code"]), text_map(area["name"]), area["colour"])
            self.areas[a.code] = a
            for comp in area.get("competences", []):
                c = Competence(
                    str(comp["code"]), a.code, text_map(comp["name"]), text_map(comp.get("description"))
                )
                self.competences[c.code] = c
                a.competence_codes.append(c.code)

    def read_yaml(self, path: Path) -> Any:
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            self.problem(self.rel(path), "", "le fichier n'est pas en UTF-8")
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" (ligne {mark.line + 1})" if mark else ""
            self.problem(self.rel(path), "", f"YAML invalide{line} : {getattr(exc, 'problem', exc)}")
        return None

    def unknown_fields(self, file: str, object_id: str, data: dict, allowed: set[str], what: str) -> None:
        for key in sorted(set(data) - allowed):
            self.problem(file, object_id, f"champ inconnu « {key} » dans {what}")

    def claim_id(self, file: str, object_id: Any, kind: str, registry: dict) -> bool:
        if not isinstance(object_id, str) or not object_id:
            self.problem(file, "", f"{kind} sans identifiant")
            return False
        if object_id in registry:
            self.problem(
                file, object_id, f"identifiant de {kind} en double (déjà dans {registry[object_id].file})"
            )
            return False
        if object_id in self.retired:
            self.problem(
                file, object_id, f"identifiant retiré (retired-ids.txt) : un {kind} ne peut pas le reprendre"
            )
            return False
        return True

    def read_tutorial(self, competence: str, path: Path) -> None:
        file = self.rel(path)
        try:
            meta, body = _split_front_matter(path.read_text(encoding="utf-8"))
        except (ValueError, yaml.YAMLError, UnicodeDecodeError) as exc:
            self.problem(file, "", f"tutoriel illisible : {exc}")
            return
        tuto_id = meta.get("id")
        if not self.claim_id(file, tuto_id, "tutoriel", self.tutorials):
            return
        self.unknown_fields(file, tuto_id, meta, TUTORIAL_FIELDS, "l'en-tête du tutoriel")
        if not OBJECT_ID.match(tuto_id):
            self.problem(file, tuto_id, "identifiant invalide (lettres, chiffres, « . », « _ », « - »)")
        title = str(meta.get("title") or "").strip()
        if not title:
            self.problem(file, tuto_id, "titre manquant")
        fmt = meta.get("format", "page")
        if fmt not in TUTORIAL_FORMATS:
            self.problem(file, tuto_id, f"format « {fmt} » inconnu ({', '.join(TUTORIAL_FORMATS)})")
        locale = meta.get("locale", "fr")
        if locale not in LOCALES:
            self.problem(file, tuto_id, f"langue « {locale} » inconnue")
        duration = meta.get("duration", 5)
        if not isinstance(duration, int) or duration <= 0:
            self.problem(file, tuto_id, "durée (minutes) invalide")
            duration = 5
        link = meta.get("link")
        if not link and len(body.strip()) < 200:
            self.problem(file, tuto_id, "un tutoriel sans lien doit avoir une page (au moins 200 caractères)")
        self.tutorials[tuto_id] = Tutorial(
            id=tuto_id,
            competence=competence,
            title=title,
            format=fmt,
            duration=duration,
            source=str(meta.get("source") or "Octet"),
            locale=locale,
            link=link,
            body=body,
            file=file,
        )

    def read_tube(self, comp: Competence, path: Path) -> None:
        file = self.rel(path)
        data = self.read_yaml(path)
        if data is None:
            return
        if not isinstance(data, dict):
            self.problem(file, "", "un fichier de sujet doit être un dictionnaire")
            return
        name = data.get("tube")
        if not isinstance(name, str) or not TUBE_NAME.match(name):
            self.problem(file, str(name or ""), "nom de sujet invalide (« @ » suivi de lettres en camelCase)")
            return
        if path.stem != name[1:]:
            self.problem(file, name, f"le fichier doit s'appeler {name[1:]}.yml")
        if name in self.tubes:
            self.problem(file, name, f"sujet en double (déjà dans {self.tubes[name].file})")
            return
        self.unknown_fields(file, name, data, TUBE_FIELDS, "le sujet")
        tube = Tube(
            id=name,
            competence=comp.code,
            title=text_map(data.get("title")),
            practical_title=text_map(data.get("practical_title") or data.get("title")),
            description=text_map(data.get("description")),
            file=file,
        )
        if not tube.title:
            self.problem(file, name, "titre du sujet manquant")
        self.tubes[name] = tube
        comp.tube_ids.append(name)
        skills = data.get("skills")
        if not isinstance(skills, list) or not skills:
            self.problem(file, name, "le sujet n'a aucun acquis")
            return
        for raw_skill in skills:
            if isinstance(raw_skill, dict):
                self.read_skill(tube, raw_skill)
            else:
                self.problem(file, name, "un acquis doit être un dictionnaire")
        tube.skill_ids.sort(key=lambda s: self.skills[s].level)

    def read_skill(self, tube: Tube, data: dict) -> None:
        file = tube.file
        name = data.get("name")
        level = data.get("level")
        if not isinstance(level, int) or not 1 <= level <= 8:
            self.problem(file, str(name), "niveau d'acquis invalide (entier de 1 à 8)")
            return
        if name != f"{tube.id}{level}":
            self.problem(file, str(name), f"le nom de l'acquis doit être {tube.id}{level} (sujet + niveau)")
            return
        if name in self.skills:
            self.problem(file, name, "acquis en double")
            return
        self.unknown_fields(file, name, data, SKILL_FIELDS, "l'acquis")
        status = data.get("status", "actif")
        if status not in SKILL_STATUSES:
            self.problem(file, name, f"statut d'acquis « {status} » inconnu")
        tutorials = data.get("tutorials") or {}
        if not isinstance(tutorials, dict) or set(tutorials) - {"succeed", "learn_more"}:
            self.problem(file, name, "« tutorials » doit contenir seulement succeed et learn_more")
            tutorials = {}
        skill = Skill(
            id=name,
            tube=tube.id,
            competence=tube.competence,
            level=level,
            status=status,
            hint=text_map(data.get("hint")),
            tutorials_succeed=list(tutorials.get("succeed") or []),
            tutorials_learn_more=list(tutorials.get("learn_more") or []),
        )
        self.skills[name] = skill
        tube.skill_ids.append(name)
        for raw in data.get("challenges") or []:
            if isinstance(raw, dict):
                self.read_challenge(tube, skill, raw)
            else:
                self.problem(file, name, "une épreuve doit être un dictionnaire")

    def read_challenge(self, tube: Tube, skill: Skill, data: dict) -> None:
        file = tube.file
        cid = data.get("id")
        if not self.claim_id(file, cid, "épreuve", self.challenges):
            return
        report = lambda message: self.problem(file, cid, message)  # noqa: E731
        if not OBJECT_ID.match(cid):
            report("identifiant invalide (lettres, chiffres, « . », « _ », « - »)")
        self.unknown_fields(file, cid, data, CHALLENGE_FIELDS, "l'épreuve")
        kind = data.get("type")
        if kind not in CHALLENGE_TYPES:
            report(f"type « {kind} » inconnu ({', '.join(CHALLENGE_TYPES)})")
            return
        nature = data.get("nature")
        if nature not in NATURES:
            report(f"nature « {nature} » inconnue ({', '.join(NATURES)})")
        status = data.get("status", "validé")
        if status not in CHALLENGE_STATUSES:
            report(f"statut d'épreuve « {status} » inconnu")
        locales = data.get("locales", ["fr"])
        if not isinstance(locales, list) or not locales or set(locales) - set(LOCALES):
            report(f"langues invalides : {locales!r}")
            locales = ["fr"]
        instruction = str(data.get("instruction") or "").strip()
        if not instruction:
            report("consigne manquante")
        proposals = str(data.get("proposals") or "")
        if not proposals.strip():
            report("propositions manquantes")
        raw_solution = data.get("solution")
        if raw_solution is None or (isinstance(raw_solution, str) and not raw_solution.strip()):
            report("solution manquante")
            return
        if kind.startswith("QROCM") and not isinstance(raw_solution, str):
            report(
                "une solution QROCM s'écrit en bloc de texte (« solution: | ») pour garder chaque valeur en texte"
            )
            return
        solution = str(raw_solution)
        tolerances = data.get("tolerances", list(TOLERANCES))
        if not isinstance(tolerances, list) or set(tolerances) - set(TOLERANCES):
            report(f"tolérances invalides : {tolerances!r} (sous-liste de t1, t2, t3)")
            tolerances = list(TOLERANCES)
        fmt = data.get("format")
        if fmt is not None and fmt not in FORMATS:
            report(f"format « {fmt} » inconnu ({', '.join(FORMATS)})")
            fmt = None
        if fmt and kind in ("QCU", "QCM"):
            report("« format » ne s'applique qu'aux réponses libres")
        timer = data.get("timer")
        if timer is not None and (not isinstance(timer, int) or isinstance(timer, bool) or timer <= 0):
            report("minuteur invalide (un nombre de secondes)")
            timer = None
        shuffled = bool(data.get("shuffled", False))
        if shuffled and kind not in ("QCU", "QCM"):
            report("« shuffled » ne s'applique qu'aux QCU et QCM")
        flags = {t: t in tolerances for t in TOLERANCES}
        for message in grading.check_challenge(
            kind, solution, proposals=proposals, format=fmt, t1=flags["t1"], t2=flags["t2"], t3=flags["t3"]
        ):
            report(message)
        comp_dir = self.dir / tube.competence
        illustration = data.get("illustration")
        if illustration is not None:
            if not isinstance(illustration, dict) or not illustration.get("file"):
                report("illustration : il faut {file: …, alt: …}")
                illustration = None
            else:
                if not (comp_dir / illustration["file"]).is_file():
                    report(f"illustration introuvable : {tube.competence}/{illustration['file']}")
                if not str(illustration.get("alt") or "").strip():
                    report("illustration sans texte alternatif (alt)")
                illustration = {"file": str(illustration["file"]), "alt": str(illustration.get("alt") or "")}
        attachments = data.get("attachments") or []
        if not isinstance(attachments, list):
            report("« attachments » doit être une liste de noms de fichiers")
            attachments = []
        for name in attachments:
            if name not in self.attachment_names.get(tube.competence, set()):
                report(
                    f"pièce jointe « {name} » introuvable dans {tube.competence}/attachments.py (ATTACHMENTS)"
                )
        embed = data.get("embed")
        if embed is not None:
            if not isinstance(embed, dict) or not embed.get("file") or not embed.get("title"):
                report("embed : il faut {file: …, title: …}")
                embed = None
            elif not (comp_dir / str(embed["file"]).split("#", 1)[0]).is_file():
                report(f"simulateur introuvable : {tube.competence}/{embed['file']}")
        a, b = provisional_parameters(skill.level)
        try:
            default_display = grading.display_solution(kind, solution, proposals=proposals)
        except grading.SolutionError:
            default_display = ""
        self.challenges[cid] = Challenge(
            id=cid,
            skill=skill.id,
            tube=tube.id,
            competence=tube.competence,
            type=kind,
            nature=nature or "connaissance",
            status=status,
            locales=list(locales),
            instruction=instruction,
            proposals=proposals,
            solution=solution,
            solution_to_display=str(data.get("solution_to_display") or default_display).strip(),
            t1=flags["t1"],
            t2=flags["t2"],
            t3=flags["t3"],
            format=fmt,
            timer=timer,
            focused=bool(data.get("focused", False)),
            shuffled=shuffled,
            illustration=illustration,
            attachments=[str(n) for n in attachments],
            embed=dict(embed) if embed else None,
            variant_of=data.get("variant_of"),
            irt_a=a,
            irt_b=b,
            irt_provisional=True,
            file=file,
        )
        skill.challenge_ids.append(cid)

    def read_demo(self) -> None:
        path = self.dir / "demo.yml"
        if not path.exists():
            return
        data = self.read_yaml(path) or {}
        self.demo = [str(c) for c in data.get("challenges", [])]

    def cross_checks(self) -> None:
        for skill in self.skills.values():
            file = self.tubes[skill.tube].file
            for tuto in skill.tutorials_succeed + skill.tutorials_learn_more:
                if tuto not in self.tutorials:
                    self.problem(file, skill.id, f"tutoriel « {tuto} » introuvable")
            if skill.active and not skill.challenge_ids:
                self.problem(file, skill.id, "acquis actif sans épreuve")
        for challenge in self.challenges.values():
            if challenge.variant_of is None:
                continue
            proto = self.challenges.get(challenge.variant_of)
            if proto is None:
                self.problem(
                    challenge.file, challenge.id, f"variant_of « {challenge.variant_of} » introuvable"
                )
            elif proto.skill != challenge.skill:
                self.problem(
                    challenge.file,
                    challenge.id,
                    "une déclinaison doit tester le même acquis que son prototype",
                )
        if self.only:
            return
        for cid in self.demo:
            ch = self.challenges.get(cid)
            if ch is None or not ch.validated:
                self.problem("demo.yml", cid, "épreuve du test de démonstration introuvable ou non validée")
        for code, comp in self.competences.items():
            if not comp.tube_ids:
                self.problem(f"{code}/", code, "compétence sans contenu")

    def compute_pix_values(self) -> None:
        values = skill_pix_values(
            (
                s.id,
                s.competence,
                s.level,
                s.active and any(self.challenges[c].validated for c in s.challenge_ids),
            )
            for s in self.skills.values()
        )
        for skill_id, value in values.items():
            self.skills[skill_id].pix_value = value


def read_referential(
    content_dir: Path, competences: list[str] | None = None
) -> tuple[Referential, list[Problem]]:
    """Read and check the content; the referential is usable only when the problem list is empty."""
    reader = _Reader(Path(content_dir), competences)
    reader.read()
    reader.compute_pix_values()
    referential = Referential(
        release=release_id(Path(content_dir)),
        areas=reader.areas,
        competences=reader.competences,
        tubes=reader.tubes,
        skills=reader.skills,
        challenges=reader.challenges,
        tutorials=reader.tutorials,
        demo=reader.demo,
    )
    return referential, reader.problems


def right_option_is_strictly_longest(challenge: Challenge) -> bool:
    """A test-wiseness cue in a QCU: a learner who picks the longest option should not beat chance."""
    lengths = [len(item) for item in grading.proposal_items(challenge.proposals)]
    right = lengths[int(challenge.solution) - 1]
    return right == max(lengths) and lengths.count(right) == 1


def statistics(ref: Referential) -> dict:
    """The `content stats --json` document: active skills and validated challenges are counted."""
    validated = [c for c in ref.challenges.values() if c.validated and ref.skills[c.skill].active]
    active_skills = [s for s in ref.skills.values() if s.active]
    by_competence: dict[str, dict] = {}
    per_skill = Counter(c.skill for c in validated)
    for code, comp in ref.competences.items():
        skills = [s for s in active_skills if s.competence == code]
        by_competence[code] = {
            "name": comp.name.get("fr", ""),
            "tubes": len(comp.tube_ids),
            "skills": len(skills),
            "challenges": sum(1 for c in validated if c.competence == code),
            "levels": sorted({s.level for s in skills}),
            "skills_with_2_variants": sum(1 for s in skills if per_skill[s.id] >= 2),
            "tutorials": sum(1 for t in ref.tutorials.values() if t.competence == code),
            "pix_max": round(sum(s.pix_value for s in skills), 2),
        }
    natures = Counter(c.nature for c in validated)
    locales: defaultdict[str, int] = defaultdict(int)
    for c in validated:
        for loc in c.locales:
            locales[loc] += 1
    return {
        "release": ref.release,
        "totals": {
            "competences": len(ref.competences),
            "tubes": len(ref.tubes),
            "skills": len(active_skills),
            "challenges": len(validated),
            "tutorials": len(ref.tutorials),
            "challenges_with_attachments": sum(1 for c in validated if c.attachments),
            "by_type": dict(sorted(Counter(c.type for c in validated).items())),
            "by_status": dict(sorted(Counter(c.status for c in ref.challenges.values()).items())),
            "by_nature": dict(sorted(natures.items())),
            "by_locale": dict(sorted(locales.items())),
            "skills_with_2_variants": sum(1 for s in active_skills if per_skill[s.id] >= 2),
            "timed": sum(1 for c in validated if c.timer),
            "illustrated": sum(1 for c in validated if c.illustration),
        },
        "competences": by_competence,
    }
