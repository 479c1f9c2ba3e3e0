import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.declarations.importing import Parsed, parse_text, read_upload
from gcmhub.reviews import samples
from gcmhub.web import docx
from gcmhub.web.docx import Paragraph, Run

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NO_PARAGRAPHS = (
    "No paragraphs were found. Separate paragraphs with a blank line; number operative "
    "paragraphs “1.”, “2.”… and sub-paragraphs “(a)”, “(b)”…; paragraphs before the first "
    "numbered one are read as preambular."
)
NOT_TEXT = (
    "“{}” cannot be imported: the file must be a Word document (.docx) or a plain-text file "
    "(.txt, UTF-8)."
)
DRAFT = """Progress Declaration

We, the Ministers and representatives of States,
gathered at the International Migration Review Forum,

Reaffirming the Global Compact for Safe, Orderly and Regular Migration,

1. Commit to accelerate
   the implementation of the Global Compact;

2. Decide to:
(a) Improve data on migration;
(b) Expand regular pathways;

3. Request the Secretary-General to report.
"""


def pp(text: str) -> Parsed:
    return Parsed("pp", False, text)


def op(text: str) -> Parsed:
    return Parsed("op", False, text)


def sub(text: str, kind: str = "op") -> Parsed:
    return Parsed(kind, True, text)


def refusal(call, *args) -> list[str]:
    with pytest.raises(ValidationError) as error:
        call(*args)
    return error.value.messages


