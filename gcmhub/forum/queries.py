"""Reads of the forum that pages, feeds and other parts (country profiles) rely on."""

from django.shortcuts import get_object_or_404

from gcmhub.compact.models import Edition


def edition(year: int) -> Edition:
    return get_object_or_404(Edition, year=year)
