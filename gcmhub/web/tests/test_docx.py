import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.web import docx
from gcmhub.web.docx import Paragraph, Read, Run
from gcmhub.web.uploads import check_upload

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DAMAGED = (
    "“{}” cannot be read as a Word document: its content is damaged or not valid. Open it in "
    "your word processor, save it again as .docx and upload the new file."
)


def upload(content: bytes, name: str = "text.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def package_with(parts: dict[str, str | bytes]) -> bytes:
    """A written, empty package with PARTS added or replaced."""
    original = zipfile.ZipFile(io.BytesIO(docx.write([], language="en")))
    output = io.BytesIO()
    with original, zipfile.ZipFile(output, "w") as package:
        for name in original.namelist():
            if name not in parts:
                package.writestr(name, original.read(name))
        for name, part in parts.items():
            package.writestr(name, part)
    return output.getvalue()


def word_xml(body: str, *, root: str = "document", namespace: str = W) -> str:
    return f'<w:{root} xmlns:w="{namespace}" xmlns:mc="{MC}">{body}</w:{root}>'


def with_body(body: str, namespace: str = W) -> bytes:
    """A package whose main part has BODY."""
    return package_with(
        {"word/document.xml": word_xml(f"<w:body>{body}</w:body>", namespace=namespace)}
    )


def document_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read("word/document.xml").decode()


def test_write_gives_the_same_bytes_for_the_same_paragraphs():
    paragraphs = [Paragraph([Run("Title")], style="Title"), Paragraph([Run("Text")])]

    first = docx.write(paragraphs, language="en")
    second = docx.write(paragraphs, language="en")

    assert first == second
    assert check_upload(upload(first), kinds=("docx",)) == "docx"


def test_write_marks_bold_and_struck_runs_and_indents():
    content = docx.write(
        [
            Paragraph(
                [Run("OP1. ", bold=True), Run("We "), Run("old", strike=True), Run("new & <b>")],
                indent=2,
            )
        ],
        language="fr",
    )

    assert document_xml(content).split("<w:body>")[1].split("<w:sectPr>")[0] == (
        '<w:p><w:pPr><w:ind w:left="1440"/></w:pPr>'
        '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">OP1. </w:t></w:r>'
        '<w:r><w:t xml:space="preserve">We </w:t></w:r>'
        '<w:r><w:rPr><w:strike/></w:rPr><w:t xml:space="preserve">old</w:t></w:r>'
        '<w:r><w:t xml:space="preserve">new &amp; &lt;b&gt;</w:t></w:r></w:p>'
    )


def test_write_arabic_right_to_left():
    content = docx.write([Paragraph([Run("الهجرة")], style="Title")], language="ar")

    with zipfile.ZipFile(io.BytesIO(content)) as package:
        styles = package.read("word/styles.xml").decode()
    assert document_xml(content).split("<w:body>")[1].split("<w:sectPr>")[0] == (
        '<w:p><w:pPr><w:pStyle w:val="Title"/><w:bidi/></w:pPr>'
        '<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">الهجرة</w:t></w:r></w:p>'
    )
    assert '<w:lang w:bidi="ar-SA"/>' in styles


def test_paragraphs_reads_back_what_write_wrote():
    content = docx.write(
        [
            Paragraph([Run("Progress declaration")], style="Title"),
            Paragraph([Run("1.", bold=True), Run("\tline one\nline two")]),
            Paragraph([]),
            Paragraph([Run("Приветствуя", strike=True)], indent=1),
        ],
        language="ru",
    )

    found = docx.paragraphs(upload(content))

    assert found == [
        Read("Progress declaration", None, "Title"),
        Read("1.\tline one\nline two", None, ""),
        Read("", None, ""),
        Read("Приветствуя", None, ""),
    ]


def test_paragraphs_reads_list_levels_of_the_paragraph_itself():
    body = (
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='3'/></w:numPr></w:pPr>"
        "<w:r><w:t>Operative</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='1'/><w:numId w:val='3'/></w:numPr></w:pPr>"
        "<w:r><w:t>Lettered</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:numId w:val='3'/></w:numPr></w:pPr>"
        "<w:r><w:t>Level left out</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='0'/></w:numPr></w:pPr>"
        "<w:r><w:t>Taken out of the list</w:t></w:r></w:p>"
        "<w:p><w:pPr><w:pPrChange><w:pPr><w:numPr><w:ilvl w:val='2'/><w:numId w:val='3'/>"
        "</w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>Numbered before</w:t></w:r></w:p>"
    )

    found = docx.paragraphs(upload(with_body(body)))

    assert found == [
        Read("Operative", 0),
        Read("Lettered", 1),
        Read("Level left out", 0),
        Read("Taken out of the list", None),
        Read("Numbered before", None),
    ]


def test_paragraphs_reads_text_as_word_shows_it():
    body = (
        "<w:p><w:pPr><w:pStyle w:val='Heading1'/><w:tabs><w:tab w:val='left' w:pos='720'/>"
        "</w:tabs></w:pPr><w:r><w:t>One</w:t><w:tab/><w:t>two</w:t></w:r>"
        "<w:del><w:r><w:delText>deleted</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t xml:space='preserve'> inserted</w:t></w:r></w:ins></w:p>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>In a box</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>In a box</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent><w:t>Around</w:t></w:r></w:p>"
    )

    found = docx.paragraphs(upload(with_body(body, STRICT)))

    assert found == [
        Read("One\ttwo inserted", None, "Heading1"),
        Read("In a box", None, ""),
        Read("Around", None, ""),
    ]


def test_paragraphs_reads_notes_when_asked():
    note = "<w:footnote><w:p><w:r><w:t>Note</w:t></w:r></w:p></w:footnote>"
    content = package_with(
        {
            "word/document.xml": word_xml("<w:body><w:p><w:r><w:t>Body</w:t></w:r></w:p></w:body>"),
            "word/footnotes.xml": word_xml(note, root="footnotes"),
        }
    )

    body = docx.paragraphs(upload(content))
    everything = docx.paragraphs(upload(content), notes=True)

    assert ([p.text for p in body], [p.text for p in everything]) == (["Body"], ["Body", "Note"])


def test_paragraphs_stops_after_max_text():
    text = "migration " * 100
    content = docx.write([Paragraph([Run(text)])] * 500, language="en")

    found = docx.paragraphs(upload(content), max_text=2000)

    # Reading stops within the first chunk of XML; the paragraph it was in is kept as read.
    *whole, last = [p.text for p in found]
    assert (whole, text.startswith(last)) == ([text] * len(whole), True)
    assert 2000 <= sum(len(p.text) for p in found) < 100 * len(text)


@pytest.mark.parametrize(
    "body",
    [
        "<w:p><w:r><w:t>Unclosed</w:t></w:r>",
        "<w:p><w:r><w:t>&nbsp;</w:t></w:r></w:p>",
    ],
    ids=["unclosed", "undefined-entity"],
)
def test_paragraphs_refuses_malformed_xml(body):
    with pytest.raises(ValidationError) as error:
        docx.paragraphs(upload(with_body(body), "draft.docx"))

    assert error.value.messages == [DAMAGED.format("draft.docx")]


def test_paragraphs_refuses_a_doctype():
    doctype = '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>'
    content = package_with({"word/document.xml": doctype + word_xml("<w:body><w:p/></w:body>")})

    with pytest.raises(ValidationError) as error:
        docx.paragraphs(upload(content, "draft.docx"))

    assert error.value.messages == [DAMAGED.format("draft.docx")]


def test_paragraphs_refuses_a_package_that_unpacks_too_large():
    content = with_body("<w:p><w:r><w:t>Bomb</w:t></w:r></w:p>")
    # The central directory, which zipfile believes, says the part unpacks to 250 MB.
    entry = content.rindex(b"word/document.xml") - 46
    assert content[entry : entry + 4] == b"PK\x01\x02"
    content = content[: entry + 24] + struct.pack("<I", 250 * 1024 * 1024) + content[entry + 28 :]

    with pytest.raises(ValidationError) as error:
        docx.paragraphs(upload(content, "draft.docx"))

    assert error.value.messages == [
        "“draft.docx” unpacks to more than 200.0\xa0MB of text, more than can be read. Split it "
        "into smaller documents and upload them one by one."
    ]
