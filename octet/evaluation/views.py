"""Learner app views: thin — they check who may see what, call a service or selector, and render."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from octet.engine import grading
from octet.referential import cache
from octet.referential.content import translate

from . import rendering, selectors, services
from .models import Assessment

DEMO_SESSION_KEY = "demo_assessments"


def _language() -> str:
    return (get_language() or "fr")[:2]


def _refused(request, exc: services.Refused, template="evaluation/refused.html"):
    return render(request, template, {"message": exc.message}, status=exc.status)


# --- profile & competence ------------------------------------------------------------------------------


@login_required
def profile(request):
    data = selectors.profile(request.user, _language())
    return render(request, "evaluation/profile.html", {"profile": data, "nav": "profile"})


@login_required
def competence(request, code):
    ref = cache.current()
    comp = ref.competences.get(code)
    if comp is None:
        raise Http404
    card = selectors.competence_card(request.user, code, _language())
    return render(
        request,
        "evaluation/competence.html",
        {
            "card": card,
            "description": translate(comp.description, _language()),
            "to_work_on": selectors.tutorials_to_work_on(request.user, code, _language()),
            "nav": "profile",
        },
    )


def _begin(request, code, begin):
    try:
        assessment = begin(request.user, code)
    except services.Refused as exc:
        messages.error(request, exc.message)
        return redirect("evaluation:competence", code=code)
    return redirect("evaluation:assessment", assessment_id=assessment.pk)


@login_required
@require_POST
def start(request, code):
    return _begin(request, code, services.start_or_resume)


@login_required
@require_POST
def retry(request, code):
    return _begin(request, code, services.retry)


@login_required
def reset(request, code):
    """GET: what a reset will erase, and a confirmation button; POST: the reset itself."""
    if request.method != "POST":
        if code not in cache.current().competences:
            raise Http404
        card = selectors.competence_card(request.user, code, _language())
        return render(request, "evaluation/reset_confirm.html", {"card": card, "nav": "profile"})
    try:
        services.reset(request.user, code)
    except services.Refused as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("La compétence a été remise à zéro. Vous pouvez recommencer son évaluation.")
        )
    return redirect("evaluation:competence", code=code)


# --- assessments -----------------------------------------------------------------------------------------


def _assessment_for(request, assessment_id) -> Assessment:
    """The assessment if this visitor may see it: the owner, or the browser session that started a demo."""
    assessment = Assessment.objects.filter(pk=assessment_id).first()
    if assessment is None:
        raise Http404
    if assessment.kind == Assessment.Kind.DEMO:
        if str(assessment.pk) not in request.session.get(DEMO_SESSION_KEY, []):
            raise Http404
    elif not request.user.is_authenticated or assessment.user_id != request.user.pk:
        raise Http404  # the same answer as "does not exist": ids of others reveal nothing
    return assessment


def assessment(request, assessment_id):
    current = _assessment_for(request, assessment_id)
    if not current.is_started:
        return redirect("evaluation:results", assessment_id=current.pk)
    return _render_question(request, current)


def _render_question(
    request, current: Assessment, *, error: str | None = None, status: int = 200, previous=None
):
    ref = cache.current()
    challenge = ref.challenges.get(current.current_challenge_id)
    if challenge is None:
        raise Http404
    if challenge.timer and current.current_challenge_asked_at is None:
        return _render_timer_warning(request, current, challenge, error=error, status=status)
    remaining = None
    if challenge.timer and current.current_challenge_asked_at:
        elapsed = (timezone.now() - current.current_challenge_asked_at).total_seconds()
        remaining = max(0, int(challenge.timer - elapsed))
    context = {
        "assessment": current,
        "challenge": challenge,
        "instruction": rendering.markdown_html(challenge.instruction),
        "choices": rendering.choices(challenge, str(current.pk))
        if challenge.type in ("QCU", "QCM")
        else None,
        "pieces": rendering.pieces(challenge) if challenge.type not in ("QCU", "QCM") else None,
        "illustration_url": rendering.media_url(challenge, challenge.illustration["file"])
        if challenge.illustration
        else None,
        "attachments": [(name, rendering.attachment_url(challenge, name)) for name in challenge.attachments],
        "embed_url": rendering.media_url(challenge, challenge.embed["file"]) if challenge.embed else None,
        "remaining": remaining,
        "number": current.answer_count + 1,
        "error": error,
        "previous": previous or {},
        "competence_name": _competence_name(current),
    }
    return render(request, "evaluation/challenge.html", context, status=status)


def _competence_name(current: Assessment) -> str:
    if not current.competence:
        return ""
    return translate(cache.current().competences[current.competence].name, _language())


def _render_timer_warning(request, current: Assessment, challenge, *, error=None, status=200):
    """Before a timed question: the time limit is announced and the countdown starts on the learner's go."""
    minutes, seconds = divmod(challenge.timer, 60)
    context = {
        "assessment": current,
        "challenge": challenge,
        "minutes": minutes,
        "seconds": seconds,
        "number": current.answer_count + 1,
        "competence_name": _competence_name(current),
        "error": error,
    }
    return render(request, "evaluation/timer_warning.html", context, status=status)


