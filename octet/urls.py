from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("backoffice/", admin.site.urls),
    path("", include("octet.accounts.urls")),
    path("", include("octet.evaluation.urls")),
    path("", include("octet.core.urls")),
]
