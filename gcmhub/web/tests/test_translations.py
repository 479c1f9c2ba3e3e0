"""Every interface string exists in the six languages, and the compiled catalogues are current."""

import ast
import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[3] / "locale"
LANGUAGES = ["ar", "zh_Hans", "fr", "ru", "es"]


def _entries(po: Path) -> list[dict]:
    """The (msgid, msgid_plural, msgstr…) entries of a .po file; a small reader, enough for ours."""
    entries, current, key = [], {}, None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#~"):
            continue
        if not line.strip():
            if current:
                entries.append(current)
            current, key = {}, None
        elif line.startswith("#,"):
            current["flags"] = line
        elif line.startswith("msg"):
            key, _, value = line.partition(" ")
            current[key] = ast.literal_eval(value)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
    return [entry for entry in entries if entry.get("msgid")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")

    untranslated = [
        e["msgid"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e.get("flags", "")]

    assert len(entries) > 300
    assert (untranslated, fuzzy) == ([], [])


def _compiled(catalogue: gettext.GNUTranslations, entry: dict) -> str:
    """The compiled translation of ENTRY, in its context when it has one (pgettext)."""
    if "msgctxt" in entry:
        return catalogue.pgettext(entry["msgctxt"], entry["msgid"])
    return catalogue.gettext(entry["msgid"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)

    stale = [
        e["msgid"]
        for e in _entries(folder / "django.po")
        if "msgstr" in e and _compiled(catalogue, e) != e["msgstr"]
    ]

    assert stale == [], "run `make messages` to compile the catalogues"


@pytest.mark.django_db
@pytest.mark.parametrize("prefix", ["ar", "zh", "ru"])
@pytest.mark.parametrize(
    "path", ["/", "/objectives/", "/countries/", "/accounts/sign-in/", "/accounts/register/"]
)
def test_no_english_interface_words_on_non_latin_pages(client, prefix, path):
    html = client.get(f"/{prefix}{path}").content.decode()
    body = html[html.index("<body>") :]

    english = [
        word
        for word in [
            "Sign in",
            "Objectives",
            "Countries",
            "Skip to main content",
            "Password",
            "Filter",
            "Region",
        ]
        if word in body
    ]

    assert english == []