@require_POST
def start_timer(request, assessment_id):
    try:
        services.start_timer(
            assessment_id,
            request.user,
            request.POST.get("challenge_id", ""),
            demo_ids=request.session.get(DEMO_SESSION_KEY, []),
        )
    except services.Refused as exc:
        return _refused(request, exc)
    return redirect("evaluation:assessment", assessment_id=assessment_id)


def _submitted_answer(request, challenge) -> services.SubmittedAnswer:
    post = request.POST
    skipped = "skip" in post
    if challenge is None:
        value: str | dict = ""
    elif challenge.type == "QCU":
        value = post.get("answer", "")
    elif challenge.type == "QCM":
        value = ",".join(post.getlist("answer"))
    else:
        keys = [b.key for b in grading.input_blocks(challenge.proposals)]
        if challenge.type == "QROC":
            value = post.get(f"input-{keys[0]}", "") if keys else post.get("answer", "")
        else:
            value = {k: post.get(f"input-{k}", "") for k in keys}
    remaining = post.get("timer_remaining", "")
    return services.SubmittedAnswer(
        challenge_id=post.get("challenge_id", ""),
        value=value,
        skipped=skipped,
        timer_remaining=int(remaining) if remaining.lstrip("-").isdigit() else None,
        focused_out=post.get("focused_out") == "1",
    )


@require_POST
def answer(request, assessment_id):
    # The service loads, locks and checks ownership of the assessment itself: no read before it.
    challenge = cache.current().challenges.get(request.POST.get("challenge_id", ""))
    submitted = _submitted_answer(request, challenge)
    try:
        outcome = services.submit_answer(
            assessment_id, request.user, submitted, demo_ids=request.session.get(DEMO_SESSION_KEY, [])
        )
    except services.Refused as exc:
        current = _assessment_for(request, assessment_id)
        if current.is_started and submitted.challenge_id == current.current_challenge_id:
            previous = {
                k.removeprefix("input-"): v for k, v in request.POST.items() if k.startswith("input-")
            }
            previous["answer"] = ",".join(request.POST.getlist("answer"))
            return _render_question(request, current, error=exc.message, status=exc.status, previous=previous)
        return _refused(request, exc)
    if outcome.level_up:
        # A message travels in a signed cookie: announcing the level costs the hot path no session write.
        messages.success(
            request,
            _("Bravo ! Vous venez de passer au niveau %(level)s sur cette compétence.")
            % {"level": outcome.level_up},
            extra_tags="level-up",
        )
    return redirect("evaluation:assessment", assessment_id=assessment_id)


def results(request, assessment_id):
    current = _assessment_for(request, assessment_id)
    if current.is_started:
        return redirect("evaluation:assessment", assessment_id=current.pk)
    ref = cache.current()
    context = {"assessment": current, "lines": selectors.results(current), "nav": "profile"}
    if current.kind == Assessment.Kind.COMPETENCE:
        card = selectors.competence_card(request.user, current.competence, _language())
        context.update(card=card)
        context["competence_name"] = translate(ref.competences[current.competence].name, _language())
    return render(request, "evaluation/results.html", context)


def correction(request, assessment_id, challenge_id):
    current = _assessment_for(request, assessment_id)
    if current.kind == Assessment.Kind.CERTIFICATION:
        raise Http404  # never a correction in certification
    data = selectors.correction(current, challenge_id, _language())
    if data is None:
        raise Http404
    context = {
        "assessment": current,
        "c": data,
        "instruction": rendering.markdown_html(data.challenge.instruction),
        "solution": rendering.markdown_html(data.challenge.solution_to_display),
        "expected": rendering.expected_choices_html(data.challenge),
    }
    template = (
        "evaluation/correction_panel.html"
        if request.headers.get("HX-Request")
        else "evaluation/correction.html"
    )
    return render(request, template, context)


# --- demo, preview, files --------------------------------------------------------------------------------


def demo(request):
    if request.method == "POST":
        try:
            current = services.start_demo()
        except services.Refused as exc:
            return _refused(request, exc)
        owned = request.session.get(DEMO_SESSION_KEY, [])[-9:]
        request.session[DEMO_SESSION_KEY] = owned + [str(current.pk)]
        return redirect("evaluation:assessment", assessment_id=current.pk)
    return render(request, "evaluation/demo.html", {"count": len(cache.current().demo)})


