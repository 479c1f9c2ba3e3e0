"""Reads of the speakers list of the general debate: its order, the published list, and the
statements a country delivered (for the country profile)."""

import math
from collections.abc import Iterable

from django.db.models import QuerySet

from gcmhub.accounts.models import Membership
from gcmhub.accounts.queries import membership_levels, organisations_to_submit_for
from gcmhub.compact.models import Country, Edition
from gcmhub.forum.models import Category, Inscription, PrecedenceRule, SpeakersList

# The categories in which a country's own government speaks.
STATE_CATEGORIES = [Category.GROUP, Category.MEMBER_STATE, Category.OBSERVER_STATE]


def rank(inscription: Inscription, rules: list[PrecedenceRule]) -> float:
    """The position of the first rule that fits the inscription; after them all if none does."""
    for rule in rules:
        if rule.category == inscription.category and rule.level in ("", inscription.level):
            return rule.position
    return math.inf


def order(inscriptions: Iterable[Inscription], rules: Iterable[PrecedenceRule]) -> list:
    """The speakers in the order they speak: by the precedence rules, within one rule by time of
    inscription; then those the secretariat moved, put at their fixed places (1-based; a place
    beyond the end puts them last; two moved to one place speak one after the other)."""
    rules = sorted(rules, key=lambda rule: (rule.position, rule.pk or 0))
    inscriptions = list(inscriptions)

    def key(inscription):
        return (rank(inscription, rules), inscription.inscribed_at, inscription.pk or 0)

    ordered = sorted((i for i in inscriptions if i.fixed_position is None), key=key)
    moved = sorted(
        (i for i in inscriptions if i.fixed_position is not None),
        key=lambda i: (i.fixed_position, *key(i)),
    )
    index = -1
    for inscription in moved:  # two moved to one place: one after the other
        index = min(max(inscription.fixed_position - 1, index + 1), len(ordered))
        ordered.insert(index, inscription)
    return ordered


def speakers_list(edition: Edition) -> SpeakersList | None:
    """The edition's speakers list, or None before the secretariat opens it."""
    return SpeakersList.objects.filter(edition=edition).first()


def ordered(speakers_list: SpeakersList | None) -> list[Inscription]:
    """Every inscription of the list in speaking order (not only for the public: check first)."""
    if speakers_list is None:
        return []
    inscriptions = (
        speakers_list.inscriptions.select_related("organisation__country", "inscribed_by")
        .prefetch_related("group_members")
        .order_by()
    )
    return order(inscriptions, PrecedenceRule.objects.all())


def ordered_list(edition: Edition) -> list[Inscription]:
    """The current order of an edition's list, published or not."""
    return ordered(speakers_list(edition))


def published_list(edition: Edition) -> list[Inscription]:
    """The public order of an edition's list: empty unless the secretariat published it."""
    current = speakers_list(edition)
    return ordered(current) if current is not None and current.is_published else []


def own_inscriptions(user, speakers_list: SpeakersList) -> list[Inscription]:
    """The inscriptions of the delegations USER is a focal point of."""
    focal = [
        pk for pk, level in membership_levels(user).items() if level == Membership.Level.FOCAL_POINT
    ]
    if not focal:
        return []
    return list(
        speakers_list.inscriptions.filter(organisation__in=focal)
        .select_related("organisation")
        .prefetch_related("group_members")
    )


def delegations_to_inscribe(user) -> QuerySet:
    """The verified organisations USER may inscribe: those they are a focal point of."""
    return organisations_to_submit_for(user, level=Membership.Level.FOCAL_POINT)


def delivered_statements(country: Country) -> QuerySet:
    """The statements the country's government delivered in the general debate of each forum
    whose speakers list is published, the latest forum first."""
    return (
        Inscription.objects.filter(
            organisation__country=country,
            category__in=STATE_CATEGORIES,
            delivered_at__isnull=False,
            speakers_list__published_at__isnull=False,
        )
        .select_related("speakers_list__edition")
        .order_by("-speakers_list__edition__year", "pk")
    )
