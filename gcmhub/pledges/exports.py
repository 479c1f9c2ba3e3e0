"""The data behind each chart of the pledge dashboard (the pledges themselves download through
gcmhub.pledges.opendata and gcmhub.web.downloads.export)."""

import csv

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from gcmhub.compact import queries as compact
from gcmhub.pledges import queries
from gcmhub.pledges.models import ProgressStatus
from gcmhub.web import charts, worldmap


def table_csv(name: str, header: list[str], rows: list[list]) -> HttpResponse:
    """A small table (the data behind one chart) as a CSV download."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gcmhub-pledges-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def _chart_rows(chart: str, figures: dict) -> tuple[list[str], list[tuple[str, int]]]:
    """(header, rows) of one dashboard chart, labels in the active language."""
    if chart == "objective":
        objectives = {o.number: str(o) for o in compact.objectives()}
        rows = [(objectives[n], figures["by_objective"].get(n, 0)) for n in objectives]
        return [_("Objective"), _("Pledges")], rows
    if chart == "entity-type":
        rows = [(t.name, figures["by_entity_type"].get(t.code, 0)) for t in compact.entity_types()]
        return [_("Pledged by"), _("Pledges")], [row for row in rows if row[1]]
    if chart == "region":
        rows = [(r.name, figures["by_region"].get(r.pk, 0)) for r in compact.regions()]
        return [_("Region"), _("Pledges")], rows
    if chart == "status":
        return [_("Progress"), _("Pledges")], [
            (label, figures["by_status"].get(value, 0)) for value, label in ProgressStatus.choices
        ]
    if chart == "over-time":
        return [_("Month"), _("Pledges published")], figures["over_time"]
    if chart == "country":
        names = {c.m49: c.name for c in compact.countries()}
        rows = sorted(
            ((names.get(m49, m49), n) for m49, n in figures["by_country"].items()),
            key=lambda r: -r[1],
        )
        return [_("Country concerned"), _("Pledges")], rows
    if chart == "amounts":
        rows = [
            (row["resources_currency"], row["pledged"], row["delivered"] or 0, row["n"])
            for row in figures["amounts"]
        ]
        return [_("Currency"), _("Pledged"), _("Delivered so far"), _("Pledges")], rows
    raise Http404


CHARTS = ["objective", "entity-type", "region", "status", "over-time", "country", "amounts"]


def dashboard_charts(filters: dict, request) -> dict:
    """Everything the dashboard draws, from published pledges matching FILTERS."""
    figures = queries.dashboard(filters)
    query = request.GET.urlencode()
    csv_urls = {
        name.replace("-", "_"): reverse("pledges:dashboard_csv", args=[name])
        + (f"?{query}" if query else "")
        for name in CHARTS
    }
    names = {c.m49: c.name for c in compact.countries()}
    link = reverse("pledges:list")
    return {
        "figures": figures,
        "csv_urls": csv_urls,
        "objectives_chart": charts.bars(
            [
                {"label": label, "value": value, "url": f"{link}?objective={n + 1}"}
                for n, (label, value) in enumerate(_chart_rows("objective", figures)[1])
            ]
        ),
        "entity_chart": charts.bars(_chart_rows("entity-type", figures)[1]),
        "region_chart": charts.bars(_chart_rows("region", figures)[1]),
        "status_chart": charts.bars(_chart_rows("status", figures)[1]),
        "time_chart": charts.columns(_chart_rows("over-time", figures)[1]),
        "map": worldmap.choropleth(figures["by_country"], names=names),
        "amounts": _chart_rows("amounts", figures)[1],
    }


def chart_csv(chart: str, filters: dict) -> HttpResponse:
    header, rows = _chart_rows(chart, queries.dashboard(filters))
    return table_csv(chart, header, rows)
