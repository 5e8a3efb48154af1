from django.http import Http404
from django.shortcuts import redirect, render

LEGAL_PAGES = {
    "mentions-legales": "core/legal/mentions_legales.html",
    "accessibilite": "core/legal/accessibilite.html",
    "donnees-personnelles": "core/legal/donnees_personnelles.html",
    "cgu": "core/legal/cgu.html",
}


def home(request):
    if request.user.is_authenticated:
        return redirect("evaluation:profile")
    return render(request, "core/home.html")


def legal(request, page):
    template = LEGAL_PAGES.get(page)
    if template is None:
        raise Http404
    return render(request, template)
