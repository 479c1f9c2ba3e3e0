"""Atom feeds of newly published pledges, practices and reviews: of everything, of one objective
or of one country. Each reads through its part's public queries, so a feed shows only what the
list pages show; entries name the organisation, never a person."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gcmhub.compact import queries as compact
from gcmhub.pledges import queries as pledges
from gcmhub.practices import queries as practices
from gcmhub.reviews import queries as reviews

LATEST = 50  # entries per feed
SUMMARY_CHARS = 600  # of a record's text in an entry's summary


class RecordFeed(Feed):
    """The newest published records of one part, narrowed by the list filter that the URL names
    (an objective number or a country's ISO code): the same filter as the list page's."""

    feed_type = Atom1Feed
    list_url = ""  # the list page the feed follows
    about = ""  # the feed's subtitle

    def get_object(self, request, number=None, iso3=None):
        if number is not None:
            return {"objective": compact.objective(number)}  # 404 when unknown
        if iso3 is not None:
            if iso3 != iso3.upper():
                raise Http404  # one address per country, as its profile has
            return {"country": compact.country(iso3)}
        return {}

    def records(self, filters: dict):
        raise NotImplementedError

    def headings(self, scope: dict) -> str:
        raise NotImplementedError

    def filters(self, scope: dict) -> dict:
        if "objective" in scope:
            return {"objective": scope["objective"].number}
        if "country" in scope:
            return {"country": scope["country"].iso3}
        return {}

    def items(self, scope):
        return self.records(self.filters(scope)).order_by("-published_at", "-pk")[:LATEST]

    def title(self, scope):
        return _("%(feed)s – gcmhub") % {"feed": self.headings(scope)}

    def subtitle(self, scope):
        return self.about

    def link(self, scope):
        filters = self.filters(scope)
        query = f"?{urlencode(filters)}" if filters else ""
        return reverse(self.list_url) + query

    def item_title(self, record):
        return record.title  # Atom text: the feed writer escapes it once, as readers expect

    def item_description(self, record):
        # Atom1Feed marks the summary as HTML: escape the person's text so it stays text.
        return escape(Truncator(self.text(record)).chars(SUMMARY_CHARS))

    def text(self, record) -> str:
        raise NotImplementedError

    def item_pubdate(self, record):
        return record.published_at

    def item_updateddate(self, record):
        return record.published_at

    def item_author_name(self, record):
        return record.organisation.name  # organisations, not people: no e-mail, no link


class PledgeFeed(RecordFeed):
    list_url = "pledges:list"
    about = gettext_lazy(
        "Pledges of the IMRF pledging initiative as they are published on gcmhub, the newest first."
    )

    def records(self, filters):
        return pledges.published_pledges(filters)

    def headings(self, scope):
        if "objective" in scope:
            return _("Newly published pledges with main objective %(objective)s") % scope
        if "country" in scope:
            return _("Newly published pledges concerning %(country)s") % scope
        return _("Newly published pledges")

    def text(self, pledge):
        return pledge.description

    def item_categories(self, pledge):
        return [str(objective) for objective in pledge.main_objectives.all()]


class PracticeFeed(RecordFeed):
    list_url = "practices:list"
    about = gettext_lazy(
        "Practices of the repository of the Global Compact for Migration as they are published "
        "on gcmhub, the newest first."
    )

    def records(self, filters):
        return practices.published_practices(filters)

    def headings(self, scope):
        if "objective" in scope:
            return _("Newly published practices on objective %(objective)s") % scope
        if "country" in scope:
            return _("Newly published practices implemented in %(country)s") % scope
        return _("Newly published practices")

    def text(self, practice):
        return practice.summary

    def item_categories(self, practice):
        return [str(objective) for objective in practice.primary_objectives.all()]


class ReviewFeed(RecordFeed):
    list_url = "reviews:list"
    about = gettext_lazy(
        "Voluntary GCM reviews, national implementation plans and regional reviews as they are "
        "published on gcmhub, the newest first."
    )

    def records(self, filters):
        return reviews.filtered(filters).select_related("organisation")

    def headings(self, scope):
        if "country" in scope:
            return (
                _("Newly published reports of %(country)s and regional reviews it took part in")
                % scope
            )
        return _("Newly published reviews")

    def text(self, review):
        return review.summary

    def item_categories(self, review):
        return [review.get_kind_display()]
