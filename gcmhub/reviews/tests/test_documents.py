import io
import struct
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from gcmhub.reviews import documents, samples
from gcmhub.reviews.documents import MAX_TEXT, Extracted, read_document
from gcmhub.search.text import normalise

FIXTURES = Path(__file__).parent / "fixtures"
ARABIC = (
    "الاتفاق العالمي من أجل الهجرة الآمنة والمنظمة والنظامية\n"
    "يلتزم الاتفاق بحماية حقوق المهاجرين وتعزيز التعاون الدولي."
)
DAMAGED_PDF = (
    "“{}” cannot be opened as a PDF: the file is damaged or incomplete. Export it again from the "
    "original document and upload the new file."
)
DAMAGED_DOCX = (
    "“{}” cannot be read as a Word document: its content is damaged or not valid. Open it in "
    "your word processor, save it again as .docx and upload the new file."
)
NOT_A_DOCUMENT = (
    "“{}” is not a PDF, DOCX file, whatever its name says: its content is something else."
)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    """An upload of CONTENT, or of the fixture called NAME."""
    if content is None:
        content = (FIXTURES / name).read_bytes()
    return SimpleUploadedFile(name, content)


def refusal(file: SimpleUploadedFile) -> list[str]:
    with pytest.raises(ValidationError) as error:
        read_document(file)
    return error.value.messages


def docx_with(parts: dict[str, bytes]) -> bytes:
    """A sample Word document with PARTS added or replaced."""
    original = zipfile.ZipFile(io.BytesIO(samples.docx_document(["Hello"])))
    output = io.BytesIO()
    with original, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as package:
        for name in original.namelist():
            if name not in parts:
                package.writestr(name, original.read(name))
        for name, content in parts.items():
            package.writestr(name, content)
    return output.getvalue()


def word_xml(body: str, root: str = "document") -> bytes:
    return f'<w:{root} xmlns:w="{W}" xmlns:mc="{MC}">{body}</w:{root}>'.encode()


def test_read_document_reads_english_pdf():
    pdf = samples.pdf_document(
        ["The Global Compact covers all dimensions of migration.", "It was adopted in 2018."],
        title="Voluntary GCM review",
    )

    extracted = read_document(upload("review.pdf", pdf))

    assert extracted == Extracted(
        kind="pdf",
        text=(
            "Voluntary GCM review\nThe Global Compact covers all dimensions of migration.\n"
            "It was adopted in 2018."
        ),
        pages=1,
    )
    assert extracted.is_searchable is True


def test_read_document_reads_english_docx():
    docx = samples.docx_document(
        ["The Global Compact\tcovers all dimensions\nof migration.", "It was adopted in 2018."],
        title="Voluntary GCM review",
    )

    extracted = read_document(upload("review.docx", docx))

    assert extracted == Extracted(
        kind="docx",
        text=(
            "Voluntary GCM review\n\nThe Global Compact\tcovers all dimensions\nof migration.\n\n"
            "It was adopted in 2018."
        ),
        pages=None,
    )


@pytest.mark.parametrize("make", [samples.pdf_document, samples.docx_document])
def test_read_document_keeps_accents(make):
    paragraphs = [
        "Le Pacte mondial pour des migrations sûres, ordonnées et régulières « œuvre » à tout.",
        "Niñas y niños migrantes: ¿cómo protegerlos? ¡Así!",
    ]

    extracted = read_document(upload("examen", make(paragraphs)))

    assert extracted.text.replace("\n\n", "\n") == "\n".join(paragraphs)


def test_read_document_reads_chinese_pdf_in_the_adobe_font():
    extracted = read_document(upload("chinese.pdf"))

    assert (
        extracted.text
        == "移民全球契约\n国际移民是当今世界的重要现象。各国承诺加强在移民问题上的合作。"
    )


def test_read_document_reads_chinese_pdf_printed_by_chromium():
    extracted = read_document(upload("chinese_chromium.pdf"))

    # NFKC turns the full-width colon into ":"; the Chinese characters stay as they are.
    assert extracted.text == "安全、有序和正常移民全球契约:各国承诺加强在国际移民问题上的合作。"
    assert normalise(extracted.text).split()[7:9] == ["移", "民"]


def test_read_document_reads_arabic_pdf_printed_by_chromium():
    raw = PdfReader(FIXTURES / "arabic.pdf").pages[0].extract_text()

    extracted = read_document(upload("arabic.pdf"))

    # Chromium maps its glyphs to presentation forms (ﻣﻬﺎﺟﺮ), in logical order; NFKC gives the
    # letters back. The heading is wrapped on two lines.
    assert "المهاجرين" not in raw
    assert extracted.text == ARABIC.replace("الآمنة ", "الآمنة\n")
    assert normalise(extracted.text) == normalise(ARABIC)


