from django.contrib import admin

from gcmhub.compact import models


@admin.register(models.Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "short_name", "title"]


@admin.register(models.Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


@admin.register(models.SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["m49", "name", "parent"]


@admin.register(models.RegionalCommission)
class RegionalCommissionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso3", "name", "m49", "region", "subregion", "status"]
    list_filter = ["status", "region", "commissions"]
    search_fields = ["iso3", "iso2", "m49", "names"]
    list_select_related = ["region", "subregion"]


@admin.register(models.EntityType)
class EntityTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_state", "position"]


@admin.register(models.Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["year", "hearing_date", "start_date", "end_date", "venue"]
