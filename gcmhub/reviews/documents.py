"""The text of uploaded review documents (PDF and DOCX) for the search index. A document that
cannot be opened is refused with a message that says what to do; one that opens but has no
text (a scan) is accepted and simply not searchable."""

import logging
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from gcmhub.web.uploads import check_upload

KINDS = ("pdf", "docx")
MAX_TEXT = 2_000_000  # characters kept of one document; the rest is not indexed
MAX_PAGES = 3000  # pages of a PDF read for text; the rest is not indexed
MAX_PART_SIZE = 200 * 1024 * 1024  # bytes the text parts of a DOCX may unpack to (a zip bomb)
CHUNK = 64 * 1024  # bytes of a DOCX part handed to the XML parser at a time

# The main document part, then its notes; the notes are optional parts of a Word package.
DOCX_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
# WordprocessingML in its Transitional (what Word writes) and Strict namespaces.
WORD_NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
}
WORD_BREAKS = {"tab": "\t", "br": "\n", "cr": "\n"}
FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006 Fallback"

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls but \t and \n
_SPACES = re.compile(r"[^\S\n\t]+")
_LINE_EDGES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")

# pypdf logs every oddity of a damaged file it works around as a warning. What matters about an
# upload is what read_document says; the rest would only fill the server's log.
logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class Extracted:
    """What read_document found in an uploaded document."""

    kind: str  # "pdf" or "docx"
    text: str  # the document's text, "" when it cannot be read
    pages: int | None  # PDF page count; None for DOCX, and for a PDF whose encryption we lack

    @property
    def is_searchable(self) -> bool:
        return self.text.strip() != ""


class _Doctype(Exception):
    """A DOCTYPE in a Word part: Word never writes one, and it is the door to entity tricks."""


def _pdf_text(upload) -> tuple[str, int | None]:
    """The text of the PDF in UPLOAD, page texts apart by a blank line, and its page count."""
    try:
        reader = PdfReader(upload, strict=False)
        needs_password = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        count = 0 if needs_password else len(reader.pages)
    except DependencyError:
        # AES encryption, and pypdf lacks the cryptography package to undo it: the file opens in
        # a reader (no password is known to be needed), but its text cannot be decrypted here.
        return "", None
    except Exception as error:  # pypdf raises many kinds of errors for a damaged file
        raise ValidationError(
            _(
                "“%(name)s” cannot be opened as a PDF: the file is damaged or incomplete. Export "
                "it again from the original document and upload the new file."
            )
            % {"name": upload.name}
        ) from error
    if needs_password:
        raise ValidationError(
            _(
                "“%(name)s” is protected by a password. Save or export a copy without the "
                "password and upload that copy."
            )
            % {"name": upload.name}
        )
    if count == 0:
        raise ValidationError(
            _(
                "“%(name)s” is a PDF without any pages. Export it again from the original "
                "document and upload the new file."
            )
            % {"name": upload.name}
        )
    texts, size = [], 0
    for number in range(min(count, MAX_PAGES)):
        try:
            text = reader.pages[number].extract_text()
        except Exception:  # one unreadable page leaves the text of the others
            continue
        texts.append(text)
        size += len(text)
        if size >= MAX_TEXT:
            break
    return "\n\n".join(texts), count


class _WordText:
    """The text of one WordprocessingML part as expat reads it: runs of text, tabs and line
    breaks, a blank line after each paragraph."""

    def __init__(self):
        self.pieces: list[str] = []
        self.size = 0
        self.tags: list[str] = []  # the open elements, by local name ("" outside Word's names)
        self.skipped = 0  # depth inside a markup-compatibility fallback (a copy of the choice)

    def start(self, name: str, attributes) -> None:
        namespace, _space, tag = name.rpartition(" ")
        parent = self.tags[-1] if self.tags else ""
        self.tags.append(tag if namespace in WORD_NAMESPACES else "")
        if self.skipped or name == FALLBACK:
            self.skipped += 1
        elif tag in WORD_BREAKS and parent == "r":  # not the tab stops of paragraph properties
            self.add(WORD_BREAKS[tag])

    def end(self, name: str) -> None:
        tag = self.tags.pop()
        if self.skipped:
            self.skipped -= 1
        elif tag == "p":
            self.add("\n\n")

    def data(self, text: str) -> None:
        if self.tags and self.tags[-1] == "t" and not self.skipped:
            self.add(text)

    def add(self, text: str) -> None:
        self.pieces.append(text)
        self.size += len(text)


def _refuse_doctype(*args) -> None:
    raise _Doctype


def _word_text(stream) -> str:
    """The text of the WordprocessingML part in STREAM, read a chunk at a time."""
    text = _WordText()
    # expat (the parser under ElementTree) used directly: it streams without building a tree,
    # and a DOCTYPE, the door to entity expansion, is refused the moment it is seen.
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = text.start
    parser.EndElementHandler = text.end
    parser.CharacterDataHandler = text.data
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.buffer_text = True
    while chunk := stream.read(CHUNK):
        parser.Parse(chunk, False)
        if text.size >= MAX_TEXT:
            return "".join(text.pieces)  # enough: the rest is neither indexed nor parsed
    parser.Parse(b"", True)
    return "".join(text.pieces)


def _docx_text(upload) -> str:
    """The text of the Word document in UPLOAD: its body, then its footnotes and endnotes."""
    texts = []
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
            parts = [package.getinfo(name) for name in DOCX_PARTS if name in names]
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
                    texts.append(_word_text(stream))
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
    return "\n\n".join(texts)


def _clean(text: str) -> str:
    """TEXT as it is indexed: compatibility forms folded (Arabic presentation forms and
    ligatures back to letters), no control characters, single spaces, at most MAX_TEXT."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", _CONTROL.sub("", text))
    text = _BLANK_LINES.sub("\n\n", _LINE_EDGES.sub("\n", text))
    return text.strip()[:MAX_TEXT]


def read_document(upload) -> Extracted:
    """The kind and text of an uploaded PDF or DOCX review, or a ValidationError saying why it
    cannot be accepted; the upload is rewound for saving."""
    kind = check_upload(upload, kinds=KINDS)
    try:
        with warnings.catch_warnings(action="ignore"):
            if kind == "pdf":
                text, pages = _pdf_text(upload)
            else:
                text, pages = _docx_text(upload), None
    finally:
        upload.seek(0)
    return Extracted(kind=kind, text=_clean(text), pages=pages)
