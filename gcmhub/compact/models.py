"""Reference data of the Global Compact: objectives, principles, SDGs, countries, regions,
regional commissions, entity types and IMRF editions. Loaded by data migrations."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGE_KEYS = ["en", "fr", "es", "ar", "zh", "ru"]  # keys of every `names` field


def localized(names: dict) -> str:
    """The text for the active language from a {language: text} dict, English when missing."""
    language = (get_language() or "en").split("-")[0]
    return names.get(language) or names.get("en", "")


# The objectives each IMRF round table reviews (A/RES/73/326, paragraph 16).
ROUND_TABLES = {
    1: (2, 5, 6, 12, 18),
    2: (4, 8, 9, 10, 11, 13, 21),
    3: (14, 15, 16, 19, 20, 22),
    4: (1, 3, 7, 17, 23),
}


class Objective(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    short_names = models.JSONField(_("short names"), default=dict)
    titles = models.JSONField(_("full titles"), default=dict)

    class Meta:
        ordering = ["number"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self):
        return f"{self.number}. {self.short_name}"

    def get_absolute_url(self):
        return reverse("web:objective", args=[self.number])

    @property
    def short_name(self) -> str:
        return localized(self.short_names)

    @property
    def title(self) -> str:
        return localized(self.titles)

    @property
    def round_table(self) -> int:
        return next(table for table, numbers in ROUND_TABLES.items() if self.number in numbers)


class Principle(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["number"]
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self.names)


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    names = models.JSONField(_("names"), default=dict)
    titles = models.JSONField(_("full titles"), default=dict)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")

    def __str__(self):
        return f"{self.number}. {self.name}"

    @property
    def name(self) -> str:
        return localized(self.names)

    @property
    def title(self) -> str:
        return localized(self.titles)


class Region(models.Model):
    """An M49 region (Africa, Americas, …) or sub-region (Northern Africa, …)."""

    m49 = models.CharField(_("M49 code"), max_length=3, primary_key=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="subregions"
    )
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["m49"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self.names)


class RegionalCommission(models.Model):
    code = models.CharField(_("code"), max_length=5, unique=True)
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["code"]
        verbose_name = _("UN regional commission")
        verbose_name_plural = _("UN regional commissions")

    def __str__(self):
        return self.code

    @property
    def name(self) -> str:
        return localized(self.names)


class CountryQuerySet(models.QuerySet):
    def member_states(self):
        return self.filter(status=Country.Status.MEMBER)


class Country(models.Model):
    class Status(models.TextChoices):
        MEMBER = "member", _("UN Member State")
        OBSERVER = "observer", _("Observer State")
        OTHER = "other", _("Other country or area")

    iso2 = models.CharField(_("ISO 3166 alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    m49 = models.CharField(_("M49 code"), max_length=3, unique=True)
    names = models.JSONField(_("names"), default=dict)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="countries"
    )
    subregion = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="subregion_countries"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    commissions = models.ManyToManyField(
        RegionalCommission,
        blank=True,
        related_name="countries",
        verbose_name=_("regional commissions"),
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["iso3"]
        verbose_name = _("country or area")
        verbose_name_plural = _("countries and areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("web:country", args=[self.iso3])  # the profile gathers every part

    @property
    def name(self) -> str:
        return localized(self.names)


class EntityType(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    names = models.JSONField(_("names"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_state = models.BooleanField(_("is a State"), default=False)

    class Meta:
        ordering = ["position"]
        verbose_name = _("entity type")
        verbose_name_plural = _("entity types")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return localized(self.names)


def validate_time_zone(name: str) -> None:
    if name not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(name)s is not a time zone name, such as America/New_York."), params={"name": name}
        )


class Edition(models.Model):
    """An International Migration Review Forum, every four years from 2022."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    hearing_date = models.DateField(_("multi-stakeholder hearing"), null=True, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    time_zone = models.CharField(
        _("time zone of the venue"),
        max_length=60,
        default="America/New_York",
        validators=[validate_time_zone],
        help_text=_("An IANA time zone name: the programme shows times in it."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("IMRF edition")
        verbose_name_plural = _("IMRF editions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="edition_dates_in_order",
            )
        ]

    def __str__(self):
        return _("IMRF %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("forum:programme", args=[self.year])  # the forum part shows it

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)
