from django.contrib import admin
from django.urls import include, path

from gcmhub.web import views as web
from gcmhub.web.i18n import i18n_patterns

urlpatterns = [
    path("", web.root, name="root"),
    path("", include("gcmhub.api.urls")),  # /api/v1/: no language prefix
    path("", include("gcmhub.api.discovery_urls")),  # sitemap.xml, robots.txt
]
urlpatterns += i18n_patterns(
    path("", include("gcmhub.web.urls")),
    path("", include("gcmhub.compact.urls")),
    path("", include("gcmhub.accounts.urls")),
    path("", include("gcmhub.workflow.urls")),
    path("", include("gcmhub.pledges.urls")),
    path("", include("gcmhub.practices.urls")),
    path("", include("gcmhub.reviews.urls")),
    path("", include("gcmhub.forum.urls")),
    path("", include("gcmhub.declarations.urls")),
    path("", include("gcmhub.api.docs_urls")),
    path("", include("gcmhub.api.data_urls")),
    path("", include("gcmhub.api.feed_urls")),
    path("admin/login/", web.admin_sign_in),  # one sign-in, with its rate limits, for everybody
    path("admin/", admin.site.urls),
)

handler403 = "gcmhub.web.views.permission_denied"
handler404 = "gcmhub.web.views.page_not_found"
handler500 = "gcmhub.web.views.server_error"
