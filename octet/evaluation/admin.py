from django.contrib import admin

from .models import Answer, Assessment, KnowledgeElement


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    can_delete = False
    readonly_fields = ["challenge_id", "value", "status", "time_spent", "focused_out", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["id", "user", "kind", "competence", "state", "answer_count", "created_at"]
    list_filter = ["kind", "state", "competence"]
    raw_id_fields = ["user"]
    readonly_fields = [f.name for f in Assessment._meta.fields]
    inlines = [AnswerInline]


@admin.register(KnowledgeElement)
class KnowledgeElementAdmin(admin.ModelAdmin):
    list_display = ["user", "skill_id", "competence", "status", "source", "earned_pix", "created_at"]
    list_filter = ["status", "source", "competence"]
    raw_id_fields = ["user", "answer", "assessment"]

    def has_change_permission(self, request, obj=None):
        return False  # append-only history
