"""URLconf of the answer-latency benchmark: the whole app, plus a bare view doing one INSERT (the floor).

``POST /bench/floor/`` inserts one row with raw SQL into ``bench_floor`` (a table bench/answer_latency.py
creates and drops with its database), in autocommit: the cheapest write request Django can serve through the
same middleware, WSGI server and database as the answer request.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

FLOOR_TABLE = "bench_floor"


@csrf_exempt
@require_POST
def floor(request):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {FLOOR_TABLE} (created_at, note) VALUES (%s, %s)", [timezone.now(), "floor"]
        )
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor, name="bench_floor"),
    path("", include("octet.urls")),
]
