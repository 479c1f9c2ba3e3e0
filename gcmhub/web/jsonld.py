"""schema.org JSON-LD for detail pages: one way to write a data block safely into HTML."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script(data: dict) -> SafeString:
    """DATA as a `<script type="application/ld+json">` block that no text in it can close.

    "<", ">" and "&" are written as JSON escapes (as Django's json_script does), so no "</script>"
    or "<!--" can appear in the block; the JSON stays the same data."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    text = text.translate(ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def absolute(path: str) -> str:
    """PATH (from get_absolute_url) as a full address on this site."""
    return settings.SITE_URL + path


def organisation(organisation) -> dict:
    """An organisation as a schema.org Organization; its page only when it is public (verified)."""
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.is_verified:
        data["url"] = absolute(organisation.get_absolute_url())
    return data


def objective(objective) -> dict:
    """An objective of the Global Compact as a schema.org DefinedTerm."""
    return {
        "@type": "DefinedTerm",
        "termCode": str(objective.number),
        "name": str(objective),
        "url": absolute(objective.get_absolute_url()),
    }


def country(country) -> dict:
    """A country as a schema.org Country, named in the active language."""
    return {
        "@type": "Country",
        "name": country.name,
        "identifier": country.iso3,
        "url": absolute(country.get_absolute_url()),
    }
