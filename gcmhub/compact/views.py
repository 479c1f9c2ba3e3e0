from django.http import Http404
from django.shortcuts import redirect, render

from gcmhub.compact import queries
from gcmhub.compact.forms import CountryFilterForm


def objective_list(request):
    return render(request, "compact/objective_list.html", {"objectives": queries.objectives()})


def objective_detail(request, number):
    objective = queries.objective(number)
    return render(request, "compact/objective_detail.html", {"objective": objective})


def principle_list(request):
    return render(request, "compact/principle_list.html", {"principles": queries.principles()})


def country_list(request):
    form = CountryFilterForm(request.GET, regions=queries.regions())
    filters = form.cleaned_data if form.is_valid() else {}
    countries = queries.countries(region=filters.get("region"), status=filters.get("status"))
    return render(request, "compact/country_list.html", {"form": form, "countries": countries})


def country_detail(request, iso3):
    if len(iso3) != 3:
        raise Http404
    if iso3 != iso3.upper():
        return redirect("compact:country", iso3=iso3.upper(), permanent=True)
    country = queries.country(iso3)
    return render(request, "compact/country_detail.html", {"country": country})
