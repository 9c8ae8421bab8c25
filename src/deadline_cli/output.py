"""Where output goes: stdout in UTF-8 (or an encoding asked for), with its failures named.

Every write goes through :class:`Output`. A full disk or a closed stdout becomes
:class:`OutputError` (one line, exit 74), a reader that went away (``| head``)
:class:`OutputClosed` (quiet, exit 141). A terminal whose encoding cannot show Cyrillic gets
escapes and one line saying how to fix it, never a crash (:func:`prepare_streams`); data for
programs (CSV, JSON, ICS) is never written as escapes: it is refused whole (exit 74).
"""

from __future__ import annotations

import codecs
import sys

from deadline_cli.errors import (
    OutputClosed,
    OutputError,
    describe_os_error,
    language_from_argv,
    say,
    set_language,
    write_err,
)

TYPE_CHECKING = False  # typing is not imported on the start-up path (~3 ms)
if TYPE_CHECKING:
    from typing import IO

_PROBE = "Пә"  # Cyrillic and a Kazakh letter: what the tool prints for people


def prepare(argv: list[str]) -> None:
    """Before any parsing: the language of messages, and output streams safe for any text."""
    set_language(language_from_argv(argv))
    prepare_streams(note=not _data_format(argv))


_DATA_FORMATS = frozenset({"csv", "json", "jsonl", "ics"})


def _data_format(argv: list[str]) -> bool:
    """Whether argv asks for data for programs (-f csv, --format=json...): the note about
    escapes is for people; data is refused instead of escaped."""
    for i, arg in enumerate(argv):
        value = None
        if arg in ("-f", "--format") and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--format="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-f") and len(arg) > 2 and not arg.startswith("--"):
            value = arg[2:]
        if value is not None and value.strip().lower() in _DATA_FORMATS:
            return True
    return False


def prepare_streams(note: bool = True) -> None:
    """Make stdout and stderr safe for any text: a stream whose encoding cannot hold Cyrillic
    writes escapes instead of raising, and the user is told once how to see the letters
    (``note``: not for data for programs, which is refused instead: see :class:`Output`)."""
    from deadline_cli.i18n import msg

    said = not note  # (said in English where stderr cannot show Cyrillic: errors.say)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:
            continue
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            _PROBE.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, ValueError):
                continue
            if not said:
                said = True
                write_err(say(msg("notice_encoding", encoding=encoding)))


class Output:
    """stdout, written in ``encoding`` (None: as the stream is set up, UTF-8 normally).

    ``exact``: data for programs. Where the stream's own encoding cannot hold a character,
    nothing of the text is written and :class:`OutputError` says why: escapes in a CSV or a
    calendar would be mangled data. (``encoding`` given by the user replaces and counts.)"""

    def __init__(self, encoding: str | None = None, bom: bool = False, exact: bool = False) -> None:
        self.encoding = encoding
        self.bom = bom
        self.exact = exact
        self.replaced = 0
        self.started = False
        if encoding is not None:
            try:
                codecs.lookup(encoding)
            except LookupError:
                from deadline_cli.errors import DeadlineError, shown
                from deadline_cli.i18n import msg

                raise DeadlineError(msg("error_encoding", value=shown(encoding))) from None

    def _stream(self) -> IO[str]:
        stream = sys.stdout
        if stream is None:
            from deadline_cli.errors import say
            from deadline_cli.i18n import msg

            raise OutputError(say(msg("reason_stdout_closed")))
        return stream

    def write(self, text: str) -> None:
        stream = self._stream()
        try:
            if self.encoding is None and not self.bom:
                if self.exact:
                    _check_encodable(text, getattr(stream, "encoding", None) or "utf-8")
                stream.write(text)
            else:
                data = self._encode(text)
                buffer = getattr(stream, "buffer", None)
                if buffer is None:
                    stream.write(data.decode(self.encoding or "utf-8", errors="replace"))
                else:
                    stream.flush()
                    buffer.write(data)
            self.started = True
        except BrokenPipeError:
            raise OutputClosed() from None
        except (OSError, ValueError) as exc:
            raise OutputError(_reason(exc)) from None

    def _encode(self, text: str) -> bytes:
        encoding = self.encoding or "utf-8"
        prefix = b""
        if self.bom and not self.started:
            prefix = codecs.BOM_UTF8 if encoding.replace("-", "").lower() == "utf8" else b""
        try:
            return prefix + text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode(encoding, errors="replace")
            self.replaced += sum(1 for ch in text if not _encodable(ch, encoding))
            return prefix + data

    def flush(self) -> None:
        stream = sys.stdout
        if stream is None:
            return
        try:
            stream.flush()
            buffer = getattr(stream, "buffer", None)
            if buffer is not None:
                buffer.flush()
        except BrokenPipeError:
            raise OutputClosed() from None
        except (OSError, ValueError) as exc:
            raise OutputError(_reason(exc)) from None

    def finish(self) -> None:
        self.flush()
        if self.replaced:
            from deadline_cli.i18n import msg

            write_err(say(msg("notice_replaced", count=str(self.replaced), encoding=self.encoding)))


def _check_encodable(text: str, encoding: str) -> None:
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        from deadline_cli.errors import say
        from deadline_cli.i18n import msg

        bad = exc.object[exc.start : exc.end]
        reason = msg("reason_cannot_encode", encoding=encoding, char=ascii(bad[:1]))
        raise OutputError(say(reason)) from None
    except LookupError:
        return


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return str(exc) or type(exc).__name__


def emit(text: str, exact: bool = False) -> None:
    """Write ``text`` to stdout now (for commands that print one result; ``exact`` for data
    for programs, see :class:`Output`)."""
    out = Output(exact=exact)
    out.write(text)
    out.flush()
