"""The text of a court's document, line by line with its page, read within bounds.

A document comes from outside and may be hostile: its size, its pages, the size it claims to
unpack to and the number of parts in it are bounded before anything is parsed; no XML entity
is resolved (python-docx parses with ``resolve_entities=False``), no macro runs, no link is
followed. The format is known by the file's signature, not its name: ``%PDF-`` (pypdf), a zip
with ``word/document.xml`` (python-docx), else plain text in UTF-8 or Windows-1251.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from deadline_cli.errors import DeadlineError, describe_os_error
from deadline_cli.i18n import msg
from deadline_cli.record import Record

MAX_BYTES = 20 << 20  # a decision is kilobytes; 20 MiB is a scanned book
MAX_PAGES = 300
MAX_UNPACKED = 64 << 20  # what a DOCX may claim to unpack to, all parts together
MAX_PARTS = 2000
MAX_RATIO = 200  # a part that unpacks to more than 200 times its size is a bomb
MAX_LINES = 50_000


class Line(Record):
    number: int  # 1-based, as a reader counts: in its page (a PDF), else in the document
    page: int  # 1-based; 1 for formats without pages
    text: str


def read_lines(path: Path) -> tuple[str, list[Line]]:
    """The format ("txt", "docx", "pdf") and the non-empty lines of the document at ``path``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise DeadlineError(msg("read_unreadable", problem=describe_os_error(exc))) from None
    if len(data) > MAX_BYTES:
        raise DeadlineError(msg("read_too_large", limit=str(MAX_BYTES >> 20)))
    if data.startswith(b"%PDF-"):
        return "pdf", _numbered(_pdf_pages(data))
    if data.startswith(b"PK\x03\x04"):
        return "docx", _numbered([_docx_text(data)])
    return "txt", _numbered([_plain_text(data)])


def _numbered(pages: list[str]) -> list[Line]:
    """The non-empty lines, each with the number a reader counts to it (empty lines count)."""
    lines: list[Line] = []
    for page, text in enumerate(pages, 1):
        for number, raw in enumerate(text.splitlines(), 1):
            clean = " ".join(raw.replace("\u00a0", " ").split())
            if clean:
                lines.append(Line(number, page, clean))
                if len(lines) > MAX_LINES:
                    raise DeadlineError(msg("read_too_long", limit=str(MAX_LINES)))
    return lines


def _plain_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data[:4096]:
        raise DeadlineError(msg("read_not_text"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251", errors="strict") if _cp1251(data) else _refuse_text()


def _cp1251(data: bytes) -> bool:
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and sum("а" <= ch.lower() <= "я" for ch in text) * 2 >= letters


def _refuse_text() -> str:
    raise DeadlineError(msg("read_not_text"))


def _docx_text(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DeadlineError(msg("read_bad_docx", problem="not a zip archive")) from None
    infos = archive.infolist()
    if len(infos) > MAX_PARTS:
        raise DeadlineError(msg("read_docx_bomb", limit=str(MAX_UNPACKED >> 20)))
    unpacked = 0
    for info in infos:
        unpacked += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if unpacked > MAX_UNPACKED or (info.file_size > 1 << 20 and ratio > MAX_RATIO):
            raise DeadlineError(msg("read_docx_bomb", limit=str(MAX_UNPACKED >> 20)))
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise DeadlineError(msg("read_bad_docx", problem="no word/document.xml"))
    # Macros (vbaProject.bin) and links are never run or followed: only the text is read.
    import docx  # python-docx: imported only when a DOCX is read

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a corrupt part: the library's own error, said in one line
        raise DeadlineError(msg("read_bad_docx", problem=type(exc).__name__)) from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _pdf_pages(data: bytes) -> list[str]:
    import pypdf  # imported only when a PDF is read

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DeadlineError(msg("read_pdf_encrypted"))
        count = len(reader.pages)
    except DeadlineError:
        raise
    except Exception as exc:  # pypdf's errors for a broken file
        raise DeadlineError(msg("read_bad_pdf", problem=type(exc).__name__)) from None
    if count > MAX_PAGES:
        raise DeadlineError(msg("read_pdf_pages", pages=str(count), limit=str(MAX_PAGES)))
    pages: list[str] = []
    try:
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except Exception as exc:
        raise DeadlineError(msg("read_bad_pdf", problem=type(exc).__name__)) from None
    if not any(ch.isalpha() for text in pages for ch in text):
        raise DeadlineError(msg("read_pdf_scan"))
    return pages
