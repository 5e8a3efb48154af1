import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from octet.accounts.models import AuditRecord
from octet.referential import cache
from octet.referential.content import read_referential, statistics
from octet.referential.models import ContentRelease

FIXTURE = Path(settings.CONTENT_DIR)


@pytest.fixture
def content(tmp_path, settings):
    """A writable copy of the fixture content, used by the commands."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    settings.CONTENT_DIR = target
    settings.ATTACHMENTS_DIR = tmp_path / "attachments"
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def problems_of(content_dir):
    return [str(p) for p in read_referential(content_dir)[1]]


def test_the_fixture_content_is_valid():
    assert problems_of(FIXTURE) == []


@pytest.mark.parametrize(
    "file, old, new, expected",
    [
        (
            "1.1/moteur.yml",
            "        shuffled: true",
            "        shuffled: true\n        couleur: rouge",
            "champ inconnu « couleur »",
        ),
        ("1.1/moteur.yml", "id: moteur1-b", "id: moteur1-a", "identifiant de épreuve en double"),
        (
            "1.1/moteur.yml",
            'name: "@moteur2"\n    level: 2',
            'name: "@moteur2"\n    level: 12',
            "niveau d'acquis invalide",
        ),
        ("1.1/moteur.yml", 'solution: "1,2"', 'solution: "1,5"', "moteur2-a"),
        (
            "1.1/moteur.yml",
            "          format:\n            - pdf",
            "          formats:\n            - pdf",
            "moteur3-a",
        ),
        (
            "1.1/adresse.yml",
            'alt: "Barre d\'adresse affichant https://exemple.fr"',
            'alt: ""',
            "texte alternatif",
        ),
        ("1.1/adresse.yml", "images/barre.svg", "images/absente.svg", "illustration introuvable"),
        (
            "1.1/moteur.yml",
            "attachments: [villes.csv]",
            "attachments: [villes.xlsx]",
            "pièce jointe « villes.xlsx » introuvable",
        ),
        (
            "1.1/moteur.yml",
            "succeed: [tuto-moteur]",
            "succeed: [tuto-fantome]",
            "tutoriel « tuto-fantome » introuvable",
        ),
        ("1.1/moteur.yml", "type: QCM", "type: QCX", "type « QCX » inconnu"),
        ("1.1/moteur.yml", "id: moteur1-b", "id: moteur9-z", "identifiant retiré"),
        ("1.1/moteur.yml", "variant_of: moteur2-a", "variant_of: moteur1-a", "même acquis que son prototype"),
        ("1.1/moteur.yml", 'tube: "@moteur"', 'tube: "moteur"', "nom de sujet invalide"),
    ],
)
def test_validation_reports_each_problem_with_its_file_and_id(content, file, old, new, expected):
    edit(content / file, old, new)
    problems = problems_of(content)
    assert problems, "the broken content was accepted"
    assert any(p.startswith(file) and expected in p for p in problems), problems


def test_a_solution_that_does_not_grade_against_itself_is_reported(content):
    # A numeric question whose solution is not a number: no learner answer could ever be right.
    edit(content / "1.1/adresse.yml", 'solution: "https"', 'solution: "https"\n        format: nombre')
    problems = problems_of(content)
    assert any("adresse2-a" in p for p in problems), problems


def test_broken_yaml_is_reported_with_its_line(content):
    (content / "1.1/moteur.yml").write_text("tube: [unclosed\n")
    problems = problems_of(content)
    assert any(p.startswith("1.1/moteur.yml") and "ligne" in p for p in problems)


def test_validate_command_exits_1_on_a_problem(content, capsys):
    edit(content / "1.1/moteur.yml", "type: QCM", "type: QCX")
    with pytest.raises(SystemExit) as exit_info:
        call_command("content", "validate")
    assert exit_info.value.code == 1
    assert "1.1/moteur.yml [moteur2-a]" in capsys.readouterr().out


@pytest.mark.django_db
def test_load_makes_a_release_current_and_a_broken_file_keeps_the_previous(content):
    call_command("content", "load")
    first = ContentRelease.objects.get(is_current=True)
    assert cache.current().release == first.id
    edit(content / "1.1/moteur.yml", "type: QCM", "type: QCX")
    with pytest.raises(CommandError, match="la version précédente reste en place"):
        call_command("content", "load")
    assert ContentRelease.objects.get(is_current=True).id == first.id
    assert cache.current().release == first.id
    edit(content / "1.1/moteur.yml", "type: QCX", "type: QCM")
    edit(
        content / "1.1/moteur.yml", "Quels opérateurs existent ?", "Quels opérateurs de recherche existent ?"
    )
    call_command("content", "load")
    second = ContentRelease.objects.get(is_current=True)
    assert second.id != first.id and ContentRelease.objects.count() == 2
    switches = AuditRecord.objects.filter(action="content.release").order_by("pk")
    assert [(r.target_id, r.before["releases"]) for r in switches] == [
        (first.id, []),
        (second.id, [first.id]),
    ]
    call_command("content", "load")  # the same files again: nothing switches, nothing recorded
    assert AuditRecord.objects.filter(action="content.release").count() == 2
    assert "opérateurs de recherche" in cache.current().challenges["moteur2-a"].instruction


@pytest.mark.django_db
def test_another_process_picks_up_a_new_release_from_the_database(content, monkeypatch):
    call_command("content", "load")
    release = ContentRelease.objects.get(is_current=True).id
    cache.clear()  # a fresh process: nothing in memory yet
    monkeypatch.setattr(cache, "CHECK_INTERVAL", 0)
    assert cache.current().release == release
    assert "moteur1-a" in cache.current().challenges


def test_stats_json_has_the_documented_shape(content, capsys):
    call_command("content", "stats", "--json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"release", "totals", "competences"}
    totals = data["totals"]
    for key in ("competences", "tubes", "skills", "challenges", "tutorials", "challenges_with_attachments"):
        assert isinstance(totals[key], int)
    # Validated challenges of active skills: 13 validated, the archived one not counted.
    assert totals["challenges"] == 13 and totals["by_status"] == {"archivé": 1, "validé": 13}
    assert totals["by_type"]["QROCM-dep"] == 1 and totals["challenges_with_attachments"] == 1
    comp = data["competences"]["1.1"]
    assert comp == comp | {"tubes": 2, "skills": 5, "levels": [1, 2, 3], "skills_with_2_variants": 4}


def test_pix_values_follow_the_rule(referential):
    # 1.1 level 1 has two skills (@moteur1, @adresse1): 8/2 = 4 each; level 3 has one: min(4, 8) = 4.
    assert referential.skills["@moteur1"].pix_value == 4
    assert referential.skills["@moteur3"].pix_value == 4
    assert statistics(referential)["competences"]["1.1"]["pix_max"] == 20


def test_provisional_irt_parameters_are_derived_from_the_level(referential):
    easy, hard = referential.challenges["moteur1-a"], referential.challenges["moteur3-a"]
    assert easy.irt_provisional and hard.irt_provisional
    assert easy.irt_b < hard.irt_b
