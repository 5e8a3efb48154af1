from django.contrib import admin

from .models import ContentRelease


@admin.register(ContentRelease)
class ContentReleaseAdmin(admin.ModelAdmin):
    list_display = ["id", "created_at", "loaded_at", "is_current", "summary"]
    exclude = ["payload"]  # megabytes of JSON: the content lives in content/ and in `content stats`
    readonly_fields = ["id", "created_at", "loaded_at", "is_current", "summary"]

    def has_add_permission(self, request):
        return False  # releases come from `manage.py content load`
