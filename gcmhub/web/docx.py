"""Word documents (.docx), written and read in one place.

write() makes a small, deterministic package of paragraphs of runs (bold, struck through) with
no library beyond Python's own. paragraphs() reads the paragraphs of an uploaded package with
expat, a chunk at a time: what the package may unpack to is bounded (a zip bomb) and a DOCTYPE,
the door to entity tricks, is refused. Callers check the upload (gcmhub.web.uploads) first."""

import io
import re
import zipfile
import zlib
from typing import NamedTuple
from xml.parsers import expat
from xml.sax.saxutils import escape

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_PART_SIZE = 200 * 1024 * 1024  # bytes the text parts of a package may unpack to (a zip bomb)
CHUNK = 64 * 1024  # bytes of a part handed to the XML parser at a time
INDENT = 720  # twentieths of a point (half an inch) for each step of a paragraph's indent
ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # a fixed date makes the same document the same bytes

# The main document part, then its notes; the notes are optional parts of a Word package.
BODY = "word/document.xml"
NOTES = ("word/footnotes.xml", "word/endnotes.xml")
# WordprocessingML in its Transitional (what Word writes) and Strict namespaces.
WORD_NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
}
WORD_BREAKS = {"tab": "\t", "br": "\n", "cr": "\n"}
FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback"

# Word's language tags for the site's languages; any other code is written as it is given.
LANGUAGE_TAGS = {
    "ar": "ar-SA",
    "en": "en-GB",
    "es": "es-ES",
    "fr": "fr-FR",
    "ru": "ru-RU",
    "zh": "zh-CN",
    "zh-hans": "zh-CN",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Run(NamedTuple):
    """Text in one format: bold (an addition), struck through (a deletion), or plain."""

    text: str
    bold: bool = False
    strike: bool = False


class Paragraph(NamedTuple):
    """A paragraph to write: its runs, its style ("Title", "Subtitle" or "" for Normal) and how
    many steps it is indented from the start margin."""

    runs: list[Run]
    style: str = ""
    indent: int = 0


class Read(NamedTuple):
    """A paragraph as read: its text (tabs and line breaks kept), the level of the numbered list
    it is in (None when it is not in one) and its style ("" when it has none)."""

    text: str
    list_level: int | None
    style: str = ""


# The writer ------------------------------------------------------------------------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
PACKAGE_RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOCUMENT_RELATIONSHIPS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/>{language}</w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>
<w:rPr><w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/>
<w:pPr><w:spacing w:after="320"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
</w:styles>"""
DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body>{paragraphs}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>
<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>
</w:sectPr></w:body>
</w:document>"""


def _language(language: str) -> str:
    """The w:lang element of LANGUAGE: Arabic is a complex script (w:bidi), Chinese an East
    Asian one (w:eastAsia)."""
    tag = escape(LANGUAGE_TAGS.get(language, language), {'"': "&quot;"})
    if language == "ar":
        return f'<w:lang w:bidi="{tag}"/>'
    if language.startswith("zh"):
        return f'<w:lang w:eastAsia="{tag}"/>'
    return f'<w:lang w:val="{tag}"/>'


def _run(run: Run, *, rtl: bool) -> str:
    """One w:r of RUN: line breaks become w:br, tabs w:tab."""
    properties = ("<w:b/><w:bCs/>" if run.bold else "") + ("<w:strike/>" if run.strike else "")
    properties += "<w:rtl/>" if rtl else ""
    pieces = []
    for number, line in enumerate(_NOT_XML.sub("", run.text).replace("\r\n", "\n").split("\n")):
        if number:
            pieces.append("<w:br/>")
        for position, part in enumerate(line.split("\t")):
            if position:
                pieces.append("<w:tab/>")
            if part:
                pieces.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f"<w:r>{properties}{''.join(pieces)}</w:r>"


def _paragraph(paragraph: Paragraph, *, rtl: bool) -> str:
    """One w:p; right to left in Arabic, where the indent is from the right margin."""
    properties = f'<w:pStyle w:val="{paragraph.style}"/>' if paragraph.style else ""
    properties += "<w:bidi/>" if rtl else ""
    # In a right-to-left paragraph Word measures w:left from the leading (right) margin.
    properties += f'<w:ind w:left="{paragraph.indent * INDENT}"/>' if paragraph.indent else ""
    properties = f"<w:pPr>{properties}</w:pPr>" if properties else ""
    runs = "".join(_run(run, rtl=rtl) for run in paragraph.runs if run.text)
    return f"<w:p>{properties}{runs}</w:p>"


def write(paragraphs: list[Paragraph], *, language: str) -> bytes:
    """A Word document of PARAGRAPHS in LANGUAGE (a code such as "en" or "ar"); the same
    paragraphs give the same bytes."""
    rtl = language == "ar"
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELATIONSHIPS,
        "word/_rels/document.xml.rels": DOCUMENT_RELATIONSHIPS,
        "word/styles.xml": STYLES.format(language=_language(language)),
        BODY: DOCUMENT.format(paragraphs="".join(_paragraph(p, rtl=rtl) for p in paragraphs)),
    }
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in parts.items():
            package.writestr(
                zipfile.ZipInfo(name, ZIP_DATE), text.encode(), compress_type=zipfile.ZIP_DEFLATED
            )
    return output.getvalue()


