"""Words of a paragraph: where a proposal's words are, what a paragraph reads once proposals are
applied, and the marked pieces the compilation and the comparison show (additions, deletions,
square brackets around text not agreed).

A paragraph's words are its text split on white space; positions count words from 0. Functions
take any object with KIND, START, END and TEXT (a Proposal, or an Edit) for a change.

Pieces carry their spaces: the pieces of a paragraph joined together read as its words joined
by single spaces. A marked piece ("ins", "del") never starts or ends with a space; the space
between two runs goes at the end of the first run when it is plain, else at the start of the
second when that one is plain, else (two marked runs side by side) in a piece ("", " ") of its
own. Square brackets are plain pieces "[" and "]" touching the words they enclose."""

from difflib import SequenceMatcher
from typing import NamedTuple

# ProposalKind values, repeated here so that this module needs no Django.
REPLACE = "replace"
INSERT = "insert"
DELETE_WORDS = "delete-words"
DELETE_PARAGRAPH = "delete-paragraph"
ADD_AFTER = "add-after"
RETAIN = "retain"

EDGE_PUNCTUATION = ",;.:"
BRACKETS = ("[", "]")


class Piece(NamedTuple):
    """A run of text to show as it is (MARK ""), as added ("ins": bold) or as removed ("del":
    struck through). Pieces are shown one after the other, with the spaces they carry."""

    mark: str
    text: str


class Edit(NamedTuple):
    kind: str  # a ProposalKind value
    start: int | None = None
    end: int | None = None
    text: str = ""


class WordsNotFound(ValueError):
    """The words given are not in the paragraph."""


class WordsAmbiguous(ValueError):
    """The words given are in the paragraph more than once."""


def words(text: str) -> list[str]:
    """The words of TEXT: its text split on white space."""
    return text.split()


def normalise(text: str) -> str:
    """TEXT with its white space made single spaces, trimmed."""
    return " ".join(text.split())


def find_words(text: str, phrase: str) -> tuple[int, int]:
    """(start, end) of the words of PHRASE in TEXT; WordsNotFound or WordsAmbiguous if not once."""
    wanted = words(phrase)
    if not wanted:
        raise WordsNotFound(phrase)
    found = _runs(words(text), wanted)
    if not found:  # then forgive case and the punctuation at the edges of words
        found = _runs([_loose(w) for w in words(text)], [_loose(w) for w in wanted])
    if not found:
        raise WordsNotFound(phrase)
    if len(found) > 1:
        raise WordsAmbiguous(phrase)
    return found[0], found[0] + len(wanted)


def _runs(haystack: list[str], needle: list[str]) -> list[int]:
    size = len(needle)
    return [i for i in range(len(haystack) - size + 1) if haystack[i : i + size] == needle]


def _loose(word: str) -> str:
    return word.strip(EDGE_PUNCTUATION).casefold()


def apply_edits(text: str, edits) -> str | None:
    """TEXT with EDITS applied (None when the paragraph is deleted).

    All positions refer to TEXT as given. A paragraph deletion wins; else the last replacement
    in the order given; else every word inside a deletion goes, and each insertion goes before
    the word at its point (several at one point in the order given; a point strictly inside
    deleted words moves to where they start). Retentions and additions after change nothing."""
    edits = list(edits)
    if any(edit.kind == DELETE_PARAGRAPH for edit in edits):
        return None
    replacements = [edit for edit in edits if edit.kind == REPLACE]
    if replacements:
        return normalise(replacements[-1].text)
    old = words(text)
    deleted = _deleted(edits, len(old))
    inserted: dict[int, list[str]] = {}
    for edit in edits:
        if edit.kind == INSERT:
            point = min(edit.start, len(old))
            while point > 0 and point - 1 in deleted and point in deleted:
                point -= 1
            inserted.setdefault(point, []).extend(words(edit.text))
    result = []
    for i in range(len(old) + 1):
        result += inserted.get(i, [])
        if i < len(old) and i not in deleted:
            result.append(old[i])
    return " ".join(result)


