"""The one exception type a user can cause, and how the command line reports errors."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70


class DeadlineError(Exception):
    """Bad input or data: the message is written for a person and fits on one line.

    The CLI prints it on stderr and exits with code 2; the core raises nothing else on purpose.
    """


def fail(message: str) -> NoReturn:
    """One line on stderr, exit code 2."""
    first = " ".join(message.split())
    sys.stderr.write(f"deadline: error: {first}\n")
    sys.exit(EXIT_BAD_INPUT)


def internal_error(exc: BaseException) -> NoReturn:
    """A bug of ours: still one line and no traceback, unless DEADLINE_DEBUG is set."""
    if os.environ.get("DEADLINE_DEBUG"):
        raise exc
    sys.stderr.write(
        f"deadline: internal error: {type(exc).__name__}: {exc} "
        "(set DEADLINE_DEBUG=1 for details, and please report it)\n"
    )
    sys.exit(EXIT_INTERNAL)


@contextmanager
def reported() -> Iterator[None]:
    """Around a whole command: every failure becomes one line and an exit code."""
    try:
        yield
    except DeadlineError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (| head): not an error
        sys.exit(0)
    except Exception as exc:  # a bug of ours: still no traceback for the user
        internal_error(exc)