@staff_member_required
def preview(request, challenge_id):
    ref = cache.current()
    challenge = ref.challenges.get(challenge_id)
    if challenge is None:
        raise Http404
    verdict = None
    if request.method == "POST":
        submitted = _submitted_answer(request, challenge)
        try:
            verdict = services.verdict_for(challenge, submitted.value)
        except services.Refused as exc:
            messages.error(request, exc.message)
    skill = ref.skills[challenge.skill]
    return render(
        request,
        "evaluation/preview.html",
        {
            "challenge": challenge,
            "skill": skill,
            "instruction": rendering.markdown_html(challenge.instruction),
            "choices": rendering.choices(challenge, "preview") if challenge.type in ("QCU", "QCM") else None,
            "pieces": rendering.pieces(challenge) if challenge.type not in ("QCU", "QCM") else None,
            "illustration_url": rendering.media_url(challenge, challenge.illustration["file"])
            if challenge.illustration
            else None,
            "attachments": [
                (name, rendering.attachment_url(challenge, name)) for name in challenge.attachments
            ],
            "embed_url": rendering.media_url(challenge, challenge.embed["file"]) if challenge.embed else None,
            "verdict": verdict,
            "solution": rendering.markdown_html(challenge.solution_to_display),
            "expected": rendering.expected_choices_html(challenge),
            "previous": {},
        },
    )


def _safe_file(base: Path, relative: str) -> Path:
    path = (base / relative).resolve()
    if not path.is_relative_to(base.resolve()) or not path.is_file():
        raise Http404
    return path


def content_file(request, code, path):
    """Illustrations and embedded simulators, served from the content folder (images/, embeds/ only)."""
    folder, _sep, rest = path.partition("/")
    if code not in cache.current().competences or folder not in ("images", "embeds") or not rest:
        raise Http404
    file = _safe_file(Path(settings.CONTENT_DIR) / code / folder, rest)
    content_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    response = FileResponse(file.open("rb"), content_type=content_type)  # FileResponse closes it
    if path.startswith("embeds/"):
        # A simulator runs in a sandboxed frame: scripts yes, our cookies and top navigation no.
        response["Content-Security-Policy"] = (
            "sandbox allow-scripts; default-src 'self' 'unsafe-inline' data:"
        )
    return response


def attachment(request, code, name):
    from octet.referential.content import build_attachments

    base = Path(settings.ATTACHMENTS_DIR) / code
    if code not in cache.current().competences or "/" in name:
        raise Http404
    if not (base / name).is_file():
        build_attachments(Path(settings.CONTENT_DIR), Path(settings.ATTACHMENTS_DIR), [code])
    file = _safe_file(base, name)
    return FileResponse(file.open("rb"), as_attachment=True, filename=name)  # FileResponse closes it


# --- tutorials -------------------------------------------------------------------------------------------


@login_required
def tutorials(request):
    ref = cache.current()
    tab = "saved" if request.GET.get("onglet") == "enregistres" else "recommended"
    competence = request.GET.get("competence") or None
    if competence not in ref.competences:
        competence = None
    if tab == "saved":
        entries = selectors.saved_tutorials(request.user)
    else:
        entries = selectors.recommended_tutorials(request.user, _language(), competence)
    page = Paginator(entries, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "evaluation/tutorials.html",
        {
            "tab": tab,
            "page": page,
            "competence": competence,
            "competences": [(c.code, translate(c.name, _language())) for c in ref.competences.values()],
            "nav": "tutorials",
        },
    )


def tutorial(request, tutorial_id):
    ref = cache.current()
    tuto = ref.tutorials.get(tutorial_id)
    if tuto is None:
        raise Http404
    saved, useful = selectors.tutorial_state(request.user, tutorial_id)
    return render(
        request,
        "evaluation/tutorial.html",
        {
            "tutorial": tuto,
            "body": rendering.markdown_html(tuto.body),
            "saved": saved,
            "useful": useful,
            "competence_name": translate(ref.competences[tuto.competence].name, _language()),
        },
    )


@login_required
@require_POST
def tutorial_action(request, tutorial_id, action):
    actions = {
        "enregistrer": services.save_tutorial,
        "retirer": services.unsave_tutorial,
        "utile": services.mark_useful,
        "pas-utile": services.unmark_useful,
    }
    if action not in actions:
        raise Http404
    try:
        actions[action](request.user, tutorial_id)
    except services.Refused as exc:
        return _refused(request, exc)
    next_url = request.POST.get("next", "")
    if not (next_url.startswith("/") and not next_url.startswith("//")):
        next_url = reverse("evaluation:tutorial", args=[tutorial_id])
    if request.headers.get("HX-Request"):
        saved, useful = selectors.tutorial_state(request.user, tutorial_id)
        tuto = cache.current().tutorials[tutorial_id]
        # The fresh buttons go back to the page the learner is on, should they be used without htmx.
        context = {"tutorial": tuto, "saved": saved, "useful": useful, "next": next_url}
        return render(request, "evaluation/_tutorial_actions.html", context)
    return redirect(next_url)


def health(request):
    return HttpResponse("ok", content_type="text/plain")
