from django.db import models


class ContentRelease(models.Model):
    """One load of the content files. Exactly one release is current; assessments record theirs.

    The payload is the whole referential serialised: every process rebuilds its in-memory copy from it,
    so several app processes behind one database always serve the same release.
    """

    id = models.CharField(primary_key=True, max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    loaded_at = models.DateTimeField(auto_now=True)
    is_current = models.BooleanField(default=False)
    payload = models.JSONField()
    summary = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="one_current_release"
            )
        ]

    def __str__(self):
        return self.id
