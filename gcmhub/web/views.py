from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from gcmhub.compact import queries as compact
from gcmhub.forum.speakers import queries as speakers
from gcmhub.pledges import queries as pledges
from gcmhub.practices import queries as practices
from gcmhub.reviews import queries as reviews


def root(request):
    """`/`: the home page in the browser's language, English when none of the six matches."""
    language = translation.get_language_from_request(request)
    with translation.override(language):
        return redirect(reverse("web:home"))


def admin_sign_in(request):
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return redirect(f"{reverse('accounts:sign_in')}?{query}")


def home(request):
    return render(request, "web/home.html", {"objectives": compact.objectives()})


def country_profile(request, iso3):
    """Everything about one country, gathered through each part's public queries."""
    if len(iso3) != 3:
        raise Http404
    if iso3 != iso3.upper():
        return redirect("web:country", iso3=iso3.upper(), permanent=True)
    country = compact.country(iso3)
    context = {
        "country": country,
        "reviews": reviews.country_reviews(country),
        "pledges": pledges.country_pledges(country),
        "practices": practices.country_practices(country),
        "statements": speakers.delivered_statements(country),
    }
    context["strip"] = _objectives_strip(
        context["pledges"]["objectives"], context["practices"]["objectives"]
    )
    return render(request, "web/country_profile.html", context)


def _objectives_strip(by_pledges: dict[int, int], by_practices: dict[int, int]) -> list[dict]:
    """The 23 objectives, each with how many of a country's pledges and practices cover it."""
    return [
        {
            "objective": objective,
            "pledges": by_pledges.get(objective.number, 0),
            "practices": by_practices.get(objective.number, 0),
        }
        for objective in compact.objectives()
    ]


def objective_profile(request, number):
    """Everything tagged with one objective, gathered through each part's public queries."""
    objective = compact.objective(number)
    context = {
        "objective": objective,
        "pledges": pledges.objective_pledges(objective),
        "practices": practices.objective_practices(objective),
    }
    return render(request, "web/objective_profile.html", context)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