def word_document(body: str) -> bytes:
    """A Word package whose main part has BODY (paragraphs written as Word writes them)."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx.write([], language="en"))) as original,
        zipfile.ZipFile(output, "w") as package,
    ):
        for name in original.namelist():
            if name != "word/document.xml":
                package.writestr(name, original.read(name))
        package.writestr(
            "word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
        )
    return output.getvalue()


def numbered(text: str, level: int) -> str:
    return (
        f"<w:p><w:pPr><w:numPr><w:ilvl w:val='{level}'/><w:numId w:val='1'/></w:numPr></w:pPr>"
        f"<w:r><w:t>{text}</w:t></w:r></w:p>"
    )


def plain(text: str) -> str:
    return f"<w:p><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def test_parse_text_reads_a_un_draft():
    parsed = parse_text(DRAFT)

    assert parsed == [
        pp("Progress Declaration"),
        pp(
            "We, the Ministers and representatives of States, gathered at the International "
            "Migration Review Forum,"
        ),
        pp("Reaffirming the Global Compact for Safe, Orderly and Regular Migration,"),
        op("Commit to accelerate the implementation of the Global Compact;"),
        op("Decide to:"),
        sub("Improve data on migration;"),
        sub("Expand regular pathways;"),
        op("Request the Secretary-General to report."),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("PP1. Recalling", pp("Recalling")),
        ("PP 1 Recalling", pp("Recalling")),
        ("PP1 bis. Recalling", pp("Recalling")),
        ("OP1. Decides", op("Decides")),
        ("OP 1) Decides", op("Decides")),
        ("OP5 bis: Decides", op("Decides")),
        ("1. Decides", op("Decides")),
        ("1) Decides", op("Decides")),
        ("12 bis. Decides", op("Decides")),
        ("3 ter) Decides", op("Decides")),
        ("(a) Data", op("Data")),  # no paragraph before it
        ("Recalling 1. and (a) in the text", pp("Recalling 1. and (a) in the text")),
        ("2018 was the year", pp("2018 was the year")),
        ("1.5 degrees", pp("1.5 degrees")),
        ("(of) no letter", pp("(of) no letter")),
        ("PP1bisect", pp("PP1bisect")),
    ],
)
def test_parse_text_reads_markers(line, expected):
    assert parse_text(line) == [expected]


@pytest.mark.parametrize("marker", ["(a)", "a)", "(a bis)", "(aa)", "( b )", "(c Ter)"])
def test_parse_text_reads_letters_as_sub_paragraphs_of_the_paragraph_before(marker):
    parsed = parse_text(f"PP1. Recalling:\n\n{marker} data;")

    assert parsed == [pp("Recalling:"), sub("data;", kind="pp")]


def test_parse_text_starts_a_paragraph_at_each_marker_without_blank_lines():
    parsed = parse_text("Recalling\nits resolution\n1. Decides\n2. Requests\n(a) to report")

    assert parsed == [
        pp("Recalling its resolution"),
        op("Decides"),
        op("Requests"),
        sub("to report"),
    ]


def test_parse_text_joins_unnumbered_blocks_after_operative_ones_to_the_paragraph_before():
    parsed = parse_text("1. Decides\n\nto remain seized.\n\n(a) Data\n\nand statistics")

    assert parsed == [op("Decides to remain seized."), sub("Data and statistics")]


def test_parse_text_reads_a_number_alone_on_its_line():
    parsed = parse_text("1.\n\nDecides to act.\n\n2.\nRequests a report.")

    assert parsed == [op("Decides to act."), op("Requests a report.")]


def test_parse_text_normalises_white_space():
    parsed = parse_text("  PP1.\tRecalling \u00a0 its\r\n   resolution  \r\n\r\n 1)  Decides ")

    assert parsed == [pp("Recalling its resolution"), op("Decides")]


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", "1.\n\n(a)"])
def test_parse_text_refuses_text_without_paragraphs(text):
    assert refusal(parse_text, text) == [NO_PARAGRAPHS]


def test_read_upload_reads_utf8_text_with_a_byte_order_mark():
    content = "\ufeffPréambule, Приветствуя\n\n1. Décide".encode()

    parsed = read_upload(SimpleUploadedFile("draft.txt", content))

    assert parsed == [pp("Préambule, Приветствуя"), op("Décide")]


def test_read_upload_reads_word_numbering_and_markers():
    body = (
        "<w:p><w:pPr><w:pStyle w:val='Title'/></w:pPr><w:r><w:t>Declaration</w:t></w:r></w:p>"
        + plain("Recalling the Compact,")
        + plain("")
        + numbered("Commit to act;", 0)
        + numbered("data;", 1)
        + numbered("pathways;", 2)
        + "<w:p><w:r><w:t>and</w:t><w:br/><w:t>more.</w:t><w:br/><w:t>(c) returns;</w:t></w:r></w:p>"
        + plain("OP2.\tDecide.")
    )

    parsed = read_upload(SimpleUploadedFile("draft.docx", word_document(body)))

    assert parsed == [
        pp("Recalling the Compact,"),
        op("Commit to act;"),
        sub("data;"),
        sub("pathways; and more."),
        sub("returns;"),
        op("Decide."),
    ]


def test_read_upload_reads_a_written_word_document():
    content = docx.write(
        [Paragraph([Run("PP1. ", bold=True), Run("Recalling")]), Paragraph([Run("1) Decides")])],
        language="en",
    )

    parsed = read_upload(SimpleUploadedFile("draft", content))

    assert parsed == [pp("Recalling"), op("Decides")]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("draft.txt", "Préambule".encode("latin-1")),
        ("draft.txt", b"1. Decides\x00"),
        ("draft.pdf", samples.pdf_document(["1. Decides"])),
        ("draft.png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("draft.zip", b"PK\x03\x04" + bytes(100)),
    ],
    ids=["latin-1", "nul", "pdf", "png", "zip"],
)
def test_read_upload_refuses_files_that_are_not_word_nor_text(name, content):
    file = SimpleUploadedFile(name, content)

    assert refusal(read_upload, file) == [NOT_TEXT.format(name)]
    assert file.tell() == 0


@pytest.mark.parametrize(
    "content",
    [b"", b" \n\n", samples.docx_document([]), samples.docx_document(["", "  "])],
    ids=["empty", "blank", "empty-docx", "blank-docx"],
)
def test_read_upload_refuses_files_without_paragraphs(content):
    assert refusal(read_upload, SimpleUploadedFile("draft", content)) == [NO_PARAGRAPHS]


def test_read_upload_refuses_a_damaged_word_document():
    content = word_document("<w:p><w:r><w:t>Unclosed</w:t></w:r>")

    messages = refusal(read_upload, SimpleUploadedFile("draft.docx", content))

    assert messages == [
        "“draft.docx” cannot be read as a Word document: its content is damaged or not valid. "
        "Open it in your word processor, save it again as .docx and upload the new file."
    ]


def test_read_upload_refuses_a_word_document_with_macros():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("word/vbaProject.bin", b"macros")

    messages = refusal(read_upload, SimpleUploadedFile("draft.docx", output.getvalue()))

    assert messages == ["Documents with macros are not accepted; save it as a plain .docx."]


def test_read_upload_refuses_a_file_too_large():
    content = b"1. Decides\n\n" * (500 * 1024)

    messages = refusal(read_upload, SimpleUploadedFile("draft.txt", content))

    assert messages == ["“draft.txt” is 5.9\xa0MB; files can be at most 5.0\xa0MB."]
