"""Normalisation and query parsing: the same tokens for both engines, nothing unsafe out."""

import pytest

from gcmhub.search.queries import Term, terms
from gcmhub.search.text import normalise


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Migrant WORKERS", "migrant workers"),
        ("La migración régulière", "la migracion reguliere"),
        ("e-mail: l'homme_fort!", "e mail l homme fort"),
        ("Straße", "strasse"),
        ("Ёлка", "елка"),
        ("الْهِجْرَة", "الهجره"),
        ("أمن إنسان آمن ٱلعمل مستشفى", "امن انسان امن العمل مستشفي"),
        ("العمـــال", "العمال"),
        ("عام ٢٠٢٣", "عام 2023"),
        ("保护移民工人", "保 护 移 民 工 人"),
        ("移民（migrants）", "移 民 migrants"),
        ("ＡＢＣ１２３", "abc123"),
        ("한국어", "한 국 어"),
        ("", ""),
    ],
)
def test_normalise(text, normalised):
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("migrant", [Term(("migrant",), prefix=True)]),
        ("Migrant workers", [Term(("migrant",), prefix=True), Term(("workers",), prefix=True)]),
        ('"migrant workers"', [Term(("migrant", "workers"))]),
        ('"migrant', [Term(("migrant",), prefix=True)]),
        ("a", [Term(("a",))]),
        ("移民", [Term(("移", "民"))]),
        ("移民，工人", [Term(("移", "民")), Term(("工", "人"))]),
        ("abc移民", [Term(("abc",), prefix=True), Term(("移", "民"))]),
        ("migración Migracion", [Term(("migracion",), prefix=True)]),
        ('a" OR "b', [Term(("a",)), Term(("or",)), Term(("b",))]),
        (
            "NEAR(migrant, 2)",
            [Term(("near",), prefix=True), Term(("migrant",), prefix=True), Term(("2",))],
        ),
        ("x" * 101, []),
    ],
)
def test_terms(text, parsed):
    assert terms(text) == parsed


@pytest.mark.parametrize("text", ["", "   ", '"', '""', "*", "-", ":", "& | ! ( )", "«»—…", "_"])
def test_terms_empty_without_a_searchable_word(text):
    assert terms(text) == []


def test_terms_keeps_at_most_twenty():
    text = " ".join(f"word{n}" for n in range(50))

    parsed = terms(text)

    assert parsed == [Term((f"word{n}",), prefix=True) for n in range(20)]


def test_terms_phrase_keeps_at_most_twenty_tokens():
    parsed = terms("移" * 500)

    assert parsed == [Term(("移",) * 20)]


def test_compatibility_forms_fold_to_lower_case():
    assert normalise("Brand™ ℍotel") == "brandtm hotel"
