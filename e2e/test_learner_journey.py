"""A newcomer's whole journey in a real browser, with the keyboard, checked by axe-core."""

import re

import pytest

from e2e.conftest import axe_violations, screenshot
from octet.engine import grading

pytestmark = pytest.mark.django_db(transaction=True)


def fill_right_answer(page, referential):
    """Answer the question on screen correctly, as a learner who knows would."""
    challenge = referential.challenges[page.locator("input[name=challenge_id]").input_value()]
    parsed = grading.parse_solution(challenge.type, challenge.solution, proposals=challenge.proposals)
    if challenge.type == "QCU":
        page.check(f"input[name=answer][value='{parsed}']")
    elif challenge.type == "QCM":
        for value in parsed:
            page.check(f"input[name=answer][value='{value}']")
    else:
        blocks = grading.input_blocks(challenge.proposals)
        values = (
            [parsed[0]]
            if challenge.type == "QROC"
            else [parsed[b.key][0] for b in blocks]
            if challenge.type == "QROCM-ind"
            else [group[0] for group in parsed.values()][: len(blocks)]
        )
        for block, value in zip(blocks, values, strict=True):
            field = page.locator(f"[name='input-{block.key}']")
            if block.options:
                field.select_option(value)
            else:
                field.fill(value)
    return challenge


def sign_up(page, email="nouveau@example.org"):
    page.goto("/inscription/")
    page.get_by_label("Prénom").fill("Nora")
    page.get_by_label("Nom", exact=True).fill("Benali")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill("Motdepasse2026")
    page.get_by_label("J'accepte les conditions d'utilisation d'Octet").check()
    page.get_by_role("button", name="Je m'inscris").click()
    page.wait_for_url(re.compile(r"/competences/$"))


def test_newcomer_signs_up_takes_competence_1_1_and_sees_the_result(page, referential):
    page.goto("/")
    assert axe_violations(page) == []
    screenshot(page, "01-accueil")
    page.goto("/inscription/")
    assert axe_violations(page) == []
    screenshot(page, "02-inscription")
    sign_up(page)
    assert axe_violations(page) == []
    screenshot(page, "03-profil-vide")

    page.get_by_role("button", name=re.compile("Commencer Mener une recherche")).click()
    page.wait_for_url(re.compile(r"/evaluations/"))
    assert axe_violations(page) == []
    screenshot(page, "04-question")
    for _ in range(20):
        if "/resultats/" in page.url:
            break
        start_timer = page.get_by_role("button", name="Afficher la question et démarrer")
        if start_timer.count():  # a timed question is announced before its countdown starts
            assert axe_violations(page) == []
            start_timer.click()
            page.wait_for_load_state()
        fill_right_answer(page, referential)
        page.get_by_role("button", name="Je valide").click()
        page.wait_for_load_state()
    assert "/resultats/" in page.url
    assert page.get_by_text("Félicitations !").is_visible()
    assert page.get_by_text(
        re.compile(r"Vous avez obtenu le niveau 2 pour cette compétence et avez gagné 20 pix")
    ).is_visible()
    assert axe_violations(page) == []
    screenshot(page, "05-resultats")

    page.get_by_role("link", name=re.compile("Réponse à la question 1")).click()
    page.locator("#correction-panel .correction").wait_for()
    assert page.locator("#correction-panel").get_by_text("Bonne réponse").is_visible()
    # Keyboard and screen-reader users land on the correction they opened, not back at the top.
    page.wait_for_function("document.activeElement.classList.contains('correction')")
    assert axe_violations(page) == []
    screenshot(page, "06-correction")

    page.goto("/competences/")
    card = page.locator(
        "article", has=page.get_by_role("heading", name=re.compile("1.1 Mener une recherche"))
    )
    assert card.get_by_text("Niveau 2").is_visible()
    assert page.locator(".summary-tile .big").inner_text().startswith("20")
    screenshot(page, "07-profil")


