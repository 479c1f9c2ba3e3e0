"""Excerpts around the matched words: found the way the engines match, cut from the original."""

import pytest
from django.template.loader import render_to_string

from gcmhub.search.excerpts import CHUNK, Excerpt, excerpt


def _marked(found: Excerpt) -> list[str]:
    return [text for text, is_match in found.parts if is_match]


def test_excerpt_matches_without_accents():
    text = "La migración regular es importante."

    found = excerpt([text], "migracion")

    assert found == Excerpt(
        parts=(("La ", False), ("migración", True), (" regular es importante.", False)),
        starts_inside=False,
        ends_inside=False,
    )


def test_excerpt_marks_the_whole_word_a_prefix_matches():
    text = "Protecting Migrants and their families."

    found = excerpt([text], "migrant")

    assert found.parts == (
        ("Protecting ", False),
        ("Migrants", True),
        (" and their families.", False),
    )


def test_excerpt_matches_a_single_letter_only_as_a_whole_word():
    text = "Plan a, plan ab and plan A."

    found = excerpt([text], "a")

    assert found.parts == (
        ("Plan ", False),
        ("a", True),
        (", plan ab and plan ", False),
        ("A", True),
        (".", False),
    )


def test_excerpt_marks_a_phrase_not_its_words_apart():
    text = "Workers who are migrants, and migrant workers."

    found = excerpt([text], '"migrant workers"')

    assert found.parts == (
        ("Workers who are migrants, and ", False),
        ("migrant workers", True),
        (".", False),
    )


def test_excerpt_marks_a_chinese_word_not_its_characters_apart():
    text = "移动的人民应当保护移民工人的权利。"

    found = excerpt([text], "移民")

    assert found.parts == (
        ("移动的人民应当保护", False),
        ("移民", True),
        ("工人的权利。", False),
    )


@pytest.mark.parametrize(
    ("text", "query", "marked"),
    [
        ("La migracio\u0301n regular", "migración", "migracio\u0301n"),
        ("Die Straße der Migration", "strasse", "Straße"),
        ("ＭＩＧＲＡＮＴＳ welcome", "migrant", "ＭＩＧＲＡＮＴＳ"),
        ("إن الْهِجْرَة الآمنة", "الهجرة", "الْهِجْرَة"),
        ("أمن الإنسان", "امن", "أمن"),
        ("العمـــال المهاجرون", "العمال", "العمـــال"),
        ("عام ٢٠٢٣ كان", "2023", "٢٠٢٣"),
        ("한국어 교육", "한국", "한국"),
        (
            "\u1112\u1161\u11ab\u1100\u116e\u11a8\u110b\u1165",
            "한국",
            "\u1112\u1161\u11ab\u1100\u116e\u11a8",
        ),
        ("我们使用GPS定位", "gps", "GPS"),
    ],
)
def test_excerpt_matches_as_the_index_does(text, query, marked):
    found = excerpt([text], query)

    assert _marked(found) == [marked]


def test_excerpt_comes_from_the_first_text_that_matches():
    texts = [None, "", "A summary about rights.", "The document: migrants."]

    found = excerpt(texts, "migrant")

    assert found.parts == (("The document: ", False), ("migrants", True), (".", False))


def test_excerpt_is_none_without_terms():
    found = excerpt(["«Migrants» — everywhere…"], "«»—…")

    assert found is None


def test_excerpt_is_none_without_a_match():
    found = excerpt(["Immigrants and emigration.", None], "migrant")

    assert found is None


def test_excerpt_cuts_between_words_and_says_so():
    text = "alpha bravo charlie delta migrants echo foxtrot golf hotel"

    found = excerpt([text], "migrant", width=24)

    assert found == Excerpt(
        parts=(("delta ", False), ("migrants", True), (" echo", False)),
        starts_inside=True,
        ends_inside=True,
    )


def test_excerpt_of_a_match_at_the_start_does_not_start_inside():
    text = "Migrants arrive here every day of the year."

    found = excerpt([text], "migrant", width=20)

    assert found == Excerpt(
        parts=(("Migrants", True), (" arrive here", False)),
        starts_inside=False,
        ends_inside=True,
    )


def test_excerpt_marks_every_match_in_the_passage():
    text = "Migrants, migrant\nworkers and   MIGRANT families."

    found = excerpt([text], "migrant")

    assert found.parts == (
        ("Migrants", True),
        (", ", False),
        ("migrant", True),
        (" workers and ", False),
        ("MIGRANT", True),
        (" families.", False),
    )


def test_excerpt_prefers_a_passage_with_every_term():
    text = "Rights first. " + "Filler words here. " * 30 + "The rights of migrants matter."

    found = excerpt([text], "migrant rights", width=40)

    assert found == Excerpt(
        parts=(
            ("here. The ", False),
            ("rights", True),
            (" of ", False),
            ("migrants", True),
            (" matter.", False),
        ),
        starts_inside=True,
        ends_inside=False,
    )


@pytest.mark.parametrize("offset", [0, CHUNK - 20, CHUNK - 3, CHUNK + 5, 3 * CHUNK])
def test_excerpt_finds_a_phrase_anywhere_in_a_long_text(offset):
    text = "x" * offset + " migrant workers " + "y " * 5000

    found = excerpt([text], '"migrant workers"', width=30)

    assert _marked(found) == ["migrant workers"]


def test_excerpt_of_a_long_chinese_text_cuts_between_characters():
    text = "的" * 20_000 + "移民" + "的" * 20_000

    found = excerpt([text], "移民", width=10)

    assert found == Excerpt(
        parts=(("的" * 4, False), ("移民", True), ("的" * 4, False)),
        starts_inside=True,
        ends_inside=True,
    )


def test_excerpt_of_a_long_accented_text():
    text = "Él está aquí. " * 20_000 + "La migración"

    found = excerpt([text], "migracion", width=20)

    assert found == Excerpt(
        parts=(("aquí. La ", False), ("migración", True)),
        starts_inside=True,
        ends_inside=False,
    )


@pytest.mark.parametrize(
    ("texts", "query", "marked"),
    [
        (None, "migrant", None),
        ([None, 7, b"migrants", "", "!!!", "\x00"], "migrant", None),
        (["\x00migrants\x00"], "migrant", ["migrants"]),
        (["x" * 100_000 + "migrants"], "migrant", None),
        (["x" * 100_000 + " migrants"], "migrant", ["migrants"]),
        (["migrants"], None, None),
        (["migrants"], '"', None),
    ],
)
def test_excerpt_accepts_odd_input(texts, query, marked):
    found = excerpt(texts, query)

    assert (found and _marked(found)) == marked


def test_excerpt_shows_a_lone_surrogate_as_a_replacement_character():
    found = excerpt(["\ud800 migrants"], "migrant")

    assert found.parts == (("\ufffd ", False), ("migrants", True))


def test_excerpt_template_escapes_the_text_and_marks_the_matches():
    found = excerpt(
        ["<script>Migrants</script> & <b>families</b> " + "etc " * 100], "migrant", width=60
    )

    html = render_to_string("components/excerpt.html", {"excerpt": found})

    assert html == (
        '<p class="excerpt">&lt;script&gt;<mark>Migrants</mark>&lt;/script&gt; &amp; '
        "&lt;b&gt;families&lt;/b&gt; etc etc etc etc…</p>\n"
    )


def test_excerpt_template_renders_nothing_without_an_excerpt():
    html = render_to_string("components/excerpt.html", {"excerpt": None})

    assert html == "\n"