# The reader ------------------------------------------------------------------------------------


class _Doctype(Exception):
    """A DOCTYPE in a Word part: Word never writes one, and it is the door to entity tricks."""


class _Open:
    """A paragraph being read."""

    def __init__(self):
        self.pieces: list[str] = []
        self.style = ""
        self.numbering: dict[str, str] = {}  # the values of its w:numPr: ilvl and numId

    def read(self) -> Read:
        level = self.numbering.get("ilvl", "0")
        # Number 0 takes a paragraph out of the list its style would put it in.
        if not self.numbering or self.numbering.get("numId") == "0":
            list_level = None
        else:
            list_level = min(int(level), 9) if level.isdigit() else 0
        return Read("".join(self.pieces), list_level, self.style)


class _Paragraphs:
    """The paragraphs of one WordprocessingML part as expat reads it: runs of text, tabs and
    line breaks, the list level and the style of each."""

    def __init__(self, found: list[Read]):
        self.found = found
        self.open: list[_Open] = []  # a paragraph holds others inside text boxes
        self.size = 0
        self.tags: list[str] = []  # the open elements, by local name ("" outside Word's names)
        self.skipped = 0  # depth inside a markup-compatibility fallback (a copy of the choice)

    def start(self, name: str, attributes) -> None:
        namespace, _space, local = name.rpartition(" ")
        tag = local if namespace in WORD_NAMESPACES else ""
        # Only the paragraph's own properties count, not the old ones of a tracked change.
        path = "/" + "/".join([*self.tags[-3:], tag])
        self.tags.append(tag)
        if self.skipped or name == FALLBACK:
            self.skipped += 1
        elif tag == "p":
            self.open.append(_Open())
        elif not self.open:
            return
        elif tag in WORD_BREAKS and path.endswith("/r/" + tag):  # not a paragraph's tab stops
            self.add(WORD_BREAKS[tag])
        elif path.endswith("/p/pPr/pStyle"):
            self.open[-1].style = attributes.get(f"{namespace} val", "")
        elif path.endswith(("/p/pPr/numPr/ilvl", "/p/pPr/numPr/numId")):
            self.open[-1].numbering[tag] = attributes.get(f"{namespace} val", "")

    def end(self, name: str) -> None:
        tag = self.tags.pop()
        if self.skipped:
            self.skipped -= 1
        elif tag == "p" and self.open:
            self.found.append(self.open.pop().read())

    def data(self, text: str) -> None:
        if self.tags and self.tags[-1] == "t" and not self.skipped and self.open:
            self.add(text)

    def add(self, text: str) -> None:
        self.open[-1].pieces.append(text)
        self.size += len(text)

    def close(self) -> None:
        """Keep the paragraphs left open when reading stops early."""
        while self.open:
            self.found.append(self.open.pop(0).read())


def _refuse_doctype(*args) -> None:
    raise _Doctype


def _read_part(stream, found: list[Read], max_text: int | None) -> int:
    """Add the paragraphs of the WordprocessingML part in STREAM to FOUND, until MAX_TEXT
    characters have been read; the number of characters read."""
    reader = _Paragraphs(found)
    # expat (the parser under ElementTree) used directly: it streams without building a tree,
    # and a DOCTYPE is refused the moment it is seen.
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.data
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.buffer_text = True
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
        if max_text is not None and reader.size >= max_text:
            reader.close()  # enough: the rest is neither kept nor parsed
            return reader.size
    parser.Parse(b"", True)
    return reader.size


def paragraphs(upload, *, notes: bool = False, max_text: int | None = None) -> list[Read]:
    """The paragraphs of the Word document in UPLOAD, in the order they end (a text box's before
    the paragraph holding it), then with NOTES those of its footnotes and endnotes; reading stops
    once MAX_TEXT characters are read. A ValidationError when it cannot be read."""
    found: list[Read] = []
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            wanted = (BODY, *NOTES) if notes else (BODY,)
            parts = [package.getinfo(name) for name in wanted if name in names]
            # The sizes a package declares bound what reading it can unpack.
            if sum(part.file_size for part in parts) > MAX_PART_SIZE:
                raise ValidationError(
                    _(
                        "“%(name)s” unpacks to more than %(max)s of text, more than can be "
                        "read. Split it into smaller documents and upload them one by one."
                    )
                    % {"name": upload.name, "max": filesizeformat(MAX_PART_SIZE)}
                )
            for part in parts:
                with package.open(part) as stream:
                    size = _read_part(stream, found, max_text)
                if max_text is not None:
                    max_text -= size
                    if max_text <= 0:
                        break
    except (
        _Doctype,
        expat.ExpatError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        NotImplementedError,  # a compression method zipfile does not know
        RuntimeError,  # an encrypted part
    ) as error:
        raise ValidationError(
            _(
                "“%(name)s” cannot be read as a Word document: its content is damaged or not "
                "valid. Open it in your word processor, save it again as .docx and upload the "
                "new file."
            )
            % {"name": upload.name}
        ) from error
    return found
