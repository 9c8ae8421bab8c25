"""Dates as Russian and Kazakh documents and registers write them: «5 февраля 2026 года»,
«05.02.2026 г.», «2026 жылғы 5 ақпан». Used by the reader of decisions (reading.find) and,
for a date that is not written YYYY-MM-DD or DD.MM.YYYY, by dates.parse_date: it needs
``re``, which the start-up path does without."""

from __future__ import annotations

import re

RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "ма": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
KK_MONTHS = {
    "қаңтар": 1,
    "ақпан": 2,
    "наурыз": 3,
    "сәуір": 4,
    "мамыр": 5,
    "маусым": 6,
    "шілде": 7,
    "тамыз": 8,
    "қыркүйек": 9,
    "қазан": 10,
    "қараша": 11,
    "желтоқсан": 12,
}
RU_DATE = re.compile(
    r"[«\"]?(\d{1,2})[»\"]?\s+(январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[яй]|июн[ья]|июл[ья]|"
    r"августа?|сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])\s+(\d{4})",
    re.IGNORECASE,
)
KK_DATE = re.compile(
    r"(\d{4})\s*ж(?:ылғы|\.)\s*[«\"]?(\d{1,2})[»\"]?\s*(" + "|".join(KK_MONTHS) + r")\w*",
    re.IGNORECASE,
)
DOTTED = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.]*\d)")

# A text that is one date and nothing else, the year's word after it if any (г., года; ж.).
_YEAR_WORD = r"(?:\s*(?:г\.?|года|ж\.?))?"
_ONLY_RU = re.compile(RU_DATE.pattern + _YEAR_WORD, re.IGNORECASE)
_ONLY_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})" + _YEAR_WORD, re.IGNORECASE)


def ru_month(name: str) -> int:
    """The month a Russian month's name (in any case) names: «февраля» is 2."""
    return next(n for stem, n in RU_MONTHS.items() if name.lower().startswith(stem))


def written_date(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a text that is one date as a document writes it and nothing
    else (a cell «5 февраля 2026 года»); None for anything else, a text with two dates too."""
    text = text.strip()
    if len(text) > 64:
        return None
    if m := _ONLY_DOTTED.fullmatch(text):
        return int(m[3]), int(m[2]), int(m[1])
    if m := _ONLY_RU.fullmatch(text):
        return int(m[3]), ru_month(m[2]), int(m[1])
    if m := KK_DATE.fullmatch(text):
        return int(m[1]), KK_MONTHS[m[3].lower()], int(m[2])
    return None
