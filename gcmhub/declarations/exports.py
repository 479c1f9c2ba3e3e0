"""The compilation text and a revision as Word and PDF files.

Both files have the same layout: the title, the subtitle, then each paragraph after its label in
bold ("PP1.", "OP2.", and "(a)" for a sub-paragraph, indented), additions in bold and deletions
struck through; under a paragraph, indented, each proposal: "OP2 — Mexico (Taken in)" and the
paragraph as it would read. A revision's text (blocks without proposals) reads back in
importing.read_upload as the same paragraphs."""

import datetime
import logging
from pathlib import Path

from fpdf import FPDF

from gcmhub.web import docx as word
from gcmhub.web.docx import Paragraph, Run

FONTS = Path(__file__).parent / "fonts"
# DejaVu Sans has the Latin, Cyrillic and Greek scripts. Arabic needs shaping and Chinese a
# font of its own: those documents are offered as Word files only.
PDF_LANGUAGES = ("en", "es", "fr", "ru")
PDF_DATE = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)  # the same text, the same bytes
PAGE_MARGIN = 20  # millimetres
INDENT = 10  # millimetres for each step of indentation
TITLE_SIZE, SUBTITLE_SIZE, BODY_SIZE = 16, 12, 10.5  # points
LINE = 5.5  # millimetres from one line of body text to the next

# fontTools reports each step of cutting the fonts down to the glyphs used; only trouble matters.
logging.getLogger("fontTools").setLevel(logging.WARNING)


def _label(label: str) -> str:
    """The label written before a paragraph: "OP5 bis. ", or "(a) " for "OP5 (a)"."""
    _parent, paren, letter = label.partition("(")
    return f"({letter} " if paren else f"{label}. "


def _runs(pieces) -> list[Run]:
    return [
        Run(piece.text, bold=piece.mark == "ins", strike=piece.mark == "del") for piece in pieces
    ]


def _heading(entry) -> str:
    """The line above a proposal: "OP2 — Mexico", then "(Taken in)" once it is decided."""
    heading = f"{entry.label} — {entry.attribution}"
    return f"{heading} ({entry.decision})" if entry.decision else heading


def _paragraphs(title: str, subtitle: str, blocks) -> list[Paragraph]:
    """The document as paragraphs of runs, for both formats."""
    paragraphs = [Paragraph([Run(title)], style="Title")]
    if subtitle:
        paragraphs.append(Paragraph([Run(subtitle)], style="Subtitle"))
    for block in blocks:
        label = _label(block.label)
        indent = int(label.startswith("("))
        paragraphs.append(Paragraph([Run(label, bold=True), *_runs(block.pieces)], indent=indent))
        for entry in block.entries:
            runs = [Run(_heading(entry) + "\n"), *_runs(entry.pieces)]
            paragraphs.append(Paragraph(runs, indent=indent + 1))
    return paragraphs


def docx(*, title: str, subtitle: str, blocks, language: str) -> bytes:
    """A Word document of BLOCKS (queries.Block), TITLE and SUBTITLE first."""
    return word.write(_paragraphs(title, subtitle, blocks), language=language)


def pdf(*, title: str, subtitle: str, blocks, language: str) -> bytes:
    """A PDF of BLOCKS (queries.Block), TITLE and SUBTITLE first; a ValueError for a document
    in a language outside PDF_LANGUAGES (Arabic, Chinese), whose script the PDF font lacks."""
    if language not in PDF_LANGUAGES:
        raise ValueError(f"No PDF font for {language!r}: offer the Word document.")
    document = FPDF(format="A4")
    document.set_creation_date(PDF_DATE)
    document.set_lang(language)
    document.set_title(title)
    document.add_font("dejavu", "", FONTS / "DejaVuSans.ttf")
    document.add_font("dejavu", "B", FONTS / "DejaVuSans-Bold.ttf")
    document.set_margins(PAGE_MARGIN, PAGE_MARGIN)
    document.set_auto_page_break(True, margin=PAGE_MARGIN)
    document.add_page()
    sizes = {"Title": TITLE_SIZE, "Subtitle": SUBTITLE_SIZE, "": BODY_SIZE}
    for paragraph in _paragraphs(title, subtitle, blocks):
        size = sizes[paragraph.style]
        height = LINE * size / BODY_SIZE
        # write() wraps at the margins: the left margin is the paragraph's indent.
        document.set_left_margin(PAGE_MARGIN + INDENT * paragraph.indent)
        document.set_x(document.l_margin)
        for run in paragraph.runs:
            bold = run.bold or paragraph.style == "Title"
            document.set_font("dejavu", ("B" if bold else "") + ("S" if run.strike else ""), size)
            document.write(height, run.text)
        document.ln(height * 1.6)  # the line, and a little more between paragraphs
    return bytes(document.output())
