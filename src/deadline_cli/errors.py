"""The exceptions a user or the world outside can cause, and how the command line reports them.

Exit codes (the README's table):

- 0 done; 1 some batch rows failed; 2 bad input; 3 a deadline within --alert-within days;
- 70 a bug of ours (one line; DEADLINE_DEBUG=1 shows the traceback);
- 74 the output could not be written (a full disk, a closed stdout);
- 130 interrupted (Ctrl-C); 141 the reader of a pipe went away (``| head``), quietly.

Everything said here is a message in the user's language: ``--lang`` or ``$DEADLINE_LANG``,
chosen before any option is parsed (``set_language``), so even a usage error is translated.
"""

from __future__ import annotations

import datetime
import errno
import os
import sys

from deadline_cli.i18n import ENV, LANGUAGES, Lang, Msg, load, msg

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any, NoReturn

EXIT_OK = 0
EXIT_ROWS_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_ALERT = 3
EXIT_INTERNAL = 70
EXIT_OUTPUT = 74  # EX_IOERR (sysexits.h)
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for `yes | head`

_settings: dict[str, str | None] = {"language": None}
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG, errno.EROFS}


class DeadlineError(Exception):
    """Bad input or data: a message for a person that fits on one line.

    The message is a :class:`~deadline_cli.i18n.Msg` (rendered in the user's language when
    printed) or plain text; ``str()`` gives it in English. The CLI prints it on stderr and
    exits with code 2.
    """

    def __init__(self, message: Msg | str) -> None:
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        return str(self.message)


class OutputError(Exception):
    """The output could not be written: a full disk, a closed stdout, an unwritable file."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class OutputClosed(Exception):
    """The reader of our output went away (``| head``): stop quietly."""


def set_language(code: str | None) -> None:
    """The language for errors from now on (an unknown code falls back to English)."""
    _settings["language"] = code


def message_language() -> str:
    """The language of messages on stderr and of --help: --lang or $DEADLINE_LANG, English
    when it is unknown or the terminal cannot show Cyrillic (escapes would be unreadable)."""
    code = (_settings["language"] or os.environ.get("DEADLINE_LANG") or "en").strip().lower()
    if code not in LANGUAGES or (code != "en" and not _stderr_shows_cyrillic()):
        return "en"
    return code


def language_from_argv(argv: list[str]) -> str | None:
    """``--lang X`` or ``--lang=X`` from the command line, before any parser has run."""
    for i, token in enumerate(argv):
        if token == "--":
            break
        if token == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if token.startswith("--lang="):
            return token.partition("=")[2]
    return None


def say(message: Msg | str, language: str | None = None) -> str:
    """A message in the current error language (or ``language``), on one line, safe for a
    terminal."""
    code = language.strip().lower() if language else message_language()
    lang = load(code if code in LANGUAGES else "en")
    return one_line(lang.say(message))


def _stderr_shows_cyrillic() -> bool:
    try:
        "Пә".encode(getattr(sys.stderr, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def one_line(text: str) -> str:
    """Control characters escaped (a newline in an id must not forge a second line, an
    escape sequence must not colour the terminal) and runs of spaces collapsed."""
    return " ".join(safe_text(text).split())


def safe_text(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == " " or ch.isprintable():
            out.append(ch)
        else:
            escaped = repr(ch)[1:-1]
            out.append(escaped if escaped != ch else f"\\u{ord(ch):04x}")
    return "".join(out)


def shown(value: object, limit: int = 60) -> str:
    """A value as a message may echo it: quoted, control characters escaped, cut short
    (a 10 MB cell must not become a 10 MB error line)."""
    # A date or time as the file wrote it (2026-12-31T10:00:00), not Python's repr.
    text = value.isoformat() if isinstance(value, (datetime.date, datetime.time)) else repr(value)
    if len(text) > limit:
        return f"{text[:limit]}... ({len(text)} characters)"
    return text


def write_err(line: str) -> None:
    """One line on stderr; a closed or broken stderr is not our problem to report."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def fail(message: Msg | str) -> NoReturn:
    """One line on stderr, exit code 2."""
    write_err(say_prefixed("error_prefix", message))
    sys.exit(EXIT_BAD_INPUT)


