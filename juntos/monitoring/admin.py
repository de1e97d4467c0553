from django.contrib import admin

from juntos.monitoring.models import Fact


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["kind", "month", "province", "program", "category", "count"]
    list_filter = ["kind", "province", "program"]