def test_read_document_reads_arabic_docx():
    docx = samples.docx_document(ARABIC.split("\n"), title="المراجعة الطوعية", language="ar")

    extracted = read_document(upload("arabic.docx", docx))

    assert extracted.text == "المراجعة الطوعية\n\n" + ARABIC.replace("\n", "\n\n")


def test_read_document_reads_docx_text_as_word_shows_it():
    body = (
        "<w:body><w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr>"
        "<w:r><w:t>One</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three</w:t></w:r>"
        "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del></w:p>"
        "<w:p><mc:AlternateContent><mc:Choice Requires='wps'><w:r><w:t>Box</w:t></w:r></mc:Choice>"
        "<mc:Fallback><w:r><w:t>Box</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:body>"
    )
    notes = "<w:footnote><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote>"
    docx = docx_with(
        {"word/document.xml": word_xml(body), "word/footnotes.xml": word_xml(notes, "footnotes")}
    )

    extracted = read_document(upload("review.docx", docx))

    assert extracted.text == "One\ttwo\nthree\n\nBox\n\nA footnote."


def test_read_document_folds_presentation_forms_and_controls():
    docx = docx_with(
        {
            "word/document.xml": word_xml(
                "<w:body><w:p><w:r><w:t>ﻣﻬﺎﺟﺮ   ﬁn\x7f</w:t></w:r></w:p></w:body>"
            )
        }
    )

    extracted = read_document(upload("forms.docx", docx))

    assert extracted.text == "مهاجر fin"


def test_read_document_accepts_scanned_pdf_without_text():
    extracted = read_document(upload("scanned.pdf"))

    assert extracted == Extracted(kind="pdf", text="", pages=1)
    assert extracted.is_searchable is False


def test_read_document_accepts_docx_without_text():
    extracted = read_document(upload("empty.docx", samples.docx_document([])))

    assert extracted == Extracted(kind="docx", text="", pages=None)
    assert extracted.is_searchable is False


def test_read_document_reads_pdf_with_only_an_owner_password():
    extracted = read_document(upload("owner_only_rc4.pdf"))

    assert extracted.text == (
        "Protected review\n"
        "This voluntary review describes how the Global Compact for Migration is implemented."
    )


def test_read_document_accepts_aes_pdf_with_only_an_owner_password_without_text():
    # pypdf needs the cryptography package for AES, and gcmhub does not install it: the file
    # opens in any reader, so it is accepted, but its text cannot be decrypted here.
    extracted = read_document(upload("owner_only.pdf"))

    assert extracted == Extracted(kind="pdf", text="", pages=None)


def test_read_document_refuses_pdf_that_needs_a_password():
    messages = refusal(upload("encrypted.pdf"))

    assert messages == [
        "“encrypted.pdf” is protected by a password. Save or export a copy without the password "
        "and upload that copy."
    ]


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.7\n" + b"\x8f\x13 this is not a PDF \x00\xff" * 200,
        samples.pdf_document(["Cut short"] * 40)[:700],  # the page tree, no pages nor xref
        samples.pdf_document(["Cut short"] * 40)[:-40],  # all but the end of the xref table
    ],
    ids=["garbage", "truncated", "no-trailer"],
)
def test_read_document_refuses_damaged_pdf(content):
    messages = refusal(upload("damaged.pdf", content))

    assert messages == [DAMAGED_PDF.format("damaged.pdf")]


def test_read_document_refuses_damaged_pdf_without_logging(caplog):
    refusal(upload("damaged.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"))

    assert caplog.records == []


def test_read_document_refuses_pdf_without_pages():
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    pdf = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = b"xref\n0 3\n0000000000 65535 f \n"
    xref += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += xref + b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(pdf)

    messages = refusal(upload("blank.pdf", pdf))

    assert messages == [
        "“blank.pdf” is a PDF without any pages. Export it again from the original document and "
        "upload the new file."
    ]


def test_read_document_refuses_executable_named_pdf():
    messages = refusal(upload("review.pdf", b"MZ\x90\x00\x03" + bytes(500)))

    assert messages == [NOT_A_DOCUMENT.format("review.pdf")]


def test_read_document_refuses_zip_archive_named_pdf():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("review.txt", "Not a Word document")

    messages = refusal(upload("review.pdf", archive.getvalue()))

    assert messages == [NOT_A_DOCUMENT.format("review.pdf")]


def test_read_document_refuses_empty_file():
    messages = refusal(upload("review.pdf", b""))

    assert messages == ["“review.pdf” is empty."]


