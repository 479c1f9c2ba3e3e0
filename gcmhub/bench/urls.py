"""The site's URLs plus a bare view at /en/bench/bare/: the floor under every page, served
through the same middleware and language prefix."""

from django.http import HttpResponse
from django.urls import path

from gcmhub import urls as site
from gcmhub.web.i18n import i18n_patterns


def bare(request):
    return HttpResponse("bare", content_type="text/plain")


urlpatterns = [*i18n_patterns(path("bench/bare/", bare, name="bench_bare")), *site.urlpatterns]

handler403 = site.handler403
handler404 = site.handler404
handler500 = site.handler500