def test_the_keyboard_alone_suffices(page, referential):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Aller au contenu"
    page.goto("/inscription/")
    page.get_by_label("Prénom").focus()
    for text in ("Kim", "Lefèvre", "kim@example.org"):
        page.keyboard.type(text)
        page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the username field stays empty
    page.keyboard.type("Motdepasse2026")
    page.keyboard.press("Tab")  # language
    page.keyboard.press("Tab")  # terms checkbox
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/competences/$"))

    page.get_by_role("button", name=re.compile("Commencer Mener une recherche")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/evaluations/"))
    challenge = referential.challenges[page.locator("input[name=challenge_id]").input_value()]
    first_field = page.locator(".proposals input, .proposals select").first
    first_field.focus()
    fill_right_answer(page, referential)
    page.get_by_role("button", name="Je valide").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("input[name=challenge_id]").input_value() != challenge.id


def test_an_empty_answer_is_announced(page, referential):
    sign_up(page, "vide@example.org")
    page.get_by_role("button", name=re.compile("Commencer Mener une recherche")).click()
    page.wait_for_url(re.compile(r"/evaluations/"))
    page.get_by_role("button", name="Je valide").click()
    alert = page.get_by_role("alert")
    assert "Vous devez répondre à la question ou la passer" in alert.inner_text()
    assert axe_violations(page) == []


def test_a_timed_question_is_announced_then_counts_down(page, referential):
    from octet.evaluation.models import Assessment

    sign_up(page, "chrono@example.org")
    page.get_by_role("button", name=re.compile("Commencer Mener une recherche")).click()
    page.wait_for_url(re.compile(r"/evaluations/"))
    Assessment.objects.filter(state="started").update(
        current_challenge_id="moteur3-b", current_challenge_asked_at=None
    )
    page.reload()
    assert page.get_by_role("heading", name="Question chronométrée").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Afficher la question et démarrer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    timer = page.get_by_role("timer")
    assert timer.is_visible() and re.search(r"(1:00|0:5\d)", timer.inner_text())
    page.wait_for_timeout(1500)
    assert "0:5" in timer.inner_text()  # it counts down
    assert axe_violations(page) == []


def test_sign_up_page_layout_a_user_sees(page):
    page.goto("/inscription/")
    header = page.locator("header.site-header").bounding_box()
    card = page.locator(".narrow").first.bounding_box()
    assert card["y"] >= header["y"] + header["height"] + 8  # the card does not touch the header
    same_font = page.evaluate(
        "getComputedStyle(document.querySelector('button.button')).fontFamily"
        " === getComputedStyle(document.body).fontFamily"
    )
    assert same_font
    page.get_by_role("button", name="Je m'inscris").click()
    terms = page.get_by_role("checkbox", name=re.compile("J'accepte les conditions"))
    error = page.locator(f"#{terms.get_attribute('id')}_error")
    assert error.is_visible()
    assert error.bounding_box()["y"] > terms.bounding_box()["y"]  # the error sits below, on its own line


def test_keyboard_focus_stays_put_when_htmx_replaces_a_block(page, referential):
    sign_up(page, "focus@example.org")
    page.get_by_role("button", name=re.compile("Commencer Mener une recherche")).click()
    page.wait_for_url(re.compile(r"/evaluations/"))
    page.get_by_role("button", name="Je passe").click()  # a failure: its tutorials become recommended
    page.wait_for_load_state()

    page.goto("/tutos/")
    save = page.locator(".tutorial-actions button", has_text="Enregistrer").first
    save.focus()
    page.keyboard.press("Enter")
    # The same button, now pressed, gets the focus back once htmx has settled the new block.
    page.wait_for_function(
        "document.activeElement.tagName === 'BUTTON'"
        " && document.activeElement.getAttribute('aria-pressed') === 'true'"
        " && document.activeElement.textContent.includes('Enregistré')",
        timeout=5_000,
    )
