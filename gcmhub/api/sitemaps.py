"""Discovery for search engines: /sitemap.xml (an index of sections) and /robots.txt.

Every public page is listed in the six languages, each address with its alternates
(`xhtml:link rel="alternate" hreflang`, English as x-default). Records come only through the
public rules (published, verified); a section file holds PER_FILE records, so a file stays far
below the protocol's 50,000 addresses and 50 MB, and memory stays flat however many records
there are."""

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from gcmhub.accounts.queries import verified_organisations
from gcmhub.compact.models import Country, Edition, Objective
from gcmhub.declarations.models import Document as Declaration
from gcmhub.declarations.models import Revision as DeclarationRevision
from gcmhub.forum.models import Session, SideEvent
from gcmhub.pledges.models import Pledge
from gcmhub.practices.models import Practice
from gcmhub.reviews.models import Review

PER_FILE = 500  # records per section file: 3,000 addresses, each with 7 alternates
X_DEFAULT = "en"  # the language a search engine offers when none of the six matches

# Public pages that are not a record: the home page and the lists.
PAGES = [
    "web:home",
    "compact:objectives",
    "compact:principles",
    "compact:countries",
    "accounts:organisations",
    "pledges:list",
    "pledges:dashboard",
    "practices:list",
    "practices:calls",
    "reviews:list",
    "forum:home",
    "declarations:list",
    "data:home",
    "api_docs:index",
]


@dataclass(frozen=True)
class Section:
    """Public pages of one kind: RECORDS (ordered, so that files are stable) and the ADDRESS of
    the page of one record in the active language."""

    records: Callable[[], QuerySet | list]
    address: Callable[[object], str] = lambda record: record.get_absolute_url()

    def files(self) -> int:
        records = self.records()
        total = len(records) if isinstance(records, list) else records.count()
        return math.ceil(total / PER_FILE)

    def file(self, number: int) -> list:
        start = (number - 1) * PER_FILE
        return list(self.records()[start : start + PER_FILE])


SECTIONS = {
    "pages": Section(lambda: PAGES, reverse),
    "objectives": Section(lambda: Objective.objects.order_by("number")),
    "countries": Section(lambda: Country.objects.order_by("pk")),
    "organisations": Section(lambda: verified_organisations().select_related(None).order_by("pk")),
    "pledges": Section(lambda: Pledge.objects.published().order_by("pk").only("pk")),
    "practices": Section(lambda: Practice.objects.published().order_by("pk").only("pk")),
    "reviews": Section(lambda: Review.objects.published().order_by("pk").only("pk")),
    "programmes": Section(lambda: Edition.objects.order_by("year")),
    "sessions": Section(
        lambda: Session.objects.select_related("edition").order_by("pk").only("pk", "edition__year")
    ),
    "side_events": Section(
        lambda: (
            SideEvent.objects.published()
            .select_related("call__edition")
            .order_by("pk")
            .only("pk", "call__edition__year")
        )
    ),
    "declarations": Section(
        lambda: (
            Declaration.objects.filter(revisions__published_at__isnull=False)
            .distinct()
            .select_related("edition")
            .order_by("pk")
        )
    ),
    "revisions": Section(
        lambda: (
            DeclarationRevision.objects.filter(published_at__isnull=False)
            .select_related("document__edition")
            .order_by("pk")
        )
    ),
}

URLSET = (
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def site(request) -> str:
    """The scheme and host that absolute addresses start with."""
    return f"{request.scheme}://{request.get_host()}"


def urlset(section: Section, number: int, *, origin: str) -> Iterator[str]:
    """The <url> entries of one section file: each record's page in every language."""
    records = section.file(number)
    prefixes = {}
    for code in languages():
        with translation.override(code):
            prefixes[code] = reverse("web:home")  # /en/, /zh/…
    with translation.override(X_DEFAULT):
        paths = [section.address(record) for record in records]
    # Routes are the same in every language, only the prefix differs: one reverse per record.
    start = len(prefixes[X_DEFAULT])
    addresses = {
        code: [origin + prefix + path[start:] for path in paths]
        for code, prefix in prefixes.items()
    }
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield URLSET
    for index in range(len(records)):
        links = [(code, addresses[code][index]) for code in languages()]
        links.append(("x-default", addresses[X_DEFAULT][index]))
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(address)}/>'
            for code, address in links
        )
        for code in languages():
            yield f"<url><loc>{escape(addresses[code][index])}</loc>{alternates}</url>\n"
    yield "</urlset>\n"


def xml(parts) -> HttpResponse:
    return HttpResponse("".join(parts), content_type="application/xml; charset=utf-8")


@require_GET
def sitemap_index(request):
    """/sitemap.xml: the index of every section file."""
    start = site(request)
    entries = [
        start + reverse("discovery:section", args=[name, number])
        for name, section in SECTIONS.items()
        for number in range(1, section.files() + 1)
    ]
    return xml(
        [
            '<?xml version="1.0" encoding="UTF-8"?>\n',
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
            *(f"<sitemap><loc>{escape(entry)}</loc></sitemap>\n" for entry in entries),
            "</sitemapindex>\n",
        ]
    )


@require_GET
def sitemap_section(request, name, number):
    """/sitemap-<name>-<number>.xml: one file of a section (404 past its last file)."""
    section = SECTIONS.get(name)
    if section is None or not 1 <= number <= max(section.files(), 1):
        raise Http404
    return xml(urlset(section, number, origin=site(request)))


# What crawlers leave alone, under every language prefix: accounts, administration, review
# queues, people's own lists and forms. (name, keyword arguments); a year becomes `*`.
PRIVATE = [
    ("accounts:home", {}),
    ("admin:index", {}),
    ("pledges:mine", {}),
    ("pledges:start", {}),
    ("pledges:review", {}),
    ("practices:mine", {}),
    ("practices:start", {}),
    ("practices:review_queue", {}),
    ("practices:my_reviews", {}),
    ("reviews:mine", {}),
    ("reviews:start", {}),
    ("reviews:queue", {}),
    ("forum:agenda", {}),
    ("forum:side_events_mine", {}),
    ("forum:side_event_review", {"year": 1}),
    ("forum:hearing_manage", {"year": 1}),
    ("forum:hearing_applications", {"year": 1}),
]
PRIVATE_PREFIXES = ["memberships/", "invitations/", "review/"]  # answers and decisions (POST)


def disallowed() -> list[str]:
    """The paths of PRIVATE in every language; `*` stands for any year (RFC 9309)."""
    paths = []
    for code in languages():
        with translation.override(code):
            prefix = reverse("web:home")
            paths += [
                reverse(name, kwargs=kwargs).replace("/1/", "/*/") for name, kwargs in PRIVATE
            ]
            paths += [prefix + path for path in PRIVATE_PREFIXES]
    return paths


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in disallowed()),
        "",
        f"Sitemap: {site(request)}{reverse('discovery:sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
