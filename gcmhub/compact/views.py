from django.shortcuts import render

from gcmhub.compact import queries
from gcmhub.compact.forms import CountryFilterForm


def objective_list(request):
    return render(request, "compact/objective_list.html", {"objectives": queries.objectives()})


def principle_list(request):
    return render(request, "compact/principle_list.html", {"principles": queries.principles()})


def country_list(request):
    form = CountryFilterForm(request.GET, regions=queries.regions())
    filters = form.cleaned_data if form.is_valid() else {}
    countries = queries.countries(region=filters.get("region"), status=filters.get("status"))
    return render(request, "compact/country_list.html", {"form": form, "countries": countries})
