"""Text as both engines see it. normalise() runs on what is indexed and on what is searched,
so SQLite FTS5 and PostgreSQL get the same tokens; terms() turns a search box into a parsed
query that is safe by construction (only word characters ever reach the engine)."""

import functools
import re
import sys
import unicodedata
from dataclasses import dataclass

MAX_TERMS = 20  # words and phrases in one query; the rest is ignored
MAX_PHRASE_TOKENS = 20  # tokens in one phrase; the rest is ignored
MAX_TOKEN_LENGTH = 100  # a longer "word" is not a word (and PostgreSQL ignores words > 2047)
MAX_QUERY_LENGTH = 1000  # characters of a query that are read at all
MIN_PREFIX_LENGTH = 2  # "a" is matched whole: a one-letter prefix would match half the index

# Han, Hiragana, Katakana, Bopomofo and Hangul (with their symbols and compatibility forms).
# These scripts write words without spaces, so every character is indexed as one token and a
# word is searched as a phrase of its characters: 移民 matches "移 民" side by side only.
CJK = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u2e80-\u2fdf"  # CJK and Kangxi radicals
    "\u3000-\u31ff"  # CJK symbols, Hiragana, Katakana, Bopomofo, Hangul compatibility jamo
    "\u3400-\u4dbf"  # CJK Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\ua960-\ua97f"  # Hangul Jamo Extended-A
    "\uac00-\ud7ff"  # Hangul syllables, Jamo Extended-B
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\uff66-\uffdc"  # halfwidth Katakana and Hangul
    "\U00020000-\U0003134f"  # CJK Extensions B to G
)
_CJK_RUN = re.compile(f"[{CJK}]+")
_CJK_RUNS = re.compile(f"([{CJK}]+)|([^{CJK}]+)")
_NOT_WORD = re.compile(r"[\W_]+")  # "_" is a separator for FTS5 and PostgreSQL alike
# The same for ASCII text, as a byte table: much faster than the regular expression on the
# long English texts a reindex goes through.
_ASCII_WORDS = bytes(
    code if chr(code).isalnum() and chr(code).isascii() else ord(" ") for code in range(256)
).lower()

# Arabic spelling variants folded the way common Arabic search engines do (Lucene's
# ArabicNormalizer): hamza forms of alef to bare alef, alef maksura to yeh, teh marbuta to heh,
# tatweel (kashida) removed. Harakat are combining marks and go with the other diacritics.
# Arabic-Indic digits become ASCII digits, so "2023" finds "٢٠٢٣".
ARABIC = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ -> ا
    "\u0649": "\u064a",  # ى -> ي
    "\u0629": "\u0647",  # ة -> ه
    "\u0640": "",  # ـ tatweel
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
}
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _class(codes: list[int]) -> str:
    """A regular-expression character class of CODES, consecutive ones as ranges."""
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]+"


@functools.cache
def _marks() -> tuple[re.Pattern, re.Pattern]:
    """The non-spacing marks (Unicode category Mn: accents, harakat, dakuten…) of the Basic
    Multilingual Plane, and those beyond it: apart, because the first pattern compiles to a
    fast lookup table and the second is only needed by texts with such characters."""
    marks = [code for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Mn"]
    return (
        re.compile(_class([code for code in marks if code <= 0xFFFF])),
        re.compile(_class([code for code in marks if code > 0xFFFF])),
    )


def warm_up() -> None:
    """Build the tables normalise() needs for text that is not ASCII."""
    _marks()


def _fold(text: str) -> str:
    """TEXT casefolded, without diacritics or Arabic spelling variants, words separated by one
    space (CJK characters not yet apart)."""
    if text.isascii():
        return " ".join(text.encode().translate(_ASCII_WORDS).decode().split())
    # Casefolded again after NFKD: compatibility forms may decompose to capitals (™ -> TM).
    text = unicodedata.normalize("NFKD", text.casefold()).casefold()
    basic, astral = _marks()
    text = basic.sub("", text)
    if _ASTRAL.search(text):
        text = astral.sub("", text)
    text = unicodedata.normalize("NFC", text)  # Hangul jamo back into syllables
    if _ARABIC_SCRIPT.search(text):
        for variant, letter in ARABIC.items():
            text = text.replace(variant, letter)
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _apart(run: re.Match) -> str:
    return " " + " ".join(run.group()) + " "


def normalise(text: str) -> str:
    """TEXT as the engines index and search it: casefolded, no diacritics (migración =
    migracion, Arabic with or without harakat), Arabic letter variants folded, every
    non-word character a space, and every CJK character a token of its own."""
    text = _fold(text)
    if not text.isascii():
        text = " ".join(_CJK_RUN.sub(_apart, text).split())
    return text


@dataclass(frozen=True)
class Term:
    """One condition of a query: a token, or a phrase of tokens side by side. With PREFIX, the
    last token also matches longer words (migrant finds migrants)."""

    tokens: tuple[str, ...]
    prefix: bool = False

    @property
    def is_phrase(self) -> bool:
        return len(self.tokens) > 1


def _word_terms(word: str) -> list[Term]:
    """The terms of one folded word: a Latin, Arabic, Cyrillic… run is a prefix term; a run of
    CJK characters is a phrase of its characters."""
    terms = []
    for cjk, other in _CJK_RUNS.findall(word):
        if cjk:
            terms.append(Term(tuple(cjk[:MAX_PHRASE_TOKENS])))
        elif len(other) <= MAX_TOKEN_LENGTH:
            terms.append(Term((other,), prefix=len(other) >= MIN_PREFIX_LENGTH))
    return terms


def _phrase_term(text: str) -> list[Term]:
    tokens = tuple(t for t in normalise(text).split() if len(t) <= MAX_TOKEN_LENGTH)
    return [Term(tokens[:MAX_PHRASE_TOKENS])] if tokens else []


def terms(text: str) -> list[Term]:
    """The query in TEXT: words in double quotes form a phrase, every other word is a term, and
    all of them must match. Anything else (operators, punctuation, unbalanced quotes) is
    ignored; an empty list means there is nothing to search for."""
    parts = (text or "")[:MAX_QUERY_LENGTH].split('"')
    if len(parts) % 2 == 0:  # an unclosed quote: what follows it is plain words
        parts[-2:] = [parts[-2] + " " + parts[-1]]
    found: list[Term] = []
    for position, part in enumerate(parts):
        if position % 2:
            found.extend(_phrase_term(part))
        else:
            for word in _fold(part).split():
                found.extend(_word_terms(word))
    unique = list(dict.fromkeys(found))
    return unique[:MAX_TERMS]
