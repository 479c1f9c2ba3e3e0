"""Small review documents made in code, for the demo data and the tests: a PDF written by hand
and a Word package (gcmhub.web.docx), with no library beyond Python's own."""

import hashlib
import io
import itertools
import unicodedata
import zlib

from gcmhub.web import docx
from gcmhub.web.docx import Paragraph, Run

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4, in points
MARGIN = 56
BODY_SIZE, TITLE_SIZE = 10, 16
LINE_WIDTH = 90  # characters of Latin text at BODY_SIZE on a line; a Chinese character counts two

# Helvetica and Helvetica-Bold are two of the 14 fonts every PDF reader has. STSong-Light is one
# of Adobe's predefined CJK fonts: readers substitute an installed Chinese font for it, and the
# UniGB-UCS2-H encoding lets the text be written (and extracted) as UTF-16.
LATIN_FONTS = {"/F1": "/Helvetica", "/F2": "/Helvetica-Bold"}
CHINESE_FONT = "/F3"
CHINESE_FONT_OBJECTS = (
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H"
    " /Encoding /UniGB-UCS2-H /DescendantFonts [{descendant} 0 R] >>",
    "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light"
    " /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>"
    " /FontDescriptor {descriptor} 0 R /DW 1000 /W [1 95 500 7716 7810 500] >>",
    "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
    " /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 857 /StemV 93 >>",
)


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _is_chinese(paragraph: str) -> bool:
    return any(_is_wide(char) for char in paragraph)


def _wrap(paragraph: str, width: int) -> list[str]:
    """PARAGRAPH in lines of about WIDTH columns, broken between words and between wide
    (Chinese) characters; a word longer than a line stays whole."""
    lines: list[str] = []
    line, used = "", 0
    for word in paragraph.split():
        pieces = []
        for wide, chars in itertools.groupby(word, key=_is_wide):
            run = "".join(chars)
            pieces += list(run) if wide else [run]
        for position, piece in enumerate(pieces):
            space = int(position == 0 and bool(line))
            size = sum(2 if _is_wide(char) else 1 for char in piece)
            # Chinese punctuation (。，》) stays at the end of a line, never starts one.
            closes = _is_wide(piece[0]) and unicodedata.category(piece[0]) in ("Po", "Pe", "Pf")
            if line and used + space + size > width and not closes:
                lines.append(line)
                line, used, space = "", 0, 0
            line += " " * space + piece
            used += space + size
    return [*lines, line] if line else lines


def _in_chinese_font(char: str) -> bool:
    """Whether CHAR can be written in STSong-Light: ASCII, or a wide or East Asian ambiguous
    character (Chinese, full-width forms, Cyrillic, Greek…) of the Basic Multilingual Plane."""
    return char.isascii() or (ord(char) <= 0xFFFF and unicodedata.east_asian_width(char) in "WFA")


def _unwritable(char: str) -> ValueError:
    return ValueError(f"{char!r} has no glyph in the PDF fonts; use docx_document.")


def _pdf_string(line: str, chinese: bool) -> str:
    """LINE as a PDF string in the encoding of its font: UTF-16 hex for the Chinese font,
    Windows-1252 with ( ) \\ escaped for Helvetica."""
    if chinese:
        for char in line:
            if not _in_chinese_font(char):
                raise _unwritable(char)
        return "<" + line.encode("utf-16-be").hex().upper() + ">"
    try:
        encoded = line.encode("cp1252")
    except UnicodeEncodeError as error:
        raise _unwritable(line[error.start]) from None
    encoded = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return "(" + encoded.decode("latin-1") + ")"


def _pdf_text_string(text: str) -> str:
    """TEXT for the document information (UTF-16 with a byte order mark)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _layout(paragraphs: list[str], title: str) -> list[list[tuple[str, int, int, str]]]:
    """The pages of the document, each a list of lines as (font, size, baseline, PDF string)."""
    blocks = [(title, TITLE_SIZE, True)] if title.strip() else []
    blocks += [(paragraph, BODY_SIZE, False) for paragraph in paragraphs if paragraph.strip()]
    pages: list[list[tuple[str, int, int, str]]] = [[]]
    top = PAGE_HEIGHT - MARGIN
    baseline = top
    for text, size, bold in blocks:
        chinese = _is_chinese(text)
        font = CHINESE_FONT if chinese else ("/F2" if bold else "/F1")
        leading = round(size * 1.4)
        for line in _wrap(text, LINE_WIDTH * BODY_SIZE // size):
            if baseline - leading < MARGIN:
                pages.append([])
                baseline = top
            baseline -= leading
            pages[-1].append((font, size, baseline, _pdf_string(line, chinese)))
        baseline -= leading // 2  # a half line between paragraphs
    return pages


def _content(lines: list[tuple[str, int, int, str]]) -> bytes:
    """The content stream of one page: one text object, each line placed below the last."""
    operations = ["BT"]
    previous = None
    for font, size, baseline, string in lines:
        operations.append(f"{font} {size} Tf")
        if previous is None:
            operations.append(f"{MARGIN} {baseline} Td")
        else:
            operations.append(f"0 {baseline - previous} Td")
        operations.append(f"{string} Tj")
        previous = baseline
    operations.append("ET")
    return "\n".join(operations).encode("latin-1")


def pdf_document(paragraphs: list[str], *, title: str = "") -> bytes:
    """A PDF of PARAGRAPHS (English, French, Spanish or Chinese), with TITLE in bold first; a
    ValueError for other scripts, which need a font the PDF cannot name."""
    pages = _layout(paragraphs, title)
    used = {font for page in pages for font, *_ in page}
    objects: list[bytes] = [b"", b""]  # the catalog and the page tree, written last

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    fonts = {}
    for name, base in LATIN_FONTS.items():
        if name in used:
            fonts[name] = add(
                f"<< /Type /Font /Subtype /Type1 /BaseFont {base} /Encoding /WinAnsiEncoding >>"
            )
    if CHINESE_FONT in used:
        type0, cid_font, descriptor = CHINESE_FONT_OBJECTS
        number = len(objects) + 1
        fonts[CHINESE_FONT] = add(type0.format(descendant=number + 1))
        add(cid_font.format(descriptor=number + 2))
        add(descriptor)
    resources = " ".join(f"{name} {number} 0 R" for name, number in fonts.items())
    kids = []
    for page in pages:
        stream = zlib.compress(_content(page))
        content = add(
            f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
            + stream
            + b"\nendstream"
        )
        kids.append(
            add(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}]"
                f" /Resources << /Font << {resources} >> >> /Contents {content} 0 R >>"
            )
        )
    heading = f"/Title {_pdf_text_string(title)} " if title.strip() else ""
    info = add(f"<< {heading}/Producer (gcmhub samples) >>")
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{kid} 0 R' for kid in kids)}] /Count {len(kids)} >>"
    ).encode()

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")  # the second line marks the file as binary
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = output.tell()
    output.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    output.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    identifier = hashlib.md5(output.getvalue(), usedforsecurity=False).hexdigest()
    output.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info} 0 R"
        f" /ID [<{identifier}> <{identifier}>] >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return output.getvalue()


def docx_document(paragraphs: list[str], *, title: str = "", language: str = "en") -> bytes:
    """A Word document of PARAGRAPHS in LANGUAGE (a code such as "en" or "ar"), with TITLE as a
    bold first paragraph."""
    body = [Paragraph([Run(title, bold=True)], style="Title")] if title.strip() else []
    body += [Paragraph([Run(paragraph)]) for paragraph in paragraphs]
    return docx.write(body, language=language)
