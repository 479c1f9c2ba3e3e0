"""Paragraphs from an imported plain-text or Word file, or from pasted text.

A draft arrives as UN resolutions are written: preambular paragraphs first, unnumbered (or
"PP1."), then numbered operative paragraphs ("1.", "OP1."), some with lettered sub-paragraphs
("(a)"). Numbers and letters are left out of the text: the platform numbers paragraphs itself.
Nothing typed is dropped: a block that starts no paragraph continues the one before it."""

import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from gcmhub.declarations.models import SUFFIXES, ParagraphKind
from gcmhub.declarations.text import normalise
from gcmhub.web import docx
from gcmhub.web.uploads import detect_kind

MAX_SIZE = 5 * 1024 * 1024  # bytes of an imported file; a long declaration is a few hundred KB
# A document's title and subtitle (as the exports write them) are not paragraphs of the text.
HEADING_STYLES = {"Title", "Subtitle"}

_SUFFIX = r"(?:\s*(?i:" + "|".join(SUFFIXES[1:]) + r"))?"
_END = r"(?=\s|$)"  # a marker is followed by white space or ends the line
_KIND_MARKER = re.compile(rf"(?P<kind>PP|OP)\s*\d{{1,3}}{_SUFFIX}\s*[.):]?{_END}")
_NUMBER_MARKER = re.compile(rf"\d{{1,3}}{_SUFFIX}\s*[.)]{_END}")
# "(a)", "(aa)", "(a bis)" or "a)": the same letter once or twice, as the UN letters them.
_LETTER_MARKER = re.compile(
    rf"(?:\(\s*(?P<a>[a-z])(?P=a)?{_SUFFIX}\s*\)|(?P<b>[a-z])(?P=b)?\)){_END}"
)


class Parsed(NamedTuple):
    kind: str  # ParagraphKind value: "pp" or "op"
    is_sub: bool  # a lettered sub-paragraph of the paragraph before it
    text: str


class _Marker(NamedTuple):
    kind: str | None  # "pp" or "op" for a numbered paragraph, None for a letter or no marker
    is_sub: bool
    rest: str  # the line without its marker


def _marker(line: str) -> _Marker:
    """What the marker at the start of LINE says, and the line without it."""
    if match := _KIND_MARKER.match(line):
        return _Marker(match["kind"].lower(), False, line[match.end() :])
    if match := _NUMBER_MARKER.match(line):
        return _Marker(ParagraphKind.OPERATIVE, False, line[match.end() :])
    if match := _LETTER_MARKER.match(line):
        return _Marker(None, True, line[match.end() :])
    return _Marker(None, False, line)


def _paragraphs(blocks) -> list[Parsed]:
    """The paragraphs of BLOCKS, each (lines, list level): a list level is a Word numbering (0
    an operative paragraph, 1 or more a sub-paragraph), None the markers of the first line."""
    found: list[list] = []  # [kind, is_sub, [texts]]
    operative = False  # whether the operative paragraphs began
    for lines, level in blocks:
        for number, line in enumerate(lines):
            if number == 0 and level is not None:
                marker = _Marker(None if level else ParagraphKind.OPERATIVE, level > 0, line)
            else:
                marker = _marker(line)
            if marker.is_sub and found:
                found.append([found[-1][0], True, [marker.rest]])
            elif marker.is_sub or marker.kind == ParagraphKind.OPERATIVE:
                found.append([ParagraphKind.OPERATIVE, False, [marker.rest]])
                operative = True
            elif marker.kind:
                found.append([marker.kind, False, [marker.rest]])
            elif number == 0 and not operative:
                # UN resolutions leave their preambular paragraphs unnumbered.
                found.append([ParagraphKind.PREAMBULAR, False, [line]])
            else:
                found[-1][2].append(line)
    parsed = [
        Parsed(str(kind), is_sub, normalise(" ".join(texts))) for kind, is_sub, texts in found
    ]
    parsed = [paragraph for paragraph in parsed if paragraph.text]
    if not parsed:
        raise ValidationError(
            _(
                "No paragraphs were found. Separate paragraphs with a blank line; number "
                "operative paragraphs “1.”, “2.”… and sub-paragraphs “(a)”, “(b)”…; paragraphs "
                "before the first numbered one are read as preambular."
            )
        )
    return parsed


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_text(text: str) -> list[Parsed]:
    """The paragraphs of TEXT; ValidationError when none can be recognised."""
    blocks, block = [], []
    for line in [*text.splitlines(), ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            blocks.append((block, None))
            block = []
    return _paragraphs(blocks)


def _read_docx(upload) -> list[Parsed]:
    """The paragraphs of a Word document: each of its paragraphs with text is a block."""
    blocks = [
        (_lines(paragraph.text), paragraph.list_level)
        for paragraph in docx.paragraphs(upload)
        if paragraph.text.strip() and paragraph.style not in HEADING_STYLES
    ]
    return _paragraphs(blocks)


def _plain_text(content: bytes) -> str | None:
    """CONTENT as text if it is UTF-8 text (a byte order mark allowed), else None."""
    if b"\x00" in content:
        return None
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def read_upload(upload) -> list[Parsed]:
    """The paragraphs of an uploaded .docx or UTF-8 .txt file; ValidationError with a clear
    message when it is neither, or has no recognisable paragraphs."""
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files can be at most %(max)s.")
            % {
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "max": filesizeformat(MAX_SIZE),
            }
        )
    try:
        kind = detect_kind(upload)  # judged by content; a Word document with macros is refused
        upload.seek(0)
        if kind == "docx":
            return _read_docx(upload)
        text = _plain_text(upload.read()) if kind is None else None
    finally:
        upload.seek(0)
    if text is None:
        raise ValidationError(
            _(
                "“%(name)s” cannot be imported: the file must be a Word document (.docx) or a "
                "plain-text file (.txt, UTF-8)."
            )
            % {"name": upload.name}
        )
    return parse_text(text)
