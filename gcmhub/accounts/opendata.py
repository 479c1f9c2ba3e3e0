"""The open data of this part (see gcmhub.web.opendata): the verified organisations. The public
sees organisations, never the people who act for them."""

from django.utils.translation import gettext_lazy as _

from gcmhub.accounts import queries
from gcmhub.accounts.forms import OrganisationSearchForm
from gcmhub.web.forms import FacetFilterForm
from gcmhub.web.opendata import DATE, INTEGER, STRING, Field, Resource


class OrganisationFilterForm(FacetFilterForm, OrganisationSearchForm):
    """The search of the organisations page."""


def organisation_rows(filters: dict):
    """The verified organisations whose name contains filters["q"], in primary-key order."""
    rows = queries.verified_organisations()
    if filters.get("q"):
        rows = rows.filter(name__icontains=filters["q"])
    return rows.select_related("commission").order_by("pk")


def _verified_on(organisation):
    return organisation.verified_at.date() if organisation.verified_at else None


organisations = Resource(
    name="organisations",
    title=_("Organisations"),
    description=_(
        "The organisations the secretariat verified: governments, civil society, the private "
        "sector, local authorities and others that pledge, share practices and take part in "
        "the forum."
    ),
    fields=[
        Field("id", INTEGER, _("Identifier"), lambda o: o.pk, hxl="#org+id"),
        Field("name", STRING, _("Name"), lambda o: o.name, hxl="#org+name"),
        Field(
            "entity_type",
            STRING,
            _("Type of organisation"),
            lambda o: o.entity_type.code,
            reference=("entity_types", "code"),
            hxl="#org+type+code",
        ),
        Field(
            "country",
            STRING,
            _("Country"),
            lambda o: o.country.iso3 if o.country_id else None,
            description=_("Empty for international and regional organisations."),
            reference=("countries", "iso3"),
            hxl="#country+code",
            nullable=True,
        ),
        Field(
            "commission",
            STRING,
            _("UN regional commission it represents"),
            lambda o: o.commission.code if o.commission_id else None,
            reference=("commissions", "code"),
            nullable=True,
        ),
        Field("website", STRING, _("Website"), lambda o: o.website),
        Field(
            "verified_at",
            DATE,
            _("Verified on"),
            _verified_on,
            description=_("The day the secretariat verified the organisation."),
            nullable=True,
        ),
    ],
    rows=organisation_rows,
    filter_form=OrganisationFilterForm,
    page_url=lambda o: o.get_absolute_url(),
    updated=lambda o: o.verified_at,
)

RESOURCES = [organisations]