def test_read_document_refuses_docx_with_macros():
    docx = docx_with({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macros"})

    messages = refusal(upload("review.docx", docx))

    assert messages == ["Documents with macros are not accepted; save it as a plain .docx."]


@pytest.mark.parametrize(
    "document",
    [
        word_xml("<w:body><w:p><w:r><w:t>Unclosed</w:t></w:r>"),
        word_xml("<w:body><w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p></w:body>"),
        b"\x00\x01binary",
    ],
    ids=["unclosed", "undefined-entity", "binary"],
)
def test_read_document_refuses_docx_with_malformed_xml(document):
    docx = docx_with({"word/document.xml": document})

    messages = refusal(upload("review.docx", docx))

    assert messages == [DAMAGED_DOCX.format("review.docx")]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>',
        "<!DOCTYPE w:document>",
    ],
    ids=["expansion", "external", "bare"],
)
def test_read_document_refuses_docx_with_doctype(doctype):
    document = f'<?xml version="1.0"?>{doctype}'.encode() + word_xml(
        "<w:p><w:r><w:t>Hello</w:t></w:r></w:p>"
    )
    docx = docx_with({"word/document.xml": document})

    messages = refusal(upload("review.docx", docx))

    assert messages == [DAMAGED_DOCX.format("review.docx")]


def test_read_document_refuses_docx_that_unpacks_too_large():
    docx = docx_with(
        {"word/document.xml": word_xml("<w:body><w:p><w:r><w:t>Bomb</w:t></w:r></w:p></w:body>")}
    )
    # The central directory, which zipfile believes, says the part unpacks to 250 MB (a real
    # deflate bomb of that size declares the same, and takes a second to build).
    entry = docx.rindex(b"word/document.xml") - 46
    assert docx[entry : entry + 4] == b"PK\x01\x02"
    docx = docx[: entry + 24] + struct.pack("<I", 250 * 1024 * 1024) + docx[entry + 28 :]

    messages = refusal(upload("review.docx", docx))

    assert messages == [
        "“review.docx” unpacks to more than 200.0\xa0MB of text, more than can be read. Split it "
        "into smaller documents and upload them one by one."
    ]


def test_read_document_caps_text():
    docx = samples.docx_document(["migration " * 100] * 2100)

    extracted = read_document(upload("long.docx", docx))

    assert len(extracted.text) == MAX_TEXT


def test_read_document_reads_at_most_max_pages(monkeypatch):
    monkeypatch.setattr(documents, "MAX_PAGES", 1)
    pdf = samples.pdf_document([f"Paragraph {number}" for number in range(60)])

    extracted = read_document(upload("long.pdf", pdf))

    assert (extracted.pages, extracted.text.split("\n")[-1]) == (2, "Paragraph 34")


def test_read_document_rewinds_upload():
    file = upload("arabic.pdf")

    read_document(file)

    assert file.tell() == 0


def test_read_document_rewinds_refused_upload():
    file = upload("encrypted.pdf")

    refusal(file)

    assert file.tell() == 0


def test_pdf_document_spans_pages_that_read_back_strictly():
    paragraphs = [
        f"Paragraph {number} on the Global Compact for Migration." for number in range(80)
    ]

    reader = PdfReader(io.BytesIO(samples.pdf_document(paragraphs)), strict=True)

    lines = [line for page in reader.pages for line in page.extract_text().split("\n")]
    assert (len(reader.pages), lines) == (3, paragraphs)


def test_pdf_document_writes_chinese_that_reads_back_strictly():
    paragraph = "《全球移民契约》于2018年12月通过。" * 4

    reader = PdfReader(io.BytesIO(samples.pdf_document([paragraph], title="移民")), strict=True)

    # 90 columns, a Chinese character taking two: the line breaks between 2018 and 年.
    lines = reader.pages[0].extract_text().split("\n")
    assert lines == ["移民", paragraph[:53], paragraph[53:]]


def test_pdf_document_wraps_long_paragraphs():
    paragraph = "migration " * 30

    text = PdfReader(io.BytesIO(samples.pdf_document([paragraph]))).pages[0].extract_text()

    assert [len(line) for line in text.split("\n")] == [89, 89, 89, 29]


@pytest.mark.parametrize("paragraph", ["الهجرة الآمنة", "Миграция"])
def test_pdf_document_refuses_other_scripts(paragraph):
    with pytest.raises(ValueError) as error:
        samples.pdf_document([paragraph])

    assert str(error.value) == f"{paragraph[0]!r} has no glyph in the PDF fonts; use docx_document."
