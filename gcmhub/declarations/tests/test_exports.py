import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from gcmhub.declarations import exports, queries
from gcmhub.declarations.importing import Parsed, read_upload
from gcmhub.declarations.models import ParagraphKind
from gcmhub.declarations.queries import Block, Entry
from gcmhub.declarations.tests.factories import ParagraphFactory, RevisionFactory
from gcmhub.declarations.text import Piece

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "Progress Declaration of the International Migration Review Forum"
BLOCKS = [
    Block(None, "PP1", [Piece("", "Recalling the Global Compact,")]),
    Block(
        None,
        "OP1",
        [
            Piece("", "We commit to "),
            Piece("del", "improve"),
            Piece("", " "),
            Piece("ins", "strengthen"),
            Piece("", " data."),
        ],
        [
            Entry(
                None,
                "OP1",
                [Piece("", "We commit to "), Piece("ins", "strengthen"), Piece("", " data.")],
                "Mexico, supported by Chile",
                "Taken in",
            ),
            Entry(None, "OP1 bis", [Piece("ins", "We review progress.")], "Morocco", ""),
        ],
    ),
    Block(None, "OP1 (a)", [Piece("", "disaggregated "), Piece("del", "data")]),
]


def runs(content: bytes) -> list[tuple[str, list[tuple[str, str]]]]:
    """The paragraphs of a Word document: (indent, [(format, text)…]), format "b" for bold,
    "s" for struck through, "" for plain, line breaks as "\\n"."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        root = ElementTree.fromstring(package.read("word/document.xml"))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        indent = paragraph.find(f"{W}pPr/{W}ind")
        found = []
        for run in paragraph.iter(f"{W}r"):
            style = ("b" if run.find(f"{W}rPr/{W}b") is not None else "") + (
                "s" if run.find(f"{W}rPr/{W}strike") is not None else ""
            )
            text = "".join(
                "\n" if part.tag == f"{W}br" else part.text for part in run if part.tag != f"{W}rPr"
            )
            found.append((style, text))
        paragraphs.append(("" if indent is None else indent.get(f"{W}left"), found))
    return paragraphs


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_docx_lays_out_the_compilation_with_bold_additions_and_struck_deletions():
    content = exports.docx(
        title=TITLE, subtitle="Compilation of Rev.1", blocks=BLOCKS, language="en"
    )

    assert runs(content) == [
        ("", [("", TITLE)]),
        ("", [("", "Compilation of Rev.1")]),
        ("", [("b", "PP1. "), ("", "Recalling the Global Compact,")]),
        (
            "",
            [
                ("b", "OP1. "),
                ("", "We commit to "),
                ("s", "improve"),
                ("", " "),
                ("b", "strengthen"),
                ("", " data."),
            ],
        ),
        (
            "720",
            [
                ("", "OP1 — Mexico, supported by Chile (Taken in)\n"),
                ("", "We commit to "),
                ("b", "strengthen"),
                ("", " data."),
            ],
        ),
        ("720", [("", "OP1 bis — Morocco\n"), ("b", "We review progress.")]),
        ("720", [("b", "(a) "), ("", "disaggregated "), ("s", "data")]),
    ]


def test_docx_is_the_same_bytes_for_the_same_blocks():
    first = exports.docx(title=TITLE, subtitle="", blocks=BLOCKS, language="fr")
    second = exports.docx(title=TITLE, subtitle="", blocks=BLOCKS, language="fr")

    assert first == second


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ru"])
def test_docx_of_a_revision_reads_back_as_the_same_paragraphs(language):
    revision = RevisionFactory()
    texts = {
        "en": ["Recalling the Compact,", "Welcoming progress,", "Decide:", "data;", "returns;"],
        "ru": ["Ссылаясь на Договор,", "Приветствуя прогресс,", "Постановляем:", "данные;", "…"],
    }[language]
    ParagraphFactory(
        revision=revision, position=1, kind=ParagraphKind.PREAMBULAR, number=1, text=texts[0]
    )
    ParagraphFactory(
        revision=revision,
        position=2,
        kind=ParagraphKind.PREAMBULAR,
        number=1,
        suffix=1,
        text=texts[1],
    )
    operative = ParagraphFactory(revision=revision, position=3, number=1, text=texts[2])
    ParagraphFactory(revision=revision, position=4, parent=operative, number=1, text=texts[3])
    ParagraphFactory(
        revision=revision, position=5, parent=operative, number=1, suffix=2, text=texts[4]
    )
    ParagraphFactory(revision=revision, position=6, number=2, text="Request a report.")
    blocks = queries.text_blocks(revision)

    content = exports.docx(title=TITLE, subtitle="Zero draft", blocks=blocks, language=language)

    assert [block.label for block in blocks] == [
        "PP1",
        "PP1 bis",
        "OP1",
        "OP1 (a)",
        "OP1 (a ter)",
        "OP2",
    ]
    assert read_upload(SimpleUploadedFile("zero-draft.docx", content)) == [
        Parsed("pp", False, texts[0]),
        Parsed("pp", False, texts[1]),
        Parsed("op", False, texts[2]),
        Parsed("op", True, texts[3]),
        Parsed("op", True, texts[4]),
        Parsed("op", False, "Request a report."),
    ]


def test_pdf_has_the_title_labels_words_and_struck_deletions():
    content = exports.pdf(
        title=TITLE, subtitle="Compilation of Rev.1", blocks=BLOCKS, language="en"
    )

    assert pdf_text(content) == (
        "Progress Declaration of the International Migration\n"  # wrapped at 16 points
        "Review Forum\n"
        "Compilation of Rev.1\n"
        "PP1. Recalling the Global Compact,\n"
        "OP1. We commit to improve strengthen data.\n"
        "OP1 — Mexico, supported by Chile (Taken in)\n"
        "We commit to strengthen data.\n"
        "OP1 bis — Morocco\n"
        "We review progress.\n"
        "(a) disaggregated data"
    )
    # fpdf2 strikes text through with a thin filled rectangle: one for each deletion.
    page = PdfReader(io.BytesIO(content)).pages[0]
    assert page.get_contents().get_data().count(b" re f") == 2


def test_pdf_writes_cyrillic_and_is_the_same_bytes_for_the_same_blocks():
    blocks = [Block(None, "OP1", [Piece("", "Приветствуя "), Piece("del", "прогресс")])]

    first = exports.pdf(title="Декларация", subtitle="", blocks=blocks, language="ru")
    second = exports.pdf(title="Декларация", subtitle="", blocks=blocks, language="ru")

    assert first == second
    assert pdf_text(first) == "Декларация\nOP1. Приветствуя прогресс"
    assert PdfReader(io.BytesIO(first)).metadata.title == "Декларация"


def test_pdf_wraps_long_paragraphs_onto_pages():
    blocks = [Block(None, f"OP{n}", [Piece("", "migration " * 40)]) for n in range(1, 41)]

    content = exports.pdf(title=TITLE, subtitle="", blocks=blocks, language="en")

    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) > 1
    assert pdf_text(content).split().count("migration") == 40 * 40


@pytest.mark.parametrize("language", ["ar", "zh-hans"])
def test_pdf_refuses_scripts_the_font_lacks(language):
    with pytest.raises(ValueError) as error:
        exports.pdf(title=TITLE, subtitle="", blocks=BLOCKS, language=language)

    assert str(error.value) == f"No PDF font for {language!r}: offer the Word document."