def _deleted(edits, count: int) -> set[int]:
    """Positions of the words the word deletions among EDITS remove."""
    return {
        i
        for edit in edits
        if edit.kind == DELETE_WORDS
        for i in range(edit.start, min(edit.end, count))
    }


def proposal_pieces(text: str, edit) -> list[Piece]:
    """TEXT as EDIT would have it, additions and deletions marked.

    An insertion or a word deletion shows the paragraph with the words marked in place; a
    replacement shows the word difference; a paragraph deletion the whole text struck through;
    an addition after the new paragraph alone, marked added; a retention the text as it is."""
    old = words(text)
    if edit.kind == INSERT:
        return _pieces(
            [("", old[: edit.start]), ("ins", words(edit.text)), ("", old[edit.start :])]
        )
    if edit.kind == DELETE_WORDS:
        runs = [("", old[: edit.start]), ("del", old[edit.start : edit.end])]
        return _pieces([*runs, ("", old[edit.end :])])
    if edit.kind == REPLACE:
        return diff_pieces(text, edit.text)
    if edit.kind == DELETE_PARAGRAPH:
        return _pieces([("del", old)])
    if edit.kind == ADD_AFTER:
        return _pieces([("ins", words(edit.text))])
    return _pieces([("", old)])


def bracketed(text: str, edits) -> list[Piece]:
    """TEXT with square brackets around the words EDITS would change (not agreed).

    Word deletions bracket their words, a replacement the old words its word difference removes
    or changes (the whole paragraph when no word is kept), a paragraph deletion the whole
    paragraph; insertions, retentions and additions after bracket nothing. Overlapping or
    touching runs make one bracketed run."""
    edits, old = list(edits), words(text)
    touched = _deleted(edits, len(old))
    for edit in edits:
        if edit.kind == DELETE_PARAGRAPH:
            touched.update(range(len(old)))
        elif edit.kind == REPLACE:
            for tag, i1, i2, _j1, _j2 in _opcodes(old, words(edit.text)):
                if tag in ("delete", "replace"):
                    touched.update(range(i1, i2))
    runs = [("", [word]) for word in old]
    for i in sorted(touched, reverse=True):  # from the end, so earlier indices hold
        if i + 1 not in touched:
            runs.insert(i + 1, ("]", []))
        if i - 1 not in touched:
            runs.insert(i, ("[", []))
    return _pieces(runs)


def diff_pieces(old: str, new: str) -> list[Piece]:
    """NEW compared with OLD word by word: removed words marked "del", added "ins"."""
    a, b = words(old), words(new)
    runs = []
    for tag, i1, i2, j1, j2 in _opcodes(a, b):
        if tag == "equal":
            runs.append(("", a[i1:i2]))
        else:
            runs += [("del", a[i1:i2]), ("ins", b[j1:j2])]
    return _pieces(runs)


def _opcodes(a: list[str], b: list[str]):
    return SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _pieces(runs: list[tuple[str, list[str]]]) -> list[Piece]:
    """Pieces of RUNS of words, spaces placed as the module says; a run marked "[" or "]"
    stands for that bracket."""
    merged: list[tuple[str, str]] = []
    for mark, run in runs:
        text = " ".join(run)
        if mark in BRACKETS:
            merged.append((mark, mark))
        elif text and merged and merged[-1][0] == mark:
            merged[-1] = (mark, f"{merged[-1][1]} {text}")
        elif text:
            merged.append((mark, text))
    pieces: list[Piece] = []
    for i, (mark, text) in enumerate(merged):
        before = merged[i - 1][0] if i else "["  # no space before the first piece
        if before != "[" and mark != "]":
            if before == "":
                pieces[-1] = Piece("", pieces[-1].text + " ")
            elif mark == "":
                text = " " + text
            else:
                pieces.append(Piece("", " "))
        pieces.append(Piece("" if mark in BRACKETS else mark, text))
    return pieces
