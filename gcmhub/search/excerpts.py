"""Short excerpts of long texts around the words a search matched, cut from the original text.

The index holds normalised text, so matches are found here the way the engines find them:
normalise() decides, word by word. Reading a long text that way costs too much, so the text is
first scanned in chunks that are only casefolded and decomposed (NFKD), with patterns that find
every place where a term could match (and a few where it does not); only the few hundred
characters around such a place are split into words and normalised."""

import functools
import heapq
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gcmhub.search.text import ARABIC, CJK, Term, normalise, terms

CHUNK = 8192  # characters scanned at a time: most excerpts need the first chunk only
LOOKAHEAD = 100_000  # characters scanned past a first match for a window with every term
ATTEMPTS = 8  # windows checked word by word for every term before the first match is taken
PLACES = 100  # places of each term in a chunk where a window with every term is looked for
WORD_REACH = 256  # how far to look for the start or end of a word before cutting it anyway
SNAP_REACH = 40  # how far an excerpt may grow past its width to end at a word boundary

_BLANK = "\\s\x00-\x1f\x7f-\x9f"  # whitespace and control characters: shown as one space
_BLANKS = re.compile(f"[{_BLANK}]+")
_NOT_BLANK = re.compile(f"[^{_BLANK}]")
_PUNCTUATION = "!-/:-@\\[-`{-~"  # ASCII: separators that never join words
_BLANK_OR_PUNCTUATION = re.compile(f"[{_BLANK}{_PUNCTUATION}]")
_LAST_SEPARATOR = re.compile(f"(?s:.*)[{_BLANK}{_PUNCTUATION}]")
_SURROGATES = re.compile("[\ud800-\udfff]")  # cannot be encoded in a response


def _code_ranges(*ranges: str) -> list[tuple[int, int]]:
    """RANGES ("a-b", as in a regular-expression class) as pairs of code points."""
    return [(ord(r[0]), ord(r[-1])) for r in ranges]


