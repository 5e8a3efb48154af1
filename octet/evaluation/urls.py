from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("competences/", views.profile, name="profile"),
    path("competences/<str:code>/", views.competence, name="competence"),
    path("competences/<str:code>/commencer/", views.start, name="start"),
    path("competences/<str:code>/retenter/", views.retry, name="retry"),
    path("competences/<str:code>/remettre-a-zero/", views.reset, name="reset"),
    path("evaluations/<uuid:assessment_id>/", views.assessment, name="assessment"),
    path("evaluations/<uuid:assessment_id>/repondre/", views.answer, name="answer"),
    path("evaluations/<uuid:assessment_id>/chronometre/", views.start_timer, name="start_timer"),
    path("evaluations/<uuid:assessment_id>/resultats/", views.results, name="results"),
    path(
        "evaluations/<uuid:assessment_id>/reponses/<str:challenge_id>/", views.correction, name="correction"
    ),
    path("demo/", views.demo, name="demo"),
    path("epreuves/<str:challenge_id>/", views.preview, name="preview"),
    path("contenu/<str:code>/<path:path>", views.content_file, name="content_file"),
    path("pieces-jointes/<str:code>/<str:name>", views.attachment, name="attachment"),
    path("tutos/", views.tutorials, name="tutorials"),
    path("tutos/<str:tutorial_id>/", views.tutorial, name="tutorial"),
    path("tutos/<str:tutorial_id>/<slug:action>/", views.tutorial_action, name="tutorial_action"),
    path("sante/", views.health, name="health"),
]
