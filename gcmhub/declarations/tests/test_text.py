import pytest

from gcmhub.declarations.text import (
    Edit,
    Piece,
    WordsAmbiguous,
    WordsNotFound,
    apply_edits,
    bracketed,
    diff_pieces,
    find_words,
    normalise,
    proposal_pieces,
    words,
)

TEXT = "We commit to strengthen cooperation on safe, orderly and regular migration."
# words: 0 We, 1 commit, 2 to, 3 strengthen, 4 cooperation, 5 on, 6 safe, 7 orderly, 8 and,
# 9 regular, 10 migration.


def test_words_and_normalise_follow_white_space():
    assert words("  We  commit\nto\tact. ") == ["We", "commit", "to", "act."]
    assert normalise("  We  commit\nto\tact. ") == "We commit to act."


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("We", (0, 1)),
        ("strengthen  cooperation", (3, 5)),
        ("regular migration.", (9, 11)),
        ("SAFE orderly", (6, 8)),  # no exact match: case and edge punctuation forgiven
        ("regular migration", (9, 11)),
    ],
)
def test_find_words_gives_the_run_of_words(phrase, expected):
    assert find_words(TEXT, phrase) == expected


@pytest.mark.parametrize("phrase", ["", "   ", "cooperation safe", "migrant", "commit strengthen"])
def test_find_words_refuses_words_not_there(phrase):
    with pytest.raises(WordsNotFound):
        find_words(TEXT, phrase)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("safe and orderly, safe and regular", "safe and"),
        ("Safe, orderly and safe migration", "SAFE"),  # loosely, twice
    ],
)
def test_find_words_refuses_words_found_twice(text, phrase):
    with pytest.raises(WordsAmbiguous):
        find_words(text, phrase)


def test_find_words_prefers_the_one_exact_match_to_loose_ones():
    assert find_words("Safe, orderly and safe migration", "Safe,") == (0, 1)


def test_apply_edits_deletes_words_and_inserts_at_original_positions():
    edits = [
        Edit("insert", 11, 11, "in all its dimensions"),
        Edit("delete-words", 6, 7),
        Edit("insert", 0, 0, "Today"),
        Edit("retain"),
        Edit("add-after", text="A new paragraph."),
    ]

    assert apply_edits(TEXT, edits) == (
        "Today We commit to strengthen cooperation on orderly and regular migration. "
        "in all its dimensions"
    )


def test_apply_edits_merges_overlapping_deletions_and_keeps_an_insertion_inside_them():
    edits = [
        Edit("insert", 5, 5, "international"),
        Edit("delete-words", 3, 5),
        Edit("delete-words", 4, 7),
        Edit("insert", 3, 3, "deepen"),
    ]

    assert apply_edits(TEXT, edits) == (
        "We commit to international deepen orderly and regular migration."
    )


def test_apply_edits_places_insertions_at_one_point_in_the_order_given():
    edits = [Edit("insert", 2, 2, "really"), Edit("insert", 2, 2, "and truly")]

    assert apply_edits("We commit to act.", edits) == "We commit really and truly to act."


def test_apply_edits_takes_the_last_replacement_over_word_changes():
    edits = [
        Edit("replace", text="First  version."),
        Edit("delete-words", 0, 2),
        Edit("replace", text="Second\nversion."),
    ]

    assert apply_edits(TEXT, edits) == "Second version."


def test_apply_edits_gives_none_when_the_paragraph_is_deleted():
    edits = [Edit("replace", text="New text."), Edit("delete-paragraph")]

    assert apply_edits(TEXT, edits) is None


