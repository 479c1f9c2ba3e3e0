from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from gcmhub.compact import queries as compact


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


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)
