"""What the demos of every part share: organisations made up at scale, how submissions spread
over organisations, and inserting many rows at once."""

import random
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType

from gcmhub.accounts import demo
from gcmhub.accounts.models import Membership, Organisation
from gcmhub.accounts.tests.factories import GovernmentFactory, UserFactory
from gcmhub.compact.models import Country, EntityType
from gcmhub.workflow.models import Action, Event, State

pytestmark = pytest.mark.django_db


def test_seed_organisations_makes_one_per_50_pledges_states_and_stakeholders_once():
    demo.seed()

    made = demo.seed_organisations(5000)
    again = demo.seed_organisations(5000)

    generated = Organisation.objects.exclude(name__in=[o[0] for o in demo.ORGANISATIONS])
    types = Counter(generated.values_list("entity_type__code", flat=True))
    assert (made, again, demo.seed_organisations(200)) == (5000 // 50 - 11, 0, 0)
    assert types["member-state"] == made // demo.STATE_SHARE
    assert len(types) >= 6
    assert not generated.exclude(status=Organisation.Status.VERIFIED).exists()
    assert not generated.filter(country=None).exists()


def test_seed_organisations_gives_no_country_a_second_government():
    for country in Country.objects.member_states():
        GovernmentFactory(country=country, name=f"The Government of {country.names['en']}")

    made = demo.seed_organisations(50_000)

    governments = Organisation.objects.filter(entity_type__code="member-state")
    wanted = 50_000 // 50 - 11
    assert made == wanted - wanted // demo.STATE_SHARE  # no government among them
    assert governments.count() == Country.objects.member_states().count()


def test_activity_weights_make_a_few_organisations_busy_in_a_reproducible_order():
    organisations = [Organisation(pk=n) for n in range(1, 101)]

    weights = demo.activity_weights(random.Random(1), organisations)

    assert sorted(weights, reverse=True)[:3] == [1, 1 / 2, 1 / 3]
    assert sum(sorted(weights)[-5:]) > 0.4 * sum(weights)
    assert weights == demo.activity_weights(random.Random(1), organisations)
    assert weights != demo.activity_weights(random.Random(2), organisations)


def test_insert_stores_what_bulk_create_stores_and_sets_the_keys():
    user = UserFactory()
    record_type = ContentType.objects.get_for_model(Organisation)
    organisation = Organisation(
        name="Réseau des migrants", entity_type=EntityType.objects.get(code="civil-society")
    )

    def events():
        return [
            Event(
                record_type=record_type,
                record_id=7,
                action=Action.PUBLISH,
                actor=user,
                from_state=State.SUBMITTED,
                to_state=State.PUBLISHED,
                changes={"title": ["Ancien", "Nouveau — 新"]},
                note=note,
            )
            for note in ("first", "second")
        ]

    demo.insert([organisation])
    demo.insert([Membership(user=user, organisation=organisation)])  # its key was set
    inserted, created = events(), Event.objects.bulk_create(events())
    demo.insert(inserted)
    after = Event.objects.create(record_type=record_type, record_id=8, action=Action.CREATE)

    columns = ["record_type", "record_id", "action", "actor", "changes", "note", "on_revision"]
    rows = Event.objects.order_by("pk").values_list(*columns)
    assert list(rows.filter(pk__in=[e.pk for e in inserted])) == list(
        rows.filter(pk__in=[e.pk for e in created])
    )
    assert [e.pk for e in inserted] == sorted(e.pk for e in inserted)
    assert max(e.pk for e in created) < min(e.pk for e in inserted) < after.pk
    assert not any(e._state.adding for e in inserted)
    assert Membership.objects.get(user=user).organisation == organisation