def say_prefixed(key: str, message: Msg | str) -> str:
    return say(msg(key, text=message))


def internal_error(exc: BaseException) -> NoReturn:
    """A bug of ours: still one line and no traceback, unless DEADLINE_DEBUG is set."""
    if os.environ.get("DEADLINE_DEBUG"):
        raise exc

    write_err(say(msg("error_internal", kind=type(exc).__name__, text=str(exc)[:200])))
    sys.exit(EXIT_INTERNAL)


def output_failed(reason: str) -> NoReturn:
    write_err(say(msg("error_output", reason=reason)))
    _silence_stdout()
    sys.exit(EXIT_OUTPUT)


def pipe_closed() -> NoReturn:
    _silence_stdout()
    sys.exit(EXIT_BROKEN_PIPE)


def interrupted() -> NoReturn:
    write_err(say(msg("error_interrupted")))
    sys.exit(EXIT_INTERRUPTED)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        if sys.stdout is not None:
            os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


_OS_ERRORS = {
    errno.ENOENT: "os_no_such_file",
    errno.EACCES: "os_permission",
    errno.EPERM: "os_permission",
    errno.EISDIR: "os_is_directory",
    errno.ENOTDIR: "os_not_directory",
    errno.ENOSPC: "os_no_space",
    errno.EDQUOT: "os_no_space",
    errno.ENAMETOOLONG: "os_name_too_long",
    errno.EROFS: "os_read_only",
    errno.EIO: "os_io",
}


def describe_os_error(exc: OSError) -> str:
    """What the system said, in the user's language where we know the words."""
    key = _OS_ERRORS.get(exc.errno or 0)
    if key is None:
        return exc.strerror or type(exc).__name__

    return say(msg(key))


class reported:  # used as a function: `with reported():`
    """Around a whole command: every failure becomes one line and an exit code.

    A class rather than ``@contextlib.contextmanager``: importing contextlib (with
    importlib.util) cost ~2 ms of a start of ~40 ms."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, exc: BaseException | None, trace: object) -> None:
        if isinstance(exc, Exception | KeyboardInterrupt):
            _report(exc)  # one line, then exit; anything else (SystemExit) goes on


def _report(exc: BaseException) -> NoReturn:
    if isinstance(exc, DeadlineError):
        fail(exc.message)
    if isinstance(exc, OutputClosed):
        pipe_closed()
    if isinstance(exc, OutputError):
        output_failed(exc.reason)
    if isinstance(exc, KeyboardInterrupt):
        interrupted()
    if isinstance(exc, BrokenPipeError):
        pipe_closed()
    if isinstance(exc, UnicodeEncodeError):  # an output stream that cannot hold the text
        output_failed(f"{exc.encoding} cannot encode {exc.object[exc.start : exc.end]!r}")
    # Writes go through emit(), which reports its own failures; a write failing elsewhere (a
    # flush on the way out) is still the output, not a bug.
    if (
        isinstance(exc, OSError)
        and exc.errno in _OUTPUT_ERRNOS
        and getattr(exc, "filename", None) is None
    ):
        output_failed(describe_os_error(exc))
    internal_error(exc)  # a bug of ours: still no traceback for the user


def read_limited(path: Path, limit: int, key: str) -> str:
    """A small text file, refused (as the message ``key``) when unreadable, too large,
    not UTF-8, or not a regular file; /dev/zero is never read to the end."""

    def refuse(problem: Any) -> DeadlineError:
        return DeadlineError(msg(key, path=str(path), problem=problem))

    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise refuse(msg("file_unreadable", problem=describe_os_error(exc))) from None
    if len(data) > limit:
        raise refuse(msg("file_too_large", limit=f"{limit // 1024} KiB"))
    if b"\x00" in data:
        raise refuse(msg("file_has_nul"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(msg("file_not_utf8", offset=str(exc.start))) from None


def choose(option: str | None) -> Lang:
    """The language of --lang, else $DEADLINE_LANG, else English; an unknown one is the user's
    error (exit 2)."""
    code = (option or os.environ.get(ENV) or "en").strip().lower()
    if code not in LANGUAGES:
        raise DeadlineError(msg("error_language", value=shown(code), languages=LANGUAGES))
    return load(code)
