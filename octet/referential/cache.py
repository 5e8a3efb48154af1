"""The current referential, kept in memory per process (the hot path never reads content from disk).

`current()` returns the in-memory Referential. It asks the database which release is current at most
every CHECK_INTERVAL seconds, so a `content load` on one machine reaches every process within seconds.
"""

import threading
import time

from django.conf import settings

from .content import Referential

CHECK_INTERVAL = getattr(settings, "CONTENT_CHECK_INTERVAL", 5.0)

_lock = threading.Lock()
_state: dict = {"ref": None, "checked_at": 0.0}


class NoContentLoaded(RuntimeError):
    pass


def install(ref: Referential) -> None:
    with _lock:
        _state["ref"] = ref
        _state["checked_at"] = time.monotonic()


def clear() -> None:
    with _lock:
        _state["ref"] = None
        _state["checked_at"] = 0.0


def current() -> Referential:
    ref = _state["ref"]
    if ref is not None and time.monotonic() - _state["checked_at"] < CHECK_INTERVAL:
        return ref
    from .models import ContentRelease
    from .serialization import from_payload

    current_id = ContentRelease.objects.filter(is_current=True).values_list("id", flat=True).first()
    if current_id is None:
        if ref is not None:
            return ref
        raise NoContentLoaded("Aucun contenu chargé : lancez « python manage.py content load ».")
    if ref is None or ref.release != current_id:
        payload = ContentRelease.objects.only("payload").get(pk=current_id).payload
        ref = from_payload(payload)
    install(ref)
    return ref
