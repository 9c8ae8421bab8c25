"""Russian and Kazakh output: every message translated, and the seed case read in both."""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from deadline_cli import calendar as calendar_module
from deadline_cli.cli import app
from deadline_cli.i18n import LANGUAGES, load
from deadline_cli.periods import Period, Unit
from deadline_cli.rules import load_pack, texts_to_translate

runner = CliRunner()
SRC = Path(__file__).resolve().parent.parent / "src" / "deadline_cli"
SEED = ["compute", "2026-02-05", "--final-form", "2026-02-05", "--explain", "--as-of", "2026-02-06"]


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def pack_strings() -> set[str]:
    return texts_to_translate()


def holiday_names() -> set[str]:
    names = set()
    for year in range(1992, 2101):
        shipped = calendar_module.shipped_year(year)
        off = (shipped if shipped is not None else calendar_module.live_base_year(year))[0]
        for row in off:
            if row[5]:  # moved by order: named by our own message
                continue
            for part in row[3].split("; "):
                base = part
                for suffix in (" (observed, estimated)", " (observed)", " (estimated)"):
                    base = base.removesuffix(suffix)
                names.add(base)
    return names


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_every_message_has_a_translation_with_the_same_placeholders(code: str) -> None:
    english, other = load("en"), load(code)
    assert set(other.messages) == set(english.messages)
    for key, template in english.messages.items():
        assert fields(other.messages[key]) == fields(template), key
        assert other.messages[key].strip(), key
    assert len(other.weekdays) == 7
    assert set(other.units) == set(english.units)


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_every_pack_string_and_holiday_is_translated(code: str) -> None:
    lang = load(code)
    missing = sorted(s for s in pack_strings() if s not in lang.texts)
    assert missing == []
    assert sorted(holiday_names() - set(lang.holidays)) == []
    assert not set(lang.texts) - pack_strings(), "translations of strings no longer used"


def test_every_message_key_used_in_the_code_exists() -> None:
    english = load("en")
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text("utf-8")
        used |= set(re.findall(r'\bmsg\(\s*"([a-z_0-9]+)"\s*[,)]', text))
        used |= set(re.findall(r'\blang(?:uage)?\(\s*"([a-z_0-9]+)"\s*[,)]', text))
    dynamic = {f"certainty_{c}" for c in ("text", "secondary", "unverified", "given")}
    dynamic |= {f"status_{s}" for s in ("passed", "today", "open")}
    dynamic |= {f"kind_{k}" for k in calendar_module.DayOffKind.ALL}
    assert used, "the scan found nothing: the pattern is wrong"
    assert sorted((used | dynamic) - set(english.messages)) == []


@pytest.mark.parametrize(
    ("amount", "unit", "text"),
    [
        (1, Unit.DAYS, "1 день"),
        (2, Unit.DAYS, "2 дня"),
        (5, Unit.DAYS, "5 дней"),
        (11, Unit.DAYS, "11 дней"),
        (21, Unit.DAYS, "21 день"),
        (22, Unit.MONTHS, "22 месяца"),
        (30, Unit.DAYS, "30 дней"),
        (10, Unit.WORKING_DAYS, "10 рабочих дней"),
        (2, Unit.MONTHS, "2 месяца"),
        (1, Unit.YEARS, "1 год"),
        (5, Unit.YEARS, "5 лет"),
    ],
)
def test_russian_plurals(amount: int, unit: Unit, text: str) -> None:
    assert load("ru").period(Period(amount, unit)) == text


def test_kazakh_takes_no_plural_after_a_number() -> None:
    kk = load("kk")
    assert kk.period(Period(30, Unit.DAYS)) == "30 күн"
    assert kk.period(Period(10, Unit.WORKING_DAYS)) == "10 жұмыс күні"


def test_seed_case_in_russian_reads_like_a_russian_lawyer_writes() -> None:
    code, out, err = invoke(*SEED, "--lang", "ru", env={"COLUMNS": "120"})
    assert code == 0 and err == ""
    flat = " ".join(out.split())
    for line in (
        "Отказ в статусе беженца (АППК РК + Закон РК «О беженцах»)",
        "Решение оглашено Чт 05.02.2026; дни считаются от Пт 06.02.2026",
        "> Последний день подачи апелляционной жалобы Пн 06.04.2026 59 впереди АППК 168(2)",
        "> Решение вступает в законную силу Вт 07.04.2026 60 впереди АППК 161",
        "2 месяца после Чт 05.02.2026: то же число",
        "нерабочий день (воскресенье)",
        "30-й день срока (30 дней), считая со следующего дня",
        "нерабочий день (День защитника Отечества)",
        "следующий рабочий день: срок оканчивается в этот день (перенос)",
        "«Не вступившие в законную силу решения суда",  # the law's words, in Russian
        "ч. 2 ст. 168 АППК РК; текст по состоянию на 25.08.2026",
        "Событие",
    ):
        assert line in flat, line
    notes = flat[flat.index("[1]") :]
    assert notes.startswith("[1] Последний день для выезда из Казахстана, по каждому толкованию")
    assert "; достоверность нормы — «вторичный источник»" in notes
    assert "2026-04-06" not in out  # court style dates only


