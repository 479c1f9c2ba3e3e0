"""matching(): the same answers from SQLite FTS5 and PostgreSQL, as a lazy queryset."""

import pytest
from django.db.models import Count

from gcmhub.compact.models import Objective
from gcmhub.search import services
from gcmhub.search.models import Entry
from gcmhub.search.queries import matching
from gcmhub.workflow.models import State
from gcmhub.workflow.tests.factories import NoteFactory
from gcmhub.workflow.tests.testapp.models import Note

pytestmark = pytest.mark.django_db


def _titles(text):
    return sorted(matching(Note.objects.all(), text).values_list("title", flat=True))


def test_english_words_match_as_prefixes(publish):
    publish("Migrants", body="Protecting migrant workers abroad")
    publish("Climate", body="Displacement by disasters")

    assert _titles("migrant") == ["Migrants"]
    assert _titles("MIGR work") == ["Migrants"]
    assert _titles("migrant disasters") == []


def test_french_matches_with_or_without_accents(publish):
    publish("Migración", body="Une migration sûre, ordonnée et régulière")
    publish("Autre", body="Rien à voir")

    assert _titles("reguliere") == ["Migración"]
    assert _titles("régulière sure") == ["Migración"]
    assert _titles("migracion") == ["Migración"]


def test_arabic_matches_with_or_without_harakat(publish):
    publish("عربي", body="حماية العمّال المهاجرين")
    publish("آخر", body="التعليم")

    assert _titles("العمال المهاجرين") == ["عربي"]
    assert _titles("الْمُهَاجِرِينَ") == ["عربي"]
    assert _titles("اخر") == ["آخر"]


def test_chinese_word_is_found_inside_a_sentence(publish):
    publish("保护", body="这项做法保护移民工人的权利")
    publish("分开", body="移动的人民")  # 移 and 民 apart

    assert _titles("移民") == ["保护"]
    assert _titles("移民工人") == ["保护"]
    assert _titles("人民") == ["分开"]


def test_phrase_matches_words_side_by_side(publish):
    publish("Together", body="Regular pathways for migrant workers")
    publish("Apart", body="Workers who are migrant seasonally")

    assert _titles('"migrant workers"') == ["Together"]
    assert _titles("migrant workers") == ["Apart", "Together"]


def test_names_of_related_objectives_are_searchable(searchable_notes):
    note = NoteFactory(title="Linked", state=State.PUBLISHED)
    objective = Objective.objects.get(number=5)
    note.objectives.set([objective])
    NoteFactory(title="Unlinked", state=State.PUBLISHED)
    services.reindex(Note)

    assert _titles(f'"{objective.short_names["en"]}"') == ["Linked"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('"', 1),  # nothing searchable: the queryset as it was
        ("*", 1),
        ("NEAR(", 0),
        ("OR OR", 0),
        ('a" OR "b', 0),
        ("'); DROP TABLE search_entry; --", 0),
        ("migrant:* & !(x | y)", 0),
        ("col:value ^ {x} + - . \\", 0),
        ("x" * 5000, 1),  # one "word" too long to be one
        ("移" * 5000, 0),
        ("migrant " * 5000, 1),
        ('"migrant', 1),
    ],
)
def test_hostile_queries_evaluate_without_error(publish, text, found):
    publish("Migrants", body="Protecting migrant workers")

    results = matching(Note.objects.all(), text)

    assert (len(list(results)), results.count(), Entry.objects.count()) == (found, found, 1)


def test_changed_text_replaces_the_old_words(publish):
    note = publish("Lighthouse keepers")
    note.title = "Harbour pilots"
    note.save()

    services.index(note)

    assert (_titles("lighthouse"), _titles("harbour")) == ([], ["Harbour pilots"])


def test_only_published_records_with_an_entry_match(publish):
    publish("Published migrants")
    NoteFactory(title="Draft migrants", state=State.DRAFT)

    assert _titles("migrants") == ["Published migrants"]


def test_title_matches_rank_above_body_matches(publish):
    body_only = publish("Pathways", body="Safe pathways for migrant workers and their families")
    in_title = publish("Migrant workers", body="Safe pathways for workers and their families")

    ranked = list(matching(Note.objects.all(), "migrant").order_by("-relevance"))

    assert ranked == [in_title, body_only]
    assert ranked[0].relevance > ranked[1].relevance > 0


def test_more_occurrences_rank_higher(publish):
    once = publish("One", body="migrant workers and families with children at school")
    twice = publish("Two", body="migrant workers and migrant families with children")

    ranked = list(matching(Note.objects.all(), "migrant").order_by("-relevance"))

    assert ranked == [twice, once]


def test_matching_composes_with_filters_counts_and_facets(publish):
    objective = Objective.objects.get(number=5)
    first = publish("Migrant one")
    first.objectives.set([objective])
    publish("Migrant two")
    publish("Other")

    found = matching(Note.objects.all(), "migrant")

    assert found.count() == 2
    assert list(found.filter(objectives=objective)) == [first]
    facets = found.order_by().values("objectives__number").annotate(n=Count("id"))
    assert {row["objectives__number"]: row["n"] for row in facets} == {5: 1, None: 1}
    assert list(found.order_by("-relevance", "pk")[1:2].values_list("title", flat=True)) == [
        "Migrant two"
    ]
    assert Note.objects.filter(pk__in=found.values("pk")).count() == 2


def test_matching_without_a_searchable_word_leaves_the_queryset_alone(publish):
    publish("First")
    publish("Second")

    found = matching(Note.objects.order_by("title"), "?!")

    assert [(note.title, note.relevance) for note in found] == [("First", 0.0), ("Second", 0.0)]


def test_matching_refuses_an_unregistered_model(db):
    with pytest.raises(LookupError):
        matching(Note.objects.all(), "migrant")
