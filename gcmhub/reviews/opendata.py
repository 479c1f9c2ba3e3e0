"""The open data of the reviews part (see gcmhub.web.opendata): published national reports
(voluntary reviews, implementation plans, other reports) and published regional reviews, with
the same filters as the review list. Of the documents, only the current versions are listed."""

from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gcmhub.reviews import queries
from gcmhub.reviews.forms import ReviewFilterForm
from gcmhub.reviews.models import NATIONAL_KINDS, Document, Review
from gcmhub.web import jsonld
from gcmhub.web.opendata import (
    ARRAY,
    DATE,
    INTEGER,
    STRING,
    Field,
    Resource,
    organisation_fields,
    page_field,
    published_field,
)

MEDIA_TYPES = {
    Document.Kind.PDF: "application/pdf",
    Document.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _rows(reviews, *related: str):
    """REVIEWS by primary key, with a fixed number of queries."""
    return (
        reviews.select_related("edition", "organisation", *related)
        .prefetch_related(queries.LISTED)
        .order_by("pk")
    )


def national_rows(filters: dict):
    """Published national reports matching FILTERS (those of ReviewFilterForm)."""
    return _rows(queries.filtered(filters).national(), "country")


def regional_rows(filters: dict):
    """Published regional reviews matching FILTERS (those of ReviewFilterForm), with the
    countries that took part."""
    reviews = queries.filtered(filters).regional().prefetch_related("participants")
    return _rows(reviews, "commission")


def _common(first: list[Field]) -> list[Field]:
    """The fields of both kinds of review around FIRST, the fields of one kind."""
    return [
        Field("id", INTEGER, _("Identifier"), lambda r: r.pk, hxl="#meta+id"),
        Field("title", STRING, _("Title"), lambda r: r.title, hxl="#meta+title"),
        *first,
        Field("summary", STRING, _("Summary"), lambda r: r.summary),
        Field(
            "edition",
            INTEGER,
            _("IMRF edition"),
            lambda r: r.edition.year,
            description=_("The forum whose review cycle the report belongs to."),
            reference=("editions", "year"),
        ),
        Field("cycle", STRING, _("Review cycle"), lambda r: r.cycle),
        Field("date", DATE, _("Date of the report"), lambda r: r.date, hxl="#date+reported"),
        *organisation_fields(
            _("Submitting organisation"), _("Name of the submitting organisation")
        ),
        Field(
            "languages",
            ARRAY,
            _("Languages of the document"),
            lambda r: [d.language for d in r.current_documents],
            description=_("Language codes of the current versions."),
        ),
        Field(
            "documents",
            ARRAY,
            _("Documents"),
            lambda r: [settings.SITE_URL + d.get_absolute_url() for d in r.current_documents],
            description=_("The current version in each language, in the order of languages."),
        ),
        published_field(),
        page_field(),
    ]


REVIEWS = Resource(
    name="reviews",
    title=_("National reports"),
    description=_(
        "Published voluntary GCM reviews, national implementation plans and other national "
        "reports of Member States."
    ),
    fields=_common(
        [
            Field(
                "kind",
                STRING,
                _("Kind"),
                lambda r: r.kind,
                enum=tuple(str(kind) for kind in NATIONAL_KINDS),
            ),
            Field(
                "country",
                STRING,
                _("Country"),
                lambda r: r.country.iso3,
                reference=("countries", "iso3"),
                hxl="#country+code",
            ),
        ]
    ),
    rows=national_rows,
    filter_form=ReviewFilterForm,
    page_url=lambda r: r.get_absolute_url(),
    updated=lambda r: r.updated_at,
)
REGIONAL_REVIEWS = Resource(
    name="regional_reviews",
    title=_("Regional reviews"),
    description=_(
        "Published regional reviews of the UN regional commissions, with the countries that "
        "took part."
    ),
    fields=_common(
        [
            Field(
                "commission",
                STRING,
                _("UN regional commission"),
                lambda r: r.commission.code,
                reference=("commissions", "code"),
                hxl="#org+code+commission",
            ),
            Field(
                "participants",
                ARRAY,
                _("Countries that took part"),
                lambda r: [c.iso3 for c in r.participants.all()],
                reference=("countries", "iso3"),
                hxl="#country+code",
            ),
        ]
    ),
    rows=regional_rows,
    filter_form=ReviewFilterForm,
    page_url=lambda r: r.get_absolute_url(),
    updated=lambda r: r.updated_at,
)
RESOURCES = [REVIEWS, REGIONAL_REVIEWS]


def json_ld(review: Review, *, documents: list, countries: list) -> dict:
    """schema.org data of a published review's page: DOCUMENTS are its current versions,
    COUNTRIES those it covers (its country, or those that took part)."""
    url = jsonld.absolute(review.get_absolute_url())
    return {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": url,
        "url": url,
        "name": review.title,
        "description": review.summary,
        "datePublished": review.date.isoformat(),
        "inLanguage": [d.language for d in documents],
        "author": jsonld.organisation(review.organisation),
        "genre": review.get_kind_display(),
        "about": {"@type": "Thing", "name": gettext("Global Compact for Migration")},
        "spatialCoverage": [jsonld.country(c) for c in countries],
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "name": d.name,
                "contentUrl": jsonld.absolute(d.get_absolute_url()),
                "inLanguage": d.language,
                "encodingFormat": MEDIA_TYPES[d.kind],
            }
            for d in documents
        ],
    }