def test_seed_case_in_kazakh_with_kazakh_letters() -> None:
    code, out, err = invoke(*SEED, "--lang", "kk", env={"COLUMNS": "120"})
    assert code == 0 and err == ""
    flat = " ".join(out.split())
    for line in (
        "Босқын мәртебесінен бас тарту",
        "> Апелляциялық шағым берудің соңғы күні Дс 06.04.2026 59 алда ӘРПК 168(2)",
        "ҚР ӘРПК 168-бабының 2-бөлігі",
        "жұмыс күні емес (жексенбі)",
        "Шешім заңды күшіне енеді",
        "Жм 08.05.2026",
        "жұмыс күні емес (Отан Қорғаушы күні)",
        "келесі жұмыс күні: мерзім осы күні аяқталады (ауыстырылды)",
        "Оқиға",
    ):
        assert line in flat, line
    assert "[1] Қазақстаннан шығудың соңғы күні," in flat


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_no_english_words_left_for_people(code: str) -> None:
    cases = [
        SEED,
        ["compute", "2023-11-01", "-p", "administrative", "--appeal-ruling", "2024-03-01", "-e"],
        ["compute", "2025-03-03", "-p", "civil", "--appeal-ruling", "2025-09-01", "-e"],
        ["compute", "2026-03-06", "-p", "criminal", "-e"],
        ["compute", "2026-04-20", "-p", "offence", "--served", "2026-04-27", "-e"],
        ["compute", "2027-02-01", "--in-force", "2027-04-16", "-e"],  # estimated Kurban Ait
        ["compute", "2025-10-01", "-p", "refugee-path", "--served", "2025-10-06", "-e"],
        ["compute", "2020-09-15", "-e"],  # the GPK era
        ["compute", "2026-03-06", "-p", "private-complaint", "--code", "upk", "-e"],
        ["compute", "2026-03-19", "-p", "detention", "-e"],
        ["compute", "2026-02-21", "-p", "restore", "-e"],
        ["compute", "2024-12-31", "-p", "admin-suit", "--kind", "bailiff", "-e"],
        [
            "compute",
            "2026-04-20",
            "-p",
            "offence",
            "--served",
            "2026-04-27",
            "--kind",
            "tax-audit",
            "-e",
        ],
        ["rules"],
        ["rules", "refugee"],
        ["rules", "offence"],
        ["agenda", "tests/data/agenda.csv", "--as-of", "2026-03-30", "--within", "60"],
        ["compute", "2030-02-05", "--final-form", "2030-02-05", "-e"],  # provisional year
        ["holidays", "2025"],
        ["add", "2025-01-01", "3 working days"],
    ]
    for args in cases:
        result, out, err = invoke(*args, "--lang", code)
        assert result == 0
        text = re.sub(r"--[a-z-]+|https://\S+", "", out + err)
        # Pack ids, kind ids and reading ids are what people type: they stay as they are.
        typed = re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b|\b[a-z_]+_[a-z_]+\b", "", text)
        typed = re.sub(r"\b\d+-[IVX]+\b", "", typed)  # a law's number: No. 136-VIII
        allowed = {"DATE", "refugee", "administrative", "civil", "criminal", "offence", "detention"}
        allowed |= {"restore", "official", "court", "act", "action", "bailiff", "undecided"}
        allowed |= {"complaint", "appc", "gpk", "upk", "served", "ruling", "deadline", "compute"}
        allowed |= {"direct"}  # a route people type (--route direct)
        allowed |= {"standard", "procurement", "pretrial", "recognition", "normative"}  # kinds
        allowed |= {"json", "format", "csv", "ics"}
        english = set(re.findall(r"[A-Za-z]{3,}", typed)) - allowed
        assert english == set(), (args, english)


def test_machine_formats_keep_ids_and_iso_dates() -> None:
    _, out, _ = invoke(*SEED, "--lang", "ru", "--format", "json")
    data = json.loads(out)
    assert data["lang"] == "ru"
    event = {e["id"]: e for e in data["events"]}["appeal_deadline"]
    assert event["date"] == "2026-04-06" and event["status"] == "open"
    assert event["certainty"] == "text"
    assert event["label"] == "Последний день подачи апелляционной жалобы"
    assert event["basis"] == "ч. 2 ст. 168 АППК РК"
    assert event["steps"][-1]["text"].startswith("следующий рабочий день")


