"""Uploaded files are judged by their content, never by their name, and bounded in size."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD = 25 * 1024 * 1024
MAX_CONTENT_TYPES = 1024 * 1024  # a real [Content_Types].xml is a few kilobytes
LABELS = {"pdf": "PDF", "docx": "DOCX", "png": "PNG", "jpeg": "JPEG"}


def _is_docx(file) -> bool:
    """A Word document without macros: an Office Open XML package with a main document part."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            types = b""
            if "[Content_Types].xml" in names:
                # Read at most a bounded prefix: a tiny upload may unpack to gigabytes.
                with package.open("[Content_Types].xml") as part:
                    types = part.read(MAX_CONTENT_TYPES)
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, NotImplementedError):
        return False
    if "word/document.xml" not in names:
        return False
    if "word/vbaProject.bin" in names or b"macroEnabled" in types:
        raise ValidationError(
            _("Documents with macros are not accepted; save it as a plain .docx.")
        )
    return True


def detect_kind(file) -> str | None:
    """'pdf', 'docx', 'png' or 'jpeg' from the first bytes (and structure) of FILE, else None."""
    file.seek(0)
    head = file.read(1024)
    if b"%PDF-" in head[:1024] and head.lstrip().startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04") and _is_docx(file):
        return "docx"
    return None


def check_upload(file, *, kinds: tuple[str, ...], max_size: int = MAX_UPLOAD) -> str:
    """The kind of FILE if it is one of KINDS and not empty nor too large; a clear error if not."""
    allowed = ", ".join(LABELS[kind] for kind in kinds)
    if file.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": file.name})
    if file.size > max_size:
        raise ValidationError(
            _("“%(name)s” is %(size)s; files can be at most %(max)s.")
            % {
                "name": file.name,
                "size": filesizeformat(file.size),
                "max": filesizeformat(max_size),
            }
        )
    kind = detect_kind(file)
    file.seek(0)
    if kind not in kinds:
        raise ValidationError(
            _(
                "“%(name)s” is not a %(kinds)s file, whatever its name says: its content is "
                "something else."
            )
            % {"name": file.name, "kinds": allowed}
        )
    return kind
