"""Real files from real offices, and the failures of the world outside (issue 11).

Excel's CSV shapes, encodings, full disks, closed pipes and streams, Ctrl-C, broken data files,
and the inputs a fuzz campaign found. Run through the installed ``deadline`` command, as cron or
a shell would run it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

EXCEL = Path(__file__).parent / "data" / "excel"
AS_OF = ["--as-of", "2026-03-30"]


def _installed() -> str:
    found = shutil.which("deadline", path=str(Path(sys.executable).parent))
    assert found, "the deadline command is not installed: pip install -e '.[test]'"
    return found


def deadline(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    stdout: object = subprocess.PIPE,
) -> subprocess.CompletedProcess[bytes]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DEADLINE_")}
    environment.update(env or {})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [_installed(), *args],
        input=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        env=environment,
        timeout=120,
    )


def lines_of(err: bytes) -> list[str]:
    return err.decode("utf-8").strip().splitlines()


def assert_one_clean_line(result: subprocess.CompletedProcess[bytes], code: int) -> str:
    err = result.stderr.decode("utf-8")
    assert result.returncode == code, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    if code == 2:
        assert result.stdout == b""
    return err


# Excel's CSV ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "semicolon.csv",  # ';' between fields, dates as 05.02.2026
        "windows-1251.csv",  # Cyrillic ids in Windows-1251, ';', CRLF
        "bom-crlf.csv",  # UTF-8 with a BOM, ';', CRLF
        "russian-headers.csv",  # 'Номер;Дата решения;...' in Windows-1251
        "kazakh-headers.csv",  # 'Іс нөмірі;Шешім күні;...' in UTF-8 with a BOM
        # a title row and a row of nothing but ';' above a register's own headers ('№ дела;
        # Дата оглашения;...;Дата изготовления'), dates as people type them ('05.02.2026 г.',
        # '20 апреля 2026 года', '«05» марта 2025 г.'), in Windows-1251
        "title-row-1251.csv",
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_excel_shapes_give_what_the_plain_file_gives(name: str, fmt: str) -> None:
    plain = deadline("batch", str(EXCEL / "plain.csv"), "-f", fmt, *AS_OF)
    excel = deadline("batch", str(EXCEL / name), "-f", fmt, *AS_OF)
    assert plain.returncode == excel.returncode == 0
    assert excel.stdout == plain.stdout
    if fmt == "csv":
        ids = [row["id"] for row in csv.DictReader(io.StringIO(plain.stdout.decode()))]
        assert ids == ["Дело-1", "К-2", "Ж-3", "Дело-4"]
    said = excel.stderr.decode()
    if "1251" in name or "russian" in name:
        assert said.count("read as windows-1251") == 1  # said once, with what to pass
        assert "--encoding" in said


def test_a_column_not_read_is_named_once_and_two_for_one_input_stop_the_file(
    tmp_path: Path,
) -> None:
    register = tmp_path / "register.csv"
    register.write_text(
        "Реестр;;;\nФИО;№ дела;Дата решения;Дата изготовления реш.\n"
        "Иванов И.;2-1/26;12.01.2026;20.01.2026\nПетров П.;2-2/26;13.01.2026;21.01.2026\n",
        encoding="utf-8",
    )
    result = deadline("batch", str(register), "-f", "csv", *AS_OF)
    assert result.returncode == 0
    said = result.stderr.decode()
    # A date under a name the tool does not know is never left out unseen: its column, and
    # the name, are said once for the file, not once a row.
    assert said.count("columns not used (ignored): ФИО, Дата изготовления реш.") == 1
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [(r["id"], r["final_form"], r["final_form_latest"]) for r in rows] == [
        ("2-1/26", "2026-01-12", "2026-02-12"),  # the final form not read: a range
        ("2-2/26", "2026-01-13", "2026-02-13"),
    ]
    quiet = deadline("batch", str(register), "-f", "csv", "-q", *AS_OF)
    assert quiet.stderr == b"" and quiet.stdout == result.stdout

    # The register's own name for the final form is read: 2 months from 20.01.2026 (APPC
    # art. 168(2)) end on Fri 20.03.2026, a working day before Nauryz (21-23 March).
    register.write_text(
        register.read_text(encoding="utf-8").replace("Дата изготовления реш.", "Дата изготовления"),
        encoding="utf-8",
    )
    result = deadline("batch", str(register), "-f", "csv", *AS_OF)
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    first = rows[0]
    assert (first["final_form"], first["appeal_deadline"], first["entry_into_force"]) == (
        "2026-01-20",
        "2026-03-20",
        "2026-03-21",
    )
    assert "Дата изготовления" not in result.stderr.decode()

    # Two columns that give one input: which to read would be a guess.
    twice = tmp_path / "twice.csv"
    twice.write_text("№;№ дела;Дата решения\n1;2-1/26;12.01.2026\n", encoding="utf-8")
    err = assert_one_clean_line(deadline("batch", str(twice), "--lang", "ru"), 2)
    assert "«№» и «№ дела» оба означают id" in err


def test_a_header_is_looked_for_in_the_first_30_lines_only(tmp_path: Path) -> None:
    path = tmp_path / "late.csv"
    path.write_text("Реестр\n" + "примечание\n" * 29 + "id,ruling\nA,2026-02-05\n", "utf-8")
    err = assert_one_clean_line(deadline("batch", str(path)), 2)
    assert "names no date column (Реестр);" in err  # the first line, as a header unread
    path.write_text("Реестр\n" + "примечание\n" * 28 + "id,ruling\nA,2026-02-05\n", "utf-8")
    result = deadline("batch", str(path), "-f", "csv", *AS_OF)
    assert result.returncode == 0 and "A,refugee,2026-02-05" in result.stdout.decode()


def test_jsonl_keys_not_read_are_named_once_and_keys_twice_are_the_rows_error(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cases.jsonl"
    rows = [
        {"id": "A", "ruling": "2026-02-05", "ФИО": "Иванов"},
        {"id": "B", "ruling": "2026-02-05", "ФИО": "Петров", "note": "x"},
        {"id": "C", "ruling": "2026-02-05", "Дата решения": "2026-02-06"},
    ]
    text = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    text += '\n{"id": "D", "ruling": "2026-02-05", "ruling": "2026-02-06"}\n'
    path.write_text(text, encoding="utf-8")
    result = deadline("batch", str(path), "-f", "csv", *AS_OF)
    assert result.returncode == 1
    said = lines_of(result.stderr)
    assert said == [
        "deadline: note: columns not used (ignored): ФИО",
        "deadline: note: columns not used (ignored): note",
        "row 3: the keys «ruling» and «Дата решения» both give ruling; keep one",
        "row 4: the keys «ruling» and «ruling» both give ruling; keep one",
        "4 row(s) read, 2 computed, 2 failed",
    ]
    good = list(csv.DictReader(io.StringIO(result.stdout.decode())))
    assert [r["id"] for r in good] == ["A", "B"]


def test_encoding_option_reads_windows_1251_without_a_word() -> None:
    result = deadline("batch", str(EXCEL / "windows-1251.csv"), "--encoding", "cp1251", *AS_OF)
    assert result.returncode == 0
    assert "windows-1251" not in result.stderr.decode()
    assert "Дело-1" in result.stdout.decode()


def test_delimiter_option_overrides_detection(tmp_path: Path) -> None:
    # a header with a comma inside a name and ';' between fields: told, not guessed
    path = tmp_path / "odd.csv"
    path.write_text("id|ruling\nA|2026-02-05\n", encoding="utf-8")
    assert deadline("batch", str(path), *AS_OF).returncode == 2
    result = deadline("batch", str(path), "--delimiter", "|", *AS_OF)
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "A"


def test_undecodable_file_names_the_byte_and_the_option(tmp_path: Path) -> None:
    path = tmp_path / "broken.csv"
    path.write_bytes(b"id,ruling\x98\nA,2026-02-05\n")  # neither UTF-8 nor Windows-1251
    err = assert_one_clean_line(deadline("batch", str(path)), 2)
    assert "--encoding" in err and "byte 9" in err
    utf16 = tmp_path / "utf16.csv"
    utf16.write_bytes("id,ruling\nA,2026-02-05\n".encode("utf-16"))
    err = assert_one_clean_line(deadline("batch", str(utf16)), 2)
    assert "UTF-16" in err and "CSV UTF-8" in err  # what to choose in Excel's Save As


def test_excel_output_opens_in_excel_with_cyrillic_intact() -> None:
    result = deadline("batch", str(EXCEL / "plain.csv"), "-f", "csv", "--excel", *AS_OF)
    data = result.stdout
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    text = data[3:].decode("utf-8")
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r["id"] for r in rows] == ["Дело-1", "К-2", "Ж-3", "Дело-4"]
    assert rows[0]["exit_deadline"] == "2026-05-08"


def test_windows_1251_output_for_an_old_excel() -> None:
    result = deadline(
        "batch", str(EXCEL / "plain.csv"), "-f", "csv", "--output-encoding", "windows-1251", *AS_OF
    )
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout.decode("cp1251"))))
    assert rows[1]["id"] == "К-2"


def test_compute_csv_in_excel_shape() -> None:
    result = deadline("compute", "2026-02-05", "-f", "csv", "--excel", "--lang", "ru", *AS_OF)
    text = result.stdout.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert any(r["date"] == "2026-04-06" for r in rows)


# Output that cannot be written ------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["compute", "2026-02-05", "-f", "json"],  # the quick path
        ["compute", "2026-02-05", "--explain", "--lang", "ru"],
        ["batch", str(EXCEL / "plain.csv")],
        ["holidays", "2026"],
    ],
)
def test_a_full_disk_is_exit_74_and_one_line(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = deadline(*args, stdout=full)
    err = assert_one_clean_line(result, 74)
    said = "на устройстве нет места" if "ru" in args else "No space left on device"
    assert said in err


def test_closed_stdout_is_exit_74() -> None:
    for args in (["compute", "2026-02-05"], ["batch", str(EXCEL / "plain.csv")]):
        result = deadline(*args, stdout=subprocess.DEVNULL)
        assert result.returncode == 0  # /dev/null is a fine place to write
    closed = subprocess.run(
        f"{_installed()} compute 2026-02-05 >&-", shell=True, capture_output=True, check=False
    )
    err = assert_one_clean_line(closed, 74)
    assert "cannot write output" in err


def test_closed_stdin_is_bad_input_not_a_crash() -> None:
    result = subprocess.run(
        f"{_installed()} batch - <&-", shell=True, capture_output=True, check=False
    )
    assert_one_clean_line(result, 2)


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "2026-02-05"],  # the quick path
        ["compute", "2026-02-05", "--explain"],  # read by Typer
        ["batch", "-"],
    ],
)
def test_a_reader_that_went_away_is_141_and_quiet(args: list[str]) -> None:
    rows = "id,ruling\n" + "".join(f"c{n},2026-02-05\n" for n in range(2000))
    reader_gone = subprocess.Popen(
        [_installed(), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader_gone.stdout is not None and reader_gone.stdin is not None
    assert reader_gone.stderr is not None
    reader_gone.stdout.close()  # as `| head` does once it has its line
    try:
        reader_gone.stdin.write(rows.encode())
        reader_gone.stdin.close()
    except BrokenPipeError:
        pass
    reader_gone.wait(timeout=60)
    err = reader_gone.stderr.read()
    assert reader_gone.returncode == 141, err
    assert err.decode().strip() == ""


def test_batch_into_head_is_141_not_some_rows_failed(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("id,ruling\n" + "".join(f"c{n},2026-02-05\n" for n in range(20000)))
    result = subprocess.run(
        f"{_installed()} batch {big} | head -1 > /dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="bash",
        capture_output=True,
        check=False,
    )
    assert result.stdout.decode().strip() == "141"
    assert result.stderr.decode().strip() == ""


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_terminal_that_cannot_show_cyrillic_gets_escapes_and_a_hint(lang: str) -> None:
    result = deadline(
        "compute", "2026-02-05", "--lang", lang, *AS_OF, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0
    out = result.stdout.decode("ascii")
    assert "\\u04" in out  # the letters, escaped
    assert "06.04.2026" in out  # the binding day is readable as it is
    err = result.stderr.decode("ascii")
    assert err.count("PYTHONIOENCODING=utf-8") == 1  # one readable hint, not escapes
    assert "\\u" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "2026-02-05", "--lang", "ru", "-f", "csv"],
        ["compute", "2026-02-05", "--lang", "kk", "--format=json"],
        ["compute", "2026-02-05", "--lang", "ru", "-fics"],
        ["rules", "refugee", "--lang", "ru", "-f", "json"],
        ["batch", str(EXCEL / "plain.csv"), "--lang", "ru", "-f", "jsonl"],
    ],
)
def test_data_for_programs_is_refused_not_escaped_on_an_ascii_stream(args: list[str]) -> None:
    as_of = AS_OF if args[0] != "rules" else ()
    result = deadline(*args, *as_of, env={"PYTHONIOENCODING": "ascii"})
    err = assert_one_clean_line(result, 74)
    assert result.stdout == b""  # no \u0420 escapes in a CSV, a calendar or JSON
    assert "PYTHONIOENCODING=utf-8" in err
    assert "cannot write output" in err  # said in English: the stream cannot show Russian


def test_data_in_ascii_alone_still_goes_to_an_ascii_stream() -> None:
    result = deadline(
        "compute", "2026-02-05", "-f", "csv", *AS_OF, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 0 and b"2026-04-06" in result.stdout
    assert result.stderr.count(b"PYTHONIOENCODING") == 0  # nothing was escaped


@pytest.mark.parametrize("command", ["", "compute ", "batch ", "--lang ru agenda "])
def test_help_into_a_closed_stdout_is_exit_74(command: str) -> None:
    closed = subprocess.run(
        f"{_installed()} {command}--help >&-", shell=True, capture_output=True, check=False
    )
    err = assert_one_clean_line(closed, 74)
    assert ("не удалось записать" if "ru" in command else "cannot write output") in err


def test_posix_locale_without_utf8_mode_does_not_crash() -> None:
    env = {"LC_ALL": "POSIX", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    for args in (
        ["compute", "2026-02-05", "--lang", "kk"],
        ["batch", str(EXCEL / "windows-1251.csv"), "-f", "csv"],
        ["compute", "2026-02-31", "--lang", "ru"],
    ):
        result = deadline(*args, *AS_OF, env=env)
        # 74: a CSV of Cyrillic ids cannot be written in ASCII and is never escaped
        assert result.returncode in (0, 2, 74), result.stderr
        assert b"Traceback" not in result.stderr


def test_ctrl_c_during_a_batch_is_130_and_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("id,ruling\n" + "".join(f"c{n},2026-02-05\n" for n in range(2_000_000)))
    process = subprocess.Popen(
        [_installed(), "batch", str(big), "-f", "csv"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    text = err.decode()
    assert "Traceback" not in text
    assert len(text.strip().splitlines()) == 1


def test_ctrl_c_inside_typer_is_130_and_one_line_not_clicks_aborted(tmp_path: Path) -> None:
    """`agenda` runs through Typer, whose Click would turn Ctrl-C into "Aborted!" and exit 1
    (the quick paths of compute and batch need no handler: see the test above)."""
    big = tmp_path / "big.csv"
    big.write_text("id,ruling\n" + "".join(f"c{n},2026-02-05\n" for n in range(2_000_000)))
    process = subprocess.Popen(
        [_installed(), "agenda", str(big), "--as-of", "2026-03-01", "--lang", "ru"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.decode() == "deadline: прервано\n"


@pytest.mark.parametrize("delay", [0.03, 0.06, 0.1])
def test_ctrl_c_while_starting_is_130_without_a_traceback(delay: float) -> None:
    process = subprocess.Popen(
        [_installed(), "compute", "2026-02-05", "--explain", "--lang", "ru"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    text = err.decode()
    if process.returncode == 130:
        assert text == "deadline: прервано\n"
    elif process.returncode != 0:
        # The signal came before main() installed its handler: while the interpreter, pip's
        # launcher or the import of deadline_cli.entry ran (how long that takes depends on
        # the machine). Such a traceback may name the import, never a frame of main(); the
        # interpreter then ends by the signal itself (-SIGINT, a shell shows 130). Or it came
        # after the work was done, while the interpreter shut down (a start of ~60 ms ends
        # within these delays): the signal's default action, silent, as for any program.
        assert process.returncode in (1, -signal.SIGINT), process.returncode
        if text:
            assert "KeyboardInterrupt" in text
            assert "in main" not in text and "in _main" not in text
        else:
            assert process.returncode == -signal.SIGINT


# The environment --------------------------------------------------------------------------


def test_unreadable_or_overlong_config_directory_does_not_stop_a_command(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    (locked / "deadline-cli").mkdir(parents=True)
    locked.chmod(0)
    try:
        for config in (str(locked), "/" + "x" * 5000, str(tmp_path / ("y" * 300))):
            result = deadline("compute", "2026-02-05", *AS_OF, env={"XDG_CONFIG_HOME": config})
            assert result.returncode == 0, result.stderr
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "2026-02-05", "--calendar", "/dev/zero"],
        ["compute", "2026-02-05", "--rules", "/dev/zero"],
        ["rules", "check", "/dev/zero"],
        ["batch", "/dev/zero"],
    ],
)
def test_endless_files_are_refused_quickly(args: list[str]) -> None:
    started = time.perf_counter()
    err = assert_one_clean_line(deadline(*args), 2)
    assert time.perf_counter() - started < 20
    assert "/dev/zero" in err


# Broken data files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pack", "field"),
    [
        ("valid_from = 2016-01-01T10:00:00\n", "valid_from"),  # a datetime, not a date
        ("x = " + "[" * 600 + "]" * 600 + "\n", ""),  # nested beyond reason
    ],
)
def test_broken_packs_are_refused_by_rules_check_and_compute(
    tmp_path: Path, pack: str, field: str
) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(
        'schema = 1\nid = "p"\nname = "P"\n' + pack + '[ruling]\nlabel = "R"\nbasis = "B"\n'
        'source = "GPK"\ncertainty = "text"\n[[steps]]\nid = "s"\nlabel = "S"\nfrom = "ruling"\n'
        'period = "1 days"\nbasis = "B"\nsource = "GPK"\ncertainty = "text"\n',
        encoding="utf-8",
    )
    for args in (["rules", "check", str(path)], ["compute", "2026-02-05", "--rules", str(path)]):
        err = assert_one_clean_line(deadline(*args), 2)
        assert field in err


@pytest.mark.parametrize(
    ("step", "problem"),
    [
        ('id = "id"\nfrom = "ruling"', "id"),  # collides with an output column
        ('id = "procedure"\nfrom = "ruling"', "procedure"),
        ('id = "x"\nfrom = "immediate"', "immediate"),  # not a date
    ],
)
def test_rules_check_refuses_ids_and_triggers_that_cannot_work(
    tmp_path: Path, step: str, problem: str
) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(
        'schema = 1\nid = "p"\nname = "P"\n[ruling]\nlabel = "R"\nbasis = "B"\nsource = "GPK"\n'
        f'certainty = "text"\n[[steps]]\n{step}\nlabel = "S"\nperiod = "1 days"\nbasis = "B"\n'
        'source = "GPK"\ncertainty = "text"\n',
        encoding="utf-8",
    )
    err = assert_one_clean_line(deadline("rules", "check", str(path)), 2)
    assert problem in err


# Rows that fail while the file is read ----------------------------------------------------


def _ids(out: bytes) -> list[str]:
    return [json.loads(line)["id"] for line in out.decode().splitlines()]


def test_rows_that_break_the_reader_are_their_own_errors(tmp_path: Path) -> None:
    good = [f"g{n}" for n in range(6)]
    csv_path = tmp_path / "cases.csv"
    csv_path.write_bytes(
        b"id,ruling\n"
        + f"{good[0]},2026-02-05\n".encode()
        + b"huge,"
        + b"x" * 200_000
        + b"\n"  # a cell over csv's 131,072 limit
        + f"{good[1]},2026-02-05\n".encode()
        + b"bad,\x98\x98\x98 2026\n"  # neither UTF-8 nor Windows-1251
        + f"{good[2]},2026-02-05\n".encode()
        + b"nul,2026-02-05\x00\n"
        + f"{good[3]},2026-02-05\n".encode()
    )
    result = deadline("batch", str(csv_path))
    assert result.returncode == 1
    assert _ids(result.stdout) == good[:4]
    errors = lines_of(result.stderr)
    assert [e.split(":")[0].split(" (")[0] for e in errors[:-1]] == ["row 2", "row 4", "row 6"]
    assert all(len(e) < 400 for e in errors)  # echoed values are cut short

    jsonl = tmp_path / "cases.jsonl"
    jsonl.write_text(
        "\ufeff"  # a BOM, as Notepad writes it
        + json.dumps({"id": good[0], "ruling": "2026-02-05"})
        + "\n"
        + '{"id": "big", "ruling": '
        + "9" * 5000
        + "}\n"
        + json.dumps({"id": good[1], "ruling": "2026-02-05"})
        + "\n"
        + "[" * 1000
        + "]" * 1000
        + "\n"
        + json.dumps({"id": good[2], "ruling": "2026-02-05"})
        + "\n",
        encoding="utf-8",
    )
    result = deadline("batch", str(jsonl))
    assert result.returncode == 1
    assert _ids(result.stdout) == good[:3]
    assert len(lines_of(result.stderr)) == 3


def test_one_undecodable_row_among_thousands_loses_no_good_row(tmp_path: Path) -> None:
    rows = [f"case-{n},2026-02-05" for n in range(3000)]
    data = b"id,ruling\n" + "".join(r + "\n" for r in rows).encode()
    # row 2990 in Windows-1251 (read so, and said once); row 2995 in no encoding at all
    lines = data.split(b"\n")
    lines[2990] = "дело-2989,2026-02-05".encode("cp1251")
    lines[2995] = b"\x98\x98,2026-02-05"
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join(lines))
    result = deadline("batch", str(path), "-f", "csv", "-q")
    assert result.returncode == 1
    ids = [r["id"] for r in csv.DictReader(io.StringIO(result.stdout.decode()))]
    assert len(ids) == 2999
    assert "дело-2989" in ids and "case-2994" not in ids
    assert ids[:5] == ["case-0", "case-1", "case-2", "case-3", "case-4"]


def test_bom_on_stdin_is_stripped() -> None:
    result = deadline("batch", "-", stdin=b"\xef\xbb\xbfid,ruling\nK-1,2026-02-05\n")
    assert result.returncode == 0
    assert _ids(result.stdout) == ["K-1"]


def test_control_characters_are_escaped_in_what_is_said(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text(
        json.dumps({"id": "K1\nrow 2 (id K2): forged", "ruling": "2026-02-30"})
        + "\n"
        + json.dumps({"id": "\x1b[31mred", "ruling": "bad"})
        + "\n",
        encoding="utf-8",
    )
    result = deadline("batch", str(path))
    err = result.stderr.decode()
    assert len(err.strip().splitlines()) == 3  # two row errors and the summary, no forged line
    assert "\x1b" not in err and "\\x1b" in err and "\\n" in err


def test_errors_file_holds_exactly_the_bad_rows_and_stdout_the_good(tmp_path: Path) -> None:
    bad_at = {7, 1234, 5000, 9999}
    lines = ["id,ruling,procedure"]
    for n in range(1, 10_001):
        lines.append(f"c{n},2026-02-30," if n in bad_at else f"c{n},2026-02-05,")
    path = tmp_path / "cases.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors_file = tmp_path / "errors.csv"
    result = deadline("batch", str(path), "-f", "csv", "--errors", str(errors_file), "-q")
    assert result.returncode == 1
    good = [r["id"] for r in csv.DictReader(io.StringIO(result.stdout.decode()))]
    assert good == [f"c{n}" for n in range(1, 10_001) if n not in bad_at]
    failed = list(csv.DictReader(errors_file.open(encoding="utf-8", newline="")))
    assert [int(r["row"]) for r in failed] == sorted(bad_at)
    assert [r["id"] for r in failed] == [f"c{n}" for n in sorted(bad_at)]
    assert all(r["line"] == f"c{r['row']},2026-02-30," for r in failed)
    assert all("2026-02-30" in r["message"] for r in failed)


def test_summary_counts_rows_read_computed_failed(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("id,ruling\nA,2026-02-05\nB,nope\nC,2026-02-05\n", encoding="utf-8")
    result = deadline("batch", str(path), "--lang", "ru")
    assert lines_of(result.stderr)[-1].startswith("строк прочитано: 3")


def test_duplicate_ids_never_give_two_identical_uids(tmp_path: Path) -> None:
    from icalendar import Calendar

    path = tmp_path / "cases.csv"
    path.write_text("id,ruling\nK,2026-02-05\nK,2026-03-05\n", encoding="utf-8")
    result = deadline("batch", str(path), "-f", "ics")
    assert result.returncode == 0
    calendar = Calendar.from_ical(result.stdout)
    uids = [str(e["UID"]) for e in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids)) > 0
    assert "K#2" in result.stderr.decode()


# Input people type ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["--remind", "1000000000"], 2, "remind"),
        (["--remind", ""], 2, "remind"),
        (["--remind", "1,1,7"], 0, ""),
        (["--exit-period", "45 days"], 0, "45 days"),
    ],
)
def test_reminders_and_exit_periods(args: list[str], code: int, said: str) -> None:
    result = deadline("compute", "2026-02-05", "-f", "ics", *args)
    assert result.returncode == code, result.stderr
    assert said in result.stderr.decode()
    if args[:2] == ["--remind", "1,1,7"]:
        from icalendar import Calendar

        event = next(iter(Calendar.from_ical(result.stdout).walk("VEVENT")))
        triggers = [str(a["TRIGGER"].dt) for a in event.walk("VALARM")]
        assert sorted(triggers) == ["-1 day, 0:00:00", "-7 days, 0:00:00"]


@pytest.mark.parametrize(
    ("args", "answer"),
    [
        (["add", "2025-01-01", "3 рабочих дня"], "2025-01-08"),
        (["add", "2026-01-05", "2 месяца"], "2026-03-05"),
        (["add", "2026-01-05", "30 күн"], "2026-02-04"),
        (["add", "2100-12-01", "30 days"], "2100-12-31"),  # the calendar's last day
        # the calendar's first day: 1 and 2 January 1992 are New Year, so day 0 rolls to the 3rd
        (["add", "1992-01-01", "0 days"], "1992-01-03"),
    ],
)
def test_add_at_the_edges_and_in_russian_and_kazakh(args: list[str], answer: str) -> None:
    result = deadline(*args, "-f", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["date"] == answer


def test_a_criminal_verdict_at_the_calendars_end() -> None:
    # 16 Dec 2100 + 15 days = 31 Dec 2100, a Friday: within the calendar
    result = deadline("compute", "2100-12-16", "-p", "criminal", "-f", "json")
    assert result.returncode == 0, result.stderr
    dates = {e["id"]: e["date"] for e in json.loads(result.stdout)["events"]}
    assert dates["appeal_deadline"] == "2100-12-31"


def test_excel_booleans_in_russian(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(
        "id;ruling;immediate\nA;05.02.2026;ИСТИНА\nB;05.02.2026;да\nC;05.02.2026;ЛОЖЬ\n"
        "D;05.02.2026;иә\n",
        encoding="utf-8",
    )
    result = deadline("batch", str(path), "-f", "csv", "-q")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout.decode()))}
    assert rows["A"]["entry_into_force"] == rows["B"]["entry_into_force"] == "2026-02-05"
    assert rows["D"]["entry_into_force"] == "2026-02-05"  # Kazakh "иә"
    assert rows["C"]["entry_into_force"] == "2026-04-07"


# An output that is the input ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["batch", "agenda"])
@pytest.mark.parametrize("through_a_link", [False, True])
def test_errors_file_that_is_the_input_is_refused_before_writing(
    tmp_path: Path, command: str, through_a_link: bool
) -> None:
    cases = tmp_path / "c.csv"
    original = b"id,ruling\nA,2026-02-05\nB,not a date\n"
    cases.write_bytes(original)
    target = cases
    if through_a_link:
        target = tmp_path / "link.csv"
        target.symlink_to(cases)
    result = deadline(command, str(cases), "--errors", str(target), *AS_OF)
    assert result.returncode == 2 and result.stdout == b""
    assert b"is the input file itself" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert cases.read_bytes() == original
    # Another file is fine, and gets the bad row.
    other = tmp_path / "errors.csv"
    result = deadline(command, str(cases), "--errors", str(other), *AS_OF)
    assert result.returncode == 1 and b"not a date" in other.read_bytes()


def test_the_same_file_gives_the_same_answer_on_every_run(tmp_path: Path) -> None:
    """Nothing printed may follow the order of a set: string hashes change from process to
    process (PYTHONHASHSEED). A row with several inputs its pack does not use names the same
    one every time, and every format is byte for byte the same."""
    cases = tmp_path / "cases.csv"
    cases.write_text(
        "id,procedure,ruling,final_form,served,notified,refusal,filed,appeal_ruling\n"
        "A,administrative,2026-02-05,,2026-02-10,2026-01-20,2026-01-10,,\n"
        "B,criminal,2026-02-05,,,,2026-01-10,2026-01-15,\n"
        "C,detention,2026-02-05,2026-02-06,,,,,2026-03-20\n"
        "D,refugee,2026-02-05,2026-02-05,,,,,\n",
        encoding="utf-8",
    )
    for fmt in ("csv", "jsonl", "ics"):
        runs = set()
        for seed in ("1", "2", "3"):
            done = deadline(
                "batch",
                str(cases),
                "-f",
                fmt,
                "--as-of",
                "2026-03-01",
                env={"PYTHONHASHSEED": seed},
            )
            runs.add((re.sub(rb"DTSTAMP:\S+", b"", done.stdout), done.stderr))
        assert len(runs) == 1, fmt
        ((_, err),) = runs
        # refusal, notified and served are all unused there: the first in the options' order
        assert b"row 1 (id A): refusal does not apply to the administrative pack" in err