def test_apply_edits_without_changes_gives_the_text_normalised():
    assert apply_edits(" We  act. ", [Edit("retain")]) == "We act."


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            Edit("insert", 3, 3, "further"),
            [
                Piece("", "We commit to "),
                Piece("ins", "further"),
                Piece("", " strengthen cooperation on safe, orderly and regular migration."),
            ],
        ),
        (
            Edit("insert", 0, 0, "Today,"),
            [Piece("ins", "Today,"), Piece("", " " + TEXT)],
        ),
        (
            Edit("insert", 11, 11, "worldwide"),
            [Piece("", TEXT + " "), Piece("ins", "worldwide")],
        ),
        (
            Edit("delete-words", 6, 9),
            [
                Piece("", "We commit to strengthen cooperation on "),
                Piece("del", "safe, orderly and"),
                Piece("", " regular migration."),
            ],
        ),
        (
            Edit("replace", text="We commit to deepen cooperation on regular migration."),
            [
                Piece("", "We commit to "),
                Piece("del", "strengthen"),
                Piece("", " "),
                Piece("ins", "deepen"),
                Piece("", " cooperation on "),
                Piece("del", "safe, orderly and"),
                Piece("", " regular migration."),
            ],
        ),
        (Edit("delete-paragraph"), [Piece("del", TEXT)]),
        (Edit("add-after", text="We  will meet in 2030."), [Piece("ins", "We will meet in 2030.")]),
        (Edit("retain"), [Piece("", TEXT)]),
    ],
)
def test_proposal_pieces_mark_the_change_in_place(edit, expected):
    pieces = proposal_pieces(TEXT, edit)

    assert pieces == expected


def test_diff_pieces_of_a_change_in_the_middle_keep_single_spaces():
    pieces = diff_pieces("a b c d", "a x y d e")

    assert pieces == [
        Piece("", "a "),
        Piece("del", "b c"),
        Piece("", " "),
        Piece("ins", "x y"),
        Piece("", " d "),
        Piece("ins", "e"),
    ]
    assert "".join(piece.text for piece in pieces) == "a b c x y d e"


def test_diff_pieces_of_the_same_text_is_one_plain_piece():
    assert diff_pieces("We  act.", "We act.") == [Piece("", "We act.")]


def test_bracketed_several_overlapping_proposals_make_one_run():
    edits = [
        Edit("delete-words", 3, 5),
        Edit("delete-words", 4, 7),
        Edit("insert", 5, 5, "international"),
        Edit("retain"),
    ]

    assert bracketed(TEXT, edits) == [
        Piece("", "We commit to "),
        Piece("", "["),
        Piece("", "strengthen cooperation on safe,"),
        Piece("", "]"),
        Piece("", " orderly and regular migration."),
    ]


def test_bracketed_touching_ranges_merge_and_apart_ranges_do_not():
    edits = [Edit("delete-words", 0, 1), Edit("delete-words", 1, 2), Edit("delete-words", 10, 11)]

    assert bracketed(TEXT, edits) == [
        Piece("", "["),
        Piece("", "We commit"),
        Piece("", "]"),
        Piece("", " to strengthen cooperation on safe, orderly and regular "),
        Piece("", "["),
        Piece("", "migration."),
        Piece("", "]"),
    ]


def test_bracketed_replacement_brackets_the_old_words_it_changes():
    edit = Edit("replace", text="We commit to deepen cooperation on safe and regular migration.")

    assert bracketed(TEXT, [edit]) == [
        Piece("", "We commit to "),
        Piece("", "["),
        Piece("", "strengthen"),
        Piece("", "]"),
        Piece("", " cooperation on "),
        Piece("", "["),
        Piece("", "safe, orderly"),
        Piece("", "]"),
        Piece("", " and regular migration."),
    ]


def test_bracketed_replacement_that_only_adds_words_brackets_nothing():
    edit = Edit("replace", text=TEXT + " We will act.")

    assert bracketed(TEXT, [edit]) == [Piece("", TEXT)]


@pytest.mark.parametrize(
    "edit", [Edit("delete-paragraph"), Edit("replace", text="An entirely new text.")]
)
def test_bracketed_whole_paragraph(edit):
    assert bracketed(TEXT, [edit]) == [Piece("", "["), Piece("", TEXT), Piece("", "]")]


@pytest.mark.parametrize(
    "edits",
    [[], [Edit("insert", 2, 2, "x"), Edit("retain"), Edit("add-after", text="New paragraph.")]],
)
def test_bracketed_without_removals_is_the_plain_text(edits):
    assert bracketed(TEXT, edits) == [Piece("", TEXT)]
