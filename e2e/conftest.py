"""Browser tests: Playwright driving Debian's Chromium against Django's live server.

Without Chromium they are skipped with a visible notice; with OCTET_REQUIRE_BROWSER=1 (CI) a missing
browser is an error instead, so CI can never pass without running them.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

ARTIFACTS = Path(__file__).parent / "artifacts"
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("OCTET_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("OCTET_REQUIRE_BROWSER") == "1"
MISSING = (
    None
    if CHROMIUM and AXE.exists()
    else "Chromium (apt-get install chromium) or node_modules/axe-core (npm ci) not found"
)


def pytest_collection_modifyitems(config, items):
    browser_items = [i for i in items if "e2e" in str(i.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if MISSING and browser_items and not REQUIRED:
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {MISSING}"))


def pytest_terminal_summary(terminalreporter):
    if MISSING:
        verdict = "FAILED (required in CI)" if REQUIRED else "SKIPPED"
        terminalreporter.write_sep("!", f"BROWSER TESTS {verdict}: {MISSING}", yellow=True, bold=True)


@pytest.fixture(scope="session")
def browser():
    if MISSING:
        pytest.fail(f"browser tests are required here: {MISSING}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