def test_ics_follows_the_language_and_keeps_its_uids() -> None:
    _, en, _ = invoke(*SEED, "--format", "ics", "--case", "A-1")
    _, kk, _ = invoke(*SEED, "--format", "ics", "--case", "A-1", "--lang", "kk")
    uids = [[str(e["UID"]) for e in Calendar.from_ical(x).walk("VEVENT")] for x in (en, kk)]
    assert uids[0] == uids[1]
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(kk).walk("VEVENT")]
    assert "A-1: Апелляциялық шағым берудің соңғы күні" in summaries
    description = str(Calendar.from_ical(kk).walk("VEVENT")[0]["DESCRIPTION"])
    assert "Норма: ҚР ӘРПК 168-бабының 2-бөлігі (заң мәтіні)" in description


def test_language_from_environment_and_bad_language() -> None:
    _, out, _ = invoke(*SEED, env={"DEADLINE_LANG": "kk"})
    assert "Дс 06.04.2026" in out
    code, out, err = invoke(*SEED, "--lang", "de")
    assert code == 2 and out == "" and "unknown language 'de'" in err


def test_holidays_in_russian_and_kazakh() -> None:
    _, ru, _ = invoke("holidays", "2027", "--lang", "ru", env={"COLUMNS": "150"})
    flat = " ".join(ru.split())
    assert "Вс 21.03.2027 Наурыз мейрамы" in flat
    assert "Курбан айт (дата ориентировочная)" in flat
    _, ru, _ = invoke("holidays", "2026", "--lang", "ru", env={"COLUMNS": "150"})
    flat = " ".join(ru.split())
    assert "Пн 09.03.2026 Международный женский день (перенесённый выходной)" in flat
    assert "Ср 27.05.2026 Курбан айт праздник Курбан айт 2026 года: календарь" in flat
    _, kk, _ = invoke("holidays", "2025", "--lang", "kk", "--format", "json")
    days = {d["date"]: d["name"] for d in json.loads(kk)["non_working_days"]}
    assert days["2025-03-21"] == "Наурыз мейрамы"
    assert days["2025-01-03"] == "Жс 05.01.2025 күнінен бұйрықпен ауыстырылған демалыс күні"


def test_all_languages_load() -> None:
    assert [load(code).code for code in LANGUAGES] == ["en", "ru", "kk"]


def test_a_terminal_gets_the_same_lines_drawn_by_rich() -> None:
    from datetime import date

    from deadline_cli.calendar import KazakhCalendar
    from deadline_cli.render.out import render
    from deadline_cli.render.people import timeline_screen
    from deadline_cli.timeline import CaseInputs, build_timeline

    timeline = build_timeline(
        load_pack("refugee"),
        CaseInputs(date(2026, 2, 5), final_form=date(2026, 2, 5)),
        KazakhCalendar(),
        date(2026, 2, 6),
    )
    screen = timeline_screen(timeline, load("ru"), explain=False)
    drawn = render(screen, 80, fancy=True)
    plain = render(screen, 80, fancy=False)
    assert "\x1b[" in drawn and "\x1b[" not in plain  # styles on a terminal only
    assert re.sub(r"\x1b\[[0-9;]*m", "", drawn) == plain  # the same lines, the same cells
    assert "Пн 06.04.2026" in drawn and "Пт 08.05.2026" in drawn


from deadline_cli.batch import COLUMNS  # noqa: E402
from deadline_cli.rules import BUILTIN_PACKS  # noqa: E402

ERROR_CASES: list[tuple[list[str], int]] = [
    (["compute", "2026-02-30"], 2),  # not a real date
    (["compute", "05/02/2026"], 2),  # not a date format we read
    (["compute", "1985-02-05"], 2),  # outside the calendar
    (["compute", "2026-02-05", "-p", "nope"], 2),
    (["compute", "2026-02-05", "--final-form", "2026-02-01"], 2),  # dates out of order
    (["compute", "2026-02-05", "--as-of", "someday"], 2),
    (["compute", "2026-02-05", "--remind", "0,x"], 2),
    (["compute", "2026-02-05", "--remind", ""], 2),
    (["compute", "2026-02-05", "--reading", "nope"], 2),
    (["compute", "2026-02-05", "--exit-from", "nowhere"], 2),
    (["compute", "2026-02-05", "--exit-period", "soon"], 2),
    (["compute", "2026-04-20", "-p", "offence", "--served", "2026-04-27", "--kind", "x"], 2),
    (["compute", "2026-02-05", "-p", "refugee-path", "--from", "nowhere"], 2),
    (["compute", "2026-02-05", "--calendar", "CALENDAR"], 2),  # malformed overrides file
    (["compute", "2026-02-05", "--rules", "PACK"], 2),  # broken pack
    (["compute", "2026-02-05", "--rules", "missing.toml"], 2),
    (["compute", "2026-02-05", "-f", "csv", "--output-encoding", "klingon"], 2),
    (["rules", "check", "PACK"], 2),
    (["rules", "nope"], 2),
    (["holidays", "2300"], 2),
    (["add", "2026-02-05", "soon"], 2),
    (["add", "2100-12-20", "1 month"], 2),
    (["batch", "NORULING"], 2),  # no ruling column
    (["batch", "UTF16"], 2),
    (["batch", "missing.csv"], 2),
    (["batch", "ROWS"], 1),  # bad rows: each in the language, and the summary
    (["agenda", "ROWS"], 1),
]


