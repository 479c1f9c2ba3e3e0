"""The open-data pages: the list of collections, one download per collection and format, and
the bundle of every collection with its data package."""

from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from gcmhub.api import bundle as bundles
from gcmhub.api import datapackage, registry
from gcmhub.web import downloads, jsonld

FORMATS = ["csv", "xlsx", "json"]
MEDIA_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@require_safe
def data_home(request):
    collections = [
        {
            "resource": resource,
            "count": _count(resource),
            "api_url": reverse("api:collection", args=[name]),
        }
        for name, resource in registry.resources().items()
    ]
    context = {
        "collections": collections,
        "formats": FORMATS,
        "license": datapackage.LICENSE,
        "catalog": jsonld.script(_catalog(request, collections)),
    }
    return render(request, "api/data_home.html", context)


@require_safe
def export(request, name, fmt):
    resource = registry.resources().get(name)
    if resource is None:
        raise Http404
    return downloads.export(resource, fmt, request.GET)


@require_safe
def bundle(request):
    hxl = request.GET.get("hxl") == "1"
    output = bundles.temporary_file(list(registry.resources().values()), hxl=hxl)
    stem = "gcmhub-data-hxl" if hxl else "gcmhub-data"
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"{stem}-{timezone.localdate().isoformat()}.zip",
        content_type="application/zip",
    )


def _count(resource) -> int | None:
    """How many rows RESOURCE publishes, when its rows are a query the database can count (one
    query) or a list already read; None when counting would mean reading every row."""
    rows = resource.rows({})
    if isinstance(rows, QuerySet):
        return rows.count()
    return len(rows) if isinstance(rows, Sequence) else None


def _catalog(request, collections) -> dict:
    """The page as a schema.org DataCatalog, so dataset search engines find the downloads."""
    license_url = datapackage.LICENSE["path"]
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": _("gcmhub open data"),
        "url": request.build_absolute_uri(reverse("data:home")),
        "license": license_url,
        "dataset": [
            {
                "@type": "Dataset",
                "name": str(c["resource"].title),
                "description": str(c["resource"].description),
                "license": license_url,
                "isAccessibleForFree": True,
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": MEDIA_TYPES[fmt],
                        "contentUrl": request.build_absolute_uri(
                            reverse("data:export", args=[c["resource"].name, fmt])
                        ),
                    }
                    for fmt in FORMATS
                ],
            }
            for c in collections
        ],
    }
