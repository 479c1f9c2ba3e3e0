"""The order of the speakers list and the UN Headquarters holidays around the first forums."""

import datetime

from django.db import migrations

# position, category, level: group statements first, then Member States by level of
# representation, then observer States, intergovernmental organisations, stakeholders.
PRECEDENCE = [
    (1, "group", ""),
    (2, "member_state", "head_of_state"),
    (3, "member_state", "head_of_government"),
    (4, "member_state", "vice_president"),
    (5, "member_state", "deputy_prime_minister"),
    (6, "member_state", "minister"),
    (7, "member_state", "vice_minister"),
    (8, "member_state", "head_of_delegation"),
    (9, "observer_state", ""),
    (10, "intergovernmental", ""),
    (11, "stakeholder", ""),
]

# Official holidays at UN Headquarters, New York, that fall on weekdays. The Eid dates are set
# each year by an information circular; the secretariat adds them in the administration.
HOLIDAYS = [
    (datetime.date(2022, 1, 17), "Martin Luther King Jr. Day"),
    (datetime.date(2022, 2, 21), "Presidents' Day"),
    (datetime.date(2022, 4, 15), "Good Friday"),
    (datetime.date(2022, 5, 2), "Eid al-Fitr"),
    (datetime.date(2022, 5, 30), "Memorial Day"),
    (datetime.date(2022, 7, 4), "Independence Day"),
    (datetime.date(2022, 9, 5), "Labour Day"),
    (datetime.date(2022, 11, 24), "Thanksgiving Day"),
    (datetime.date(2022, 12, 26), "Christmas Day"),
    (datetime.date(2026, 1, 1), "New Year's Day"),
    (datetime.date(2026, 1, 19), "Martin Luther King Jr. Day"),
    (datetime.date(2026, 2, 16), "Presidents' Day"),
    (datetime.date(2026, 4, 3), "Good Friday"),
    (datetime.date(2026, 5, 25), "Memorial Day"),
    (datetime.date(2026, 7, 3), "Independence Day"),
    (datetime.date(2026, 9, 7), "Labour Day"),
    (datetime.date(2026, 11, 26), "Thanksgiving Day"),
    (datetime.date(2026, 12, 25), "Christmas Day"),
]


def load(apps, schema_editor):
    PrecedenceRule = apps.get_model("forum", "PrecedenceRule")
    Holiday = apps.get_model("forum", "Holiday")
    for position, category, level in PRECEDENCE:
        PrecedenceRule.objects.create(position=position, category=category, level=level)
    for date, name in HOLIDAYS:
        Holiday.objects.create(date=date, name=name)


def unload(apps, schema_editor):
    apps.get_model("forum", "PrecedenceRule").objects.all().delete()
    apps.get_model("forum", "Holiday").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
