"""Reads of the multi-stakeholder hearing. Applications are never public: the public sees the
panels and, of each speaker who was selected and told, the organisation, its stakeholder type,
the speaker's role and, with their consent, their name."""

from collections import Counter

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gcmhub.accounts.models import Organisation
from gcmhub.accounts.queries import organisations_to_submit_for
from gcmhub.compact import queries as compact
from gcmhub.compact.models import Edition, Region
from gcmhub.forum import permissions
from gcmhub.forum.models import Application, Gender, Hearing, Panel, Session, SessionKind


def hearing_of(edition: Edition) -> Hearing | None:
    return Hearing.objects.filter(edition=edition).select_related("edition").first()


def open_hearing(edition: Edition) -> Hearing:
    """The hearing's call of EDITION, or 404 when the secretariat has not opened one."""
    hearing = hearing_of(edition)
    if hearing is None:
        raise Http404
    return hearing


def hearing_sessions(edition: Edition) -> QuerySet:
    """The programme sessions of EDITION that are the hearing: those panels belong to."""
    return Session.objects.filter(edition=edition, kind=SessionKind.HEARING).select_related(
        "edition"
    )


def panels(hearing: Hearing) -> QuerySet:
    return hearing.panels.select_related("session")


def public_speakers() -> QuerySet:
    """Speakers the public may see: selected, placed in a panel and told by e-mail."""
    return (
        Application.objects.filter(status=Application.Status.SELECTED, notified_at__isnull=False)
        .exclude(panel=None)
        .select_related("organisation__entity_type")
        .order_by("panel_position", "pk")
    )


def public_panels(hearing: Hearing) -> list[Panel]:
    """The panels that have speakers the public may see, each with them as `announced`."""
    rows = panels(hearing).prefetch_related(
        Prefetch("speakers", queryset=public_speakers(), to_attr="announced")
    )
    return [panel for panel in rows if panel.announced]


def organisations_to_apply_for(user) -> list[Organisation]:
    """The verified stakeholder organisations USER is a member of."""
    if not user.is_authenticated:
        return []
    return [
        organisation
        for organisation in organisations_to_submit_for(user)
        if permissions.can_apply(user, organisation)
    ]


def applications_of(user, hearing: Hearing) -> QuerySet:
    """The applications of the organisations USER applies for (their members see them)."""
    return (
        hearing.applications.filter(
            organisation__in=[o.pk for o in organisations_to_apply_for(user)]
        )
        .select_related("organisation", "region", "panel")
        .prefetch_related("objectives")
    )


def own_application(user, hearing: Hearing, pk: int) -> Application:
    """An application USER may change, or 404 (another organisation's is none of their business)."""
    return get_object_or_404(applications_of(user, hearing), pk=pk)


def applications(hearing: Hearing, filters: dict | None = None) -> QuerySet:
    """Every application to HEARING for the secretariat, narrowed by FILTERS (status, region,
    gender, entity_type: an entity type's code)."""
    filters = filters or {}
    rows = hearing.applications.select_related(
        "organisation__entity_type", "organisation__country", "region", "panel", "applicant"
    ).prefetch_related("objectives")
    for name, lookup in [
        ("status", "status"),
        ("region", "region_id"),
        ("gender", "gender"),
        ("entity_type", "organisation__entity_type__code"),
    ]:
        if filters.get(name):
            rows = rows.filter(**{lookup: filters[name]})
    return rows


def _rows(labels: list[tuple[str, str]], selected: Counter, applied: Counter) -> list[dict]:
    total_selected = sum(selected.values())
    total_applied = sum(applied.values())
    return [
        {
            "key": key,
            "label": label,
            "selected": selected[key],
            "selected_share": round(100 * selected[key] / total_selected) if total_selected else 0,
            "applied": applied[key],
            "applied_share": round(100 * applied[key] / total_applied) if total_applied else 0,
        }
        for key, label in labels
    ]


def balance(hearing: Hearing) -> dict:
    """How the selected speakers, and all applicants beside them, divide by region, gender and
    stakeholder type: counts and whole-number percentages of each column's total."""
    values = list(
        hearing.applications.values_list(
            "status", "region_id", "gender", "organisation__entity_type"
        )
    )
    chosen = [row for row in values if row[0] == Application.Status.SELECTED]
    types = {t.pk: t for t in compact.entity_types()}
    present = {row[3] for row in values}

    def count(rows, index):
        return Counter(row[index] for row in rows)

    return {
        "selected": len(chosen),
        "applied": len(values),
        "region": _rows(
            [(r.pk, r.name) for r in Region.objects.filter(parent=None)],
            count(chosen, 1),
            count(values, 1),
        ),
        "gender": _rows(list(Gender.choices), count(chosen, 2), count(values, 2)),
        "entity_type": _rows(
            [(pk, t.name) for pk, t in types.items() if pk in present],
            count(chosen, 3),
            count(values, 3),
        ),
    }