@pytest.mark.parametrize("code", ["ru", "kk"])
@pytest.mark.parametrize(("args", "exit_code"), ERROR_CASES)
def test_every_error_path_speaks_the_users_language(
    tmp_path: Path, code: str, args: list[str], exit_code: int
) -> None:
    files = {
        "CALENDAR": ("calendar.toml", '[[days_off]]\ndate = "2026-12-31"\nname = "x"\n'),
        "PACK": ("pack.toml", 'schema = 1\nid = "p"\nname = "P"\n[ruling]\nlabel = "R"\n'),
        "NORULING": ("cases.csv", "id,name\nA,B\n"),
        "ROWS": ("rows.csv", "id,ruling\nA,2026-02-30\nB,2026-02-05\nC,someday\n"),
    }

    def real(arg: str) -> str:
        if arg in files:
            name, text = files[arg]
            (tmp_path / name).write_text(text, encoding="utf-8")
            return str(tmp_path / name)
        if arg == "UTF16":
            (tmp_path / "u.csv").write_bytes("id,ruling\nA,2026-02-05\n".encode("utf-16"))
            return str(tmp_path / "u.csv")
        if arg.startswith("missing"):
            return str(tmp_path / arg)
        return arg

    argv = [real(arg) for arg in args]
    for how in ("option", "environment"):
        if how == "option":
            result, out, err = invoke(*argv, "--lang", code)
        else:
            result, out, err = invoke(*argv, env={"DEADLINE_LANG": code})
        assert result == exit_code, (argv, err)
        if exit_code == 2:
            assert out == "" and len(err.strip().splitlines()) == 1, err
        assert re.search("[а-яА-ЯәіңғүұқөһӘІҢҒҮҰҚӨҺ]", err), err
        said = re.sub(r"'[^']*'|\"[^\"]*\"|«[^»]*»|--[a-z-]+|/\S+|\b\S+\.(csv|toml)\b", "", err)
        said = re.sub(r"\b[a-z0-9]+(?:[-_][a-z0-9]+)+\b", "", said)  # ids people type
        allowed = {"deadline", "UTF", "CSV", "TOML", "JSON", "Excel", "windows", "PERIOD"}
        allowed |= {"DATE", "days", "working", "months", "years", "nope", "refugee", "offence"}
        allowed |= {"official", "court", "tax", "audit", "entry", "into", "force", "decision"}
        allowed |= {"ruling", "served", "refusal", "complaint", "decided", "appeal", "appc"}
        allowed |= {"gpk", "upk", "Unicode", "text", "name", "date", "source", "days_off"}
        allowed |= set(BUILTIN_PACKS) | set(COLUMNS)  # what people type stays as typed
        english = set(re.findall(r"[A-Za-z]{3,}", said)) - allowed
        assert english == set(), (argv, how, english, err)


def _help_paragraphs() -> set[str]:
    import typer.main

    found: set[str] = {"Show this message and exit."}

    def add(text: str | None) -> None:
        for paragraph in (text or "").split("\n\n"):
            if paragraph.strip():
                found.add(" ".join(paragraph.split()))

    def walk(command: object) -> None:
        add(getattr(command, "help", None))
        add(getattr(command, "epilog", None))
        for param in getattr(command, "params", []):
            add(getattr(param, "help", None))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    return found


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_every_help_text_is_translated_and_none_is_stale(code: str) -> None:
    import tomllib
    from importlib import resources

    text = resources.files("deadline_cli.locales").joinpath(f"{code}.toml").read_text("utf-8")
    table = tomllib.loads(text)["help"]
    needed = _help_paragraphs()
    headings = {"Usage: ", "Options", "Arguments", "Commands", "default", "required"}
    assert sorted(needed - set(table)) == []
    assert sorted(set(table) - needed - headings) == []


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("ru", ["Параметры:", "Рассчитать даты одного дела", "[по умолчанию: table]"]),
        ("kk", ["Параметрлер:", "Бір істің күндерін есептеу", "[әдепкі: table]"]),
    ],
)
def test_help_is_said_in_the_language_asked_for(code: str, words: list[str]) -> None:
    result = CliRunner().invoke(app, ["compute", "--help", "--lang", code], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    for word in words:
        assert word in flat, word
    assert "Compute the dates" not in flat and "Options:" not in flat
