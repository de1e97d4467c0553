from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from juntos.accounts.models import Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["display_name"]
    list_display = ["display_name", "email", "phone", "preferred_language", "sector", "is_staff"]
    search_fields = ["display_name", "email", "phone"]
    list_filter = ["sector", "preferred_language", "is_staff"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("display_name", "email", "phone", "password")}),
        (
            "Preferences",
            {"fields": ("preferred_language", "preferred_channel", "sector", "province")},
        ),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (None, {"fields": ("display_name", "email", "phone", "password1", "password2")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "languages", "is_active"]
    list_filter = ["kind", "province"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
