import datetime

import pytest
from django.utils import timezone

from gcmhub.accounts import demo as accounts_demo
from gcmhub.accounts.tests.factories import GovernmentFactory
from gcmhub.compact.models import Country
from gcmhub.forum import demo
from gcmhub.forum.models import Application, Inscription, Session, SessionKind, SideEvent
from gcmhub.forum.tests.factories import NEW_YORK

pytestmark = pytest.mark.django_db


def test_demo_holds_the_2022_programme_of_the_background_note():
    accounts_demo.seed()

    made = demo.seed()
    again = demo.seed()

    tables = Session.objects.filter(edition__year=2022, kind=SessionKind.ROUND_TABLE)
    assert (made, again) == (26, 0)
    assert [
        (
            s.number,
            s.starts_at.astimezone(NEW_YORK).replace(tzinfo=None),
            s.room.name,
            sorted(s.objectives.values_list("number", flat=True)),
            sorted(s.chair_countries.values_list("iso3", flat=True)),
        )
        for s in tables.order_by("number")
    ] == [
        (
            1,
            datetime.datetime(2022, 5, 17, 10),
            "Conference Room 4",
            [2, 5, 6, 12, 18],
            ["DEU", "EGY"],
        ),
        (
            2,
            datetime.datetime(2022, 5, 17, 15),
            "Conference Room 4",
            [4, 8, 9, 10, 11, 13, 21],
            ["ECU", "TJK"],
        ),
        (
            3,
            datetime.datetime(2022, 5, 18, 10),
            "Trusteeship Council Chamber",
            [14, 15, 16, 19, 20, 22],
            ["PRT", "THA"],
        ),
        (
            4,
            datetime.datetime(2022, 5, 19, 10),
            "Conference Room 4",
            [1, 3, 7, 17, 23],
            ["AZE", "MAR"],
        ),
    ]
    hearing = Session.objects.filter(edition__year=2022, kind=SessionKind.HEARING).first()
    assert hearing.starts_at.astimezone(NEW_YORK).date() == datetime.date(2022, 5, 16)
    plenary = Session.objects.filter(edition__year=2022, room__name="General Assembly Hall")
    assert sorted({s.starts_at.astimezone(NEW_YORK).day for s in plenary}) == [19, 20]
    assert SideEvent.objects.filter(call__edition__year=2030).count() == 1
    assert Application.objects.filter(hearing__edition__year=2026).count() == 7
    assert Inscription.objects.filter(speakers_list__edition__year=2030, delivered_at=None).exists()


def test_open_demo_list_was_inscribed_before_now_and_speaks_nationally():
    accounts_demo.seed()
    GovernmentFactory(country=Country.objects.get(iso3="KEN"))
    GovernmentFactory(country=Country.objects.get(iso3="DEU"))

    demo.seed()

    inscriptions = Inscription.objects.filter(speakers_list__edition__year=2030)
    assert inscriptions.count() == 5  # Germany, Kenya and three other organisations
    assert not inscriptions.filter(inscribed_at__gt=timezone.now()).exists()
    assert not inscriptions.filter(category="group").exists()
