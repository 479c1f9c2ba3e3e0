import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.web.uploads import check_upload


def _docx(content_types: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", content_types)
        package.writestr("word/document.xml", b"<w:document/>")
    return buffer.getvalue()


def test_a_small_docx_that_unpacks_huge_is_checked_in_little_memory():
    upload = SimpleUploadedFile("bomb.docx", _docx(b" " * (64 * 1024 * 1024)))
    tracemalloc.start()

    kind = check_upload(upload, kinds=("docx",))

    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert (kind, upload.size < 1024 * 1024) == ("docx", True)
    assert peak < 8 * 1024 * 1024


def test_a_docx_declaring_macros_is_refused():
    upload = SimpleUploadedFile(
        "macro.docx", _docx(b'<Types><Default ContentType="macroEnabled"/></Types>')
    )

    with pytest.raises(ValidationError) as error:
        check_upload(upload, kinds=("docx",))

    assert error.value.messages == [
        "Documents with macros are not accepted; save it as a plain .docx."
    ]
