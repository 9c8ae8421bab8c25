"""What a court's document says of its case: the kind of act, the dates that start the terms,
the case number and the appeal term the court states, each with the line it came from.

It never guesses (``shared/domain/decisions.md``, "What a reader must not assume"): a date is
taken only from a line that names its moment («резолютивная часть объявлена …», «решение в
окончательной форме изготовлено …», «копию получил …») or from the introductory part, where
the law puts the date of the decision; a date of birth, a contract or a law's date elsewhere is
never a decision date. Two lines that give one moment different dates are a conflict, refused.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

from deadline_cli.periods import Period, Unit
from deadline_cli.reading.extract import Line
from deadline_cli.record import Record, field
from deadline_cli.written import DOTTED, KK_DATE, KK_MONTHS, RU_DATE, ru_month

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadline_cli.periods import UnitName

# The moments a term starts from, by the words that name them on a line.
_MOMENTS = {
    "final_form": re.compile(
        r"окончательной\s+форме|мотивированн\w*\s+(?:решени|текст|постановлени)|"
        r"полный\s+текст|түпкілікті\s+нысан",
        re.IGNORECASE,
    ),
    "ruling": re.compile(
        r"резолютивн\w*\s+част\w*[^.]{0,60}(?:объявлен|оглашен)|"
        r"(?:объявлен|оглашен)\w*\s+резолютивн|қарар\s+бөлі\w*[^.]{0,40}жария|"
        r"приговор\w*[^.]{0,30}провозглаш|провозглаш\w*\s+приговор|үкім[^.]{0,30}жария",
        re.IGNORECASE,
    ),
    "served": re.compile(
        r"копи\w*[^.]{0,80}(?:вручен|получ)|(?:вручен|получ)\w*[^.]{0,40}копи|"
        r"көшірме\w*[^.]{0,60}(?:тапсырыл|алды)",
        re.IGNORECASE,
    ),
}
# A sentence ends at ". " or "; " before a capital letter (a date's own dots are not followed
# by a space and a capital).
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[А-ЯЁA-ZӘҒҚҢӨҰҮҺІ«])")
_NOT_DECISION_DATE = re.compile(
    r"рождени|родив|г\.\s*р\.|туған|договор|шарт\w*\s|закон|заң\w*\s|кодекс|№\s*\d+-[IVXІ]+|паспорт|"
    r"удостоверени|куәлі",
    re.IGNORECASE,
)
_DESCRIPTIVE = re.compile(r"\b(?:установил|установила|анықтады|УСТАНОВИЛ|АНЫҚТАДЫ)\b", re.I)
_HEADINGS = {
    "РЕШЕНИЕ": "decision",
    "ШЕШІМ": "decision",
    "ПРИГОВОР": "verdict",
    "ҮКІМ": "verdict",
    "ПОСТАНОВЛЕНИЕ": "ruling",
    "ҚАУЛЫ": "ruling",
    # A document that is only the operative part (GPK 223(3), 4-1): it cannot give the final form.
    "РЕЗОЛЮТИВНАЯЧАСТЬРЕШЕНИЯ": "decision",
    "ШЕШІМНІҢҚАРАРБӨЛІГІ": "decision",
}
_CODES = [
    (
        "criminal",
        re.compile(r"уголовно[-\s]процессуальн|уголовн\w+\s+дел|УПК\b|ҚПК\b|қылмыстық", re.I),
    ),
    (
        "offence",
        re.compile(r"административн\w*\s+правонарушени|КоАП\b|ӘҚБтК|құқық\s+бұзушылық", re.I),
    ),
    (
        "administrative",
        re.compile(
            r"административн\w*\s+процедурно|АППК\b|ӘРПК\b|административн\w*\s+дел\w*|"
            r"әкімшілік\s+іс",
            re.I,
        ),
    ),
    (
        "civil",
        re.compile(r"гражданск\w*\s+процессуальн|ГПК\b|АПК\b|гражданск\w*\s+дел|азаматтық", re.I),
    ),
]
_REFUGEE = re.compile(r"беженц|босқын", re.I)
_COURT = re.compile(r"\bсуд|\bсот\b|соты\b|судья|судьясы", re.I)
_CASE = re.compile(
    r"(?:Дело|дело|Іс|іс)\s*№\s*([0-9A-Za-zА-Яа-я][\w\-/.]*\w)|"
    r"№\s*([0-9][\w\-/.]*\w)\s+(?:\w+\s+)?іс\b"  # Kazakh: «№ 2-55/2026 азаматтық іс»
)
_OFFICIAL = re.compile(r"инспектор|должностн\w*\s+лиц|управлени|департамент|комитет|басқарма", re.I)
_TERM_RU = re.compile(
    r"в\s+течение\s+(\d+|одного|одного|двух|трех|трёх|пяти|десяти|пятнадцати|тридцати)\s+"
    r"(месяц\w*|суток|сутки|рабочих\s+дн\w*|дн\w*)",
    re.IGNORECASE,
)
_TERM_KK = re.compile(
    r"(\d+|бір|екі|үш|бес|он\s+бес|он|отыз)\s+(ай|тәулік|жұмыс\s+күн\w*|күн)\w*\s+ішінде",
    re.IGNORECASE,
)
_APPEAL_WORDS = re.compile(r"обжал|апелляц|жалоб|шағым|опротест", re.I)
_NUMBERS = {
    "одного": 1,
    "бір": 1,
    "двух": 2,
    "екі": 2,
    "трех": 3,
    "трёх": 3,
    "үш": 3,
    "пяти": 5,
    "бес": 5,
    "десяти": 10,
    "он": 10,
    "пятнадцати": 15,
    "он бес": 15,
    "тридцати": 30,
    "отыз": 30,
}
HEAD_LINES = 25  # the introductory part: where the law puts the decision's date


class Found(Record):
    """A value and the line of the document it came from."""

    value: object
    line: Line
    words: str = ""  # the document's own words, where they matter (the stated term)


class DocumentReading(Record, frozen=False):
    act: Found | None = None  # "decision", "verdict", "ruling" (the heading)
    pack: Found | None = None  # a pack id, from the code the document names
    kind: Found | None = None  # offence: "court" or "official"
    dates: dict[str, list[Found]] = field(default_factory=dict)
    header_date: Found | None = None
    case: Found | None = None
    term: Found | None = None  # a Period, with the court's words


def dates_in(text: str) -> list[tuple[int, date]]:
    """Every date written on a line, with where it starts: «5 февраля 2026 года», ««05»
    февраля 2026 г.», «05.02.2026», «2026 жылғы 5 ақпанда». An impossible one is skipped."""
    found: list[tuple[int, date]] = []
    for m in RU_DATE.finditer(text):
        _add(found, m.start(), int(m.group(3)), ru_month(m.group(2)), int(m.group(1)))
    for m in KK_DATE.finditer(text):
        _add(found, m.start(), int(m.group(1)), KK_MONTHS[m.group(3).lower()], int(m.group(2)))
    for m in DOTTED.finditer(text):
        _add(found, m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return sorted(found)


def _add(found: list[tuple[int, date]], at: int, year: int, month: int, day: int) -> None:
    with suppress(ValueError):  # «31 февраля» names no day: not a date to take
        found.append((at, date(year, month, day)))


def read_document(lines: list[Line]) -> DocumentReading:
    reading = DocumentReading()
    for line in lines[: HEAD_LINES * 2]:
        act = _HEADINGS.get(line.text.replace(" ", "").upper().rstrip(":"))
        if act is not None:
            reading.act = Found(act, line)
            break
    for pack, pattern in _CODES:
        hit = next((line for line in lines if pattern.search(line.text)), None)
        if hit is not None:
            reading.pack = Found(pack, hit)
            break
    if reading.pack is not None and reading.pack.value == "administrative":
        hit = next((line for line in lines if _REFUGEE.search(line.text)), None)
        if hit is not None:
            reading.pack = Found("refugee", hit)
    if reading.pack is not None and reading.pack.value == "offence":
        head = lines[:HEAD_LINES]
        court = next((line for line in head if _COURT.search(line.text)), None)
        official = next((line for line in head if _OFFICIAL.search(line.text)), head[0])
        reading.kind = Found("court", court) if court else Found("official", official)
    for line in lines:
        for sentence in _SENTENCE.split(line.text):
            for moment, pattern in _MOMENTS.items():
                match = pattern.search(sentence)
                if match is None:
                    continue
                # The moment's date is the first after its words, else the one before them
                # in the same sentence ("12 февраля изготовлено мотивированное решение").
                days = dates_in(sentence)
                after = [d for at, d in days if at >= match.start()]
                before = [d for at, d in days if at < match.start()]
                day = after[0] if after else before[-1] if before else None
                if day is not None:
                    reading.dates.setdefault(moment, []).append(Found(day, line))
        if reading.case is None and (m := _CASE.search(line.text)):
            reading.case = Found(m.group(1) or m.group(2), line)
        if reading.term is None and _APPEAL_WORDS.search(line.text):
            reading.term = _term(line)
    reading.header_date = _header_date(lines)
    return reading


def _header_date(lines: list[Line]) -> Found | None:
    """The date of the introductory part: the first date before the descriptive part begins,
    on a line that is not about a birth, a contract or a law."""
    for line in lines[:HEAD_LINES]:
        if _DESCRIPTIVE.search(line.text):
            return None
        if _NOT_DECISION_DATE.search(line.text) or any(
            p.search(line.text) for p in _MOMENTS.values()
        ):
            continue
        days = dates_in(line.text)
        if days:
            return Found(days[0][1], line)
    return None


def _term(line: Line) -> Found | None:
    m = _TERM_RU.search(line.text) or _TERM_KK.search(line.text)
    if m is None:
        return None
    word, unit_word = " ".join(m.group(1).lower().split()), m.group(2).lower()
    amount = int(word) if word.isdigit() else _NUMBERS.get(word)
    if amount is None:
        return None
    unit: UnitName
    if unit_word.startswith(("месяц", "ай")):
        unit = Unit.MONTHS
    elif unit_word.startswith(("рабоч", "жұмыс")):
        unit = Unit.WORKING_DAYS
    else:
        unit = Unit.DAYS
    return Found(Period(amount, unit), line, words=m.group(0))
