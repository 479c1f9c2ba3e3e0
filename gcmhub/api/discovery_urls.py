"""For crawlers, without a language prefix: /sitemap.xml, its section files, /robots.txt."""

from django.urls import path

from gcmhub.api import sitemaps

app_name = "discovery"
urlpatterns = [
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:name>-<int:number>.xml", sitemaps.sitemap_section, name="section"),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
]
