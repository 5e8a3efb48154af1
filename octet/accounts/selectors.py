"""Reads of account data: the RGPD export."""

from octet.evaluation.models import Answer, Assessment, KnowledgeElement, SavedTutorial, UsefulTutorial
from octet.evaluation.selectors import profile


def personal_data(user) -> dict:
    """Everything Octet holds about a learner, in one JSON document (right of access and portability)."""
    scores = profile(user, user.lang or "fr")
    assessments = list(Assessment.objects.filter(user=user).order_by("created_at"))
    answers = Answer.objects.filter(assessment__user=user).order_by("id")
    by_assessment: dict = {}
    for a in answers:
        by_assessment.setdefault(a.assessment_id, []).append(
            {
                "question": a.challenge_id,
                "reponse": a.value,
                "resultat": a.status,
                "duree_s": a.time_spent,
                "date": a.created_at.isoformat(),
            }
        )
    return {
        "compte": {
            "prenom": user.first_name,
            "nom": user.last_name,
            "email": user.email,
            "identifiant": user.username,
            "langue": user.lang,
            "inscrit_le": user.date_joined.isoformat(),
            "cgu_acceptees_le": user.cgu_accepted_at.isoformat() if user.cgu_accepted_at else None,
            "email_confirme_le": user.email_confirmed_at.isoformat() if user.email_confirmed_at else None,
        },
        "profil": {
            "pix_total": scores.total_pix,
            "certifiable": scores.certifiable,
            "competences": {
                code: {"niveau": card.score.level, "pix": card.score.pix}
                for code, card in scores.cards.items()
            },
        },
        "evaluations": [
            {
                "id": str(a.pk),
                "type": a.kind,
                "competence": a.competence,
                "etat": a.state,
                "debut": a.created_at.isoformat(),
                "fin": a.completed_at.isoformat() if a.completed_at else None,
                "reponses": by_assessment.get(a.pk, []),
            }
            for a in assessments
        ],
        "acquis": [
            {
                "acquis": k.skill_id,
                "competence": k.competence,
                "statut": k.status,
                "source": k.source,
                "pix": k.earned_pix,
                "date": k.created_at.isoformat(),
            }
            for k in KnowledgeElement.objects.filter(user=user).order_by("created_at", "id")
        ],
        "tutos_enregistres": list(
            SavedTutorial.objects.filter(user=user).values_list("tutorial_id", flat=True)
        ),
        "tutos_utiles": list(UsefulTutorial.objects.filter(user=user).values_list("tutorial_id", flat=True)),
    }
