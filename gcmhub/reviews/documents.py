"""The text of uploaded review documents (PDF and DOCX) for the search index. A document that
cannot be opened is refused with a message that says what to do; one that opens but has no
text (a scan) is accepted and simply not searchable."""

import logging
import re
import unicodedata
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from gcmhub.web import docx
from gcmhub.web.uploads import check_upload

KINDS = ("pdf", "docx")
MAX_TEXT = 2_000_000  # characters kept of one document; the rest is not indexed
MAX_PAGES = 3000  # pages of a PDF read for text; the rest is not indexed

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


def _docx_text(upload) -> str:
    """The text of the Word document in UPLOAD: its body, then its footnotes and endnotes, a
    blank line after each paragraph."""
    paragraphs = docx.paragraphs(upload, notes=True, max_text=MAX_TEXT)
    return "\n\n".join(paragraph.text for paragraph in paragraphs)


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
