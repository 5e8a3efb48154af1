from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "octet" / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_english_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.django_db
def test_the_app_speaks_english_when_chosen(learner_client):
    learner_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = learner_client.get("/competences/").content.decode()
    assert 'lang="en"' in page and "My competences" in page and "Mes compétences" not in page
    assert "Searching" in page  # competence names come from the content in the learner's language