def _without(
    ranges: list[tuple[int, int]], excluded: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    for low, high in excluded:
        ranges = [
            piece
            for a, b in ranges
            for piece in ((a, min(b, low - 1)), (max(a, high + 1), b))
            if piece[0] <= piece[1]
        ]
    return ranges


# CJK characters are words of their own, so a text may be cut before or after one, except
# before a character that attaches to the one before it (Hangul vowels and finals, voiced sound
# marks, tone marks) or after one that may take such a character (Hangul, kana). Checked in
# Python, character by character: patterns with these classes take long to compile.
_CJK_RANGES = _code_ranges(*re.findall(".-.", CJK))
_ATTACHING = _code_ranges("\u1160-\u11ff", "\u302a-\u302f", "\u3099-\u309a", "\u3131-\u318f")
_ATTACHING += _code_ranges("\ud7b0-\ud7ff", "\uff9e-\uffdc")
_TAKING = _code_ranges("\u1100-\u115f", "\u3040-\u30ff", "\u31f0-\u31ff", "\ua960-\ua97f")
_TAKING += _code_ranges("\uac00-\ud7a3", "\uff66-\uff9d")
_CJK_FIRST = _without(_CJK_RANGES, _ATTACHING)  # a word may begin before these
_CJK_LAST = _without(_CJK_RANGES, _ATTACHING + _TAKING)  # a word may end after these


def _is_in(char: str, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= ord(char) <= b for a, b in ranges)


@functools.lru_cache(maxsize=65536)
def _is_cjk(char: str) -> bool:
    return _is_in(char, _CJK_RANGES)


@functools.lru_cache(maxsize=65536)
def _sides(char: str) -> tuple[bool, bool, bool]:
    """Whether a text may be cut just after CHAR, and just before it, for an excerpt (at a
    blank or a CJK character); and whether it may be cut on either side of CHAR without
    cutting a word besides (ASCII punctuation)."""
    blank = _NOT_BLANK.match(char) is None
    return (
        blank or _is_in(char, _CJK_LAST),
        blank or _is_in(char, _CJK_FIRST),
        _BLANK_OR_PUNCTUATION.match(char) is not None,
    )


def _is_edge(text: str, position: int, *, shown: bool = False) -> bool:
    """Whether no word goes on across POSITION in TEXT (SHOWN: and an excerpt may be cut
    there, which excludes punctuation)."""
    if position <= 0 or position >= len(text):
        return True
    ends, _, after_separator = _sides(text[position - 1])
    _, begins, before_separator = _sides(text[position])
    return ends or begins or (not shown and (after_separator or before_separator))


def _first_edge(text: str, lo: int, hi: int, *, shown: bool = False) -> int | None:
    for position in range(max(lo, 0), min(hi, len(text)) + 1):
        if _is_edge(text, position, shown=shown):
            return position
    return None


def _last_edge(text: str, lo: int, hi: int, *, shown: bool = False) -> int | None:
    for position in range(min(hi, len(text)), max(lo, 0) - 1, -1):
        if _is_edge(text, position, shown=shown):
            return position
    return None


# Pieces of the patterns run on casefolded, decomposed text. Inside a word, normalise() drops
# combining marks (not word characters) and tatweel; between the words of a phrase there may be
# anything that is not a word character, or nothing at all (CJK).
_GLUE = "(?:[^\\w\\s]|\u0640)*"
_GAP = "[\\W_\u0640]*"
_LATIN_ACCENT = "[\u0300-\u036f]"
_VARIANTS = {  # the Arabic letters that normalise() folds to each letter
    letter: {letter, *(variant for variant, folded in ARABIC.items() if folded == letter)}
    for letter in set(ARABIC.values())
    if letter
}

# How each character takes part in words (see _kind).
_SEPARATOR, _JOINER, _LETTER_KIND, _CJK_KIND, _JAMO = range(5)
_ATTACHING_JAMO = re.compile("[\u1160-\u11ff\ud7b0-\ud7ff]")  # Hangul vowels and finals


@dataclass(frozen=True)
class Excerpt:
    """A passage of a text with the matched words marked, in order; the flags say whether the
    text goes on before or after it (shown as "…")."""

    parts: tuple[tuple[str, bool], ...]  # (text, is_match)
    starts_inside: bool
    ends_inside: bool


def excerpt(texts: Iterable[str | None], query: str, *, width: int = 240) -> Excerpt | None:
    """The passage of about WIDTH characters around the first place in TEXTS (tried in order:
    e.g. summary, then each document's text) where the query's terms match, with every match
    inside the passage marked; None when the query has no terms or nothing matches. A window
    with every term is preferred to the first match of one, if one is found in the first
    ATTEMPTS tries and LOOKAHEAD characters after the first match."""
    found = terms(query)
    if not found:
        return None
    width = max(width, 1)
    first = None  # (text, start, end) of the first match of any term
    budget, attempts = LOOKAHEAD, ATTEMPTS
    for text in texts or ():
        if not isinstance(text, str):
            continue
        for start, end in _chunks(text, overlap=width + 2 * WORD_REACH):
            chunk = _Chunk.of(text, start, end)
            places = chunk.places(found)
            head = list(itertools.islice(places, PLACES * len(found)))
            if attempts and head:
                window, attempts = _window_in(chunk, head, found, width, attempts)
                if window:
                    return _passage(text, *window, found, width)
            if first:
                budget -= end - start
            elif head:
                first = _first_match(chunk, itertools.chain(head, places), found)
            if first and (budget <= 0 or not attempts):
                return _passage(*first, found, width)
    return _passage(*first, found, width) if first else None


@dataclass(frozen=True)
class _Chunk:
    """TEXT[START:END], casefolded and decomposed (FOLDED: never shorter), where the terms are
    looked for first. PLAIN: ASCII, folded by lowercasing alone."""

    text: str
    start: int
    end: int
    folded: str
    plain: bool

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "_Chunk":
        chunk = text[start:end]
        if chunk.isascii():
            return cls(text, start, end, chunk.lower(), plain=True)
        return cls(text, start, end, unicodedata.normalize("NFKD", chunk.casefold()), plain=False)

    @property
    def shift(self) -> int:
        """How much longer the folded text is: a place in it is at most that far after the
        same place in the text."""
        return len(self.folded) - (self.end - self.start)

    def places(self, found: list[Term]) -> Iterator[tuple[int, int, int]]:
        """(start, end, term index) in FOLDED, by start, of every place where a term may match."""
        searches = [_search(term, plain=self.plain) for term in found]
        return heapq.merge(
            *(search.places(self.folded, index) for index, search in enumerate(searches) if search)
        )

    def words_around(self, low: int, high: int, *, margin: int = 0) -> tuple[int, int]:
        """The bounds in the text of the words around LOW:HIGH in FOLDED, and MARGIN more."""
        return _words_around(
            self.text, self.start + low - self.shift - margin, self.start + high + margin
        )


def _window_in(
    chunk: _Chunk, places: list[tuple[int, int, int]], found: list[Term], width: int, attempts: int
) -> tuple[tuple[int, int] | None, int]:
    """The first window of at most WIDTH characters with a match of every term in CHUNK, near
    PLACES, if one is found in ATTEMPTS checks word by word; and the attempts left."""
    checked = (0, 0)
    for low, high in _windows(places, len(found), width + chunk.shift):
        lo, hi = chunk.words_around(low, high, margin=width)
        if checked[0] <= lo and hi <= checked[1]:
            continue  # the previous check had all of it
        window = _window(_matches(chunk.text, lo, hi, found), len(found), width)
        if window:
            return window, attempts
        checked = (lo, hi)
        attempts -= 1
        if not attempts:
            break
    return None, attempts


def _first_match(
    chunk: _Chunk, places: Iterable[tuple[int, int, int]], found: list[Term]
) -> tuple[str, int, int] | None:
    """The text of CHUNK with the bounds of the first match of any term, at one of PLACES."""
    for low, high, _ in places:
        matches = _matches(chunk.text, *chunk.words_around(low, high), found)
        if matches:
            return chunk.text, matches[0][0], matches[0][1]
    return None


@dataclass(frozen=True)
class _Search:
    """How a term is looked for in folded text: PATTERN, then (unless the pattern does) that
    no letter comes just before it (START) or, for a whole word, just after it (END)."""

    pattern: re.Pattern
    start: bool
    end: bool

    def places(self, folded: str, index: int) -> Iterator[tuple[int, int, int]]:
        for match in self.pattern.finditer(folded):
            start, end = match.span()
            if self.start and _is_letter(folded, start - 1, -1):
                continue
            if self.end and _is_letter(folded, end, 1):
                continue
            yield start, end, index


@functools.lru_cache(maxsize=256)
def _search(term: Term, *, plain: bool) -> _Search | None:
    """How TERM is looked for in casefolded and decomposed text, so as to find every place
    where it matches the normalised text, and a few where it does not (the words there are
    checked afterwards). PLAIN: ASCII text, where the pattern is a literal (which the regular
    expression engine finds fastest) and checks what comes before and after it; None when the
    term cannot match such text."""
    tokens = []
    for token in term.tokens:
        letters = [c for c in unicodedata.normalize("NFKD", token) if not _is_mark(c)]
        if not letters or (plain and not token.isascii()):
            return None
        tokens.append(letters)
    starts_word = not _is_cjk(tokens[0][0])  # a CJK character is a word of its own
    ends_word = not term.prefix and not _is_cjk(tokens[-1][-1])
    if not plain:
        # Checked here for ASCII letters and Latin accents (the most common neighbours, as in
        # "immigration" or "émigration" for "migration"), for all letters by _Search.places().
        words = [[_letter_pattern(letter) for letter in word] for word in tokens]
        if starts_word:
            words[0][0] += f"(?<![a-z0-9].)(?<![a-z0-9]{_LATIN_ACCENT}.)"
        pattern = _GAP.join(_GLUE.join(word) for word in words)
        if ends_word:
            pattern += f"(?!{_LATIN_ACCENT}*[a-z0-9])"
        return _Search(re.compile(pattern), start=starts_word, end=ends_word)
    words = ["".join(word) for word in tokens]
    if starts_word:  # after the first word: patterns that begin with a character are fastest
        words[0] += f"(?<![a-z0-9].{{{len(words[0])}}})"
    pattern = _GAP.join(words) + ("(?![a-z0-9])" if ends_word else "")
    return _Search(re.compile(pattern), start=False, end=False)


def _is_letter(folded: str, position: int, step: int) -> bool:
    """Whether there is a letter (not CJK) at POSITION in FOLDED, or past marks from there in
    the direction of STEP: then the word there goes on."""
    for _ in range(8):  # marks, rarely more than three
        if not 0 <= position < len(folded):
            return False
        char = folded[position]
        if char == "\u0640" or _is_mark(char):
            position += step
            continue
        return char.isalnum() and not _is_cjk(char)
    return False


def _letter_pattern(letter: str) -> str:
    if letter not in _VARIANTS:
        return re.escape(letter)
    return "[" + "".join(re.escape(variant) for variant in sorted(_VARIANTS[letter])) + "]"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def _windows(
    places: list[tuple[int, int, int]], count: int, width: int
) -> Iterator[tuple[int, int]]:
    """(start, end) of each first stretch of at most WIDTH characters with a place of each of
    COUNT terms, by start."""
    for position, (start, _, _) in enumerate(places):
        seen, end = set(), start
        for other_start, other_end, index in places[position:]:
            if other_start - start > width:
                break
            if other_end - start > width:
                continue
            seen.add(index)
            end = max(end, other_end)
            if len(seen) == count:
                yield start, end
                break


def _window(matches: list[tuple[int, int, int]], count: int, width: int) -> tuple[int, int] | None:
    """The first (start, end) of at most WIDTH characters with a match of each of COUNT terms."""
    for start, end in _windows(matches, count, width):
        return start, end
    return None


def _chunks(text: str, *, overlap: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the parts of TEXT, cut between words, each OVERLAP characters into the
    one before it, so that a passage of fewer characters lies whole in one of them."""
    size = max(CHUNK, 4 * overlap)
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size)
        yield start, end
        start = _cut(text, end - overlap)
    yield start, len(text)


def _cut(text: str, position: int) -> int:
    """The last place at most WORD_REACH characters before POSITION where TEXT may be cut
    without cutting a word (POSITION itself if a word is that long)."""
    last = _last_edge(text, position - WORD_REACH, position)
    return position if last is None else last


def _words_around(text: str, lo: int, hi: int) -> tuple[int, int]:
    """LO and HI moved out to the nearest places between words, so that no word is cut."""
    lo, hi = max(lo, 0), min(hi, len(text))
    start = _last_edge(text, lo - WORD_REACH, lo)
    if start is None:  # a long word: look for a blank or punctuation, however far
        before = _LAST_SEPARATOR.match(text, 0, lo)
        start = before.end() if before else 0
    end = _first_edge(text, hi, hi + WORD_REACH)
    if end is None:
        after = _BLANK_OR_PUNCTUATION.search(text, hi)
        end = after.start() if after else len(text)
    return start, end


# Words and their tokens, for the few hundred characters around a match


@functools.lru_cache(maxsize=65536)
def _kind(char: str) -> int:
    """How CHAR takes part in words, decided by normalise() itself: a letter (or a symbol such
    as ™ that becomes one), a CJK character (a word of its own), a Hangul vowel or final that
    composes with the syllable before it, a joiner (dropped inside a word: accents, harakat,
    tatweel) or a separator."""
    if not normalise(char):
        return _JOINER if normalise(f"a{char}a") == "aa" else _SEPARATOR
    if _ATTACHING_JAMO.match(unicodedata.normalize("NFKD", char)):
        return _JAMO
    if _is_cjk(char):
        return _CJK_KIND
    return _LETTER_KIND


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of each word of TEXT[LO:HI]: letters with their marks, or one CJK
    character, so that normalise() of each gives the tokens of the whole, in order."""
    words = []
    start = None
    alone = False  # the word is one CJK character (with its marks)
    for position in range(lo, hi):
        kind = _kind(text[position])
        if kind == _JOINER or (kind == _JAMO and start is not None):
            continue
        if kind == _SEPARATOR:
            if start is not None:
                words.append((start, position))
                start = None
            continue
        if kind == _LETTER_KIND and start is not None and not alone:
            continue
        if start is not None:
            words.append((start, position))
        start, alone = position, kind != _LETTER_KIND
    if start is not None:
        words.append((start, hi))
    return words


def _tokens(word: str) -> tuple[str, ...]:
    if len(word) > 100:  # a rare long "word" is not worth its room in the cache
        return tuple(normalise(word).split())
    return _short_tokens(word)


@functools.lru_cache(maxsize=65536)
def _short_tokens(word: str) -> tuple[str, ...]:
    return tuple(normalise(word).split())


def _matches(text: str, lo: int, hi: int, found: list[Term]) -> list[tuple[int, int, int]]:
    """(start, end, term index) of every match of the terms FOUND in TEXT[LO:HI], by start."""
    tokens, starts, ends = [], [], []
    for start, end in _words(text, lo, hi):
        for token in _tokens(text[start:end]):
            tokens.append(token)
            starts.append(start)
            ends.append(end)
    where: dict[str, list[int]] = {}
    for position, token in enumerate(tokens):
        where.setdefault(token, []).append(position)
    matches = []
    for index, term in enumerate(found):
        *head, last = term.tokens
        if head:
            firsts = where.get(head[0], [])
        elif term.prefix:
            firsts = [p for token, ps in where.items() if token.startswith(last) for p in ps]
        else:
            firsts = where.get(last, [])
        for position in firsts:
            end = position + len(head)
            if end >= len(tokens) or tokens[position:end] != head:
                continue
            if tokens[end] == last or (term.prefix and tokens[end].startswith(last)):
                matches.append((starts[position], ends[end], index))
    return sorted(matches)


# The passage


def _passage(text: str, start: int, end: int, found: list[Term], width: int) -> Excerpt:
    """The excerpt of about WIDTH characters of TEXT centred on START:END."""
    lo, hi = _bounds(text, start, end, width)
    # Words cut at the edges (only ever very long ones) are read whole, and not marked
    # unless the passage is one match too long to show whole.
    matches = _matches(text, *_words_around(text, min(lo, start), max(hi, end)), found)
    inside = [(s, min(e, hi)) for s, e, _ in matches if lo <= s and (e <= hi or s == start)]
    parts = []
    position = lo
    for mark_start, mark_end in _merged(inside):
        if position < mark_start:
            parts.append((_shown(text[position:mark_start]), False))
        parts.append((_shown(text[mark_start:mark_end]), True))
        position = mark_end
    if position < hi:
        parts.append((_shown(text[position:hi]), False))
    return Excerpt(
        parts=tuple(parts),
        starts_inside=_NOT_BLANK.search(text, 0, lo) is not None,
        ends_inside=_NOT_BLANK.search(text, hi) is not None,
    )


def _bounds(text: str, start: int, end: int, width: int) -> tuple[int, int]:
    """LO and HI of about WIDTH characters of TEXT around START:END, cut between words, with
    no blank at either end."""
    room = width - (end - start)
    if room > 0:
        lo, hi = start - room // 2, end + room - room // 2
        if lo < 0:
            lo, hi = 0, hi - lo
        if hi > len(text):
            lo, hi = max(lo - (hi - len(text)), 0), len(text)
    else:  # the match alone is wider than the excerpt (a very long word or phrase)
        lo, hi = start, start + width
    lo, hi = _snap_start(text, lo, start), _snap_end(text, hi, max(end, lo))
    lo = _NOT_BLANK.search(text, lo, hi).start()
    while not _NOT_BLANK.match(text, hi - 1):
        hi -= 1
    return lo, hi


def _snap_start(text: str, lo: int, limit: int) -> int:
    """A place near LO to begin an excerpt: forwards (not past LIMIT), else backwards, else LO."""
    inside = _first_edge(text, lo, limit, shown=True)
    if inside is not None:
        return inside
    before = _last_edge(text, lo - SNAP_REACH, lo, shown=True)
    return lo if before is None else before


def _snap_end(text: str, hi: int, limit: int) -> int:
    """A place near HI to end an excerpt: backwards (not before LIMIT), else forwards, else HI."""
    inside = _last_edge(text, limit, hi, shown=True)
    if inside is not None:
        return inside
    after = _first_edge(text, hi, hi + SNAP_REACH, shown=True)
    return hi if after is None else after


def _merged(marks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """MARKS (start, end), by start, those that overlap or touch made one."""
    spans: list[tuple[int, int]] = []
    for start, end in marks:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _shown(text: str) -> str:
    return _SURROGATES.sub("\ufffd", _BLANKS.sub(" ", text))
