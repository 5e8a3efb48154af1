from datetime import date

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render

LEGAL_PAGES = {
    "mentions-legales": "core/legal/mentions_legales.html",
    "accessibilite": "core/legal/accessibilite.html",
    "donnees-personnelles": "core/legal/donnees_personnelles.html",
    "cgu": "core/legal/cgu.html",
}
ACCESSIBILITY_STATEMENT_DATE = date(2026, 12, 6)  # update with the statement


def home(request):
    if request.user.is_authenticated:
        return redirect("evaluation:profile")
    return render(request, "core/home.html")


def legal(request, page):
    template = LEGAL_PAGES.get(page)
    if template is None:
        raise Http404
    context = {}
    if page == "accessibilite":
        context = {
            "statement_date": ACCESSIBILITY_STATEMENT_DATE,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
        }
    return render(request, template, context)
