from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from . import services
from .models import AuditRecord, LoginProtection, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["-date_joined"]
    list_display = [
        "id",
        "first_name",
        "last_name",
        "email",
        "username",
        "is_staff",
        "staff_role",
        "date_joined",
    ]
    list_filter = ["is_staff", "staff_role", "is_active"]
    search_fields = ["first_name", "last_name", "email", "username"]
    readonly_fields = ["date_joined", "last_login", "cgu_accepted_at", "email_confirmed_at", "anonymized_at"]
    fieldsets = [
        (None, {"fields": ["first_name", "last_name", "email", "username", "lang", "password"]}),
        (
            "Accès",
            {"fields": ["is_active", "is_staff", "is_superuser", "staff_role", "must_change_password"]},
        ),
        ("Dates", {"fields": readonly_fields}),
    ]
    add_fieldsets = [
        (None, {"fields": ["first_name", "last_name", "email", "username", "password1", "password2"]})
    ]
    actions = ["unblock_login", "anonymize"]

    @admin.action(description="Débloquer la connexion (après trop d'échecs)")
    def unblock_login(self, request, queryset):
        for user in queryset:
            services.unblock(request.user, user)
        messages.success(request, f"{queryset.count()} compte(s) débloqué(s).")

    @admin.action(description="Anonymiser (suppression RGPD)")
    def anonymize(self, request, queryset):
        for user in queryset:
            services.delete_account(user, actor=request.user)
        messages.success(request, f"{queryset.count()} compte(s) anonymisé(s).")


@admin.register(LoginProtection)
class LoginProtectionAdmin(admin.ModelAdmin):
    list_display = ["user", "failure_count", "blocked_until", "locked"]
    list_filter = ["locked"]
    raw_id_fields = ["user"]


@admin.register(AuditRecord)
class AuditRecordAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id"]

    def has_change_permission(self, request, obj=None):
        return False  # append-only

    def has_delete_permission(self, request, obj=None):
        return False
